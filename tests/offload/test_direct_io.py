"""The offload's disk traffic past the page cache (devices.offload.fileio, readahead): a
staging file written with O_DIRECT from page-aligned chunks, with whatever cannot go direct
written through the cache; the read-ahead asking the kernel for the device's bytes instead of
copying them; a source's cached pages let go in steps; the read-back reading the next chunk
from the disk while it hashes the last. Every path must leave exactly the bytes given, on real
files."""
from __future__ import annotations

import ctypes
import hashlib
import mmap
import os
import threading
from pathlib import Path

import pytest

from devices.offload import copier, fileio, readahead
from devices.offload.fileio import FileSystem, OsReadBack, OsSource, OsStaging
from devices.offload.readahead import ReadAhead
from devices.offload.scan import SourceEntry
from evidence.hashing import CHUNK, ChunkBuffers
from tests.waiting import wait_until

MIB = 1 << 20
BLOCK = fileio._DirectWriter.ALIGN


def _direct_io_here(folder: Path) -> bool:
    probe = folder / "probe"
    probe.write_bytes(b"")
    try:
        os.close(os.open(probe, os.O_WRONLY | getattr(os, "O_DIRECT", 0)))
    except (OSError, AttributeError):
        return False
    finally:
        probe.unlink()
    return hasattr(os, "O_DIRECT")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    if not _direct_io_here(tmp_path):
        pytest.skip("the test folder's file system has no direct I/O")
    return tmp_path


def _aligned(data: bytes) -> mmap.mmap:
    buffer = mmap.mmap(-1, len(data))
    buffer[:] = data
    return buffer


def _address(buffer: object) -> int:
    return ctypes.addressof(ctypes.c_char.from_buffer(buffer))


def test_whole_blocks_go_direct_and_a_partial_last_block_through_the_cache(folder):
    chunks = [os.urandom(2 * MIB), os.urandom(2 * MIB), os.urandom(BLOCK * 3 + 123)]
    staging = OsStaging(folder / "a.part")
    staging.write_directly()
    for chunk in chunks:
        staging.write(_aligned(chunk))
    staging.sync()
    staging.close()
    assert (folder / "a.part").read_bytes() == b"".join(chunks)
    assert staging.direct_bytes == 4 * MIB + BLOCK * 3  # all but the last 123 bytes


def test_memory_that_is_not_aligned_is_written_through_the_cache(folder):
    """A chunk made anew (a test's altered one, plain bytes) cannot go direct: the kernel
    refuses it, and it and the rest of the file are written through the cache."""
    first, second, third = os.urandom(MIB), os.urandom(MIB), os.urandom(MIB)
    staging = OsStaging(folder / "b.part")
    staging.write_directly()
    staging.write(_aligned(first))
    unaligned = memoryview(bytearray(MIB + 1))[1:]  # one byte into its memory
    unaligned[:] = second
    assert _address(unaligned) % 512
    staging.write(unaligned)
    staging.write(_aligned(third))  # the file goes on through the cache
    staging.sync()
    staging.close()
    assert (folder / "b.part").read_bytes() == first + second + third
    assert staging.direct_bytes == MIB


def test_without_direct_io_everything_goes_through_the_cache(folder, monkeypatch):
    monkeypatch.setattr(fileio._DirectWriter, "open", classmethod(lambda cls, path: None))
    data = os.urandom(3 * MIB)
    staging = OsStaging(folder / "c.part")
    staging.write_directly()
    staging.write(_aligned(data))
    staging.sync()
    staging.close()
    assert (folder / "c.part").read_bytes() == data and staging.direct_bytes == 0


def test_a_round_is_flushed_only_when_something_went_through_the_cache(folder, monkeypatch):
    """Direct writes are on the disk already; a flush (fdatasync) is for cached bytes."""
    if OsStaging.datasync is None:
        pytest.skip("no fdatasync here")
    flushes = []
    real = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: (flushes.append(fd), real(fd)))
    staging = OsStaging(folder / "d.part")
    staging.write_directly()
    staging.write(_aligned(os.urandom(MIB)))
    staging.datasync()
    assert flushes == []
    staging.write(_aligned(os.urandom(100)))  # a tail: through the cache
    staging.datasync()
    staging.datasync()  # nothing new since
    assert len(flushes) == 1
    staging.close()


def test_a_staging_file_not_asked_to_writes_through_the_cache(folder):
    data = os.urandom(2 * MIB)
    staging = OsStaging(folder / "e.part")
    staging.write(_aligned(data))
    staging.close()
    assert (folder / "e.part").read_bytes() == data and staging.direct_bytes == 0


def test_aligned_chunk_buffers_start_on_a_page(tmp_path):
    data = os.urandom(3 * 64 * 1024 + 5)
    (tmp_path / "f").write_bytes(data)
    buffers = ChunkBuffers(64 * 1024, aligned=True)
    fd = os.open(tmp_path / "f", os.O_RDONLY)
    got = []
    try:
        while chunk := buffers.read(fd, 64 * 1024):
            whole = chunk.obj if isinstance(chunk, memoryview) else chunk
            assert isinstance(whole, mmap.mmap) and _address(whole) % mmap.PAGESIZE == 0
            got.append(bytes(chunk))
            buffers.release(chunk)
    finally:
        os.close(fd)
    assert b"".join(got) == data and len(buffers._ours) == 1


def test_direct_reads_from_a_pool_each_get_a_buffer_of_their_own(folder):
    """A chunk read back can be hashed while the next is read: each direct read fills a
    page-aligned buffer of the lent pool, which comes back to it once released."""
    data = os.urandom(3 * CHUNK + BLOCK + 100)
    (folder / "g.part").write_bytes(data)
    back = OsReadBack(folder / "g.part", from_disk=True)
    back.buffers = ChunkBuffers(aligned=True)
    try:
        held = [back.read(CHUNK) for _ in range(3)]
        owners = [chunk.obj for chunk in held]
        assert len({id(owner) for owner in owners}) == 3
        assert all(isinstance(o, mmap.mmap) and _address(o) % mmap.PAGESIZE == 0
                   for o in owners)
        assert b"".join(bytes(chunk) for chunk in held) == data[:3 * CHUNK]
        for chunk in held:
            back.buffers.release(chunk)
        rest = back.read(CHUNK)  # direct too: the kernel stops at the file's end
        assert bytes(rest) == data[3 * CHUNK:]
        assert isinstance(rest, memoryview) and rest.obj in owners
        assert not back.read(CHUNK)
    finally:
        back.close()
    assert len(back.buffers._ours) == 3  # the direct read after the release took one back


def test_chunk_buffers_lend_no_more_than_most():
    buffers = ChunkBuffers(4096, most=2, aligned=True)
    first, second = buffers.take(), buffers.take()
    assert first is not second and buffers.take() is None
    buffers.release(second)
    assert buffers.take() is second


def test_the_read_back_reads_the_next_chunk_while_it_hashes_the_last(folder, monkeypatch):
    """Read, then hash, then read again left the disk idle while the read-back hashed: the
    slowest thread of an offload at the disk's speed. While the first chunk read back is
    being hashed, the second must be read; and the copy is still proven whole."""
    data = os.urandom(3 * CHUNK + 5000)
    source = folder / "clip.mp4"
    source.write_bytes(data)
    reads = threading.Condition()
    count = [0]

    class CountedReadBack(OsReadBack):
        def read(self, size: int) -> bytes:
            data = super().read(size)
            with reads:
                count[0] += 1
                reads.notify_all()
            return data

    class Counted(FileSystem):
        def read_back(self, path: Path, *, from_disk: bool) -> OsReadBack:
            return CountedReadBack(path, from_disk=from_disk)

    real_sha256 = hashlib.sha256
    overlapped: list[bool] = []

    class WatchedDigest:  # waits in its first read-back chunk for the next read
        def __init__(self) -> None:
            self.digest = real_sha256()

        def update(self, chunk: bytes) -> None:
            if threading.current_thread().name == "lawdesk-read-back-hash" and not overlapped:
                with reads:
                    overlapped.append(reads.wait_for(lambda: count[0] >= 2, timeout=5))
            self.digest.update(chunk)

        def hexdigest(self) -> str:
            return self.digest.hexdigest()
    monkeypatch.setattr(copier.hashlib, "sha256", WatchedDigest)
    stat = source.stat()
    entry = SourceEntry("clip.mp4", source, stat.st_size, stat.st_mtime_ns, False)
    copied = copier.copy_to_staging(Counted(), entry, folder / "clip.part", sm3=False,
                                    readback="disk")
    assert overlapped == [True]
    assert copied.sha256 == real_sha256(data).hexdigest()
    assert (folder / "clip.part").read_bytes() == data


def test_a_source_lets_its_pages_go_in_steps_and_all_of_them(tmp_path, monkeypatch):
    monkeypatch.setattr(fileio, "DROP_STEP", 3 * MIB)
    drops: list[tuple[int, int]] = []
    monkeypatch.setattr(fileio, "drop_cache", lambda fd, offset=0, length=0: drops.append(
        (offset, length)))
    (tmp_path / "clip.mp4").write_bytes(os.urandom(7 * MIB + 10))
    source = OsSource(tmp_path / "clip.mp4")
    while source.read(MIB):
        pass
    source.close()
    assert drops == [(0, 3 * MIB), (3 * MIB, 3 * MIB), (6 * MIB, MIB + 10)]


@pytest.mark.parametrize("advice", [True, False], ids=["advised", "read"])
def test_the_read_ahead_reads_what_the_offload_will_in_either_way(tmp_path, monkeypatch,
                                                                  advice):
    """With the kernel's advice (Linux) or by reading into a scratch buffer (elsewhere), the
    read-ahead goes through each file to its end within its budget."""
    if not advice:
        monkeypatch.setattr(readahead, "WILL_NEED", None)
    elif readahead.WILL_NEED is None:
        pytest.skip("no posix_fadvise here")
    monkeypatch.setattr(readahead, "CHUNK", MIB)
    card = tmp_path / "DCIM"
    card.mkdir()
    (card / "clip0.mp4").write_bytes(os.urandom(2 * MIB + 7))
    (card / "clip1.mp4").write_bytes(os.urandom(MIB))
    with ReadAhead(tmp_path, ahead=8 * MIB) as ahead:
        wait_until(lambda: ahead._held == 3 * MIB + 7, what="both files read ahead")
        assert ahead._fetched == {"DCIM/clip0.mp4": 2 * MIB + 7, "DCIM/clip1.mp4": MIB}
