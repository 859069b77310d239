"""The footage library as the desktop's library view asks it: filters, details, history."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from core.errors import InvalidInput, NotFound
from core.permissions import PermissionDenied
from devices.offload.pipeline import offload
from evidence.library import (
    FootageFilter, count_footage, footage_by_sha256, footage_detail, footage_page,
    list_sessions, thumbnail_path,
)
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit


@pytest.fixture
def library(workspace, as_role, tmp_path):
    """Two cameras, two officers, four files around midnight in Beijing, one real photo."""
    import cv2
    import numpy as np
    admin = as_role("admin", username="admin")
    add_unit(admin, "执法一科", "执一")
    wang = add_officer(admin, "王五", "执一", CertificateInput("22010001", date(2030, 1, 1),
                                                             valid_from=date(2020, 1, 1))).id
    li = add_officer(admin, "李四", "执一", CertificateInput("22010002", date(2030, 1, 1),
                                                           valid_from=date(2020, 1, 1))).id
    cam1, cam2 = tmp_path / "cam1" / "RECORD", tmp_path / "cam2" / "RECORD"
    cam1.mkdir(parents=True)
    cam2.mkdir(parents=True)
    names = {
        cam1 / "J000001_22010001_20260614233000_0001.MP4": 1,   # 14 June, 23:30 Beijing
        cam1 / "J000001_22010001_20260615003000_0002_IMP.MP4": 2,  # 15 June, 00:30
        cam2 / "J000002_22010002_20260616120000_0001.MP4": 3,
    }
    for path, seed in names.items():
        path.write_bytes(hashlib.shake_256(bytes([seed])).digest(5_000))
    image = np.zeros((48, 64, 3), np.uint8)
    image[:, :32] = 255
    cv2.imwrite(str(cam2 / "J000002_22010002_20260616121500_0002.JPG"), image)
    first = offload(admin, workspace.store, tmp_path / "cam1")
    second = offload(admin, workspace.store, tmp_path / "cam2")
    return {"admin": admin, "wang": wang, "li": li, "sessions": (first, second)}


def names(rows) -> list[str]:  # noqa: ANN001
    return [r.original_name for r in rows]


def test_filters(library):
    ctx = library["admin"]
    assert count_footage(ctx) == 4
    assert names(footage_page(ctx, FootageFilter(officer_id=library["wang"]))) == [
        "J000001_22010001_20260615003000_0002_IMP.MP4", "J000001_22010001_20260614233000_0001.MP4"]
    assert count_footage(ctx, FootageFilter(device_serial="J000002")) == 2
    # Days are the bureau's: 00:30 on the 15th in Beijing is still the 14th in UTC.
    assert names(footage_page(ctx, FootageFilter(recorded_from=date(2026, 6, 15),
                                                 recorded_until=date(2026, 6, 15)))) == [
        "J000001_22010001_20260615003000_0002_IMP.MP4"]
    assert count_footage(ctx, FootageFilter(recorded_until=date(2026, 6, 14))) == 1
    assert names(footage_page(ctx, FootageFilter(important=True))) == [
        "J000001_22010001_20260615003000_0002_IMP.MP4"]
    assert count_footage(ctx, FootageFilter(important=False)) == 3
    assert names(footage_page(ctx, FootageFilter(unreadable=False))) == [
        "J000002_22010002_20260616121500_0002.JPG"]
    assert count_footage(ctx, FootageFilter(unreadable=True)) == 3
    second = library["sessions"][1].session_id
    assert count_footage(ctx, FootageFilter(session_id=second)) == 2
    assert count_footage(ctx, FootageFilter(text="_IMP")) == 1
    assert count_footage(ctx, FootageFilter(kind="photo")) == 1
    sha = library["sessions"][0].files[0].sha256
    assert count_footage(ctx, FootageFilter(text=sha[:10])) == 1


def test_text_finds_names_and_hash_prefixes_from_their_indexes(library, workspace, raw_db):
    """Names through the trigram index (db.search_index), hashes through a range of the
    unique index; both as the LIKE they replace would answer, whatever the text holds."""
    ctx = library["admin"]
    assert count_footage(ctx, FootageFilter(text="_imp")) == 1          # case folded
    assert count_footage(ctx, FootageFilter(text="22010002_2026")) == 2
    assert count_footage(ctx, FootageFilter(text="20260615")) == 1      # digits: names too
    assert count_footage(ctx, FootageFilter(text="MP")) == 3            # too short: LIKE
    assert count_footage(ctx, FootageFilter(text='"J0 OR x')) == 0      # taken literally
    assert count_footage(ctx, FootageFilter(text="100%_")) == 0
    sha = library["sessions"][0].files[1].sha256
    assert names(footage_page(ctx, FootageFilter(text=sha.upper()))) == [
        "J000001_22010001_20260615003000_0002_IMP.MP4"]
    assert count_footage(ctx, FootageFilter(text=sha[:3])) >= 1
    # Kept by the triggers when a name changes or a row goes (as only raw SQL could).
    with raw_db() as connection:
        connection.execute("UPDATE footage SET original_name = 'RENAMED_X.MP4' "
                           "WHERE sha256 = ?", (sha,))
    assert count_footage(ctx, FootageFilter(text="_IMP")) == 0
    assert count_footage(ctx, FootageFilter(text="RENAMED")) == 1
    # Sixteen hex digits that begin a hash are that hash, though a name holds them too.
    other = library["sessions"][0].files[0].sha256
    with raw_db() as connection:
        connection.execute("UPDATE footage SET original_name = ? WHERE sha256 = ?",
                           (f"X{sha[:16]}.MP4", other))
    assert count_footage(ctx, FootageFilter(text=sha[:15])) == 2
    assert [r.sha256 for r in footage_page(ctx, FootageFilter(text=sha[:16]))] == [sha]
    with raw_db() as connection:
        plan = " ".join(r[-1] for r in connection.execute(
            "EXPLAIN QUERY PLAN SELECT footage_id FROM footage_name_fts WHERE footage_name_fts "
            "MATCH '\"DSJ\"'"))
    assert "VIRTUAL TABLE INDEX" in plan


def test_sorting_and_paging(library):
    ctx = library["admin"]
    oldest_first = footage_page(ctx, sort="recorded_at", descending=False)
    assert names(oldest_first)[0] == "J000001_22010001_20260614233000_0001.MP4"
    assert names(footage_page(ctx, sort="recorded_at", descending=False, offset=1, limit=2)) \
        == names(oldest_first)[1:3]
    assert [r.officer_name for r in footage_page(ctx, sort="officer", descending=False)] == [
        "李四", "李四", "王五", "王五"]
    with pytest.raises(InvalidInput):
        footage_page(ctx, sort="colour")


def test_detail_has_hashes_sightings_and_history(library, workspace):
    ctx = library["admin"]
    photo = footage_page(ctx, FootageFilter(kind="photo"))[0]
    assert (photo.width, photo.height, photo.readable) == (64, 48, True)
    assert thumbnail_path(workspace.store, photo).read_bytes()[:2] == b"\xff\xd8"
    detail = footage_detail(ctx, photo.id)
    assert detail.row == photo == footage_by_sha256(ctx, photo.sha256.upper())
    assert [(s.source_path, s.status, s.offloaded_by) for s in detail.sightings] == [
        ("RECORD/J000002_22010002_20260616121500_0002.JPG", "stored", "admin")]
    assert {(h.action, h.object_type) for h in detail.history} == {
        ("offload.store", "footage"), ("offload.store", "footage_sighting")}
    assert detail.history[0].change["values"]["sha256"] == photo.sha256
    with pytest.raises(NotFound):
        footage_detail(ctx, "nope")


def test_sessions_are_listed_newest_first(library):
    rows = list_sessions(library["admin"])
    assert {r.id for r in rows} == {s.session_id for s in library["sessions"]}
    assert all(r.status == "finished" and r.manifest_sha256 for r in rows)
    assert sorted(r.files_total for r in rows) == [2, 2]


def test_a_reviewer_may_look_and_someone_without_a_role_may_not(library, as_role):
    assert count_footage(as_role("reviewer")) == 4
    with pytest.raises(PermissionDenied):
        footage_page(as_role())
