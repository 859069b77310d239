"""Sync with HQ: footage upload against curl, ledger push rate, HQ under many workstations.

    .venv/bin/python benchmarks/sync.py [--file-mb 2048] [--entries 20000]
                                        [--workstations 100] [--passes 5] [--interval 10]
                                        [--db URL] [--only upload,ledger,load]

Starts a real HQ (benchmarks/sync_server.py: `lawdesk hq serve` plus one plain PUT
endpoint) on 127.0.0.1, on SQLite in a scratch folder or on PostgreSQL with --db, then:

  upload  a generated file of --file-mb goes up by `lawdesk sync run` (tus, chunk checksums,
          HQ's own whole-file SHA-256, confirmation) and by `curl -T` to the plain PUT
          endpoint of the same server; prints both throughputs (the upload's from the pass's
          upload_seconds: creating the upload to HQ's confirmation), their ratio, the ratios
          counting the whole pass and the whole command, and the peak
          memory of client and server for a file an eighth the size and for the full one
          (memory must not grow with the file).
  ledger  a workstation with --entries ledger entries (devices registered in transactions
          of 500) pushes them in one pass; prints entries per second end to end.
  load    --workstations simulated workstations (own keys, own hash chains) enrol at
          once, then all stay online and each runs --passes sync passes, one every
          --interval seconds from a random moment of the first (background sync's default
          is 60 s; 10 s is six times that load): token, ledger state, push of 100 entries
          with a signed checkpoint, reference data, a file check and a 256 KiB tus upload.
          Prints the request latency percentiles and the errors. --interval 0 runs the
          passes back to back with no pause, a closed loop that measures throughput (its
          latency is the number of workstations over requests per second).

Targets (issue 6): upload >= 0.8x curl's throughput with memory flat in the file size;
>= 2,000 ledger entries per second; with 100 workstations p99 latency <= 300 ms, no errors.
Page caches are dropped before each timed upload when the machine allows it (root).
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import contextlib
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PASSWORD = "bench-pass-1"
MIB = 1 << 20
UNIT = ("执法一科", "一科")
# Latencies of the load test by request (method and path, ids left out).
BY_REQUEST: dict[str, list[float]] = collections.defaultdict(list)


# ------------------------------------------------------------------ plumbing
def env() -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if not k.startswith("LAWDESK_")}
    values["LAWDESK_PASSWORD"] = PASSWORD
    return values


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def rss_peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def open_folder(folder: Path, db_url: str | None):  # noqa: ANN201
    from lawdesk.workspace import Workspace
    options = {"db_url": db_url} if db_url else {}
    return Workspace.open(folder, create=True, **options)


class Server:
    def __init__(self, folder: Path, db_url: str | None) -> None:
        command = [sys.executable, str(REPO / "benchmarks" / "sync_server.py"),
                   "--data-dir", str(folder)]
        if db_url:
            command += ["--db", db_url]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env(), cwd=REPO)
        self.url = self.process.stdout.readline().decode().strip()
        import httpx
        for _ in range(200):
            try:
                httpx.get(f"{self.url}/api/v1/hello", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def set_up_hq(folder: Path, db_url: str | None) -> None:
    from organisation.units import add_unit
    with open_folder(folder, db_url) as workspace:
        workspace.initialise("admin", PASSWORD)
        add_unit(workspace.login("admin", PASSWORD), *UNIT)


def issue_codes(folder: Path, db_url: str | None, count: int) -> list[str]:
    from hq.enrollment import issue_code
    with open_folder(folder, db_url) as workspace:
        admin = workspace.login("admin", PASSWORD)
        return [issue_code(admin, UNIT[1]).code for _ in range(count)]


def new_workstation(folder: Path, server_url: str, code: str):  # noqa: ANN201
    from lawdesk.workspace import Workspace
    from sync.link import enroll
    workspace = Workspace.open(folder, create=True)
    workspace.initialise("admin", PASSWORD)
    enroll(workspace.login("admin", PASSWORD), workspace, server_url=server_url, code=code)
    return workspace


def store_random_file(workspace, size: int) -> str:  # noqa: ANN001
    """A file of ``size`` random bytes put into the workstation's store, as an offload would."""
    store = workspace.store
    digest = hashlib.sha256()
    block = os.urandom(4 * MIB)
    with store.begin_run() as run:
        staging = run.new_path()
        with open(staging, "wb") as handle:
            left = size
            counter = 0
            while left:
                # Vary every block so no layer can deduplicate or compress the file.
                piece = counter.to_bytes(8, "big") + block[8:min(len(block), left)]
                piece = piece[:min(len(block), left)]
                digest.update(piece)
                handle.write(piece)
                left -= len(piece)
                counter += 1
            handle.flush()
            os.fsync(handle.fileno())
        store.install(staging, digest.hexdigest())
    return digest.hexdigest()


def timed_child(command: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) and standard output of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env(), cwd=REPO)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed: {done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before), done.stdout


# ------------------------------------------------------------------ upload
def bench_upload(scratch: Path, server: Server, hq_folder: Path, db_url: str | None,
                 file_mb: int, chunk_mib: int | None) -> None:
    print(f"\n== upload: {file_mb} MiB file, chunks of {chunk_mib or 'default'} MiB ==")
    codes = issue_codes(hq_folder, db_url, 2)
    results = {}
    for label, size, code in (("small", file_mb * MIB // 8, codes[0]),
                              ("full", file_mb * MIB, codes[1])):
        folder = scratch / f"ws-upload-{label}"
        workspace = new_workstation(folder, server.url, code)
        if chunk_mib:
            from config.settings import set_setting
            set_setting(workspace.login("admin", PASSWORD), "sync.chunk_mib", chunk_mib)
        sha = store_random_file(workspace, size)
        path = workspace.store.path_for(sha)
        workspace.close()
        drop_caches()
        curl_s, _, _ = timed_child(["curl", "-sS", "--fail", "-o", "/dev/null", "-T", str(path),
                                    f"{server.url}/bench/put/{label}.bin"])
        drop_caches()
        sync_s, client_kib, out = timed_child(
            [sys.executable, "-m", "lawdesk", "--data-dir", str(folder), "--user", "admin",
             "sync", "run", "--json"])
        summary = json.loads(out)
        server_kib = rss_peak_kib(server.process.pid)
        results[label] = (size, curl_s, sync_s, summary, client_kib, server_kib)
        pass_s = float(summary["seconds"])
        upload_s = float(summary["upload_seconds"])
        print(f"{label:5} {size / MIB:7.0f} MiB  curl -T {curl_s:6.2f} s "
              f"({size / MIB / curl_s:6.0f} MiB/s)   upload {upload_s:6.2f} s "
              f"({size / MIB / upload_s:6.0f} MiB/s; the pass {pass_s:.2f} s, the command "
              f"{sync_s:.2f} s)   files sent {summary['files_sent']}, ok {summary['ok']}")
        print(f"      peak RSS: client {client_kib / 1024:.0f} MiB, "
              f"server so far {server_kib / 1024:.0f} MiB")
    size, curl_s, sync_s, summary, *_ = results["full"]
    print(f"upload throughput / curl throughput: {curl_s / summary['upload_seconds']:.2f}x "
          f"(target >= 0.8); counting the whole pass (token, ledger, reference data, file "
          f"check) {curl_s / summary['seconds']:.2f}x, and the command's start and login too "
          f"{curl_s / sync_s:.2f}x")
    small_client, full_client = results["small"][4], results["full"][4]
    print(f"client peak RSS {small_client / 1024:.0f} MiB at 1/8 size, "
          f"{full_client / 1024:.0f} MiB at full size (flat if these are close)")


# ------------------------------------------------------------------ ledger
def bench_ledger(scratch: Path, server: Server, hq_folder: Path, db_url: str | None,
                 entries: int) -> None:
    print(f"\n== ledger push: {entries} entries ==")
    from db.models import Device, Unit
    from lawdesk.workspace import Workspace
    from sync.engine import run_pass
    from sync.link import enroll
    folder = scratch / "ws-ledger"
    workspace = Workspace.open(folder, create=True)
    workspace.initialise("admin", PASSWORD)
    with workspace.db.write(actor="bench", action="device.add") as session:
        unit = Unit(name="本地科室", short_name="本地")
        session.add(unit)
    written = 0
    while written < entries:
        with workspace.db.write(actor="bench", action="device.add") as session:
            batch = min(500, entries - written)
            session.add_all(Device(serial=f"BC-{written + i:07d}", type_code="body_camera",
                                   unit_id=unit.id) for i in range(batch))
            written += batch
    code = issue_codes(hq_folder, db_url, 1)[0]
    enroll(workspace.login("admin", PASSWORD), workspace, server_url=server.url, code=code)
    start = time.perf_counter()
    summary = run_pass(workspace)
    seconds = time.perf_counter() - start
    sent = summary.entries_sent if hasattr(summary, "entries_sent") else summary["entries_sent"]
    print(f"pushed {sent} entries in {seconds:.2f} s: {sent / seconds:.0f} entries per second "
          "(target >= 2,000), whole pass incl. token, reference data and file check")
    workspace.close()


# ------------------------------------------------------------------ load
class SimulatedWorkstation:
    """A workstation reduced to what HQ sees: an id, a key and a hash chain."""

    def __init__(self, code: str) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from audit.chain import GENESIS_HASH
        self.code = code
        self.id = uuid.uuid4().hex
        self.key = Ed25519PrivateKey.generate()
        self.seq, self.head = 0, GENESIS_HASH
        self.token = ""
        self.digest = ""
        from audit.keys import public_key_hex
        self.public_hex = public_key_hex(self.key.public_key())

    def sign(self, message: bytes) -> str:
        return self.key.sign(message).hex()

    def entries(self, count: int) -> tuple[list[dict], list[dict]]:
        from audit.chain import checkpoint_message, entry_hash
        from core.canonical import canonical_json
        from core.clock import iso_utc
        from datetime import datetime, timezone
        at = iso_utc(datetime.now(timezone.utc))
        rows = []
        for _ in range(count):
            self.seq += 1
            row = {"seq": self.seq, "at": at, "actor": "clerk", "action": "case.step",
                   "object_type": "case_step", "object_id": uuid.uuid4().hex,
                   "change": canonical_json({"op": "insert", "values": {
                       "step": "investigation", "note": "现场检查" * 8, "n": self.seq}}),
                   "prev_hash": self.head}
            row["hash"] = entry_hash(row)
            self.head = row["hash"]
            rows.append(row)
        checkpoint = {"seq": self.seq, "head_hash": self.head, "at": at,
                      "signature": self.sign(checkpoint_message(self.id, self.seq,
                                                                self.head, at))}
        return rows, [checkpoint]


async def _one_pass(client, ws: SimulatedWorkstation, latencies: list[float],  # noqa: ANN001
                    errors: list[str]) -> None:
    from sync.protocol import API

    async def call(method: str, path: str, expect: tuple[int, ...] = (200,), **kw):  # noqa: ANN202
        headers = kw.pop("headers", {})
        if ws.token:
            headers["Authorization"] = f"Bearer {ws.token}"
        start = time.perf_counter()
        try:
            response = await client.request(method, path, headers=headers, **kw)
        except Exception as error:  # noqa: BLE001 - every failure is counted, none hidden
            errors.append(f"{method} {path}: {type(error).__name__} {error}")
            return None
        latencies.append(time.perf_counter() - start)
        BY_REQUEST[f"{method} {re.sub('[0-9a-f]{32,}', '{id}', path.removeprefix(API))}"
                   ].append(latencies[-1])
        if response.status_code not in expect:
            errors.append(f"{method} {path}: HTTP {response.status_code} {response.text[:200]}")
            return None
        return response

    await call("GET", f"{API}/ledger/state")
    entries, checkpoints = ws.entries(100)
    await call("POST", f"{API}/ledger/push", json={"entries": entries,
                                                   "checkpoints": checkpoints})
    answer = await call("GET", f"{API}/reference", params={"digest": ws.digest})
    if answer is not None:
        ws.digest = answer.json().get("digest", "")
    await call("POST", f"{API}/files/check",
               json={"sha256": [hashlib.sha256(os.urandom(8)).hexdigest() for _ in range(5)]})
    body = os.urandom(256 * 1024)
    sha = hashlib.sha256(body).hexdigest()
    metadata = f"sha256 {base64.b64encode(sha.encode()).decode()}"
    created = await call("POST", f"{API}/files/", expect=(201,), headers={
        "Tus-Resumable": "1.0.0", "Upload-Length": str(len(body)), "Upload-Metadata": metadata})
    if created is None:
        return
    location = created.headers["Location"]
    checksum = base64.b64encode(hashlib.sha256(body).digest()).decode()
    await call("PATCH", location, expect=(204,), content=body, headers={
        "Tus-Resumable": "1.0.0", "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
        "Upload-Checksum": f"sha256 {checksum}"})
    await call("GET", f"{API}/files/{sha}")


async def _enroll(client, ws: SimulatedWorkstation, latencies: list[float],  # noqa: ANN001
                  errors: list[str]) -> None:
    from sync.protocol import API
    start = time.perf_counter()
    response = await client.post(f"{API}/enroll", json={
        "code": ws.code, "workstation_id": ws.id, "public_key": ws.public_hex,
        "name": f"sim-{ws.id[:6]}"})
    latencies.append(time.perf_counter() - start)
    if response.status_code != 200:
        errors.append(f"enroll: HTTP {response.status_code} {response.text[:200]}")


async def _token(client, ws: SimulatedWorkstation, latencies: list[float],  # noqa: ANN001
                 errors: list[str]) -> bool:
    from datetime import datetime, timezone

    from core.clock import iso_utc
    from sync.protocol import API, token_request_message
    at, nonce = iso_utc(datetime.now(timezone.utc)), os.urandom(16).hex()
    start = time.perf_counter()
    response = await client.post(f"{API}/auth/token", json={
        "workstation_id": ws.id, "at": at, "nonce": nonce,
        "signature": ws.sign(token_request_message(ws.id, at, nonce))})
    latencies.append(time.perf_counter() - start)
    if response.status_code != 200:
        errors.append(f"token: HTTP {response.status_code} {response.text[:200]}")
        return False
    ws.token = response.json()["token"]
    return True


async def _workstation(client, ws: SimulatedWorkstation, passes: int,  # noqa: ANN001
                       interval: float, phase: float, latencies: list[float],
                       errors: list[str]) -> None:
    """One workstation's day in small: first pass at ``phase`` seconds, then one every
    ``interval`` seconds (start to start; at once when a pass took longer)."""
    loop = asyncio.get_running_loop()
    begin = loop.time() + phase
    await asyncio.sleep(phase)
    if not await _token(client, ws, latencies, errors):
        return
    for number in range(passes):
        await asyncio.sleep(max(0.0, begin + number * interval - loop.time()))
        await _one_pass(client, ws, latencies, errors)


def _percentiles(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    if not ordered:
        return "no requests"

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    return (f"p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, p99 {pct(99):.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms, mean {statistics.fmean(ordered) * 1000:.0f} ms")


def bench_load(server: Server, hq_folder: Path, db_url: str | None, workstations: int,
               passes: int, interval: float) -> None:
    """``interval`` > 0: every workstation online at once and syncing every ``interval``
    seconds from a random moment of the first interval (as background sync does, with its
    jitter); 0: all start together and run their passes back to back with no pause (a
    closed loop: a stress figure, whose mean latency is the number of workstations over
    the server's throughput, whatever the server)."""
    import random

    import httpx
    how = (f"each syncing every {interval:g} s" if interval > 0
           else "all at once, passes back to back (closed loop)")
    print(f"\n== load: {workstations} workstations x {passes} passes, {how} ==")
    codes = issue_codes(hq_folder, db_url, workstations)
    simulated = [SimulatedWorkstation(code) for code in codes]
    rng = random.Random(20261127)
    phases = [rng.uniform(0, interval) for _ in simulated]
    enrol_latencies: list[float] = []
    latencies: list[float] = []
    errors: list[str] = []

    async def everyone() -> float:
        # A connection of its own for each workstation, as each is a machine of its own.
        clients = [httpx.AsyncClient(base_url=server.url, timeout=60) for _ in simulated]
        try:
            # Enrolment happens once in a workstation's life; all at once here, and
            # measured on its own.
            await asyncio.gather(*(_enroll(client, ws, enrol_latencies, errors)
                                   for client, ws in zip(clients, simulated)))
            start = time.perf_counter()
            await asyncio.gather(*(
                _workstation(client, ws, passes, interval, phase, latencies, errors)
                for client, ws, phase in zip(clients, simulated, phases)))
            return time.perf_counter() - start
        finally:
            for client in clients:
                await client.aclose()

    seconds = asyncio.run(everyone())
    print(f"enrolment of all {workstations} at once: {_percentiles(enrol_latencies)}")
    print(f"{len(latencies)} sync requests in {seconds:.1f} s "
          f"({len(latencies) / seconds:.0f}/s); latency {_percentiles(latencies)} "
          f"(target p99 <= 300 ms); errors {len(errors)} (target 0)")
    for name, values in sorted(BY_REQUEST.items()):
        print(f"  {name:26} {_percentiles(values)}")
    for error in errors[:10]:
        print("  ", error)
    print(f"server peak RSS {rss_peak_kib(server.process.pid) / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file-mb", type=int, default=2048)
    parser.add_argument("--chunk-mib", type=int, help="sync.chunk_mib (default: the setting's)")
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--workstations", type=int, default=100)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--interval", type=float, default=10.0,
                        help="seconds between one workstation's passes (0: back to back)")
    parser.add_argument("--db", help="a PostgreSQL server's URL: HQ runs on a new database "
                        "there, dropped afterwards (default: SQLite)")
    parser.add_argument("--only", default="upload,ledger,load")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    parts = set(args.only.split(","))
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch_text, \
            scratch_database(args.db) as db_url:
        scratch = Path(scratch_text)
        hq_folder = scratch / "hq"
        set_up_hq(hq_folder, db_url)
        server = Server(hq_folder, db_url)
        print(f"HQ at {server.url} on {'PostgreSQL' if db_url else 'SQLite'}; "
              f"load average {os.getloadavg()[0]:.2f}")
        try:
            if "upload" in parts:
                bench_upload(scratch, server, hq_folder, db_url, args.file_mb, args.chunk_mib)
            if "ledger" in parts:
                bench_ledger(scratch, server, hq_folder, db_url, args.entries)
            if "load" in parts:
                bench_load(server, hq_folder, db_url, args.workstations, args.passes,
                           args.interval)
        finally:
            server.stop()


@contextlib.contextmanager
def scratch_database(server_url: str | None) -> Iterator[str | None]:
    """A new database on the PostgreSQL server of ``server_url`` for this run, dropped
    afterwards; None for SQLite."""
    if server_url is None:
        yield None
        return
    from db.database import temporary_database
    with temporary_database(server_url, "lawdesk_bench_") as url:
        yield url


if __name__ == "__main__":
    main()
