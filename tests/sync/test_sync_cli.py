"""The command line: `lawdesk sync run|status --json` on a workstation, `lawdesk hq verify|
records --json` at HQ, with their JSON contracts and exit codes.

The first `sync run` and `hq verify` run as real child processes on the SQLite HQ (what a
script sees of the entry point); the rest run in this process through the same entry point
(``lawdesk_here``): a child costs one to three seconds on a loaded runner, most of it starting
Python."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from db.models import HqLedgerEntry
from devices.registry import add_device
from sync.status import sync_status
from tests.sync.sync_helpers import admin_of, hq_add_officer, lawdesk

pytestmark = pytest.mark.slow

PASS_KEYS = {"server", "entries_sent", "entries_received", "files_sent", "files_already_held",
             "files_confirmed", "bytes_sent", "upload_seconds", "refused", "errors", "seconds",
             "ok"}
STATUS_KEYS = {"enrolled", "server", "server_id", "unit_id", "workstation_id", "enrolled_at",
               "last_attempt_at", "last_success_at", "last_error", "last_summary", "pending"}


def test_sync_and_verify_from_the_command_line(hq, enrolled, lawdesk_here):
    hq_add_officer(hq, "张伟", "一科", "22010001")
    workspace = enrolled()
    folder = workspace.data_dir
    here = lawdesk_here
    # A real child process once (on the SQLite HQ): the same command as in this process.
    child = lawdesk if hq.db_url is None else here
    ran = child(folder, "sync", "run", "--json")
    assert ran.returncode == 0, ran.stderr
    summary = json.loads(ran.stdout)
    assert PASS_KEYS <= set(summary) and summary["ok"] is True
    assert 0 <= summary["upload_seconds"] <= summary["seconds"]
    assert summary["server"] == hq.url and summary["entries_sent"] > 0
    assert summary["entries_received"] >= 3  # unit, officer, certificate (and standards)

    add_device(admin_of(workspace), "DSJ-0001", "body_camera", "一科")
    status = here(folder, "sync", "status", "--json")
    assert status.returncode == 0, status.stderr
    current = json.loads(status.stdout)
    assert STATUS_KEYS <= set(current) and current["enrolled"] is True
    assert current["workstation_id"] == workspace.workstation_id
    assert current["pending"]["entries"] == 2 and current["last_summary"]["ok"] is True

    human = here(folder, "sync", "run", LAWDESK_LANG="en")
    assert human.returncode == 0 and "sent 2 ledger entries" in human.stdout, human.stdout

    verified = child(hq.folder, "hq", "verify", "--json", db_url=hq.db_url)
    assert verified.returncode == 0, verified.stderr
    report = json.loads(verified.stdout)
    assert report["ok"] is True and report["files"]["problems"] == []
    [chain] = report["workstations"]
    assert (chain["id"], chain["unit"], chain["problems"]) == (
        workspace.workstation_id, "执法一科", [])
    assert chain["entries"] > 0 and chain["checkpoints"] > 0

    records = here(hq.folder, "hq", "records", "--type", "device", "--json",
                   db_url=hq.db_url)
    assert records.returncode == 0, records.stderr
    [device] = json.loads(records.stdout)
    assert device["values"]["serial"] == "DSJ-0001" and device["unit"] == "执法一科"

    # HQ down: a clear error, exit 1, and everything still waits to be sent.
    hq.stop()
    add_device(admin_of(workspace), "DSJ-0002", "body_camera", "一科")
    offline = here(folder, "sync", "run", "--json")
    assert offline.returncode == 1
    failed = json.loads(offline.stdout)
    assert failed["ok"] is False and "无法连接总部服务器" in failed["errors"][0]
    assert sync_status(workspace).pending.entries == 2

    # HQ re-checks what it holds, server running or not: an entry altered in HQ's own
    # database is found.
    with hq.open() as server_side, server_side.db.write(actor="attacker", action="x") as session:
        session.execute(update(HqLedgerEntry).where(
            HqLedgerEntry.workstation_id == workspace.workstation_id, HqLedgerEntry.seq == 3)
            .values(actor="someone-else"))
    verified = here(hq.folder, "hq", "verify", "--json", db_url=hq.db_url)
    assert verified.returncode == 1
    report = json.loads(verified.stdout)
    assert report["ok"] is False and report["workstations"][0]["problems"][0]["seq"] == 3
