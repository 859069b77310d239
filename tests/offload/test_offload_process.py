"""The desktop's offload in a process of its own (lawdesk.offload_process): the same result
as an offload run in the window's process, refusals with their own class and texts, cancel
passed on, a window gone or a child killed handled, and no process at all tolerated."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from core.child_process import start_module
from core.errors import NotFound
from core.jobs import CancelToken
from core.priority import BACKGROUND_NICE, lower_this_thread
from db.models import OffloadSession
from devices.offload.errors import FileChanged
from devices.offload.progress import parse_note
from devices.offload.results import FAILED, STORED, FileOutcome, OffloadResult
from lawdesk.offload_process import MODULE, OffloadProcess, OffloadProcessFailed, offload_apart


def _sessions(workspace) -> list[OffloadSession]:
    with workspace.db.read() as session:
        return session.execute(select(OffloadSession)).scalars().all()


def test_an_offload_in_a_child_process_stores_and_reports_as_one_here(
        workspace, admin, officer_id, gat947_card, media):
    child = OffloadProcess(workspace.data_dir, admin.actor, gat947_card)
    pids, notes = set(), []

    def progress(done: int, total: int, note: str = "") -> None:
        pids.add(child.pid)
        notes.append(note)

    result = child.run(progress)
    assert pids and os.getpid() not in pids and None not in pids  # it ran elsewhere
    assert notes[-1] == "finished"
    assert any(parse_note(note) and parse_note(note).phase == "copy" for note in notes)
    assert [f.status for f in result.files] == [STORED] * 3
    assert result.ok and result.session_id and result.manifest_path.exists()
    for outcome in result.files:
        data = (gat947_card / outcome.source).read_bytes()
        assert outcome.sha256 == hashlib.sha256(data).hexdigest()
        assert outcome.store_path.read_bytes() == data
    assert len(media.store_files(workspace.store)) == 3 + 2  # and the two manifests
    [session] = _sessions(workspace)
    assert (session.id, session.username, session.status) == \
        (result.session_id, "admin", "finished")


def test_a_refusal_in_the_child_is_raised_here_as_itself(workspace, admin, gat947_card):
    with pytest.raises(NotFound) as refused:
        OffloadProcess(workspace.data_dir, admin.actor, gat947_card,
                       officer_certificate="99999999").run()
    assert refused.value.message("zh_CN") == "未找到执法证号：99999999"
    assert refused.value.message("en") == "No certificate number found: 99999999"
    assert _sessions(workspace) == []


def test_a_cancel_reaches_the_child(workspace, admin, officer_id, gat947_card, media):
    cancel = CancelToken()
    cancel.cancel()
    result = OffloadProcess(workspace.data_dir, admin.actor, gat947_card).run(cancel=cancel)
    assert result.cancelled and result.files == ()
    assert [s.status for s in _sessions(workspace)] == ["cancelled"]


def test_the_child_cancels_when_the_window_is_gone(workspace, admin, officer_id, gat947_card):
    process = start_module(MODULE)
    request = {"data_dir": str(workspace.data_dir), "source": str(gat947_card),
               "actor": {"username": "admin", "roles": ["admin"]},
               "device_serial": None, "officer_certificate": None}
    process.stdin.write(json.dumps(request).encode() + b"\n")
    process.stdin.close()  # what a window that closes or is killed leaves behind
    answers = [json.loads(line) for line in process.stdout]
    assert process.wait(timeout=60) == 0
    assert answers[-1]["result"]["cancelled"] is True
    assert answers[-1]["result"]["files"] == []
    assert [s.status for s in _sessions(workspace)] == ["cancelled"]


def test_a_child_that_breaks_reports_what_broke(workspace, gat947_card):
    process = start_module(MODULE)
    request = {"data_dir": str(workspace.data_dir), "source": str(gat947_card),
               "actor": {"username": "admin"}}  # no roles: a bug in whoever asked
    process.stdin.write(json.dumps(request).encode() + b"\n")
    process.stdin.flush()
    crashed = json.loads(process.stdout.readline())["crashed"]
    process.stdin.close()
    assert process.wait(timeout=60) == 0
    assert crashed["summary"] == "KeyError: 'roles'"
    assert "_actor_from_wire" in crashed["traceback"]


def test_a_child_killed_mid_offload_is_reported_and_offloading_again_finishes(
        workspace, admin, officer_id, tmp_path, media):
    card = tmp_path / "card"
    big = media.write_noise(card / "DCIM" / "BIG.MP4", 48 * 1024 * 1024, seed=7)
    small = media.write_noise(card / "DCIM" / "SMALL.MP4", 4096, seed=8)
    child = OffloadProcess(workspace.data_dir, admin.actor, card)

    def kill_while_copying(done: int, total: int, note: str = "") -> None:
        file = parse_note(note)
        if file is not None and file.phase == "copy":
            os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(OffloadProcessFailed) as failed:
        child.run(kill_while_copying)
    assert "signal 9" in failed.value.message("en")
    assert "导入进程意外结束" in failed.value.message("zh_CN")

    result = OffloadProcess(workspace.data_dir, admin.actor, card).run()
    assert result.ok
    stored = {f.source: f.store_path.read_bytes() for f in result.files if f.store_path}
    assert stored == {"DCIM/BIG.MP4": big, "DCIM/SMALL.MP4": small}
    assert media.staging_leftovers(workspace.store) == []
    assert sorted(s.status for s in _sessions(workspace)) == ["finished", "interrupted"]


def test_without_a_process_the_offload_runs_here(workspace, admin, officer_id, gat947_card,
                                                 monkeypatch):
    monkeypatch.setattr("sys.executable", str(gat947_card / "no-such-python"))
    result = offload_apart(workspace, admin, gat947_card)
    assert [f.status for f in result.files] == [STORED] * 3


def test_a_result_crosses_the_pipe_whole(tmp_path):
    changed = FileChanged("RECORD/A.MP4", "grew")
    files = (FileOutcome("RECORD/A.MP4", 10, FAILED, error=changed, mtime_ns=5),
             FileOutcome("RECORD/B.MP4", 20, STORED, sha256="ab" * 32,
                         store_path=tmp_path / "ab", footage_id="f1", erased=True))
    result = OffloadResult("s1", tmp_path, "generic", False, "J1", files, 20, 30, 1.5, False,
                           ("LINK",), tmp_path / "m.txt", None)
    back = OffloadResult.from_wire(json.loads(json.dumps(result.to_wire())))
    assert back.files[1] == files[1]
    assert (back.source_root, back.links_skipped, back.manifest_path, back.seconds) == \
        (tmp_path, ("LINK",), tmp_path / "m.txt", 1.5)
    error = back.files[0].error
    assert type(error) is FileChanged and error.how == "grew"
    assert error.message("zh_CN") == changed.message("zh_CN")
    assert error.message("en") == changed.message("en")


def test_a_child_that_answers_out_of_turn_is_reported_not_waited_on(workspace, admin,
                                                                    gat947_card, monkeypatch):
    # Any program that prints something else stands in for a child gone wrong: `python -m
    # this` prints the Zen of Python and exits, whatever it is asked.
    monkeypatch.setattr("lawdesk.offload_process.MODULE", "this")
    with pytest.raises(OffloadProcessFailed) as failed:
        OffloadProcess(workspace.data_dir, admin.actor, gat947_card).run()
    assert "unreadable answer" in failed.value.message("en")
    assert "The Zen of Python" in failed.value.formatted_traceback


def test_a_child_asked_nothing_does_nothing(workspace):
    process = start_module(MODULE)
    process.stdin.close()  # the window went away before it asked
    assert process.stdout.read() == b""
    assert process.wait(timeout=60) == 0
    assert _sessions(workspace) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice: Linux")
@pytest.mark.parametrize("asking_thread_nice", [0, BACKGROUND_NICE])
def test_the_child_runs_at_the_background_nice_value_whoever_starts_it(
        workspace, admin, officer_id, gat947_card, asking_thread_nice):
    # From a thread already lowered, a relative os.nice(10) made the child 19: an offload then
    # crawled whenever another program wanted the CPU.
    seen: list[int] = []

    def offload() -> None:
        lower_this_thread(asking_thread_nice)
        child = OffloadProcess(workspace.data_dir, admin.actor, gat947_card)
        child.run(lambda *_: seen.append(os.getpriority(os.PRIO_PROCESS, child.pid)))

    start = os.getpriority(os.PRIO_PROCESS, 0)
    thread = threading.Thread(target=offload)
    thread.start()
    thread.join(120)
    assert seen and set(seen) == {max(BACKGROUND_NICE, start)}
    assert os.getpriority(os.PRIO_PROCESS, 0) == start  # the asking thread alone was lowered
