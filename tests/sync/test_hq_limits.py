"""HQ's limits at the edge, against a real `lawdesk hq serve` over loopback (hq.limits,
hq.http_protocol): bodies refused at their endpoint's limit without being read into memory,
slow or oversized request heads cut off, connections capped, and the API description
served only to an HQ administrator, from HQ itself."""
from __future__ import annotations

import base64
import json
import select
import socket
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.sync.edge_helpers import enroll_copy, rss_kib, start_hq, token_of

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

HEADER_TIMEOUT_S = 2
BODY_TIMEOUT_S = 2
MAX_CONNECTIONS = 60
MIB = 1 << 20


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("edge") / "hq"
    # A freshly started `python -m lawdesk hq serve`: its memory is measured below, which a
    # child forked from a process with LawDesk imported would share with that process.
    hq = start_hq(folder, {"hq.header_timeout_seconds": HEADER_TIMEOUT_S,
                           "hq.body_timeout_seconds": BODY_TIMEOUT_S,
                           "hq.max_connections": MAX_CONNECTIONS, "hq.api_docs": "admin"},
                  fresh_interpreter=True)
    yield hq
    hq.stop()


@pytest.fixture(scope="module")
def station(server, initialised_template: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = enroll_copy(server, initialised_template, tmp_path_factory.mktemp("edge-ws") / "ws")
    yield workspace
    workspace.close()


# ------------------------------------------------------------------------------ raw HTTP
def _answer(data: bytes) -> tuple[int, dict]:
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, (json.loads(body) if body.startswith(b"{") else {})


def stream_at(port: int, head: bytes, pieces) -> tuple[bytes, int]:  # noqa: ANN001
    """Send ``head``, then ``pieces`` until HQ answers or drops the connection; returns
    what HQ answered and how many body bytes the socket took."""
    sock = socket.create_connection(("127.0.0.1", port))
    sent = 0
    try:
        sock.sendall(head)
        for piece in pieces:
            if select.select([sock], [], [], 0)[0]:
                break  # an answer: stop sending, as a client reading its socket would
            sock.sendall(piece)
            sent += len(piece)
    except OSError:
        pass  # HQ closed the connection on us
    received = b""
    sock.settimeout(10)
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except OSError:
        pass
    sock.close()
    return received, sent


def _reset_peak(pid: int) -> None:
    # 5 resets the peak resident size (VmHWM) to the present one (Linux >= 4.0).
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _enroll_head(framing: bytes) -> bytes:
    return (b"POST /api/v1/enroll HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
            + framing + b"\r\n")


@pytest.mark.parametrize("framing", ["chunked", "declared", "lying"])
def test_100_mb_at_enrollment_is_refused_without_being_read(server, framing: str) -> None:
    piece = b"{" + b"x" * (MIB - 1)
    if framing == "chunked":      # no Content-Length: counted as it arrives
        head = _enroll_head(b"Transfer-Encoding: chunked\r\n")
        pieces = (b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(100))
    elif framing == "declared":   # an honest Content-Length over the limit
        head = _enroll_head(b"Content-Length: %d\r\n" % (100 * MIB))
        pieces = (piece for _ in range(100))
    else:                         # says 4,000 bytes, then sends 100 MB
        head = _enroll_head(b"Content-Length: 4000\r\n")
        pieces = (piece for _ in range(100))
    pid = server.process.pid
    idle = rss_kib(pid)
    _reset_peak(pid)

    answer, sent = stream_at(server.port, head, pieces)

    peak = rss_kib(pid, "VmHWM")
    assert peak - idle < 50 * 1024, f"HQ grew from {idle} KiB to {peak} KiB"
    assert sent < 100 * MIB, "HQ read the whole body"
    if framing == "lying":
        # The 4,000 bytes are a request of their own; the rest is not HTTP: HQ drops the
        # connection (with at most a 4xx), it never reads on.
        assert not answer or 400 <= _answer(answer)[0] < 500
    else:
        status, body = _answer(answer)
        assert status == 413
        assert body["error"]["code"] == "request_too_large"
        assert "/api/v1/enroll" in body["error"]["message_en"]
        assert "8192" in body["error"]["message_en"]
    assert httpx.get(f"{server.url}/api/v1/hello", timeout=10).status_code == 200


def test_a_body_sent_a_byte_at_a_time_is_cut_off(server) -> None:
    sock = socket.create_connection(("127.0.0.1", server.port))
    started = time.monotonic()
    sock.sendall(_enroll_head(b"Content-Length: 100\r\n") + b'{"code": ')
    sock.settimeout(10)
    answer = b""
    while chunk := sock.recv(4096):
        answer += chunk
    took = time.monotonic() - started
    sock.close()
    status, body = _answer(answer)
    assert status == 408
    assert body["error"]["code"] == "request_timeout"
    # hq.body_timeout_seconds plus a second per 16 KiB of the 8 KiB limit
    assert BODY_TIMEOUT_S <= took <= BODY_TIMEOUT_S + 0.5 + 1.0


def test_a_push_over_its_limit_is_refused_from_its_content_length(server) -> None:
    head = (b"POST /api/v1/ledger/push HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json"
            b"\r\nContent-Length: %d\r\n\r\n" % (32 * MIB + 1))
    answer, _ = stream_at(server.port, head, (b"x" * MIB for _ in range(33)))
    status, body = _answer(answer)
    assert status == 413
    assert "hq.max_push_mib" in body["error"]["message_en"]


def test_a_ledger_entry_with_a_20_mib_change_is_refused_naming_it(server, station) -> None:
    token = token_of(station)
    entry = {"seq": 7, "at": "2026-01-01T00:00:00Z", "actor": "admin", "action": "case.new",
             "object_type": "enforcement_case", "object_id": "x",
             "change": "a" * (20 * MIB), "prev_hash": "0" * 64, "hash": "0" * 64}
    response = httpx.post(f"{server.url}/api/v1/ledger/push", timeout=60,
                          headers={"Authorization": f"Bearer {token}"},
                          json={"entries": [entry], "checkpoints": []})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "ledger_entry_too_large"
    assert error["message_en"].startswith("Ledger entry 7 carries 20971520 bytes")
    # Refused at the door: nothing stored, the workstation not flagged.
    state = httpx.get(f"{server.url}/api/v1/ledger/state", timeout=10,
                      headers={"Authorization": f"Bearer {token}"}).json()
    assert state["chain_problem"] is None


# ------------------------------------------------------------------------------ heads
def test_slow_headers_are_cut_off_while_a_workstation_syncs(server, station) -> None:
    from sync.engine import run_pass
    sockets = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(50)]
    opened = {s: time.monotonic() for s in sockets}
    closed: dict[socket.socket, float] = {}
    answers = {s: b"" for s in sockets}

    def trickle() -> None:
        """One header line a second on each connection, until HQ closes them all."""
        line = 0
        next_line = time.monotonic()
        give_up = next_line + HEADER_TIMEOUT_S + 10
        while len(closed) < len(sockets) and time.monotonic() < give_up:
            now = time.monotonic()
            if now >= next_line:
                for sock in sockets:
                    if sock not in closed:
                        try:
                            sock.sendall(b"POST /api/v1/enroll HTTP/1.1\r\n" if line == 0
                                         else b"X-Slow-%d: 1\r\n" % line)
                        except OSError:
                            closed[sock] = time.monotonic()
                line += 1
                next_line += 1.0
            waiting = [s for s in sockets if s not in closed]
            for sock in select.select(waiting, [], [], max(0.0, next_line - now))[0]:
                try:
                    data = sock.recv(4096)
                except OSError:
                    data = b""
                answers[sock] += data
                if not data:
                    closed[sock] = time.monotonic()

    thread = threading.Thread(target=trickle)
    thread.start()
    summary = run_pass(station, language="en")
    thread.join()
    for sock in sockets:
        sock.close()

    assert summary.ok, summary.as_json()
    assert len(closed) == len(sockets), f"{len(sockets) - len(closed)} connections still open"
    held = [closed[s] - opened[s] for s in sockets]
    assert max(held) <= HEADER_TIMEOUT_S + 1.5, f"held for up to {max(held):.2f} s"
    assert min(held) >= HEADER_TIMEOUT_S - 0.1
    for sock in sockets:
        assert answers[sock].startswith(b"HTTP/1.1 408"), answers[sock][:80]
        assert _answer(answers[sock])[1]["error"]["code"] == "header_timeout"


def test_an_oversized_request_head_is_refused(server) -> None:
    head = b"GET /api/v1/hello HTTP/1.1\r\nHost: hq\r\nX-Big: "
    answer, sent = stream_at(server.port, head, (b"a" * 65536 for _ in range(1600)))
    assert sent < 100 * MIB
    status, body = _answer(answer)
    assert status == 431
    assert body["error"]["code"] == "headers_too_large"


def test_connections_past_the_cap_are_answered_503_at_once(server) -> None:
    sockets = [socket.create_connection(("127.0.0.1", server.port))
               for _ in range(MAX_CONNECTIONS + 5)]
    try:
        refused = []
        deadline = time.monotonic() + 5
        while len(refused) < 5 and time.monotonic() < deadline:
            for sock in select.select([s for s in sockets if s not in refused], [], [], 0.1)[0]:
                refused.append(sock)
        assert len(refused) == 5
        for sock in refused:
            sock.settimeout(5)
            status, body = _answer(sock.recv(4096))
            assert status == 503
            assert body["error"]["code"] == "too_many_connections"
    finally:
        for sock in sockets:
            sock.close()
    # The connections under the cap were never refused; once they go, HQ answers again.
    assert httpx.get(f"{server.url}/api/v1/hello", timeout=10).status_code == 200


# ------------------------------------------------------------------------------ docs
def _basic(username: str, password: str) -> dict[str, str]:
    pair = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def test_the_api_description_is_for_an_hq_administrator_only(server) -> None:
    for path in ("/docs", "/openapi.json"):
        response = httpx.get(f"{server.url}{path}", timeout=10)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
    wrong = httpx.get(f"{server.url}/docs", timeout=10, headers=_basic(ADMIN, "wrong-pass"))
    assert wrong.status_code == 401
    assert "Wrong user name or password" in wrong.json()["error"]["message_en"]

    page = httpx.get(f"{server.url}/docs", timeout=10, headers=_basic(ADMIN, ADMIN_PASSWORD))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    text = page.text
    assert "/api/v1/ledger/push" in text and "PushRequest" in text
    # Nothing loaded from anywhere: no script, no outside address.
    assert "<script" not in text and "http://" not in text and "https://" not in text
    description = httpx.get(f"{server.url}/openapi.json", timeout=10,
                            headers=_basic(ADMIN, ADMIN_PASSWORD)).json()
    assert "/api/v1/enroll" in description["paths"]
    assert httpx.get(f"{server.url}/redoc", timeout=10,
                     headers=_basic(ADMIN, ADMIN_PASSWORD)).status_code == 404
