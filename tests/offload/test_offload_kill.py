"""`lawdesk ingest` killed with SIGKILL at random moments, then run again to the end.

After every kill: each record names a whole file that hashes to it, nothing partial sits in
the store, and the ledger verifies. After the last run: every file of the card is in the
store exactly once, `lawdesk verify` passes, no staging is left, and the killed sessions are
closed as interrupted."""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from audit.verify import verify_ledger
from evidence.verify import verify_store
from db.models import Footage, FootageSighting, OffloadSession

REPO = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "admin-pass-1"
KILLS = 4


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_invariants(workspace, store) -> int:
    with workspace.db.read() as session:
        rows = session.execute(select(Footage)).scalars().all()
        verified_sightings = session.execute(select(FootageSighting).where(
            FootageSighting.status.in_(("stored", "duplicate", "resumed")))).scalars().all()
    known = {row.sha256 for row in rows}
    for row in rows:  # nothing recorded as verified that is not
        data = store.path_for(row.sha256).read_bytes()
        assert len(data) == row.size and sha256(data) == row.sha256
    assert all(s.footage_id for s in verified_sightings)
    for path in store.objects_dir.rglob("*"):
        if path.is_file():  # no partial file, recorded or not
            assert sha256(path.read_bytes()) == path.name
            assert path.stat().st_mode & 0o222 == 0
    assert verify_ledger(workspace.db, head_file=workspace.head_file).intact
    # A kill never makes the store look tampered with (manifests written just before their
    # session was committed are noted as the crash's: evidence.verify).
    store_report = verify_store(workspace.db, store)
    assert store_report.intact, [p.message("en") for p in store_report.problems]
    return len(known)


@pytest.mark.slow
def test_ingest_killed_at_random_points_then_run_again(workspace, store, data_dir, tmp_path,
                                                       lawdesk_env, media):
    card = tmp_path / "card"
    sources = {}
    for i in range(6):
        sources[f"DCIM/big{i}.mp4"] = media.write_noise(card / "DCIM" / f"big{i}.mp4",
                                                        4 << 20, seed=i)
    for i in range(16):
        sources[f"DCIM/small{i:02d}.mp4"] = media.write_noise(
            card / "DCIM" / f"small{i:02d}.mp4", 20_000 + i, seed=100 + i)
    command = [sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir), "--user", "admin",
               "ingest", str(card), "--json"]
    env = lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD)
    seed = int(os.environ.get("LAWDESK_KILL_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    print(f"kill seed {seed} (set LAWDESK_KILL_SEED to repeat)")

    killed = 0
    for _ in range(KILLS):
        child = subprocess.Popen(command, cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.9, 2.6))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            killed += 1
        child.wait(timeout=60)
        check_invariants(workspace, store)

    final = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                           timeout=120, input="")
    assert final.returncode == 0, final.stderr
    report = json.loads(final.stdout)
    assert sorted(f["source"] for f in report["files"]) == sorted(sources)
    assert {f["status"] for f in report["files"]} <= {"stored", "duplicate"}
    for entry in report["files"]:
        assert entry["sha256"] == sha256(sources[entry["source"]])
        assert Path(entry["store_path"]).read_bytes() == sources[entry["source"]]
    assert check_invariants(workspace, store) == len(sources)
    assert not store.staging_dir.exists() or not any(store.staging_dir.iterdir())

    verify = subprocess.run([sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir),
                             "verify"], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120, input="")
    assert verify.returncode == 0, verify.stderr
    with workspace.db.read() as session:
        statuses = [s.status for s in session.execute(
            select(OffloadSession).order_by(OffloadSession.started_at)).scalars()]
    assert statuses.count("finished") >= 1 and "running" not in statuses
    assert statuses.count("interrupted") <= killed
