"""A workstation with a wrong clock. Issue 23: a token request 290 s in the future (inside
the allowed skew) was accepted, and then every later request was refused as a replay until
the workstation's clock passed that time, so a clock corrected by NTP locked it out of sync.
The replay check now keys on the nonce; HQ tells the workstation its time, and the
workstation says how far off its clock is."""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from sqlalchemy import func, select

from core.clock import iso_utc, parse_iso_utc
from db.models.hq import HqAuthNonce
from sync.client import Credentials, HqClient
from sync.clock import CLOCK_WARNING_S, clock_recorder
from sync.link import client_for, require_link
from sync.protocol import API, TOKEN_CLOCK_SKEW_S, token_request_message
from sync.status import sync_status

pytestmark = pytest.mark.slow


def _token_request(workspace, at: datetime, nonce: str | None = None) -> dict:  # noqa: ANN001
    nonce = nonce or os.urandom(16).hex()
    text = iso_utc(at)
    return {"workstation_id": workspace.workstation_id, "at": text, "nonce": nonce,
            "signature": workspace.audit.signer.sign(
                token_request_message(workspace.workstation_id, text, nonce))}


def _nonces(hq, workstation_id: str) -> int:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return session.execute(select(func.count()).select_from(HqAuthNonce).where(
            HqAuthNonce.workstation_id == workstation_id)).scalar_one()


def test_a_clock_corrected_backwards_is_not_locked_out_and_a_replay_is(hq, enrolled):
    workspace = enrolled()
    now = datetime.now(timezone.utc)
    with httpx.Client(base_url=hq.url, timeout=30) as http:
        ahead = http.post(f"{API}/auth/token", json=_token_request(
            workspace, now + timedelta(seconds=290)))
        assert ahead.status_code == 200, ahead.text
        # NTP put the clock right: the next request carries the true time.
        corrected = http.post(f"{API}/auth/token", json=_token_request(workspace, now))
        assert corrected.status_code == 200, corrected.text
        told = parse_iso_utc(corrected.json()["server_time"])
        assert abs((told - datetime.now(timezone.utc)).total_seconds()) < 30
        state = http.get(f"{API}/ledger/state",
                         headers={"Authorization": f"Bearer {corrected.json()['token']}"})
        assert state.status_code == 200

        # The very same request again is a replay, whatever its time.
        request = _token_request(workspace, now - timedelta(seconds=10))
        assert http.post(f"{API}/auth/token", json=request).status_code == 200
        replay = http.post(f"{API}/auth/token", json=request)
        assert replay.status_code == 401
        assert "replay" in replay.json()["error"]["message_en"]
        # Beyond the allowed skew: refused, naming HQ's time.
        late = http.post(f"{API}/auth/token", json=_token_request(
            workspace, now - timedelta(seconds=TOKEN_CLOCK_SKEW_S + 30)))
        assert late.status_code == 401 and "too far" in late.json()["error"]["message_en"]
    assert _nonces(hq, workspace.workstation_id) == 3

    # Nonces older than the window are forgotten (here by the workstation's next request).
    with hq.open() as server_side, server_side.db.write(actor="t", action="t") as session:
        for row in session.execute(select(HqAuthNonce)).scalars():
            row.at = now - timedelta(seconds=TOKEN_CLOCK_SKEW_S + 1)
    with httpx.Client(base_url=hq.url, timeout=30) as http:
        assert http.post(f"{API}/auth/token", json=_token_request(
            workspace, datetime.now(timezone.utc))).status_code == 200
    assert _nonces(hq, workspace.workstation_id) == 1


# What HQ adds is its time in the answer; the rest is the workstation's.
@pytest.mark.parametrize("hq_backend", [None], ids=["sqlite"])
def test_hq_tells_the_workstation_how_far_its_clock_is_off(hq, enrolled, lawdesk_here):
    workspace = enrolled()
    # This workstation's clock runs 95 s slow: inside the skew HQ allows, outside the
    # warning's 60 s.
    def slow() -> datetime:
        return datetime.now(timezone.utc) - timedelta(seconds=95)

    credentials = Credentials(workspace.workstation_id, workspace.audit.signer, slow,
                              on_clock=clock_recorder(workspace.db))
    with HqClient(hq.url, credentials=credentials) as client:
        client.token()
        assert 90 < client.clock_offset < 100
    status = sync_status(workspace)
    assert status.clock_warning and 90 < status.clock_offset_s < 100
    assert abs(status.clock_offset_s) > CLOCK_WARNING_S
    shown = status.as_json()["clock"]
    assert shown["warning"] is True and shown["checked_at"]

    human = lawdesk_here(workspace.data_dir, "sync", "status", LAWDESK_LANG="en")
    assert human.returncode == 0, human.stderr
    assert "s behind HQ's" in human.stderr, human.stderr
    assert "correct the system time" in human.stderr

    # A clock within the minute (the workstation's own client): measured, no warning.
    with client_for(workspace, require_link(workspace.db)) as client:
        client.token()
    status = sync_status(workspace)
    assert abs(status.clock_offset_s) < 5 and not status.clock_warning
