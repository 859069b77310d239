"""Reading a recorder ahead of the offload while LawDesk starts (devices.offload.readahead):
it reads the files the offload will read, in its order, never more than its budget ahead of
the offload, and stops when closed; whatever goes wrong is left for the offload to meet."""
from __future__ import annotations

import os
import time
from pathlib import Path

from devices.offload import readahead
from devices.offload.readahead import ReadAhead
from tests.waiting import wait_until

MIB = 1 << 20


def _card(root: Path, sizes: list[int]) -> list[str]:
    names = []
    for index, size in enumerate(sizes):
        path = root / "DCIM" / f"clip{index}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(size))
        names.append(f"DCIM/clip{index}.mp4")
    return names


def test_it_keeps_within_its_budget_of_the_offload_and_follows_it(tmp_path, monkeypatch):
    monkeypatch.setattr(readahead, "CHUNK", 1 * MIB)
    names = _card(tmp_path, [3 * MIB, 3 * MIB, 3 * MIB])
    with ReadAhead(tmp_path, ahead=2 * MIB) as ahead:
        wait_until(lambda: ahead._held >= 2 * MIB, what="two megabytes read ahead")
        time.sleep(0.1)  # it would go on now if it did not wait
        assert ahead._held == 2 * MIB and ahead._fetched == {names[0]: 2 * MIB}
        ahead.consumed(names[0], 3 * MIB)  # the offload read the first file whole
        wait_until(lambda: ahead._fetched.get(names[1]) == 2 * MIB,
                   what="the second file read ahead")
        for name in names:
            ahead.consumed(name, 3 * MIB)
        assert ahead._held == 0
        # what the offload had read already was not read again
        assert names[0] in ahead._fetched and ahead._fetched[names[0]] == 2 * MIB


def test_files_the_offload_skips_are_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readahead, "CHUNK", 1 * MIB)
    names = _card(tmp_path, [2 * MIB, 2 * MIB, 2 * MIB])
    with ReadAhead(tmp_path, ahead=1 * MIB) as ahead:
        ahead.expect([names[2]])  # the first two were verified by an earlier offload
        wait_until(lambda: ahead._fetched.get(names[2]) == 1 * MIB,
                   what="the third file read ahead")
        assert set(ahead._fetched) == {names[2]} and ahead._held == 1 * MIB


def test_a_folder_that_is_not_there_ends_it_quietly(tmp_path):
    with ReadAhead(tmp_path / "unplugged") as ahead:
        ahead._thread.join(5)
        assert not ahead._thread.is_alive() and ahead._fetched == {}


def test_closing_it_stops_it_while_it_waits(tmp_path, monkeypatch):
    monkeypatch.setattr(readahead, "CHUNK", 1 * MIB)
    _card(tmp_path, [4 * MIB])
    ahead = ReadAhead(tmp_path, ahead=1 * MIB)
    wait_until(lambda: ahead._held >= 1 * MIB, what="a megabyte read ahead")
    ahead.close()
    assert not ahead._thread.is_alive()


def test_the_budget_is_bounded():
    assert 0 < readahead.budget() <= readahead.MOST_AHEAD
