"""Recorder profiles: the shipped data files, recognising volumes, reading file names."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from core.errors import InvalidInput
from devices.offload.profiles import (
    GENERIC, load_profiles, parse_profile, profile_named, read_name, recognise,
)
from devices.offload.scan import scan_volume

UTC = timezone.utc


@pytest.fixture(scope="module")
def profiles():
    return load_profiles()


def test_the_shipped_profiles_load_most_specific_first(profiles):
    names = [p.name for p in profiles]
    assert {"generic", "gat947", "vendor_zfy"} <= set(names)
    assert names[-1] == GENERIC
    assert not profile_named(profiles, GENERIC).detects
    assert all(p.detects for p in profiles if p.name != GENERIC)


@pytest.mark.parametrize("name,profile,serial,officer,start,important", [
    ("J001234_22010001_20260615101500_0001_IMP.MP4", "gat947", "J001234", "22010001",
     datetime(2026, 6, 15, 2, 15, tzinfo=UTC), True),
    ("j001234_22010001_20260101000000_12.avi", "gat947", "j001234", "22010001",
     datetime(2025, 12, 31, 16, 0, tzinfo=UTC), False),
    ("ZFYA8K2291_20260615_101500_LOCK.MP4", "vendor_zfy", "A8K2291", None,
     datetime(2026, 6, 15, 2, 15, tzinfo=UTC), True),
    ("ZFYA8K2291_20260615_101500_SOS.jpg", "vendor_zfy", "A8K2291", None,
     datetime(2026, 6, 15, 2, 15, tzinfo=UTC), True),
    ("ZFYA8K2291_20260615_235959.mov", "vendor_zfy", "A8K2291", None,
     datetime(2026, 6, 15, 15, 59, 59, tzinfo=UTC), False),
], ids=["gat947-important", "gat947-lowercase", "zfy-lock", "zfy-sos", "zfy-plain"])
def test_each_naming_style_is_read(profiles, name, profile, serial, officer, start, important):
    generic = profile_named(profiles, GENERIC)
    info = read_name(name, generic, profiles)  # understood whichever volume it is on
    assert (info.profile, info.serial, info.officer, info.start, info.important) == (
        profile, serial, officer, start, important)


@pytest.mark.parametrize("name", ["MOV_0001.MP4", "J001234_22010001_20261315101500_0001.MP4",
                                  "ZFYA8K2291_20260615.MP4", "notes.txt"])
def test_names_no_profile_understands(profiles, name):
    info = read_name(name, profile_named(profiles, GENERIC), profiles)
    assert info is None or info.start is None  # a month 13 is no time at all


def test_a_volume_is_recognised_by_its_id_file_whatever_its_case(profiles, tmp_path):
    (tmp_path / "device.txt").write_text("Model: X\nserial : BC900123\n")
    found = recognise(tmp_path, profiles)
    assert (found.profile.name, found.recognised, found.device_serial, found.evidence) == (
        "gat947", True, "BC900123", "id_file:device.txt")


def test_an_id_file_in_gb18030_is_read(profiles, tmp_path):
    (tmp_path / "DEVICE.TXT").write_bytes("型号：执法仪\n产品序号：ZF2026001\n".encode("gb18030"))
    assert recognise(tmp_path, profiles).device_serial == "ZF2026001"


def test_a_volume_is_recognised_by_its_folder_layout(profiles, tmp_path):
    (tmp_path / "dcim" / "100zfydv").mkdir(parents=True)
    found = recognise(tmp_path, profiles)
    assert (found.profile.name, found.recognised, found.device_serial, found.evidence) == (
        "vendor_zfy", True, None, "layout")


def test_an_unknown_volume_gets_the_generic_profile_and_is_not_recognised(profiles, tmp_path):
    (tmp_path / "photos").mkdir()
    found = recognise(tmp_path, profiles)
    assert (found.profile.name, found.recognised, found.evidence) == ("generic", False, "none")


def test_a_linked_layout_folder_does_not_count(profiles, tmp_path):
    (tmp_path / "elsewhere" / "RECORD").mkdir(parents=True)
    (tmp_path / "vol").mkdir()
    (tmp_path / "vol" / "DCIM").mkdir()
    os.symlink(tmp_path / "elsewhere" / "RECORD", tmp_path / "vol" / "RECORD")
    assert not recognise(tmp_path / "vol", profiles).recognised


def test_the_scan_takes_media_folders_and_extensions_and_marks_important_folders(
        profiles, tmp_path):
    gat947 = profile_named(profiles, "gat947")
    for relative in ("RECORD/a.MP4", "RECORD/IMPORTANT/b.mp4", "record/c.wav", "DCIM/d.JPG",
                     "RECORD/notes.txt", "RECORD/._a.MP4", "OTHER/e.mp4", "f.mp4",
                     "RECORD/System Volume Information/g.mp4"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    scan = scan_volume(tmp_path, gat947)
    assert [(e.relative, e.in_important_folder) for e in scan.files] == [
        ("DCIM/d.JPG", False), ("RECORD/IMPORTANT/b.mp4", True), ("RECORD/a.MP4", False),
        ("record/c.wav", False)]


def test_a_broken_profile_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\n[naming]\npatterns = ["(unclosed"]\n')
    with pytest.raises(InvalidInput) as refused:
        parse_profile(bad)
    assert "bad.toml" in refused.value.message("en")
    no_serial = tmp_path / "noserial.toml"
    no_serial.write_text('name = "x"\n[detect]\nid_files = ["A"]\nid_serial = "SN=(.*)"\n')
    with pytest.raises(InvalidInput) as refused:
        parse_profile(no_serial)
    assert "serial" in refused.value.message("en")


def test_a_profile_folder_without_the_generic_profile_is_refused(tmp_path):
    from devices.offload.errors import UnknownProfile
    (tmp_path / "only.toml").write_text('name = "only"\n')
    with pytest.raises(UnknownProfile):
        load_profiles(tmp_path)


def test_profiles_are_read_again_when_a_file_changes(tmp_path):
    source = Path(__file__).resolve().parents[2] / "resources" / "recorder_profiles"
    (tmp_path / "generic.toml").write_bytes((source / "generic.toml").read_bytes())
    assert [p.name for p in load_profiles(tmp_path)] == ["generic"]
    (tmp_path / "mine.toml").write_text('name = "mine"\npriority = 5\n'
                                        '[detect]\nlayout = ["MINE"]\n')
    assert [p.name for p in load_profiles(tmp_path)] == ["mine", "generic"]
