"""Reading files to upload: direct from the disk where allowed, byte-exact either way."""
from __future__ import annotations

import errno
import hashlib
import os

import pytest

from sync import chunk_source
from sync.chunk_source import ALIGN, ChunkSource, LocalFileProblem, SendBuffers
from sync.upload import PendingObject

CHUNK = 64 * 1024


def _object(path, data: bytes) -> PendingObject:
    path.write_bytes(data)
    return PendingObject(hashlib.sha256(data).hexdigest(), len(data), "footage", path.name,
                         path=path)


def _read_all(obj: PendingObject, buffers: SendBuffers) -> bytes:
    out = bytearray()
    with ChunkSource(obj) as source:
        for offset in range(0, obj.size, CHUNK):
            view = source.read(offset, min(CHUNK, obj.size - offset), buffers)
            out += view
            view.release()
    return bytes(out)


@pytest.mark.parametrize("size", [1, ALIGN - 1, ALIGN, ALIGN + 1, CHUNK - 1, CHUNK,
                                  3 * CHUNK + 17])
@pytest.mark.parametrize("direct", [True, False], ids=["as-allowed", "ordinary"])
def test_every_byte_comes_back_whatever_the_size(tmp_path, monkeypatch, size, direct):
    if not direct:
        monkeypatch.setattr(chunk_source, "_DIRECT", 0)  # as on Windows
    data = os.urandom(size)
    obj = _object(tmp_path / "clip.mp4", data)
    assert _read_all(obj, SendBuffers(CHUNK)) == data


def test_buffers_are_aligned_for_direct_io():
    buffers = SendBuffers(CHUNK + 5)
    for _ in range(2):
        slot = buffers.take()
        assert len(slot) % ALIGN == 0 and len(slot) >= CHUNK + 5
    assert buffers.take() is not buffers.take()  # two slots, in turn


def test_a_file_system_refusing_direct_reads_gets_ordinary_ones(tmp_path, monkeypatch):
    data = os.urandom(2 * CHUNK + 100)
    obj = _object(tmp_path / "clip.mp4", data)
    source = ChunkSource(obj)
    if not source.direct:
        pytest.skip("no direct I/O here: the ordinary path is the one tested above")
    refused = []
    real_readinto = type(source._file).readinto  # noqa: SLF001

    class Refusing:
        """The open file, refusing the first direct read as some devices do."""

        def __init__(self, file) -> None:  # noqa: ANN001
            self.file = file

        def readinto(self, view):  # noqa: ANN001, ANN202
            if not refused:
                refused.append(True)
                raise OSError(errno.EINVAL, "Invalid argument")
            return real_readinto(self.file, view)

        def __getattr__(self, name):  # noqa: ANN001, ANN204
            return getattr(self.file, name)

    source._file = Refusing(source._file)  # noqa: SLF001
    buffers = SendBuffers(CHUNK)
    first = bytes(source.read(0, CHUNK, buffers))
    assert refused and not source.direct  # fell back, and stays on the ordinary path
    assert first + bytes(source.read(CHUNK, CHUNK, buffers)) == data[:2 * CHUNK]
    source.close()


def test_a_read_error_or_a_shrunk_file_names_the_file(tmp_path, monkeypatch):
    data = os.urandom(CHUNK * 2)
    obj = _object(tmp_path / "A0001.MP4", data)
    with ChunkSource(obj) as source:
        (tmp_path / "A0001.MP4").write_bytes(data[:CHUNK + 10])  # shrunk since it was listed
        with pytest.raises(LocalFileProblem, match="A0001.MP4"):
            source.read(CHUNK, CHUNK, SendBuffers(CHUNK))

    def failing(*_args):  # noqa: ANN202
        raise OSError(errno.EIO, "Input/output error")

    with ChunkSource(obj) as source:
        monkeypatch.setattr(source, "_fill", failing)
        with pytest.raises(LocalFileProblem, match="Input/output error"):
            source.read(0, CHUNK, SendBuffers(CHUNK))
    (tmp_path / "A0001.MP4").unlink()
    with pytest.raises(LocalFileProblem, match="A0001.MP4"):
        ChunkSource(obj)


def test_bytes_held_in_memory_are_sent_as_they_are():
    data = b"{\"manifest\": true}" * 100
    obj = PendingObject("0" * 64, len(data), "manifest", "m.json", data=data)
    with ChunkSource(obj) as source:
        assert bytes(source.read(0, 100, SendBuffers(CHUNK))) == data[:100]
