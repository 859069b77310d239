"""Exporting a case's evidence package: the recordings and documents go in unchanged under
readable names, with the signed manifest saying who recorded each, on which recorder, who
held it then, when it was offloaded; the ledger slice is made of whole signed transactions
and holds nothing of another case; every export is in the ledger; and each refusal leaves
no file and no ledger entry."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from core.errors import InvalidInput, NotFound
from core.jobs import CancelToken, Cancelled
from core.permissions import PermissionDenied
from dossier.package.export import (NotEnoughSpace, NotInPackage, PackageExists,
                                    PackageFolderMissing, export_package)
from dossier.package.ledger_slice import LedgerDamaged
from dossier.package.writer import StoredFileDamaged, StoredFileMissing
from dossier.verify_package import verify
from tests.dossier.conftest import BYSTANDER, REASON, RECORDINGS

ZIP64_EXTRA = 0x0001


@pytest.fixture(autouse=True)
def out_folder(tmp_path) -> Path:
    """Where the packages go: a folder of their own, to see that nothing else is left."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def read_zip(path: Path) -> tuple[dict, dict[str, zipfile.ZipInfo]]:
    with zipfile.ZipFile(path) as archive:
        return (json.loads(archive.read("manifest.json")),
                {info.filename: info for info in archive.infolist()})


def local_extra_id(path: Path, info: zipfile.ZipInfo) -> int:
    """The id of the first extra field of an entry's local header."""
    with open(path, "rb") as raw:
        raw.seek(info.header_offset + 26)
        name_length = int.from_bytes(raw.read(2), "little")
        raw.seek(2 + name_length, 1)
        return int.from_bytes(raw.read(2), "little")


def zip_bytes(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_the_recordings_and_documents_go_in_unchanged_under_readable_names(built):
    manifest, infos = read_zip(built.full)
    case = built.case
    footage = [f for f in manifest["files"] if f["role"] == "footage"]
    assert [f["path"] for f in footage] == [
        f"footage/20260603-{name.split('_')[2][8:]}_{name}" for name in RECORDINGS]
    for entry, digest in zip(footage, case.footage):
        assert entry["sha256"] == digest == hashlib.sha256(
            zip_bytes(built.full, entry["path"])).hexdigest()
        info = infos[entry["path"]]
        assert info.compress_type == zipfile.ZIP_STORED and info.file_size == entry["size"]
        assert local_extra_id(built.full, info) == ZIP64_EXTRA   # ZIP64 whatever the size
    documents = [f for f in manifest["files"] if f["role"] == "document"]
    assert [(d["path"], d["sha256"]) for d in documents] == [
        ("documents/01_执一立字〔2026〕1号_立案审批表.pdf", case.documents[0]),
        ("documents/02_执一责改字〔2026〕1号_责令（限期）改正通知书.pdf", case.documents[1])]
    assert set(infos) == {f["path"] for f in manifest["files"]} | {"manifest.json",
                                                                   "manifest.sig"}
    assert list(infos)[:5] == ["README.txt", "verify_package.py", "manifest.json",
                               "manifest.sig", "manifest.pdf"]   # what a reader sees first


def test_the_manifest_says_who_recorded_each_file_where_and_who_held_the_recorder(built):
    manifest, _ = read_zip(built.full)
    first = manifest["files"][0]
    assert first["recorded_at"] == "2026-06-03T09:30:00+08:00"
    assert first["offloaded_at"] == "2026-06-15T10:00:00+08:00"
    assert first["officer"] == {"name": "张伟", "certificate": "22010001"}
    assert first["recorder"] == {"serial": "J001234", "registered": True, "type": "执法记录仪",
                                 "model": "DSJ-V9"}
    holder = first["custody_holder"]
    assert (holder["officer"], holder["checked_out_at"], holder["checked_in_at"]) == (
        "张伟", "2026-06-03T08:00:00+08:00", "2026-06-03T18:00:00+08:00")
    # Checked out with its clock checked on 06-03, offloaded on 06-15: 12 days at 3 s.
    assert first["recorder_clock"]["status"] == "ok"
    assert first["recorder_clock"]["allowance_seconds"] == 36
    assert len(first["sm3"]) == 64 and first["steps"] == [
        {"code": "investigation", "name": "调查取证"}]
    assert manifest["created_by"] == {"username": "clerk", "name": None}
    assert manifest["bureau"] == "农安县市场监督管理局"
    assert manifest["case"]["number"] == "执一案〔2026〕1号"
    key = manifest["workstation"]["public_key"]
    assert manifest["workstation"]["fingerprint"] == built.fingerprint
    assert built.fingerprint.replace(" ", "") == hashlib.sha256(
        bytes.fromhex(key)).hexdigest().upper()
    history = json.loads(zip_bytes(built.full, "history/recorders.json"))
    assert [(r["serial"], [c["officer"] for c in r["custody"]], len(r["offloads"]))
            for r in history] == [("J001234", ["张伟"], 1)]


def test_the_manifest_is_signed_by_the_workstation_key(built):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    manifest, _ = read_zip(built.full)
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(manifest["workstation"]["public_key"]))
    key.verify(bytes.fromhex(zip_bytes(built.full, "manifest.sig").decode().strip()),
               zip_bytes(built.full, "manifest.json"))
    stored = (built.data_dir / "keys" / "workstation_ed25519.pub").read_text().strip()
    assert stored == manifest["workstation"]["public_key"]


def test_the_ledger_slice_is_whole_signed_transactions_of_this_case_only(built):
    manifest, _ = read_zip(built.full)
    entries = [json.loads(line) for line in
               zip_bytes(built.full, "ledger/entries.jsonl").decode().splitlines()]
    checkpoints = {json.loads(line)["seq"] for line in
                   zip_bytes(built.full, "ledger/checkpoints.jsonl").decode().splitlines()}
    with sqlite3.connect(built.data_dir / "lawdesk.sqlite") as db:
        signed = {seq for (seq,) in db.execute("SELECT seq FROM ledger_checkpoint")}
    for first, last in manifest["ledger"]["transactions"]:
        assert first - 1 in signed and last in signed       # whole transactions
        assert first - 1 in checkpoints and last in checkpoints
        assert not any(first <= s < last for s in signed)    # exactly one transaction
    kinds = {e["object_type"] for e in entries}
    assert {"enforcement_case", "evidence_link", "footage", "footage_sighting",
            "offload_session", "issued_document", "custody", "device"} <= kinds
    assert built.other_case_id not in zip_bytes(built.full, "ledger/entries.jsonl").decode()
    assert "J009999" not in zip_bytes(built.full, "ledger/entries.jsonl").decode()


def test_every_export_is_in_the_ledger(built):
    with sqlite3.connect(built.data_dir / "lawdesk.sqlite") as db:
        rows = db.execute("SELECT actor, action, object_type, change FROM ledger_entry WHERE "
                          "action = 'package.export' ORDER BY seq").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [("clerk", "package.export",
                                                   "evidence_package")] * 2
    whole, partial = (json.loads(r[3]) for r in rows)
    assert whole["manifest_sha256"] == hashlib.sha256(
        zip_bytes(built.full, "manifest.json")).hexdigest()
    assert whole["case_number"] == "执一案〔2026〕1号" and whole["excluded"] == []
    assert whole["out"] == str(built.full) and whole["size"] == built.full.stat().st_size
    assert {f["sha256"] for f in whole["files"] if f["role"] == "footage"} == set(
        built.case.footage)
    assert partial["excluded"] == [{"sha256": built.case.footage[BYSTANDER], "role": "footage",
                                    "reason": REASON}]


def test_a_case_without_files_exports_its_records(penalty_case, clerk, workspace, tmp_path):
    result = export_package(clerk, workspace, penalty_case.number, tmp_path / "empty.zip")
    assert (result.footage, result.documents, result.excluded) == (0, 0, 0)
    report = verify(str(result.out))
    assert report.ok, [p.en for p in report.problems]
    assert report.entries == result.ledger_entries > 0


def test_an_approved_extension_of_the_time_limit_goes_in_with_its_ledger_entry(
        penalty_case, clerk, as_role, workspace, tmp_path):
    from casework.cases import record_step
    from casework.extensions import extend_deadline
    from tests.casework.conftest import TODAY
    record_step(clerk, penalty_case.number, "filing", TODAY - timedelta(days=30))
    extend_deadline(as_role("head", username="head"), penalty_case.number, "案情复杂")
    result = export_package(clerk, workspace, penalty_case.number, tmp_path / "p.zip")
    entries = [json.loads(line) for line in
               zip_bytes(result.out, "ledger/entries.jsonl").decode().splitlines()]
    (extension,) = [e for e in entries if e["object_type"] == "case_deadline_extension"]
    assert "案情复杂" in json.dumps(extension["change"], ensure_ascii=False)
    report = verify(str(result.out))
    assert report.ok, [p.en for p in report.problems]


def test_progress_is_in_bytes_and_a_cancel_leaves_nothing(linked, tmp_path, ledger_length):
    made = linked
    seen: list[tuple[int, int]] = []

    def note(done: int, total: int, _note: str = "") -> None:
        seen.append((done, total))
    result = export_package(made.clerk, made.workspace, made.number,
                            tmp_path / "out" / "p.zip", progress=note)
    total = sum(made.sizes.values())
    assert seen[-1] == (total, total) and result.size > total
    token, length = CancelToken(), ledger_length()

    def cancel_after_the_first_file(done: int, total: int, note: str = "") -> None:
        if done:
            token.cancel()
    with pytest.raises(Cancelled):
        export_package(made.clerk, made.workspace, made.number, tmp_path / "out" / "c.zip",
                       progress=cancel_after_the_first_file, cancel=token)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["p.zip"]   # no partial
    assert ledger_length() == length


SOME_HASH = "ab" * 32


@pytest.mark.parametrize("exclude,error,words", [
    ([(SOME_HASH, REASON)], NotInPackage, "不是案件 执一案〔2026〕1号 的证据文件或文书"),
    ([("not-a-hash", REASON)], InvalidInput, "不是 64 位十六进制的 SHA-256 值"),
    ([(SOME_HASH, "  ")], InvalidInput, "须写明理由"),
    ([(SOME_HASH, "x" * 501)], InvalidInput, "不能超过 500 字"),
    ([(SOME_HASH, REASON), (SOME_HASH.upper(), "again")], InvalidInput, "被排除了两次"),
], ids=["unknown-file", "malformed-hash", "no-reason", "long-reason", "twice"])
def test_a_bad_exclusion_is_refused(penalty_case, clerk, workspace, tmp_path, ledger_length,
                                    exclude, error, words):
    length = ledger_length()
    with pytest.raises(error, match=words):
        export_package(clerk, workspace, penalty_case.number, tmp_path / "out" / "p.zip",
                       exclude=exclude)
    assert not (tmp_path / "out" / "p.zip").exists() and ledger_length() == length


def test_refusals_before_anything_is_written(penalty_case, clerk, workspace, as_role,
                                             tmp_path, ledger_length):
    length = ledger_length()
    with pytest.raises(PermissionDenied, match="导出案卷和电子证据包"):
        export_package(as_role("officer", username="officer"), workspace, penalty_case.number,
                       tmp_path / "out" / "p.zip")
    with pytest.raises(NotFound, match="未找到案件：执一案〔2026〕9号"):
        export_package(clerk, workspace, "执一案〔2026〕9号", tmp_path / "out" / "p.zip")
    with pytest.raises(PackageFolderMissing, match="不存在"):
        export_package(clerk, workspace, penalty_case.number, tmp_path / "nowhere" / "p.zip")
    (tmp_path / "taken.zip").write_bytes(b"someone's file")
    with pytest.raises(PackageExists, match="已存在"):
        export_package(clerk, workspace, penalty_case.number, tmp_path / "taken.zip")
    assert (tmp_path / "taken.zip").read_bytes() == b"someone's file"
    assert ledger_length() == length and list((tmp_path / "out").iterdir()) == []


def test_not_enough_room_on_the_disk_is_said_before_copying(penalty_case, clerk, workspace,
                                                            tmp_path, monkeypatch,
                                                            ledger_length):
    import shutil
    length = ledger_length()
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage._replace(free=1_000_000))
    with pytest.raises(NotEnoughSpace, match="剩余 1,000,000 字节"):
        export_package(clerk, workspace, penalty_case.number, tmp_path / "out" / "p.zip")
    assert list((tmp_path / "out").iterdir()) == [] and ledger_length() == length


def test_a_recording_damaged_in_the_store_stops_the_export(linked, tmp_path, ledger_length):
    made, length = linked, ledger_length()
    path = made.workspace.store.path_for(made.footage[1])
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[10] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(StoredFileDamaged, match="内容与记录的哈希不符"):
        export_package(made.clerk, made.workspace, made.number, tmp_path / "out" / "p.zip")
    assert list((tmp_path / "out").iterdir()) == [] and ledger_length() == length
    # Left out, the rest can still go (the ledger still proves the damaged one existed).
    result = export_package(made.clerk, made.workspace, made.number,
                            tmp_path / "out" / "p.zip",
                            exclude=[(made.footage[1], "存储介质损坏，另行说明")])
    assert result.excluded == 1 and verify(str(result.out)).ok


def test_a_recording_missing_from_the_store_is_named_first(linked, tmp_path):
    made = linked
    made.workspace.store.path_for(made.footage[0]).unlink()
    with pytest.raises(StoredFileMissing, match="J001234_22010001_20260603093000_0001.MP4"):
        export_package(made.clerk, made.workspace, made.number, tmp_path / "out" / "p.zip")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_damaged_ledger_is_refused(penalty_case, clerk, workspace, tmp_path, raw_db,
                                     ledger_length):
    with raw_db() as db:
        seq, change = db.execute("SELECT seq, change FROM ledger_entry WHERE object_type = "
                                 "'case_party' ORDER BY seq LIMIT 1").fetchone()
        db.execute("UPDATE ledger_entry SET change = ? WHERE seq = ?",
                   (change.replace("有限公司", "有限责任公司"), seq))
    length = ledger_length()
    with pytest.raises(LedgerDamaged, match=f"审计日志第 {seq} 条内容被改动"):
        export_package(clerk, workspace, penalty_case.number, tmp_path / "out" / "p.zip")
    assert ledger_length() == length and list((tmp_path / "out").iterdir()) == []
