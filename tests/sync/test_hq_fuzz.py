"""HQ's HTTP API fuzzed from its own OpenAPI description (schemathesis over Hypothesis),
against a real `lawdesk hq serve` on SQLite: no request, valid or not, with a workstation's
token or without, may end in a 5xx or in an answer its description does not allow.

Bounded and deterministic (derandomised, a fixed number of examples per operation) so it
runs in CI in seconds. The inputs that broke HQ (issue 23's and the fuzzer's) have plain
regression tests below."""
from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from tests.sync.edge_helpers import enroll_copy, start_hq, token_of

pytestmark = pytest.mark.slow

API = "/api/v1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
FUZZ = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    hq = start_hq(tmp_path_factory.mktemp("fuzz") / "hq")
    yield hq
    hq.stop()


@pytest.fixture(scope="module")
def station(server, initialised_template: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = enroll_copy(server, initialised_template, tmp_path_factory.mktemp("fuzz-ws") / "ws")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def token(station) -> str:
    return token_of(station)


@pytest.fixture(scope="module")
def unflag(server, station):  # noqa: ANN201
    """Clears the flag HQ sets on the workstation when a fuzzed push breaks its chain (most
    do), so every push gets past the flag to the checks behind it, as an admin would."""
    from hq.ledger import clear_flag
    from tests.sync.conftest import admin_context
    workspace = server.open()

    def before(case) -> None:  # noqa: ANN001
        if case.path.endswith("/ledger/push"):
            clear_flag(admin_context(workspace), station.workstation_id)

    yield before
    workspace.close()


@pytest.fixture(scope="module")
def description(server, token):  # noqa: ANN201
    """The description HQ's code publishes (HQ serves it only to an administrator, and
    this server keeps the default: off). After the workstation's enrollment: the fuzzing
    that follows gets enrollment from this address throttled."""
    from hq.app import create_app
    with server.open() as workspace:
        raw = create_app(workspace).openapi()
    return schemathesis.openapi.from_dict(raw)


def _negatable(operation) -> bool:  # noqa: ANN001
    """Whether a request can break the description: a body, or a path or query parameter
    with a constraint (any text is a valid plain string parameter)."""
    definition = operation.definition.raw
    return "requestBody" in definition or any(
        parameter.get("in") in ("path", "query")
        and (set(parameter.get("schema", {})) - {"type", "title", "description"}
             or parameter.get("schema", {}).get("type") != "string")
        for parameter in definition.get("parameters", ()))


def _fuzz(schema, server, mode: GenerationMode, headers: dict[str, str],  # noqa: ANN001
          before: Callable[[Any], object] = lambda _case: None) -> list[str]:
    """Each operation in turn (schemathesis' pytest plugin cannot take a fixture's schema
    under pytest 9); returns what failed, one line per operation."""
    failures = []
    session = requests.Session()  # one connection for all, as a workstation keeps one
    for result in schema.get_all_operations():
        operation = result.ok()
        if mode is GenerationMode.NEGATIVE and not _negatable(operation):
            continue  # only an optional header: there is no invalid request to make

        @FUZZ
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case) -> None:  # noqa: ANN001
            before(case)
            case.call_and_validate(base_url=server.url, session=session, checks=CHECKS,
                                   timeout=30, headers=headers)

        try:
            call()
        except Exception as failure:  # noqa: BLE001 - reported below, every operation
            failures.append(f"{operation.method.upper()} {operation.path}: {failure}")
    return failures


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_without_a_token_breaks_hq(description, server, mode) -> None:  # noqa: ANN001
    failures = _fuzz(description, server, mode, {})
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_with_a_token_breaks_hq(description, server, token, unflag,  # noqa: ANN001
                                           mode) -> None:
    failures = _fuzz(description, server, mode, {"Authorization": f"Bearer {token}"}, unflag)
    assert not failures, "\n\n".join(failures)


# ------------------------------------------------------------------ what once broke HQ (500)
def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("value", ["Bearer токен", "Bearer ²", "Bearer abc.é"])
def test_a_non_ascii_bearer_token_is_not_authenticated(server, value: str) -> None:
    # Sent as UTF-8 bytes; HQ reads header bytes as latin-1, so it sees non-ASCII text.
    response = httpx.get(f"{server.url}{API}/ledger/state", timeout=10,
                         headers={"Authorization": value.encode()})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def _tus(token: str, **headers: bytes | str) -> dict[str, bytes | str]:
    return {**_bearer(token), "Tus-Resumable": "1.0.0", **headers}


@pytest.mark.parametrize("length", [b"\xb2", b"1\xb3", b"9" * 5000, str(1 << 63).encode()])
def test_upload_length_takes_ascii_digits_only(server, token, length: bytes) -> None:
    # b"\xb2" is '²' in latin-1: str.isdigit() said yes, int() said no.
    response = httpx.post(f"{server.url}{API}/files/", timeout=10, headers=_tus(
        token, **{"Upload-Length": length,
                  "Upload-Metadata": "sha256 " + base64.b64encode(b"a" * 64).decode()}))
    assert response.status_code == 400
    assert response.headers["Tus-Resumable"] == "1.0.0"
    error = response.json()["error"]
    assert error["code"] == "upload_refused"
    assert "Upload-Length" in error["message_en"]


def test_upload_offset_takes_ascii_digits_only(server, token) -> None:
    response = httpx.patch(f"{server.url}{API}/files/some-upload", timeout=10, content=b"x",
                           headers=_tus(token, **{
                               "Upload-Offset": b"\xb9", "Upload-Checksum": "crc32 AAAAAA==",
                               "Content-Type": "application/offset+octet-stream"}))
    assert response.status_code == 400
    assert "Upload-Offset" in response.json()["error"]["message_en"]


def _checkpoint(seq: int) -> dict:
    return {"seq": seq, "head_hash": "0" * 64, "at": "2026-01-01T00:00:00Z", "signature": "00"}


@pytest.mark.parametrize("seq", [1 << 63, (1 << 63) + 5, 1 << 31, 0, -1])
def test_a_checkpoint_seq_out_of_range_is_refused(server, token, seq: int) -> None:
    response = httpx.post(f"{server.url}{API}/ledger/push", timeout=10, headers=_bearer(token),
                          json={"entries": [], "checkpoints": [_checkpoint(seq)]})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert "checkpoints.0.seq" in error["message_en"]


def test_an_entry_seq_out_of_range_or_with_nul_is_refused(server, token) -> None:
    entry = {"seq": 1 << 63, "at": "2026-01-01T00:00:00Z", "actor": "admin",
             "action": "case.new", "object_type": "enforcement_case", "object_id": "x",
             "change": "{}", "prev_hash": "0" * 64, "hash": "0" * 64}
    for bad, where in ((entry, "entries.0.seq"),
                       ({**entry, "seq": 1, "object_id": "a\x00b"}, "entries.0.object_id")):
        response = httpx.post(f"{server.url}{API}/ledger/push", timeout=10,
                              headers=_bearer(token), json={"entries": [bad], "checkpoints": []})
        assert response.status_code == 422
        assert where in response.json()["error"]["message_en"]


def test_a_body_that_is_not_json_gets_the_usual_error_body(server) -> None:
    # FastAPI's own {"detail": ...} answers (found by the fuzzer) come in HQ's shape too.
    response = httpx.post(f"{server.url}{API}/enroll", timeout=10, content=b"\xff\xfe\x06",
                          headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500
    assert set(response.json()["error"]) == {"code", "message", "message_en"}
    missing = httpx.get(f"{server.url}{API}/no-such-thing", timeout=10)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


# ------------------------------------------------------------------ what HQ tells strangers
def test_hq_tells_a_stranger_only_what_enrollment_needs(server) -> None:
    hello = httpx.get(f"{server.url}{API}/hello", timeout=10)
    assert "version" not in hello.json()
    assert {"server_id", "protocol"} <= set(hello.json())
    assert "server" not in hello.headers  # no "uvicorn", no version
    # The API description is off unless the setting hq.api_docs says "admin".
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert httpx.get(f"{server.url}{path}", timeout=10).status_code == 404
