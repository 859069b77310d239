"""Two programs on one data folder at once (the desktop and a CLI command, or two
commands): writers queue for the lock instead of failing with "database is locked", readers
are never blocked, and the ledger stays one unbroken chain."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from audit.verify import verify_ledger
from db.models import Unit
from organisation.units import add_unit

ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"  # the `workspace` fixture's first admin
REPO = Path(__file__).resolve().parents[2]
PER_WRITER = 20
PER_THREAD = 40  # enough commits that the threads' after-commit work overlaps

# A second program: logs in, says it is ready, waits for the signal, then adds its units one
# transaction at a time, as fast as it can.
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from lawdesk.workspace import Workspace
    from organisation.units import add_unit

    data_dir, tag, signals = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    with Workspace.open(data_dir) as ws:
        ctx = ws.login(%(admin)r, %(password)r)
        (signals / f"ready-{tag}").touch()
        deadline = time.monotonic() + 60
        while not (signals / "go").exists():
            if time.monotonic() > deadline:
                sys.exit("no go signal")
            time.sleep(0.002)
        for i in range(%(count)d):
            add_unit(ctx, f"{tag}-unit-{i}", f"{tag}{i}")
    print("done")
""") % {"admin": ADMIN, "password": ADMIN_PASSWORD, "count": PER_WRITER}


def unit_count(session) -> int:
    return session.execute(select(func.count()).select_from(Unit)).scalar_one()


def assert_one_unbroken_chain(workspace, raw_db) -> None:
    with raw_db() as connection:
        seqs = [r[0] for r in connection.execute("SELECT seq FROM ledger_entry ORDER BY seq")]
        unit_entries = connection.execute(
            "SELECT count(*) FROM ledger_entry WHERE action = 'unit.add'").fetchone()[0]
        units = connection.execute("SELECT count(*) FROM unit").fetchone()[0]
    assert seqs == list(range(1, len(seqs) + 1))
    assert unit_entries == units
    report = verify_ledger(workspace.db, head_file=workspace.head_file)
    assert report.intact, [p.en for p in report.problems]


def test_two_processes_write_while_a_third_reads(workspace, data_dir, tmp_path, raw_db,
                                                 cli_here, lawdesk_env):
    signals = tmp_path / "signals"
    signals.mkdir()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), tag, str(signals)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=REPO, env=lawdesk_env(), stdin=subprocess.DEVNULL)
               for tag in ("A", "B")]
    try:
        deadline = time.monotonic() + 60
        while not all((signals / f"ready-{tag}").exists() for tag in ("A", "B")):
            assert all(w.poll() is None for w in writers), [w.communicate() for w in writers]
            assert time.monotonic() < deadline, "the writers did not start"
            time.sleep(0.01)
        with workspace.db.read() as session:  # a read transaction held open throughout
            before = unit_count(session)
            (signals / "go").touch()
            # This program writes too while the others do (and while its own read is open).
            ctx = workspace.login(ADMIN, ADMIN_PASSWORD)
            for i in range(5):
                add_unit(ctx, f"C-unit-{i}", f"C{i}")
            outputs = [w.communicate(timeout=120) for w in writers]
            assert unit_count(session) == before  # a reader sees one moment, unblocked
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
                w.wait()
    for writer, (out, err) in zip(writers, outputs):
        assert "database is locked" not in err
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    with workspace.db.read() as session:
        assert unit_count(session) == before + 2 * PER_WRITER + 5
    assert_one_unbroken_chain(workspace, raw_db)
    result = cli_here("verify", password=None)
    assert result.returncode == 0, result.stderr


def test_two_threads_of_one_program_write_at_once(workspace, as_role, raw_db):
    """The desktop writes from its job runner while the UI thread saves a form."""
    ctx = as_role("admin", username=ADMIN)
    errors: list[BaseException] = []
    tags = ("T1", "T2", "T3")
    start = threading.Barrier(len(tags))

    def write(tag: str) -> None:
        try:
            start.wait()
            for i in range(PER_THREAD):
                add_unit(ctx, f"{tag}-unit-{i}", f"{tag}{i}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(tag,)) for tag in tags]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    with workspace.db.read() as session:
        assert unit_count(session) == len(tags) * PER_THREAD
    assert_one_unbroken_chain(workspace, raw_db)
    head = json.loads(workspace.head_file.read_text("utf-8"))
    with raw_db() as connection:
        assert head["seq"] == connection.execute("SELECT max(seq) FROM ledger_entry").fetchone()[0]
