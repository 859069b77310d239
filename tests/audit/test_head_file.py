"""The signed head file under many committers: newest head wins, queued writes are shared."""
from __future__ import annotations

import json
import threading

import pytest

from audit import headfile
from tests.waiting import wait_until


def _head(seq: int) -> dict:
    return {"workstation": "ws", "seq": seq, "head_hash": f"{seq:064x}", "at": "t",
            "signature": "s"}


class CountingLock:
    """headfile's lock, counting the committers that have come to it (held or waiting)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count_lock = threading.Lock()
        self.arrived = 0

    def __enter__(self) -> None:
        with self._count_lock:
            self.arrived += 1
        self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def test_committers_queued_behind_a_write_share_the_next_one(tmp_path, monkeypatch):
    path = tmp_path / "ledger-head.json"
    written: list[int] = []
    first_write_may_finish = threading.Event()
    real_write = headfile.atomic_write
    lock = CountingLock()
    monkeypatch.setattr(headfile, "_LOCK", lock)

    def slow_first_write(target, data):  # noqa: ANN001, ANN202
        seq = json.loads(data)["seq"]
        written.append(seq)
        if len(written) == 1:
            first_write_may_finish.wait(10)
        real_write(target, data)

    monkeypatch.setattr(headfile, "atomic_write", slow_first_write)
    first = threading.Thread(target=headfile.write_head_file, args=(path, _head(1)))
    first.start()
    wait_until(lambda: written, what="the first committer to start writing")
    queued = [threading.Thread(target=headfile.write_head_file, args=(path, _head(seq)))
              for seq in (3, 4, 2)]
    for thread in queued:
        thread.start()
    # Each has left its head in _WAITING before it came to the lock: all three are queued.
    wait_until(lambda: lock.arrived == 4, what="the three later committers to queue for "
                                               "the lock behind the first write")
    assert headfile._WAITING[path]["seq"] == 4  # noqa: SLF001
    first_write_may_finish.set()
    for thread in (first, *queued):
        thread.join(10)
    # The first write, then the newest waiting head once for all three: never 2 or 3.
    assert written == [1, 4]
    assert json.loads(path.read_text("utf-8"))["seq"] == 4


def test_an_older_head_never_replaces_a_newer_one(tmp_path):
    path = tmp_path / "ledger-head.json"
    headfile.write_head_file(path, _head(7))
    headfile.write_head_file(path, _head(5))  # a slower process committed earlier
    assert headfile.read_head_file(path)["seq"] == 7


@pytest.mark.parametrize("seqs", [(1, 2, 3), (3, 2, 1)])
def test_one_committer_at_a_time_writes_every_head(tmp_path, seqs):
    path = tmp_path / "ledger-head.json"
    for seq in seqs:
        headfile.write_head_file(path, _head(seq))
    assert headfile.read_head_file(path)["seq"] == max(seqs)
