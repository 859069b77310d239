"""The write-once, content-addressed store: what goes in, how, and what a crash leaves."""
from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from evidence.hashing import pump, sha256_of_file
from evidence.store import FootageStore, ReadBackMismatch

REPO = Path(__file__).resolve().parents[2]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def store(tmp_path) -> FootageStore:
    return FootageStore(tmp_path / "store")


def staged(run, data: bytes) -> Path:
    path = run.new_path()
    path.write_bytes(data)
    return path


def test_content_goes_in_by_its_hash_read_only(store):
    data = b"footage" * 1000
    with store.begin_run() as run:
        installed = store.install(staged(run, data), sha256(data))
        assert not any(p.name.endswith(".part") for p in run.directory.iterdir())
    digest = sha256(data)
    assert installed.path == store.objects_dir / digest[:2] / digest[2:4] / digest
    assert installed.path.read_bytes() == data and not installed.existed
    assert stat.S_IMODE(installed.path.stat().st_mode) == 0o444
    assert store.has(digest) and store.has(digest, len(data)) and not store.has(digest, 1)
    assert not store.staging_dir.exists() or not any(store.staging_dir.iterdir())


def test_the_same_content_is_kept_once(store):
    data = b"same bytes"
    with store.begin_run() as run:
        first = store.install(staged(run, data), sha256(data))
        second = store.install(staged(run, data), sha256(data), trust_existing=True)
        third = store.install(staged(run, data), sha256(data))
    assert (first.existed, second.existed, third.existed) == (False, True, True)
    assert [p for p in store.objects_dir.rglob("*") if p.is_file()] == [first.path]


def test_a_damaged_leftover_under_the_name_is_replaced_unless_trusted(store):
    data = b"the real bytes"
    digest = sha256(data)
    target = store.path_for(digest)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"the real byt")  # what a broken copy would leave
    with store.begin_run() as run:
        installed = store.install(staged(run, data), digest)
    assert not installed.existed and target.read_bytes() == data
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_the_read_back_must_match(store):
    with store.begin_run() as run:
        path = staged(run, b"written")
        with pytest.raises(ReadBackMismatch):
            store.verify_staged(path, sha256(b"something else"))
        store.verify_staged(path, sha256(b"written"))


def test_small_content_and_manifests(store):
    with store.begin_run() as run:
        thumb = store.put_bytes(run, b"\xff\xd8jpeg")
        path, digest = store.write_manifest(run, "s1", ".json", b"{}\n")
        with pytest.raises(FileExistsError):
            store.write_manifest(run, "s1", ".json", b"{}\n")
    assert thumb.path.read_bytes() == b"\xff\xd8jpeg"
    assert path == store.manifests_dir / "s1.json" and digest == sha256(b"{}\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_live_run_is_left_alone_and_a_dead_one_cleaned(store):
    live = store.begin_run()
    (live.directory / "000001.part").write_bytes(b"in progress")
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        from evidence.store import FootageStore
        run = FootageStore({str(store.root)!r}).begin_run()
        (run.directory / "000001.part").write_bytes(b"half")
        print(run.id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=30)
    assert child.returncode == -signal.SIGKILL
    dead = child.stdout.strip()
    assert (store.staging_dir / dead / "000001.part").exists()
    assert store.clean_staging() == [dead]
    assert not (store.staging_dir / dead).exists()
    assert (live.directory / "000001.part").exists()  # held by this process: alive
    live.close()
    assert not live.directory.exists()
    assert store.clean_staging() == []


def test_a_run_whose_folder_a_cleaner_removed_during_its_set_up_starts_again(store,
                                                                            monkeypatch):
    """Two offloads start at once: one's cleaner locks the other's brand-new folder before
    its owner does, removes it (unlinking the lock file, then releasing it) while the owner
    has the lock file open, and the owner's lock then succeeds on the unlinked file. That
    lock holds nothing: the set-up must start again in a folder of its own."""
    import evidence.store as module
    real, raced = module.try_lock, []

    def racing(path):  # noqa: ANN001, ANN202
        lock = real(path)
        if lock is not None and not raced:  # what the cleaner did meanwhile
            raced.append(path.parent)
            path.unlink()
            path.parent.rmdir()
        return lock
    monkeypatch.setattr(module, "try_lock", racing)
    run = store.begin_run()
    assert raced and run.directory != raced[0] and run.directory.is_dir()
    (run.directory / "000001.part").write_bytes(b"in progress")
    assert store.clean_staging() == []  # and it is seen alive
    run.close()
    assert not run.directory.exists()


def test_a_staging_name_linked_into_the_store_is_removed_without_touching_the_store(store):
    """A crash between the link and the removal of the staging name leaves two names for one
    file; cleaning the staging name must not make the store's copy writable."""
    data = b"linked"
    run = store.begin_run()
    path = staged(run, data)
    os.chmod(path, 0o444)
    final = store.path_for(sha256(data))
    final.parent.mkdir(parents=True)
    os.link(path, final)
    run._lock.release()
    store.clean_staging()
    assert final.read_bytes() == data and stat.S_IMODE(final.stat().st_mode) == 0o444


def test_pump_hands_every_chunk_to_every_sink_and_raises_their_errors(tmp_path):
    data = os.urandom(3 * 1024 + 17)
    chunks = iter([data[i:i + 1024] for i in range(0, len(data), 1024)] + [b""])
    seen_a, seen_b = [], []
    total = pump(lambda n: next(chunks), [seen_a.append, seen_b.append])
    assert total == len(data) and b"".join(seen_a) == b"".join(seen_b) == data

    def broken(_: bytes) -> None:
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError) as raised:
        pump(lambda n: b"x" * n, [seen_a.append, broken], chunk=1024)
    assert raised.value.errno == 28
    path = tmp_path / "f"
    path.write_bytes(data)
    assert sha256_of_file(path, from_disk=True) == (len(data), sha256(data))
