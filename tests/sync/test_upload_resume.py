"""Uploads survive what goes wrong in the field: HQ killed and restarted, the workstation
killed, the connection dropped, a damaged local file. At most one chunk is ever sent twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from db.models import UploadState
from sync.upload import pending_objects, upload_pending
from tests.conftest import REPO, child_env
from tests.sync.footage_helpers import (
    Proxy, client, client_via, hq_files, hq_store_path, hq_uploads, offload_files, part_files,
    receipts, request_log, sha256_of, uploads_dir,
)
from tests.waiting import wait_until

pytestmark = pytest.mark.slow
CHUNK = 256 << 10
SIZE = 3 << 20


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # finished (moved into the store) or dropped meanwhile
        return None


def _wait_for_part(hq, at_least: int, timeout: float = 30.0) -> int:  # noqa: ANN001
    """Wait until HQ's part file of the upload holds ``at_least`` bytes; returns its size."""
    def reached() -> int | None:
        sizes = [size for part in part_files(hq) if (size := _size(part)) is not None]
        return next((size for size in sizes if size >= at_least), None)
    # Polled often: the upload is to be caught mid-chunk, not a chunk or two later.
    return wait_until(reached, timeout, interval=0.002,
                      what=f"HQ's part file of the upload to reach {at_least} bytes")


def _wait_for_chunk_dropped(hq, timeout: float = 30.0) -> None:  # noqa: ANN001
    """Wait until HQ has cut the part file of its one upload back to the offset it counted:
    it noticed the connection go and dropped the chunk it was receiving."""
    def dropped() -> bool:
        uploads = hq_uploads(hq)
        if len(uploads) != 1:
            return False
        [(upload_id, _, offset)] = uploads
        return _size(uploads_dir(hq) / f"{upload_id}.part") == offset
    wait_until(dropped, timeout, what="HQ to drop the chunk it was receiving when the "
                                      "workstation was killed (part file back to the offset)")


def _big_file(workspace, tmp_path: Path) -> tuple[str, int]:  # noqa: ANN001
    stored = offload_files(workspace, tmp_path / "card", {"C0001.MP4": SIZE})
    return stored["C0001.MP4"], SIZE


def test_hq_killed_mid_upload_resumes_after_restart(hq, enrolled, tmp_path):
    workspace = enrolled()
    sha, size = _big_file(workspace, tmp_path)
    small = sum(o.size for o in pending_objects(workspace) if o.sha256 != sha)
    proxy = Proxy(hq.port, rate=6 << 20)  # slow enough to be killed mid-chunk
    outcome = {}

    def first_pass() -> None:
        with client_via(proxy, workspace) as c:
            outcome["first"] = upload_pending(workspace, c, chunk_bytes=CHUNK,
                                              retry_delays=(0.2, 0.2))

    runner = threading.Thread(target=first_pass)
    runner.start()
    seen = _wait_for_part(hq, SIZE // 2 + 1000)
    hq.kill()  # a power cut at HQ: nothing is shut down cleanly
    runner.join(30)
    first = outcome["first"]
    assert first.sent == 2 and first.pending == 1  # the manifests went; the footage did not
    assert first.errors and "无法连接总部" in first.errors[-1]
    assert receipts(workspace).get(sha) is None
    with workspace.db.read() as session:
        saved = session.get(UploadState, sha)
    assert saved is not None  # where to resume

    hq.start()
    [(upload_id, _, offset)] = hq_uploads(hq)
    assert saved.upload_url.endswith(upload_id)
    # HQ counted only what it had fsynced: the chunk on its way when it died is not counted.
    assert seen - CHUNK <= offset <= seen and offset % CHUNK == 0
    with client(workspace) as c:
        log = request_log(c)
        second = upload_pending(workspace, c, chunk_bytes=CHUNK)
    assert second.errors == [] and (second.sent, second.pending) == (1, 0)
    assert ("POST", "/api/v1/files/") not in log  # resumed, not started again
    files = [entry for entry in log if entry[1] != "/api/v1/auth/token"]
    # Which holdings HQ has, which chunk checksum it takes, where the upload stands.
    assert files[:3] == [("POST", "/api/v1/files/check"), ("OPTIONS", "/api/v1/files/"),
                         ("HEAD", f"/api/v1/files/{upload_id}")]
    assert second.bytes_sent == size - offset
    resent = first.bytes_sent + second.bytes_sent - size - small
    assert 0 <= resent <= CHUNK
    assert receipts(workspace)[sha] == "uploaded"
    assert sha256_of(hq_store_path(hq, sha)) == sha
    assert hq_files(hq)[sha] == size and part_files(hq) == [] and hq_uploads(hq) == []
    proxy.close()


CHILD = """
import sys
from pathlib import Path
from lawdesk.workspace import Workspace
from sync.client import Credentials, HqClient
from sync.upload import upload_pending
workspace = Workspace.open(Path(sys.argv[1]))
client = HqClient(sys.argv[2], credentials=Credentials(
    workspace.workstation_id, workspace.audit.signer, workspace.clock.now))
upload_pending(workspace, client, chunk_bytes=int(sys.argv[3]))
"""


def test_a_workstation_killed_mid_upload_resumes_where_hq_is(hq, enrolled, tmp_path):
    workspace = enrolled()
    sha, size = _big_file(workspace, tmp_path)
    proxy = Proxy(hq.port, rate=6 << 20)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(workspace.data_dir), proxy.url,
                              str(CHUNK)], env=child_env(), cwd=REPO,
                             stderr=subprocess.PIPE)
    try:
        seen = _wait_for_part(hq, SIZE // 2 + 1000)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    assert receipts(workspace).get(sha) is None
    _wait_for_chunk_dropped(hq)
    [(upload_id, _, offset)] = hq_uploads(hq)
    with client(workspace) as c:
        log = request_log(c)
        summary = upload_pending(workspace, c, chunk_bytes=CHUNK)
    assert summary.errors == [] and summary.sent >= 1 and summary.pending == 0
    assert ("POST", "/api/v1/files/") not in log  # the saved address was used
    assert ("HEAD", f"/api/v1/files/{upload_id}") in log
    # What HQ had counted is not sent again; of what it had seen, at most one chunk is.
    footage_bytes = summary.bytes_sent - sum(
        o.size for o in pending_objects(workspace) if o.sha256 != sha)
    assert footage_bytes <= size - offset
    assert offset >= seen - CHUNK
    assert receipts(workspace)[sha] == "uploaded"
    assert sha256_of(hq_store_path(hq, sha)) == sha
    assert part_files(hq) == [] and hq_uploads(hq) == []
    proxy.close()


def test_a_dropped_connection_costs_at_most_one_chunk(hq, enrolled, tmp_path):
    workspace = enrolled()
    sha, size = _big_file(workspace, tmp_path)
    total = sum(o.size for o in pending_objects(workspace))
    # The link dies once, in the middle of the footage's upload.
    proxy = Proxy(hq.port, cut_after=SIZE // 2 + 100_000)
    with client_via(proxy, workspace) as c:
        log = request_log(c)
        summary = upload_pending(workspace, c, chunk_bytes=CHUNK, retry_delays=(0.2, 0.5))
    assert proxy.cuts == 1
    assert summary.errors == [] and summary.sent == 3 and summary.pending == 0
    assert total < summary.bytes_sent <= total + CHUNK
    assert log.count(("POST", "/api/v1/files/")) == 3  # one creation each, none again
    assert "HEAD" in [m for m, _ in log]  # asked where HQ was, then went on from there
    assert receipts(workspace)[sha] == "uploaded"
    assert sha256_of(hq_store_path(hq, sha)) == sha
    proxy.close()


def test_a_damaged_local_file_is_refused_by_hq_and_the_others_go_on(hq, enrolled, tmp_path):
    workspace = enrolled()
    stored = offload_files(workspace, tmp_path / "card", {"D0001.MP4": 600_000,
                                                          "D0002.MP4": 500_000})
    damaged = stored["D0001.MP4"]
    path = workspace.store.path_for(damaged)
    os.chmod(path, 0o644)
    with open(path, "r+b") as handle:  # one byte changed on the workstation's disk
        handle.seek(345_678)
        byte = handle.read(1)
        handle.seek(345_678)
        handle.write(bytes([byte[0] ^ 0x01]))
    with client(workspace) as c:
        summary = upload_pending(workspace, c, chunk_bytes=CHUNK)
    assert summary.sent == 3 and summary.pending == 1
    [error] = summary.errors
    assert error.startswith("D0001.MP4") and "SHA-256" in error and "不符" in error
    assert damaged not in receipts(workspace)
    assert stored["D0002.MP4"] in receipts(workspace)
    assert damaged not in hq_files(hq) and not hq_store_path(hq, damaged).exists()
    assert part_files(hq) == [] and hq_uploads(hq) == []
    with workspace.db.read() as session:
        assert session.get(UploadState, damaged) is None  # next time: a fresh upload


def test_a_chunk_damaged_on_the_way_is_sent_again(hq, enrolled, tmp_path):
    workspace = enrolled()
    sha, size = _big_file(workspace, tmp_path)
    with client(workspace) as c:
        send, patches = c.request, []

        def damaging(method, path, **kwargs):  # noqa: ANN001, ANN202
            if method == "PATCH":
                patches.append(kwargs["headers"]["Upload-Offset"])
                if len(patches) == 3:  # one bit flipped between the disk and HQ
                    first = bytearray(kwargs["content"][0])
                    first[100] ^= 0x04
                    kwargs["content"] = [bytes(first), *kwargs["content"][1:]]
            return send(method, path, **kwargs)

        c.request = damaging
        summary = upload_pending(workspace, c, chunk_bytes=CHUNK)
    assert summary.errors == [] and summary.pending == 0
    assert patches[2] == patches[3]  # HQ refused the chunk (460); it went again, whole
    assert receipts(workspace)[sha] == "uploaded"
    assert sha256_of(hq_store_path(hq, sha)) == sha
