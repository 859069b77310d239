"""The signed head file under many committers: newest head wins, queued writes are shared."""
from __future__ import annotations

import json
import threading
import time

import pytest

from audit import headfile


def _head(seq: int) -> dict:
    return {"workstation": "ws", "seq": seq, "head_hash": f"{seq:064x}", "at": "t",
            "signature": "s"}


def test_committers_queued_behind_a_write_share_the_next_one(tmp_path, monkeypatch):
    path = tmp_path / "ledger-head.json"
    written: list[int] = []
    first_write_may_finish = threading.Event()
    real_write = headfile.atomic_write

    def slow_first_write(target, data):  # noqa: ANN001, ANN202
        seq = json.loads(data)["seq"]
        written.append(seq)
        if len(written) == 1:
            first_write_may_finish.wait(10)
        real_write(target, data)

    monkeypatch.setattr(headfile, "atomic_write", slow_first_write)
    first = threading.Thread(target=headfile.write_head_file, args=(path, _head(1)))
    first.start()
    while not written:
        time.sleep(0.001)
    queued = [threading.Thread(target=headfile.write_head_file, args=(path, _head(seq)))
              for seq in (3, 4, 2)]
    for thread in queued:
        thread.start()
    deadline = time.monotonic() + 10
    while headfile._WAITING.get(path, {}).get("seq") != 4 or any(  # noqa: SLF001
            thread.ident is None for thread in queued):
        assert time.monotonic() < deadline
        time.sleep(0.001)
    time.sleep(0.05)  # let the last of them reach the lock
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
