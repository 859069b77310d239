"""Offloading a recorder, in-process: what an officer expects after plugging a camera in.

Every file copied once, proven identical (fsynced and read back), stored read-only under its
hash, attributed to the device and the officer, recorded with its ledger entries."""
from __future__ import annotations

import hashlib
import json
import os
import stat
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from sqlalchemy import select

from audit.verify import verify_ledger
from config.settings import set_setting
from core.actor import Actor
from core.errors import NotFound
from core.jobs import CancelToken
from db.models import Footage, FootageSighting, LedgerEntry, OffloadSession
from devices.offload.errors import SourceNotFound
from devices.offload.fileio import FileSystem
from devices.offload.pipeline import offload
from devices.offload.progress import parse_note
from evidence.library import FootageFilter, footage_detail, footage_page
from evidence.manifest import parse_hashdeep
from evidence.verify import verify_store


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def footage_rows(workspace) -> dict[str, Footage]:
    with workspace.db.read() as session:
        return {f.original_name: f for f in session.execute(select(Footage)).scalars()}


class CountingFS(FileSystem):
    def __init__(self) -> None:
        self.opened: list[Path] = []

    def open_source(self, path: Path):  # noqa: ANN201
        self.opened.append(path)
        return super().open_source(path)


# --------------------------------------------------------------------------- a GA/T 947 camera
def test_a_gat947_camera_is_stored_verified_and_attributed(workspace, admin, store, officer_id,
                                                         gat947_card, media):
    sources = {p.relative_to(gat947_card).as_posix(): p.read_bytes()
               for p in sorted((gat947_card / "RECORD").iterdir())}
    result = offload(admin, store, gat947_card)

    assert result.ok and result.profile == "gat947" and result.recognised
    assert result.device_serial == "J001234"
    assert [f.status for f in result.files] == ["stored", "stored", "stored"]
    assert result.bytes_copied == sum(len(d) for d in sources.values())
    for outcome in result.files:
        data = sources[outcome.source]
        assert outcome.sha256 == sha256(data) and outcome.size == len(data)
        assert outcome.store_path == store.path_for(outcome.sha256)
        assert outcome.store_path.read_bytes() == data
        assert stat.S_IMODE(outcome.store_path.stat().st_mode) == 0o444
    assert all(p.read_bytes() == d for p, d in
               ((gat947_card / k, v) for k, v in sources.items()))  # the device is untouched

    rows = footage_rows(workspace)
    first = rows["J001234_22010001_20260615101500_0001_IMP.AVI"]
    assert (first.device_serial, first.officer_id, first.officer_number, first.officer_source) \
        == ("J001234", officer_id, "22010001", "file_name")
    # 10:15 in Beijing is 02:15 UTC.
    assert first.recorded_at == datetime(2026, 6, 15, 2, 15, tzinfo=timezone.utc)
    assert first.recorded_at_source == "file_name"
    assert first.important and first.readable and first.kind == "video"
    assert (first.width, first.height, first.fps, first.codec) == (64, 48, 30.0, "MJPG")
    assert first.duration_s == pytest.approx(1.0)
    thumbnail = store.path_for(first.thumbnail_sha256).read_bytes()
    assert thumbnail[:2] == b"\xff\xd8" and sha256(thumbnail) == first.thumbnail_sha256
    assert not rows["J001234_22010001_20260615103000_0002.AVI"].important
    damaged = rows["J001234_22010001_20260615110000_0003.MP4"]
    assert not damaged.readable and damaged.thumbnail_sha256 is None
    assert damaged.officer_id == officer_id  # stored, verified and attributed all the same

    assert verify_ledger(workspace.db, head_file=workspace.head_file).intact
    assert verify_store(workspace.db, store).intact
    assert media.staging_leftovers(store) == []


def test_each_stored_file_has_its_ledger_entry_and_the_session_its_manifests(
        workspace, admin, store, gat947_card, raw_db):
    result = offload(admin, store, gat947_card)
    with workspace.db.read() as session:
        row = session.get(OffloadSession, result.session_id)
        entries = session.execute(select(LedgerEntry).where(
            LedgerEntry.action.like("offload.%"))).scalars().all()
    assert row.status == "finished" and row.username == "admin"
    assert (row.files_total, row.files_stored, row.files_failed) == (3, 3, 0)
    assert row.device_serial == "J001234" and row.profile == "gat947"
    stored = [e for e in entries if e.action == "offload.store" and e.object_type == "footage"]
    assert sorted(json.loads(e.change)["values"]["sha256"] for e in stored) == sorted(
        f.sha256 for f in result.files)
    # The manifests' hashes are in the ledger, and the files say what was offloaded.
    finish = [e for e in entries if e.action == "offload.finish"][-1]
    after = json.loads(finish.change)["after"]
    text = result.manifest_path.read_bytes()
    assert after["manifest_sha256"] == sha256(text) == row.manifest_sha256
    assert after["manifest_json_sha256"] == sha256(result.manifest_json_path.read_bytes())
    assert sorted(parse_hashdeep(text.decode())) == sorted(
        (f.size, f.sha256, f.source) for f in result.files)
    document = json.loads(result.manifest_json_path.read_text())
    assert document["session"]["id"] == result.session_id
    assert {f["path"]: f["status"] for f in document["files"]} == {
        f.source: "stored" for f in result.files}


def test_the_manifest_is_one_hashdeep_audits(admin, store, gat947_card):
    import shutil
    import subprocess
    if shutil.which("hashdeep") is None:
        pytest.skip("hashdeep is not installed")
    result = offload(admin, store, gat947_card)
    files = [f.source for f in result.files]
    audit = subprocess.run(["hashdeep", "-a", "-l", "-k", str(result.manifest_path), *files],
                           cwd=gat947_card, capture_output=True, text=True, timeout=30)
    assert audit.returncode == 0 and "Audit passed" in audit.stdout, audit.stdout + audit.stderr


# ----------------------------------------------------------------------- other naming styles
def test_a_vendor_camera_recognised_by_its_layout_with_custody_naming_the_officer(
        workspace, admin, store, officer_id, tmp_path, media, monkeypatch):
    root = tmp_path / "cam-zfy"
    media.write_video(root / "DCIM" / "100ZFYDV" / "ZFYA8K2291_20260615_101500_LOCK.MP4", seed=5)
    media.write_video(root / "DCIM" / "100ZFYDV" / "ZFYA8K2291_20260615_111500.MP4", seed=6)
    asked = []

    class Holder:
        officer_id = None

    def holder_at(ctx, serial, instant):  # noqa: ANN001, ANN202 - stands in for custody
        asked.append((serial, instant))
        holder = Holder()
        holder.officer_id = officer_id
        return holder

    import devices.holder
    monkeypatch.setattr(devices.holder, "holder_at", holder_at)
    result = offload(admin, store, root)
    assert result.ok and result.profile == "vendor_zfy" and result.recognised
    assert result.device_serial == "A8K2291"  # from the names: no id file on this one
    rows = footage_rows(workspace)
    locked = rows["ZFYA8K2291_20260615_101500_LOCK.MP4"]
    assert locked.important and locked.officer_number is None
    assert (locked.officer_id, locked.officer_source) == (officer_id, "custody")
    assert not rows["ZFYA8K2291_20260615_111500.MP4"].important
    assert ("A8K2291", datetime(2026, 6, 15, 2, 15, tzinfo=timezone.utc)) in asked


def test_the_vendor_id_file_gives_the_serial(admin, store, tmp_path, media):
    root = tmp_path / "cam-zfy-ini"
    (root / "DCIM").mkdir(parents=True)
    (root / "ZFYINFO.INI").write_text("[device]\nDeviceSN=ZX90001\n")
    media.write_noise(root / "DCIM" / "clip.mp4", 2_000)
    result = offload(admin, store, root)
    assert result.profile == "vendor_zfy" and result.device_serial == "ZX90001"


def test_names_no_profile_understands_take_their_time_from_the_file(
        workspace, as_role, store, officer_id, tmp_path, media):
    root = tmp_path / "usb-stick"
    clip = root / "videos" / "clip one.avi"
    media.write_video(clip, seed=7)
    end = datetime(2026, 6, 14, 8, 0, 1, tzinfo=timezone.utc)
    os.utime(clip, ns=(int(end.timestamp() * 1e9),) * 2)
    # A gat947 name on a volume no profile recognises is still understood.
    media.write_noise(root / "J001234_22010001_20260615101500_0009.MP4", 1_000)
    # The person offloading is an officer: with nothing else to go on, the footage is theirs.
    ctx = workspace.context(Actor("zhangwei", frozenset({"officer"}), officer_id=officer_id))
    result = offload(ctx, store, root)
    assert result.ok and result.profile == "generic" and not result.recognised
    rows = footage_rows(workspace)
    plain = rows["clip one.avi"]
    assert plain.recorded_at_source == "file_time"
    # The file's time is when the recorder closed it: the start is a second (its length) before.
    assert plain.recorded_at == datetime(2026, 6, 14, 8, 0, 0, tzinfo=timezone.utc)
    assert (plain.officer_id, plain.officer_source, plain.device_serial) == (
        officer_id, "offloader", None)
    named = rows["J001234_22010001_20260615101500_0009.MP4"]
    assert (named.device_serial, named.officer_source) == ("J001234", "file_name")


def test_device_and_officer_given_by_the_person_offloading(workspace, admin, store, officer_id,
                                                          tmp_path, media):
    root = tmp_path / "card"
    media.write_noise(root / "a.mp4", 1_000)
    result = offload(admin, store, root, device_serial="SN-77", officer_certificate="22010001")
    assert result.device_serial == "SN-77"
    row = footage_rows(workspace)["a.mp4"]
    assert (row.device_serial, row.officer_id, row.officer_source) == (
        "SN-77", officer_id, "given")


def test_an_unknown_certificate_or_folder_is_refused_before_anything_is_written(
        admin, store, tmp_path, ledger_length, media):
    root = tmp_path / "card"
    media.write_noise(root / "a.mp4", 1_000)
    length = ledger_length()
    with pytest.raises(NotFound):
        offload(admin, store, root, officer_certificate="99999999")
    with pytest.raises(SourceNotFound):
        offload(admin, store, tmp_path / "nowhere")
    assert ledger_length() == length and media.store_files(store) == []


# ------------------------------------------------------------------------------- duplicates
def test_the_same_bytes_are_stored_once_and_sighted_again(workspace, admin, store, tmp_path,
                                                          media):
    first, second = tmp_path / "cam1", tmp_path / "cam2"
    data = media.write_noise(first / "DCIM" / "a.mp4", 30_000, seed=1)
    (first / "DCIM" / "copy of a.mp4").write_bytes(data)
    (second / "DCIM").mkdir(parents=True)
    (second / "DCIM" / "other name.mp4").write_bytes(data)
    one = offload(admin, store, first)
    two = offload(admin, store, second)
    assert sorted(f.status for f in one.files) == ["duplicate", "stored"]
    assert [f.status for f in two.files] == ["duplicate"]
    assert {f.store_path for f in one.files + two.files} == {store.path_for(sha256(data))}
    assert media.store_files(store) == [store.path_for(sha256(data))]
    assert two.bytes_copied == 0
    with workspace.db.read() as session:
        assert session.query(Footage).count() == 1
        statuses = sorted(s.status for s in session.execute(select(FootageSighting)).scalars())
    assert statuses == ["duplicate", "duplicate", "stored"]
    detail = footage_detail(admin, one.files[0].footage_id or one.files[1].footage_id)
    assert len(detail.sightings) == 3 and detail.history


def test_offloading_again_skips_verified_files_without_reading_them(workspace, admin, store,
                                                                   gat947_card):
    offload(admin, store, gat947_card)
    fs = CountingFS()
    again = offload(admin, store, gat947_card, fs=fs)
    assert fs.opened == []
    assert [f.status for f in again.files] == ["resumed"] * 3
    assert [f.as_json()["status"] for f in again.files] == ["duplicate"] * 3
    assert all(f.sha256 and f.store_path.exists() for f in again.files)
    # A file changed on the device since (new time) is read again.
    touched = gat947_card / again.files[0].source
    os.utime(touched, ns=(1_700_000_000_000_000_000,) * 2)
    third = offload(admin, store, gat947_card, fs=fs)
    assert fs.opened == [touched]
    assert [f.status for f in third.files] == ["duplicate", "resumed", "resumed"]


def test_a_store_file_gone_missing_is_copied_again_not_skipped(workspace, admin, store,
                                                               gat947_card):
    first = offload(admin, store, gat947_card)
    lost = first.files[1].store_path
    lost.unlink()
    assert not verify_store(workspace.db, store).intact
    again = offload(admin, store, gat947_card)
    assert [f.status for f in again.files] == ["resumed", "duplicate", "resumed"]
    assert lost.exists() and sha256(lost.read_bytes()) == first.files[1].sha256
    assert verify_store(workspace.db, store).intact


# ------------------------------------------------------------------------------ symlinks
def test_symbolic_links_on_the_volume_are_never_followed(admin, store, tmp_path, media):
    outside = tmp_path / "outside"
    secret = media.write_noise(outside / "secret.mp4", 5_000, seed=9)
    media.write_noise(outside / "folder" / "more.mp4", 5_000, seed=10)
    root = tmp_path / "card"
    real = media.write_noise(root / "DCIM" / "real.mp4", 4_000, seed=11)
    os.symlink(outside / "secret.mp4", root / "DCIM" / "link.mp4")
    os.symlink(outside / "folder", root / "DCIM" / "linked-folder")
    os.symlink(outside, root / "DCIM-elsewhere")
    result = offload(admin, store, root)
    assert [f.source for f in result.files] == ["DCIM/real.mp4"]
    assert sorted(result.links_skipped) == ["DCIM-elsewhere", "DCIM/link.mp4",
                                            "DCIM/linked-folder"]
    assert media.store_files(store) == [store.path_for(sha256(real))]
    assert not store.has(sha256(secret))


def test_an_id_file_that_is_a_link_does_not_identify_the_volume(admin, store, tmp_path, media):
    root = tmp_path / "card"
    root.mkdir()
    (tmp_path / "elsewhere.txt").write_text("SN=FAKE001\n")
    os.symlink(tmp_path / "elsewhere.txt", root / "DEVICE.TXT")
    media.write_noise(root / "x.mp4", 100)
    result = offload(admin, store, root)
    assert result.profile == "generic" and result.device_serial is None


# ------------------------------------------------------------------------ settings
def test_sm3_is_computed_alongside_sha256_when_the_setting_says_so(workspace, admin, store,
                                                                   gat947_card):
    set_setting(admin, "footage.sm3", True)
    result = offload(admin, store, gat947_card)
    for outcome in result.files:
        digest = hashes.Hash(hashes.SM3())
        digest.update((gat947_card / outcome.source).read_bytes())
        assert outcome.sm3 == digest.finalize().hex()
    assert {r.sm3 for r in footage_rows(workspace).values()} == {f.sm3 for f in result.files}


def test_files_are_erased_from_the_device_only_when_the_admin_says_and_only_once_verified(
        workspace, admin, store, gat947_card, media):
    names = sorted(p.name for p in (gat947_card / "RECORD").iterdir())
    result = offload(admin, store, gat947_card)
    assert sorted(p.name for p in (gat947_card / "RECORD").iterdir()) == names  # default: kept
    assert not any(f.erased for f in result.files)

    set_setting(admin, "footage.erase_after_offload", True)
    fresh = media.write_noise(gat947_card / "RECORD" / "new.mp4", 2_000, seed=20)

    class FailOne(FileSystem):
        def open_source(self, path: Path):  # noqa: ANN201
            if path.name == names[0]:
                raise OSError(5, "Input/output error")
            return super().open_source(path)

    # The first file is re-read (its time changed) and fails: it must stay on the device.
    os.utime(gat947_card / "RECORD" / names[0], ns=(1_700_000_000_000_000_000,) * 2)
    second = offload(admin, store, gat947_card, fs=FailOne())
    by_name = {Path(f.source).name: f for f in second.files}
    assert by_name[names[0]].failed and not by_name[names[0]].erased
    assert all(f.erased for f in second.files if not f.failed)
    assert sorted(p.name for p in (gat947_card / "RECORD").iterdir()) == [names[0]]
    assert store.path_for(sha256(fresh)).read_bytes() == fresh
    with workspace.db.read() as session:
        erases = session.execute(select(LedgerEntry).where(
            LedgerEntry.action == "offload.erase_source")).scalars().all()
    assert len(erases) == len(second.files) - 1
    assert all(json.loads(e.change)["after"]["source_erased_at"] for e in erases)


# ---------------------------------------------------------------- progress and cancelling
def test_progress_reports_bytes_overall_and_each_file_by_phase(admin, store, gat947_card):
    calls = []
    result = offload(admin, store, gat947_card, progress=lambda d, t, n="": calls.append((d, t, n)))
    total = sum(f.size for f in result.files)
    assert all(t == total and 0 <= d <= t for d, t, _ in calls)
    assert [d for d, _, _ in calls] == sorted(d for d, _, _ in calls)
    assert calls[-1] == (total, total, "finished")
    notes = [parse_note(n) for _, _, n in calls if parse_note(n)]
    for index, outcome in enumerate(result.files, start=1):
        phases = [n.phase for n in notes if n.index == index]
        assert phases[0] == "copy" and phases[-1] == "stored"
        assert set(phases) == {"copy", "stored"}
        assert {n.path for n in notes if n.index == index} == {outcome.source}
        assert all(n.count == 3 and n.size == outcome.size for n in notes if n.index == index)


def test_cancelling_ends_after_the_file_in_hand_and_records_the_session(
        workspace, admin, store, gat947_card, media):
    token = CancelToken()

    def progress(done: int, total: int, note: str = "") -> None:
        file = parse_note(note)
        if file and file.index == 2 and file.phase == "copy":
            token.cancel()

    result = offload(admin, store, gat947_card, progress=progress, cancel=token)
    assert result.cancelled and not result.ok
    assert [f.status for f in result.files] == ["stored", "failed"]
    assert result.files[1].error.code == "cancelled"
    with workspace.db.read() as session:
        assert session.get(OffloadSession, result.session_id).status == "cancelled"
    assert media.staging_leftovers(store) == []
    assert media.store_files(store) == sorted(
        [result.files[0].store_path, store.path_for(footage_rows(workspace)[
            Path(result.files[0].source).name].thumbnail_sha256)])
    again = offload(admin, store, gat947_card)
    assert [f.status for f in again.files] == ["resumed", "stored", "stored"]


# ------------------------------------------------------------------------------ memory
def test_memory_stays_flat_whatever_the_file_size(admin, store, tmp_path):
    root = tmp_path / "card"
    root.mkdir()
    big = root / "big.mp4"
    with open(big, "wb") as handle:
        block = os.urandom(1 << 20)
        for _ in range(96):
            handle.write(block)
    tracemalloc.start()
    try:
        result = offload(admin, store, root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok and result.bytes_copied == 96 << 20
    assert peak < 48 << 20, f"peak {peak / 2**20:.1f} MiB for a 96 MiB file"


def test_the_library_lists_what_was_offloaded(admin, store, gat947_card, officer_id):
    offload(admin, store, gat947_card)
    rows = footage_page(admin, FootageFilter(officer_id=officer_id))
    assert len(rows) == 3
    assert [r.important for r in footage_page(admin, FootageFilter(important=True))] == [True]
    assert len(footage_page(admin, FootageFilter(unreadable=True))) == 1


@pytest.mark.skipif(os.name != "posix", reason="names are bytes on POSIX only")
def test_empty_files_and_names_that_are_not_valid_text(workspace, admin, store, tmp_path):
    root = tmp_path / "card"
    root.mkdir()
    (root / "empty.mp4").write_bytes(b"")
    # A GBK name (中文) on a volume mounted as UTF-8.
    with open(os.path.join(os.fsencode(root), b"\xd6\xd0\xce\xc4.mp4"), "wb") as handle:
        handle.write(b"gbk named")
    result = offload(admin, store, root)
    assert result.ok
    assert sorted((f.source, f.size) for f in result.files) == [
        ("\\xd6\\xd0\\xce\\xc4.mp4", 9), ("empty.mp4", 0)]
    assert store.path_for(sha256(b"")).read_bytes() == b""
    assert set(footage_rows(workspace)) == {"empty.mp4", "\\xd6\\xd0\\xce\\xc4.mp4"}
    again = offload(admin, store, root)
    assert [f.status for f in again.files] == ["resumed", "resumed"]


def test_two_recorders_offload_side_by_side(workspace, admin, store, tmp_path, media):
    """Two cards at once (two threads, as the desktop runs two jobs), sharing one file."""
    import threading
    shared = os.urandom(200_000)
    cards = []
    for n in range(2):
        card = tmp_path / f"cam{n}"
        for i in range(5):
            media.write_noise(card / "DCIM" / f"c{n}-{i}.mp4", 150_000 + i, seed=10 * n + i)
        (card / "DCIM" / "shared.mp4").write_bytes(shared)
        cards.append(card)
    results = [None, None]

    def run(n: int) -> None:
        results[n] = offload(admin, store, cards[n])
    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(r is not None and r.ok for r in results)
    statuses = sorted(f.status for r in results for f in r.files if f.source.endswith("shared.mp4"))
    assert statuses == ["duplicate", "stored"]
    assert len(media.store_files(store)) == 11
    assert verify_store(workspace.db, store).intact
    assert verify_ledger(workspace.db, head_file=workspace.head_file).intact
