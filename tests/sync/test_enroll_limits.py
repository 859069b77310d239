"""Enrollment under attack: issue 23 sent 300 wrong codes at 173 a second, all answered 403,
none in HQ's ledger, everyone else's requests 2-5 times slower meanwhile. Now an address
is made to wait after a few failures (429, Retry-After, doubling while it insists), the
whole server after many, every failure is in HQ's ledger without the code, and an unknown,
a used and an expired code get the very same answer."""
from __future__ import annotations

import json
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from audit.keys import create_keys
from db.models import HqEnrollmentCode, LedgerEntry
from hq import enroll_throttle as limits
from hq.enrollment import code_digest, code_fingerprint
from sync.protocol import API

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def public_key(tmp_path_factory) -> str:  # noqa: ANN001
    """A well-formed key: the tries below fail on their codes, nothing else."""
    return create_keys(tmp_path_factory.mktemp("probe") / "keys").public_hex


def _attempt(http: httpx.Client, code: str, key: str, n: int = 0) -> httpx.Response:
    return http.post(f"{API}/enroll", json={"code": code, "workstation_id": f"{n:032x}",
                                            "public_key": key, "name": "probe"})


def _client(hq, address: str = "127.0.0.1") -> httpx.Client:  # noqa: ANN001
    return httpx.Client(base_url=hq.url, timeout=30,
                        transport=httpx.HTTPTransport(local_address=address))


def _refusal_entries(hq) -> list[dict]:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return [json.loads(change) for change in session.execute(
            select(LedgerEntry.change).where(LedgerEntry.action == "hq.enroll_refused")
            .order_by(LedgerEntry.seq)).scalars()]


def test_unknown_used_and_expired_codes_get_one_answer(hq, public_key):
    used, expired = hq.enroll_code(), hq.enroll_code()
    with _client(hq) as http:
        first = http.post(f"{API}/enroll", json={"code": used, "workstation_id": "ab" * 16,
                                                 "public_key": public_key})
        assert first.status_code == 200, first.text
        with hq.open() as server_side, server_side.db.write(actor="t", action="t") as session:
            row = session.execute(select(HqEnrollmentCode).where(
                HqEnrollmentCode.code_sha256 == code_digest(expired))).scalar_one()
            row.expires_at = row.created_at - timedelta(seconds=1)
        answers = [_attempt(http, code, public_key, n + 1) for n, code in enumerate(
            ("AAAA-BBBB-CCCC-DDDD-EEEE", used, expired))]
    assert {a.status_code for a in answers} == {403}
    assert len({a.text for a in answers}) == 1, [a.text for a in answers]
    error = answers[0].json()["error"]
    assert error["code"] == "enroll_code_refused"
    assert "unknown, used or expired" in error["message_en"]
    # HQ's own ledger knows which was which; the code itself is nowhere in it.
    entries = _refusal_entries(hq)
    assert [e["why"] for e in entries] == ["unknown", "used", "expired"]
    assert {e["address"] for e in entries} == {"127.0.0.1"}
    assert entries[1]["code_sha256_prefix"] == code_fingerprint(used)
    with hq.open() as server_side, server_side.db.read() as session:
        ledger = " ".join(session.execute(select(LedgerEntry.change)).scalars())
    assert used.replace("-", "") not in ledger.replace("-", "") and used not in ledger


# The throttle lives in the server's memory: one database is enough to watch it.
@pytest.mark.parametrize("hq_backend", [None], ids=["sqlite"])
def test_a_flood_of_wrong_codes_is_throttled_and_audited(hq, public_key):
    started = time.monotonic()
    with _client(hq) as http:
        answers = [_attempt(http, f"WRONG-{n:04d}-CODE", public_key, n) for n in range(300)]
    flood_s = time.monotonic() - started
    statuses = [a.status_code for a in answers]
    assert statuses[:limits.ADDRESS_FAILURES] == [403] * limits.ADDRESS_FAILURES
    assert set(statuses[limits.ADDRESS_FAILURES:]) == {429}
    throttled = answers[limits.ADDRESS_FAILURES:]
    assert throttled[0].json()["error"]["code"] == "enroll_throttled"
    waits = [int(a.headers["Retry-After"]) for a in throttled]
    # Each try while waiting doubles the wait, up to the cap.
    assert waits[:4] == [60, 120, 240, 480] and max(waits) == limits.BACKOFF_MAX_S
    assert f"{waits[0]}" in throttled[0].json()["error"]["message_en"]

    # Every failure is one entry in HQ's ledger, the moment the wait began noted; none of
    # the throttled tries cost a write.
    entries = _refusal_entries(hq)
    assert len(entries) == limits.ADDRESS_FAILURES
    assert [e.get("throttled_seconds") for e in entries][-1] == limits.BACKOFF_BASE_S
    assert [e["code_sha256_prefix"] for e in entries] == [
        code_fingerprint(f"WRONG-{n:04d}-CODE") for n in range(limits.ADDRESS_FAILURES)]

    # Another address is not held back by this one: a good code enrolls from there.
    with _client(hq, "127.0.0.9") as http:
        answer = http.post(f"{API}/enroll", json={"code": hq.enroll_code(),
                                                  "workstation_id": "ef" * 16,
                                                  "public_key": public_key})
    assert answer.status_code == 200, answer.text
    print(f"300 tries answered in {flood_s:.2f} s")


@pytest.mark.parametrize("hq_backend", [None], ids=["sqlite"])
def test_failures_from_many_addresses_make_everyone_wait(hq, public_key):
    per_address = limits.ADDRESS_FAILURES
    addresses = [f"127.0.0.{n}" for n in range(2, 2 + limits.GLOBAL_FAILURES // per_address)]
    n = 0
    for address in addresses:
        with _client(hq, address) as http:
            for _ in range(per_address):
                assert _attempt(http, "AAAA-BBBB-CCCC-DDDD-EEEE", public_key,
                                n).status_code == 403
                n += 1
    # A fresh address, and even a good code, now waits for the oldest failure to age out.
    with _client(hq, "127.0.0.100") as http:
        answer = http.post(f"{API}/enroll", json={"code": hq.enroll_code(),
                                                  "workstation_id": "cd" * 16,
                                                  "public_key": public_key})
    assert answer.status_code == 429
    assert answer.json()["error"]["code"] == "enroll_throttled"
    assert 0 < int(answer.headers["Retry-After"]) <= limits.GLOBAL_WINDOW_S
    assert {e["address"] for e in _refusal_entries(hq)} == set(addresses)
