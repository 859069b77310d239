"""Re-hashing the store against the records: every change, loss or stranger is named."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from devices.offload.pipeline import offload
from evidence.verify import verify_store


@pytest.fixture
def offloaded(workspace, as_role, tmp_path):
    card = tmp_path / "card"
    card.mkdir()
    for i in range(3):
        (card / f"clip{i}.mp4").write_bytes(hashlib.shake_256(bytes([i])).digest(20_000))
    result = offload(as_role("admin", username="admin"), workspace.store, card)
    assert result.ok
    return result


def problems(workspace) -> list[tuple[str, Path]]:
    report = verify_store(workspace.db, workspace.store)
    return sorted((p.kind, p.path) for p in report.problems)


def flip_a_byte(path: Path) -> None:
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))


def test_an_intact_store_verifies_and_counts_its_files(workspace, offloaded):
    report = verify_store(workspace.db, workspace.store)
    assert report.intact
    assert report.files == 5  # three clips and the session's two manifests
    assert report.bytes >= 60_000


def test_a_changed_byte_is_caught(workspace, offloaded):
    victim = offloaded.files[0].store_path
    flip_a_byte(victim)
    assert problems(workspace) == [("changed", victim)]
    report = verify_store(workspace.db, workspace.store)
    assert str(victim) in report.problems[0].message("en")
    assert "已被改动" in report.problems[0].message("zh_CN")


def test_a_changed_manifest_is_caught(workspace, offloaded):
    flip_a_byte(offloaded.manifest_json_path)
    assert problems(workspace) == [("changed", offloaded.manifest_json_path)]


def test_missing_and_unknown_files_are_caught(workspace, offloaded):
    store = workspace.store
    lost = offloaded.files[1].store_path
    lost.unlink()
    planted = store.path_for("0" * 64)
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"planted")
    misplaced = store.objects_dir / "ab" / "cd" / offloaded.files[2].sha256
    misplaced.parent.mkdir(parents=True)
    misplaced.write_bytes(b"wrong folder")
    link = store.objects_dir / "zz-link"
    os.symlink(offloaded.files[2].store_path, link)
    loose = store.root / "notes.txt"
    loose.write_text("left here")
    stray_manifest = store.manifests_dir / "nobody.json"
    stray_manifest.write_text("{}")
    assert problems(workspace) == sorted([
        ("missing", lost), ("unknown", planted), ("unknown", misplaced), ("unknown", link),
        ("unknown", loose), ("unknown", stray_manifest)])


def test_copies_in_progress_in_staging_are_not_reported(workspace, offloaded):
    run = workspace.store.begin_run()
    (run.directory / "000001.part").write_bytes(b"being copied")
    try:
        assert problems(workspace) == []
    finally:
        run.close()


def test_progress_counts_the_bytes_hashed(workspace, offloaded):
    calls = []
    verify_store(workspace.db, workspace.store, progress=lambda d, t, n="": calls.append((d, t)))
    total = calls[-1][1]
    assert calls[-1] == (total, total) and all(d <= t for d, t in calls)
