"""The lanes that read once and hash and write at once: long-lived, reused chunk buffers,
errors confined to their own stream; and the store's read-back in both modes."""
from __future__ import annotations

import hashlib
import os
import threading

import pytest

from core.jobs import CancelToken, Cancelled
from evidence.hashing import CHUNK, ChunkBuffers, Pump, sha256_of_file
from evidence.store import FootageStore, ReadBackMismatch


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lane_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "test-lanes"]


def test_one_pump_carries_many_streams_on_the_same_threads(tmp_path):
    with Pump(2, name="test-lanes") as lanes:
        threads = lane_threads()
        assert len(threads) == 2
        for n in range(20):
            data = os.urandom(10_000 + n)
            pieces = iter([data[i:i + 999] for i in range(0, len(data), 999)] + [b""])
            seen: list[bytes] = []
            digest = hashlib.sha256()
            total = lanes.run(lambda _, pieces=pieces: next(pieces), [digest.update, seen.append],
                              chunk=999)
            assert total == len(data) and b"".join(seen) == data
            assert digest.hexdigest() == sha256(data)
        assert lane_threads() == threads
    assert lane_threads() == []


def test_a_failing_sink_stops_its_stream_only(tmp_path):
    with Pump(2) as lanes:
        def broken(_: bytes) -> None:
            raise OSError(28, "No space left on device")
        reads = [0]

        def endless(n: int) -> bytes:
            reads[0] += 1
            return b"x" * n
        with pytest.raises(OSError) as raised:
            lanes.run(endless, [hashlib.sha256().update, broken], chunk=1024)
        assert raised.value.errno == 28 and reads[0] < 50  # the reader stopped soon after
        token = CancelToken()
        token.cancel()
        with pytest.raises(Cancelled):
            lanes.run(endless, [hashlib.sha256().update], cancel=token)
        data = os.urandom(5000)
        pieces = iter([data, b""])
        digest = hashlib.sha256()
        assert lanes.run(lambda _: next(pieces), [digest.update]) == 5000
        assert digest.hexdigest() == sha256(data)


def test_chunks_are_read_into_buffers_used_again(tmp_path):
    size = 8 * 64 * 1024 + 123
    data = os.urandom(size)
    path = tmp_path / "f"
    path.write_bytes(data)
    buffers = ChunkBuffers(64 * 1024)
    made = set()
    with Pump(2, depth=2) as lanes:
        for _ in range(3):
            fd = os.open(path, os.O_RDONLY)
            try:
                got: list[bytes] = []
                digest = hashlib.sha256()

                def read(n: int, fd: int = fd) -> bytes:
                    chunk = buffers.read(fd, n)
                    if isinstance(chunk, bytearray):
                        made.add(id(chunk))
                    return chunk
                total = lanes.run(read, [digest.update, lambda c, got=got: got.append(bytes(c))],
                                  chunk=64 * 1024, release=buffers.release)
            finally:
                os.close(fd)
            assert total == size and b"".join(got) == data and digest.hexdigest() == sha256(data)
    # Used again and again: never more buffers than chunks in flight at once (two lanes,
    # two queued each, one in each lane's hands, one being read).
    assert 0 < len(made) <= len(buffers._ours) <= 6
    buffers.release(b"not one of ours")  # ignored
    assert len(buffers._free) == len(buffers._ours) <= 6


def test_small_and_large_files_hash_alike(tmp_path):
    for size in (0, 1, CHUNK - 1, CHUNK, CHUNK + 1):
        data = os.urandom(size)
        path = tmp_path / f"f{size}"
        path.write_bytes(data)
        assert sha256_of_file(path) == (size, sha256(data))
        assert sha256_of_file(path, from_disk=True) == (size, sha256(data))


@pytest.mark.parametrize("mode", ["cache", "disk"])
def test_the_store_reads_back_in_either_mode(tmp_path, mode):
    store = FootageStore(tmp_path / "store")
    with store.begin_run() as run:
        path = run.new_path()
        path.write_bytes(b"written")
        store.verify_staged(path, sha256(b"written"), readback=mode)
        with pytest.raises(ReadBackMismatch):
            store.verify_staged(path, sha256(b"something else"), readback=mode)
        with pytest.raises(ValueError):
            store.verify_staged(path, sha256(b"written"), readback="tape")
        thumb = store.put_bytes(run, b"\xff\xd8jpeg", readback=mode)
        assert thumb.path.read_bytes() == b"\xff\xd8jpeg"


def test_short_chunks_are_views_of_the_pool_and_every_buffer_comes_back(tmp_path):
    """A file's last, short chunk is handed out as a view of a pooled buffer (no copy made
    holding the interpreter lock) and, like a whole one, returns to the pool."""
    buffers = ChunkBuffers(64 * 1024)
    for index in range(20):  # many files shorter than a chunk, as on a card of photos
        data = os.urandom(1000 + index)
        path = tmp_path / f"photo{index}.jpg"
        path.write_bytes(data)
        fd = os.open(path, os.O_RDONLY)
        try:
            chunk = buffers.read(fd, 64 * 1024)
            assert isinstance(chunk, memoryview) and bytes(chunk) == data
            assert chunk.obj is next(iter(buffers._ours.values()))
            buffers.release(chunk)
            assert buffers.read(fd, 64 * 1024) == b""  # the end: its buffer goes back too
        finally:
            os.close(fd)
    assert len(buffers._ours) == 1 and len(buffers._free) == 1
