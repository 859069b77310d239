"""The read-back before a copy counts as verified, under both values of the admin's setting
``footage.readback``: each part of the staging file, once flushed (fdatasync in rounds behind
the writer, fsync at its end), is re-hashed through the page cache ("cache") or, its cached
pages dropped first, re-read from the disk ("disk").

Whatever the mode, a staging file whose bytes are not the bytes hashed while reading the
device is refused, recorded as failed, kept out of the store, and taken whole next time.
The corruption is made for real, on the staging file between the flush and the read-back of
the part that holds it, or at the file-system boundary
(devices.offload.fileio.FileSystem.read_back) as a disk that gives back other bytes than
were written."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from config.settings import get_setting, set_setting
from core.errors import InvalidInput
from db.models import Footage, FootageSighting, LedgerEntry
from devices.offload import copier, fileio, records
from devices.offload.fileio import FileSystem
from devices.offload.pipeline import offload
from evidence import hashing
from evidence.verify import verify_store

MODES = ("cache", "disk")


@pytest.fixture(autouse=True)
def small_rounds(monkeypatch):
    """Read back every megabyte, so the files here are read back in several rounds behind
    the writer, not only at their end."""
    monkeypatch.setattr(copier, "READ_BACK_STEP", 1 << 20)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def card(tmp_path, media) -> Path:
    """Three files: one of several chunks (a read-back of many reads), two small ones."""
    root = tmp_path / "card"
    media.write_noise(root / "DCIM" / "clip0.mp4", 2 * hashing.CHUNK + 12_345, seed=0)
    for i in (1, 2):
        media.write_noise(root / "DCIM" / f"clip{i}.mp4", 300_000 + i, seed=i)
    return root


def assert_clean(workspace, store, media, *, stored: int) -> None:
    with workspace.db.read() as session:
        rows = session.execute(select(Footage)).scalars().all()
    assert len(rows) == stored
    for path in media.store_files(store):
        assert sha256(path.read_bytes()) == path.name
    assert media.staging_leftovers(store) == []
    assert verify_store(workspace.db, store).intact


class KnowsStaging(FileSystem):
    """Remembers which device file each staging file copies (``staging_of``)."""

    def __init__(self) -> None:
        self.staging_of: dict[Path, str] = {}

    def open_source(self, path: Path):  # noqa: ANN201
        self.current = path.name
        return super().open_source(path)

    def create_staging(self, path: Path):  # noqa: ANN201
        self.staging_of[path] = self.current
        return super().create_staging(path)


class FlipOnDisk(KnowsStaging):
    """Changes one byte of the named file's staging copy for real once that part of it has
    been flushed, just before it is read back: a write that went astray after it was
    hashed."""

    def __init__(self, name: str, offset: int) -> None:
        super().__init__()
        self.name, self.offset = name, offset

    def read_back(self, path: Path, *, from_disk: bool):  # noqa: ANN201
        back = super().read_back(path, from_disk=from_disk)
        if self.staging_of.get(path) != self.name:
            return back
        read, at, offset = back.read, [0], self.offset

        def read_changed(size: int) -> bytes:
            if at[0] <= offset < at[0] + size:
                fd = os.open(path, os.O_RDWR)
                try:
                    old = os.pread(fd, 1, offset)
                    os.pwrite(fd, bytes([old[0] ^ 0x40]), offset)
                    os.fsync(fd)
                finally:
                    os.close(fd)
            data = read(size)
            at[0] += len(data)
            return data
        back.read = read_changed
        return back


class DiskGivesBack(KnowsStaging):
    """The disk returns one bit flipped in the named file's read-back (nothing changed in
    the file): what a failing medium does, seen only by a read that reaches it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.modes: list[bool] = []

    def read_back(self, path: Path, *, from_disk: bool):  # noqa: ANN201
        self.modes.append(from_disk)
        back = super().read_back(path, from_disk=from_disk)
        if self.staging_of.get(path) != self.name:
            return back
        read, seen = back.read, [0]

        def flipped(size: int) -> bytes:
            data = bytes(read(size))
            if seen[0] <= 70_000 < seen[0] + len(data):
                at = 70_000 - seen[0]
                data = data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]
            seen[0] += len(data)
            return data
        back.read = flipped
        return back


def test_the_setting_is_declared_with_disk_by_default_and_checked(workspace, admin):
    assert get_setting(workspace.db, "footage.readback") == "disk"
    with pytest.raises(InvalidInput):
        set_setting(admin, "footage.readback", "tape")
    set_setting(admin, "footage.readback", "cache")
    assert get_setting(workspace.db, "footage.readback") == "cache"
    with workspace.db.read() as session:
        assert session.execute(select(LedgerEntry).where(
            LedgerEntry.action == "setting.footage.readback")).scalars().all()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name,offset", [("clip0.mp4", hashing.CHUNK + 77),
                                         ("clip1.mp4", 1000)], ids=["large", "small"])
def test_a_staging_file_changed_before_its_read_back_is_refused(
        workspace, admin, store, card, media, mode, name, offset):
    set_setting(admin, "footage.readback", mode)
    result = offload(admin, store, card, fs=FlipOnDisk(name, offset))
    by_name = {Path(f.source).name: f for f in result.files}
    assert by_name[name].status == "failed"
    assert by_name[name].error.code == "read_back_mismatch"
    assert sorted(f.status for f in result.files) == ["failed", "stored", "stored"]
    original = (card / "DCIM" / name).read_bytes()
    assert not store.has(sha256(original))
    with workspace.db.read() as session:
        failed = session.execute(select(FootageSighting).where(
            FootageSighting.status == "failed")).scalars().all()
    assert [(s.source_path, s.error_code) for s in failed] == [
        (f"DCIM/{name}", "read_back_mismatch")]
    assert_clean(workspace, store, media, stored=2)

    again = offload(admin, store, card)
    assert sorted(f.status for f in again.files) == ["resumed", "resumed", "stored"]
    assert store.path_for(sha256(original)).read_bytes() == original
    assert_clean(workspace, store, media, stored=3)


@pytest.mark.parametrize("mode", MODES)
def test_a_disk_that_gives_back_other_bytes_is_caught(workspace, admin, store, card, media,
                                                      mode):
    set_setting(admin, "footage.readback", mode)
    fs = DiskGivesBack("clip0.mp4")
    result = offload(admin, store, card, fs=fs)
    assert [f.status for f in result.files] == ["failed", "stored", "stored"]
    assert result.files[0].error.code == "read_back_mismatch"
    assert set(fs.modes) == {mode == "disk"}  # every read-back in the mode the admin set
    assert_clean(workspace, store, media, stored=2)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names open files by /proc")
@pytest.mark.parametrize("mode", [*MODES, "disk without O_DIRECT"])
def test_only_the_disk_mode_drops_the_cache_before_reading_back(
        workspace, admin, store, card, monkeypatch, mode):
    """"disk" must reach the medium: the staging file is read back with O_DIRECT (every
    byte of it, from the disk, none through the cache), or where the file system refuses
    O_DIRECT, each part has its cached pages dropped (after its flush) before it is read
    back; "cache" reads what the file system holds. Either way footage does not stay in the
    page cache: each source chunk is let go once read, and each flushed part of the staging
    file before or once it is read back."""
    direct_bytes: dict[str, int] = {}
    if mode == "disk without O_DIRECT":
        monkeypatch.setattr(fileio._DirectReader, "open", classmethod(lambda cls, path: None))
    else:
        real_read = fileio._DirectReader.read

        def counting(self, offset: int, size: int, pool=None):  # noqa: ANN001, ANN202
            data = real_read(self, offset, size, pool)
            name = Path(os.readlink(f"/proc/self/fd/{self.fd}")).name
            direct_bytes[name] = direct_bytes.get(name, 0) + (len(data) if data else 0)
            return data
        monkeypatch.setattr(fileio._DirectReader, "read", counting)
    direct = mode == "disk"
    drops: dict[str, list[tuple[str, int, int]]] = {}

    def drop(fd: int, offset: int = 0, length: int = 0) -> None:
        name = Path(os.readlink(f"/proc/self/fd/{fd}")).name
        position = os.lseek(fd, 0, os.SEEK_CUR)  # where the file's reading has got to
        when = ("before" if position == offset else
                "after" if position == offset + length else "elsewhere")
        drops.setdefault(name, []).append((when, offset, length))
    monkeypatch.setattr(fileio, "drop_cache", drop)
    set_setting(admin, "footage.readback", "cache" if mode == "cache" else "disk")
    result = offload(admin, store, card)
    assert result.ok
    sizes = {Path(f.source).name: f.size for f in result.files}
    staged = [name for name in drops if name.endswith(".part")]
    assert len(staged) == 3
    if direct:
        # every block of every staging file read back directly, from the disk; a last block
        # the file only partly fills, through the cache once its pages are dropped
        block = fileio._DirectReader.ALIGN
        assert sorted(direct_bytes[name] for name in staged) == sorted(
            size - size % block for size in sizes.values())
    else:
        assert not any(direct_bytes.values())
    for name in [*staged, *sizes]:
        if direct and name in staged:
            # the direct reads leave the cached file's position alone: the flushed parts'
            # pages let go in several rounds, all of it, and the look past the end for more
            flushed = sorted((offset, length) for _, offset, length in drops[name])
            assert len(flushed) >= 2 and flushed[0][0] == 0
            reach = 0
            for offset, length in flushed:
                assert offset <= reach  # no gap
                reach = max(reach, offset + length)
            assert reach - 1 in sizes.values()
            continue
        spans = [(offset, length) for when, offset, length in drops[name] if when == "after"]
        assert spans[0][0] == 0 and all(a + n == b for (a, n), (b, _) in zip(spans, spans[1:]))
        size = sum(length for _, length in spans)  # let go all of it, as it was read
        assert size in sizes.values()
        before = [(offset, length) for when, offset, length in drops[name] if when == "before"]
        if name in staged and mode != "cache":
            # each flushed part before reading it, in several parts (rounds), all of it, and
            # the look past the end for more bytes
            assert len(before) >= (4 if size > hashing.CHUNK else 2)
            assert before[0][0] == 0 and before[-1] == (size, 1)
            assert all(a + n == b for (a, n), (b, _) in zip(before, before[1:]))
        else:
            assert before == []
        assert all(when != "elsewhere" for when, _, _ in drops[name])


def test_a_batch_whose_record_fails_fails_only_the_file_at_fault(workspace, admin, store, card,
                                                                 media, monkeypatch):
    """Stored files waiting for the database are recorded in one transaction; should it
    fail, each is recorded on its own and only the one at fault fails."""
    real = records.record_verified
    sizes = []

    def failing(ctx, session_id, items):  # noqa: ANN001, ANN202
        sizes.append(len(items))
        if any(item.sighting.source_path == "DCIM/clip1.mp4" for item in items):
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(ctx, session_id, items)
    monkeypatch.setattr(records, "record_verified", failing)
    result = offload(admin, store, card)
    assert [f.status for f in result.files] == ["stored", "failed", "stored"]
    assert result.files[1].error.code == "store_write_error"
    with workspace.db.read() as session:
        rows = session.execute(select(Footage)).scalars().all()
    assert sorted(r.sha256 for r in rows) == sorted(
        f.sha256 for f in result.files if f.status == "stored")


@pytest.mark.parametrize("mode", MODES)
def test_a_copy_failing_after_its_read_back_began_stops_it_cleanly(
        workspace, admin, store, card, media, mode):
    """The device fails a few megabytes into the large file, its read-back rounds under way:
    the file fails alone, nothing of it is left, and the next files are copied as usual."""
    class FailingLate(FileSystem):
        def open_source(self, path: Path):  # noqa: ANN201
            source = super().open_source(path)
            if path.name != "clip0.mp4":
                return source
            read, count = source.read, [0]

            def failing(size: int) -> bytes:
                count[0] += 1
                if count[0] > 2:  # two whole chunks read (8 MiB: several rounds)
                    raise OSError(5, "Input/output error")
                return read(size)
            source.read = failing
            return source

    set_setting(admin, "footage.readback", mode)
    result = offload(admin, store, card, fs=FailingLate())
    assert [f.status for f in result.files] == ["failed", "stored", "stored"]
    assert result.files[0].error.code == "read_error"
    assert_clean(workspace, store, media, stored=2)
    again = offload(admin, store, card)
    assert [f.status for f in again.files] == ["stored", "resumed", "resumed"]
    assert_clean(workspace, store, media, stored=3)
