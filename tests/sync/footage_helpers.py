"""Footage for the upload tests: real files offloaded into a workstation's store, a client
for the workstation, and a look into HQ's database and store."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import httpx
from sqlalchemy import func, select

from core.actor import Actor
from db.models import HqFile, HqReceipt, HqUpload
from sync import checksums
from sync.link import client_for, require_link
from sync.protocol import API, TUS_VERSION

TUS = {"Tus-Resumable": TUS_VERSION}


def noise(size: int, seed: str) -> bytes:
    """Deterministic bytes no player can read (as good as a damaged recording)."""
    return hashlib.shake_256(seed.encode()).digest(size)


def offload_files(workspace, folder: Path, sizes: dict[str, int]) -> dict[str, str]:  # noqa: ANN001
    """Write a recorder's card with files of these sizes and offload it for real; returns
    file name -> SHA-256 of what went into the store."""
    from devices.offload.pipeline import offload
    for name, size in sizes.items():
        path = folder / "DCIM" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(noise(size, f"{folder.name}/{name}"))
    ctx = workspace.context(Actor(username="admin", roles=frozenset({"admin"})))
    result = offload(ctx, workspace.store, folder, device_serial="T0001")
    assert result.ok, result
    return {Path(f.source).name: f.sha256 for f in result.files}


def client(workspace):  # noqa: ANN001, ANN201
    return client_for(workspace, require_link(workspace.db))


def receipts(workspace) -> dict[str, str]:  # noqa: ANN001
    with workspace.db.read() as session:
        return {r.sha256: r.how for r in session.execute(select(HqReceipt)).scalars()}


def hq_files(hq) -> dict[str, int]:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return {f.sha256: f.size for f in session.execute(select(HqFile)).scalars()}


def hq_uploads(hq) -> list[tuple[str, str, int]]:  # noqa: ANN001
    """(id, sha256, offset) of every upload HQ has under way."""
    with hq.open() as server_side, server_side.db.read() as session:
        return [(u.id, u.sha256, u.offset) for u in session.execute(select(HqUpload)).scalars()]


def hq_upload_count(hq) -> int:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return session.execute(select(func.count()).select_from(HqUpload)).scalar_one()


def hq_store_path(hq, sha256: str) -> Path:  # noqa: ANN001
    from evidence.store import FootageStore
    return FootageStore(hq.folder / "store").path_for(sha256)


def uploads_dir(hq) -> Path:  # noqa: ANN001
    return hq.folder / "store" / "uploads"


def part_files(hq) -> list[Path]:  # noqa: ANN001
    folder = uploads_dir(hq)
    return sorted(folder.iterdir()) if folder.exists() else []


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Tus:
    """Raw tus requests as a workstation: its own bearer token, plain httpx."""

    def __init__(self, hq, workspace) -> None:  # noqa: ANN001
        self.base = hq.url
        with client(workspace) as c:
            token = c.token()
        self.http = httpx.Client(base_url=hq.url, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"})

    def close(self) -> None:
        self.http.close()

    def create(self, data: bytes | None = None, *, sha256: str | None = None,
               length: int | None = None, **extra: str) -> httpx.Response:
        sha256 = sha256 or hashlib.sha256(data or b"").hexdigest()
        length = len(data or b"") if length is None else length
        meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}"
                        for k, v in {"sha256": sha256, "filename": "test.bin", **extra}.items())
        return self.http.post(f"{API}/files/", headers={
            **TUS, "Upload-Length": str(length), "Upload-Metadata": meta})

    def head(self, location: str) -> httpx.Response:
        return self.http.head(location, headers=TUS)

    def patch(self, location: str, offset: int, data: bytes, *, algorithm: str = "sha256",
              checksum: bytes | None = None, **headers: str) -> httpx.Response:
        digest = checksums.digest_of(algorithm, data) if checksum is None else checksum
        return self.http.patch(location, content=data, headers={
            **TUS, "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": str(offset),
            "Upload-Checksum": f"{algorithm} {base64.b64encode(digest).decode()}", **headers})

    def delete(self, location: str) -> httpx.Response:
        return self.http.delete(location, headers=TUS)


class Proxy:
    """A TCP relay between a workstation and HQ that can go slow (``rate`` bytes a second
    upstream) and drop the connection once after ``cut_after`` bytes upstream: a network
    that fails the way real ones do."""

    def __init__(self, port: int, *, rate: int | None = None,
                 cut_after: int | None = None) -> None:
        import socket
        import threading
        self.port, self.rate, self.cut_after = port, rate, cut_after
        self.upstream = 0
        self.cuts = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self._closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading
        while not self._closing:
            try:
                downstream, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.port))
            except OSError:
                downstream.close()
                continue
            pair = (downstream, upstream)
            threading.Thread(target=self._pump, args=(downstream, upstream, True, pair),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, downstream, False, pair),
                             daemon=True).start()

    def _pump(self, source, target, up: bool, pair) -> None:  # noqa: ANN001
        import time
        try:
            while True:
                data = source.recv(16384)
                if not data:
                    break
                if up:
                    with self._lock:
                        self.upstream += len(data)
                        cut = (self.cut_after is not None and self.cuts == 0
                               and self.upstream >= self.cut_after)
                        if cut:
                            self.cuts += 1
                    if cut:
                        break
                    if self.rate:
                        time.sleep(len(data) / self.rate)
                target.sendall(data)
        except OSError:
            pass
        finally:
            import socket
            for sock in pair:  # shutdown wakes the other direction's recv; close does not
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()

    def close(self) -> None:
        self._closing = True
        self._listener.close()


def client_via(proxy: Proxy, workspace):  # noqa: ANN001, ANN201
    """The workstation's client, talking to HQ through ``proxy``."""
    from sync.client import Credentials, HqClient
    return HqClient(proxy.url, credentials=Credentials(
        workspace.workstation_id, workspace.audit.signer, workspace.clock.now))


def request_log(c) -> list[tuple[str, str]]:  # noqa: ANN001
    """(method, path) of every request ``c`` (an HqClient) sends from now on."""
    log: list[tuple[str, str]] = []
    c._http.event_hooks["request"].append(lambda r: log.append((r.method, r.url.path)))
    return log
