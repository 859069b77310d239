"""Faults during an offload: each ends its file with a clear error, records nothing as
verified that is not, leaves no partial file in the store, and offloading again finishes.

Real files throughout; a read error (EIO) and a full disk (ENOSPC) are injected at the
file-system boundary (devices.offload.fileio), and files that grow, shrink, change or vanish
are changed for real by a thread while the offload is reading them."""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Footage, FootageSighting
from devices.offload.fileio import FileSystem, OsStaging
from devices.offload.pipeline import offload
from devices.offload.progress import parse_note
from evidence.verify import verify_store


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def card(tmp_path, media) -> Path:
    """Four plain files of a few hundred kilobytes, named so their order is known."""
    root = tmp_path / "card"
    for i in range(4):
        media.write_noise(root / "DCIM" / f"clip{i}.mp4", 300_000 + i, seed=i)
    return root


def assert_clean(workspace, store, media, *, stored: int) -> None:
    """Only verified content in the store, each record's file whole, no staging left."""
    with workspace.db.read() as session:
        rows = session.execute(select(Footage)).scalars().all()
    assert len(rows) == stored
    for row in rows:
        assert sha256(store.path_for(row.sha256).read_bytes()) == row.sha256
    for path in media.store_files(store):
        assert sha256(path.read_bytes()) == path.name  # nothing partial, ever
    assert media.staging_leftovers(store) == []
    assert verify_store(workspace.db, store).intact


def failures(workspace) -> dict[str, str]:
    with workspace.db.read() as session:
        return {s.source_path: s.error_code for s in session.execute(
            select(FootageSighting).where(FootageSighting.status == "failed")).scalars()}


# ------------------------------------------------------------------ injected at the boundary
class BreakingSource:
    """Reads one chunk, then fails as a dying USB device does."""

    def __init__(self, source, error: int) -> None:  # noqa: ANN001
        self.source, self.error, self.reads = source, error, 0

    def read(self, size: int) -> bytes:
        self.reads += 1
        if self.reads > 1:
            raise OSError(self.error, os.strerror(self.error))
        return self.source.read(min(size, 100_000))

    def stat(self):  # noqa: ANN201
        return self.source.stat()

    def close(self) -> None:
        self.source.close()


class FaultyFS(FileSystem):
    def __init__(self, *, read_error: dict[str, int] | None = None,
                 full_after: int | None = None, open_error: dict[str, int] | None = None):
        self.read_error, self.full_after = read_error or {}, full_after
        self.open_error = open_error or {}
        self.written = 0

    def open_source(self, path: Path):  # noqa: ANN201
        if path.name in self.open_error:
            code = self.open_error[path.name]
            raise (PermissionError if code == errno.EACCES else OSError)(code, os.strerror(code))
        if path.name in self.read_error:
            return BreakingSource(super().open_source(path), self.read_error[path.name])
        return super().open_source(path)

    def create_staging(self, path: Path):  # noqa: ANN201
        fs = self

        class Filling(OsStaging):
            def write(self, data: bytes) -> None:
                if fs.full_after is not None and fs.written + len(data) > fs.full_after:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                fs.written += len(data)
                super().write(data)
        return Filling(path)


def test_a_read_error_fails_that_file_only_and_offloading_again_finishes(
        workspace, admin, store, card, media):
    notes = []
    result = offload(admin, store, card, fs=FaultyFS(read_error={"clip1.mp4": errno.EIO}),
                     progress=lambda done, total, note="": notes.append(note))
    assert [f.status for f in result.files] == ["stored", "failed", "stored", "stored"]
    # The window counts it against the recorder (devices.offload.rate): the device's fault.
    assert "unreadable 2/4 0/" in "\n".join(notes)
    assert not any(note.startswith("failed ") for note in notes)
    error = result.files[1].error
    assert error.code == "read_error" and "DCIM/clip1.mp4" in error.message("en")
    assert result.files[1].sha256 is None and result.files[1].store_path is None
    assert failures(workspace) == {"DCIM/clip1.mp4": "read_error"}
    assert_clean(workspace, store, media, stored=3)

    again = offload(admin, store, card)
    assert [f.status for f in again.files] == ["resumed", "stored", "resumed", "resumed"]
    assert again.files[1].sha256 == sha256((card / "DCIM" / "clip1.mp4").read_bytes())
    assert_clean(workspace, store, media, stored=4)


def test_a_full_disk_stops_the_copying_and_offloading_again_finishes(
        workspace, admin, store, card, media):
    result = offload(admin, store, card, fs=FaultyFS(full_after=450_000))
    assert [f.status for f in result.files] == ["stored", "failed", "failed", "failed"]
    assert [f.error.code for f in result.files[1:]] == ["disk_full", "not_attempted",
                                                        "not_attempted"]
    assert "full" in result.files[1].error.message("en")
    assert_clean(workspace, store, media, stored=1)
    again = offload(admin, store, card)
    assert [f.status for f in again.files] == ["resumed", "stored", "stored", "stored"]
    assert_clean(workspace, store, media, stored=4)


def test_a_permission_error_is_reported_per_file(workspace, admin, store, card, media):
    result = offload(admin, store, card, fs=FaultyFS(open_error={"clip2.mp4": errno.EACCES}))
    assert [f.status for f in result.files] == ["stored", "stored", "failed", "stored"]
    assert result.files[2].error.code == "permission_denied"
    assert "No permission to read DCIM/clip2.mp4" == result.files[2].error.message("en")
    assert_clean(workspace, store, media, stored=3)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads files whatever their mode; the simulated case above "
                           "covers the error path")
def test_an_unreadable_file_on_the_device(workspace, admin, store, card, media):
    locked = card / "DCIM" / "clip3.mp4"
    locked.chmod(0)
    try:
        result = offload(admin, store, card)
    finally:
        locked.chmod(0o644)
    assert result.files[3].error.code == "permission_denied"
    assert_clean(workspace, store, media, stored=3)


def test_the_device_pulled_out_during_the_offload(workspace, admin, store, card, media, tmp_path):
    """The volume disappears (here: its folder moves away) while file 2 is being copied."""
    away = tmp_path / "unplugged"

    class Unplug(FileSystem):
        def open_source(self, path: Path):  # noqa: ANN201
            source = super().open_source(path)
            if path.name == "clip1.mp4":
                card.rename(away)
                return BreakingSource(source, errno.EIO)
            return source

    result = offload(admin, store, card, fs=Unplug())
    assert [f.status for f in result.files] == ["stored", "failed", "failed", "failed"]
    assert {f.error.code for f in result.files[1:]} == {"device_gone"}
    assert "unplugged" in result.files[2].error.message("en")
    assert "DCIM/clip2.mp4" in result.files[2].error.message("en")
    assert_clean(workspace, store, media, stored=1)
    away.rename(card)  # plugged in again
    again = offload(admin, store, card)
    assert [f.status for f in again.files] == ["resumed", "stored", "stored", "stored"]
    assert_clean(workspace, store, media, stored=4)


# ------------------------------------------------------------- changed while being read
class ChangingFS(FileSystem):
    """After the first chunk of ``name`` is read, a thread changes the real file (and is
    waited for), as a recorder still writing to it would."""

    def __init__(self, name: str, change) -> None:  # noqa: ANN001
        self.name, self.change = name, change

    def open_source(self, path: Path):  # noqa: ANN201
        source = super().open_source(path)
        if path.name != self.name:
            return source
        change, read = self.change, source.read
        done = []

        def read_then_change(size: int) -> bytes:
            data = read(min(size, 100_000))
            if not done:
                done.append(True)
                worker = threading.Thread(target=change, args=(path,))
                worker.start()
                worker.join()
            return data
        source.read = read_then_change
        return source


def _grow(path: Path) -> None:
    with open(path, "ab") as handle:
        handle.write(b"more footage" * 1000)


def _shrink(path: Path) -> None:
    os.truncate(path, 150_000)


def _vanish(path: Path) -> None:
    path.unlink()


def _rewrite(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(10)
        handle.write(b"X")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


@pytest.mark.parametrize("change,how", [(_grow, "grew"), (_shrink, "shrank"),
                                        (_vanish, "vanished"), (_rewrite, "was modified")],
                         ids=["grows", "shrinks", "vanishes", "is-rewritten"])
def test_a_file_changed_while_being_read_is_refused_and_taken_next_time(
        workspace, admin, store, card, media, change, how):
    original = (card / "DCIM" / "clip2.mp4").read_bytes()
    result = offload(admin, store, card, fs=ChangingFS("clip2.mp4", change))
    assert [f.status for f in result.files] == ["stored", "stored", "failed", "stored"]
    assert result.files[2].error.code == "file_changed"
    assert how in result.files[2].error.message("en")
    assert not store.has(sha256(original))
    assert_clean(workspace, store, media, stored=3)
    if change is _vanish:
        return
    again = offload(admin, store, card)
    assert [f.status for f in again.files] == ["resumed", "resumed", "stored", "resumed"]
    now = (card / "DCIM" / "clip2.mp4").read_bytes()
    assert store.path_for(sha256(now)).read_bytes() == now
    assert_clean(workspace, store, media, stored=4)


def test_a_file_growing_between_the_scan_and_the_copy_is_taken_whole(workspace, admin, store,
                                                                     card, media):
    """Only a change during the read is refused: the copy is of the file as it was read."""
    def progress(done: int, total: int, note: str = "") -> None:
        file = parse_note(note)
        if file and file.index == 4 and file.phase == "copy" and file.done == 0:
            _grow(card / "DCIM" / "clip3.mp4")  # after the scan, before the copy opens it

    result = offload(admin, store, card, progress=progress)
    assert result.ok
    assert result.files[3].size == (card / "DCIM" / "clip3.mp4").stat().st_size
    assert_clean(workspace, store, media, stored=4)


def test_staging_left_by_a_dead_run_is_cleaned_and_its_session_closed(workspace, admin, store,
                                                                     card, media):
    from db.models import OffloadSession
    from devices.offload import records
    dead = store.begin_run()
    (dead.directory / "000001.part").write_bytes(b"half a file")
    records.open_session(admin, dead.id, source_root=str(card), profile="generic",
                         device_serial=None, officer_id=None)
    dead._lock.release()  # as a kill -9 would
    offload(admin, store, card)
    assert not dead.directory.exists()
    with workspace.db.read() as session:
        assert session.get(OffloadSession, dead.id).status == "interrupted"
    assert_clean(workspace, store, media, stored=4)
    shutil.rmtree(card)


def test_a_run_killed_while_cleaning_up_after_a_dead_one_leaves_no_session_running(
        workspace, admin, store, card, media, monkeypatch):
    """The dead run's session is closed before its folder goes: killed in between (here the
    removal fails as a kill would stop it), the session is closed already and the next run
    finds the folder again and removes it."""
    from db.models import OffloadSession
    from devices.offload import records
    dead = store.begin_run()
    records.open_session(admin, dead.id, source_root=str(card), profile="generic",
                         device_serial=None, officer_id=None)
    dead._lock.release()  # as a kill -9 would

    class Killed(BaseException):
        pass

    def killed(runs=None):  # noqa: ANN001, ANN202
        raise Killed()
    with monkeypatch.context() as patch:
        patch.setattr(store, "clean_staging", killed)
        with pytest.raises(Killed):
            offload(admin, store, card)
    with workspace.db.read() as session:
        assert session.get(OffloadSession, dead.id).status == "interrupted"
    assert dead.directory.exists()
    offload(admin, store, card)
    assert not dead.directory.exists()
    assert_clean(workspace, store, media, stored=4)


def test_a_copy_the_disk_gives_back_differently_is_refused(workspace, admin, store, card, media):
    """The staging file is read back and hashed again: here the disk (a writer at the
    boundary) silently changes one byte of one file. (Both read-back modes:
    test_offload_readback.)"""
    class Corrupting(FileSystem):
        def create_staging(self, path: Path):  # noqa: ANN201
            staging = super().create_staging(path)
            write, first = staging.write, not hasattr(self, "done")
            self.done = True

            def corrupt(data: bytes) -> None:
                if first:  # the first file (clip0): one bit flipped on its way to the disk
                    data = bytes(data)  # a chunk is any bytes-like object
                    data = data[:1000] + bytes([data[1000] ^ 1]) + data[1001:]
                write(data)
            staging.write = corrupt
            return staging

    result = offload(admin, store, card, fs=Corrupting())
    assert [f.status for f in result.files] == ["failed", "stored", "stored", "stored"]
    assert result.files[0].error.code == "read_back_mismatch"
    assert_clean(workspace, store, media, stored=3)
