"""HQ's countersignature of a workstation's checkpoints, end to end: a real HQ signs what it
holds, the workstation checks and keeps each one after its ledger push, and the evidence
package carries them, so that a bureau rewriting its own ledger (it holds the workstation's
key, not HQ's) is caught by anyone with the verifier."""
from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from audit.keys import PUBLIC_NAME, load_signer
from db.models import Checkpoint, HqCountersignature
from dossier.verify_package import fingerprint, verify
from core.clock import Clock
from lawdesk.workspace import Workspace
from sync.countersignatures import CountersignatureRefused, _checked
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.dossier.conftest import CaseWithFiles, build_case
from tests.sync.conftest import (UNIT_A, HqServer, _new_identity, admin_context,
                                 open_folder)


@dataclass
class Synced:
    hq: HqServer
    made: CaseWithFiles


@pytest.fixture(scope="module")
def synced(tmp_path_factory, initialised_template) -> Synced:
    """A case with recordings and documents made on a workstation, which then enrolls at a
    real HQ (SQLite: what is tested here is signatures, not HQ's database) and syncs, so
    every checkpoint of the case's transactions is at HQ. Made once: the tests only read."""
    from organisation.units import add_unit
    from sync.engine import run_pass
    from sync.link import enroll
    root = tmp_path_factory.mktemp("countersigned")
    with open_folder(root / "hq", None, create=True) as workspace:
        workspace.initialise(ADMIN, ADMIN_PASSWORD)
        add_unit(admin_context(workspace), *UNIT_A)
    hq = HqServer(root / "hq", None).start()
    shutil.copytree(initialised_template, root / "ws")
    _new_identity(root / "ws")
    workspace = Workspace.open(root / "ws", clock=Clock())
    try:
        made = build_case(workspace, root / "card")
        enroll(admin_context(workspace), workspace, server_url=hq.url, code=hq.enroll_code())
        summary = run_pass(workspace, language="en")
        assert summary.countersignatures > 0, summary.as_json()
        yield Synced(hq, made)
    finally:
        workspace.close()
        hq.stop()


@pytest.fixture
def synced_case(synced) -> CaseWithFiles:
    return synced.made


@pytest.fixture
def hq(synced) -> HqServer:
    return synced.hq


def hq_fingerprint(hq) -> str:  # noqa: ANN001
    return fingerprint((hq.folder / "keys" / PUBLIC_NAME).read_text().strip())


def test_every_checkpoint_hq_holds_is_countersigned_and_kept(synced_case, hq):
    workspace = synced_case.workspace
    with workspace.db.read() as session:
        kept = session.execute(select(func.count()).select_from(HqCountersignature)).scalar()
        sent = session.execute(select(func.count(func.distinct(Checkpoint.seq)))
                               .where(Checkpoint.seq <= select(func.max(
                                   HqCountersignature.seq)).scalar_subquery())).scalar()
    assert kept == sent > 10
    # A second pass asks only for what is new: nothing kept twice.
    from sync.engine import run_pass
    again = run_pass(workspace, language="en")
    assert again.ok, again.errors
    with workspace.db.read() as session:
        assert session.execute(select(func.count(func.distinct(HqCountersignature.seq))
                                      )).scalar() == session.execute(
            select(func.count()).select_from(HqCountersignature)).scalar()


def test_the_package_of_a_synced_case_carries_them_and_verifies(synced_case, hq, tmp_path):
    from dossier.package.export import export_package
    made = synced_case
    result = export_package(made.clerk, made.workspace, made.number, tmp_path / "p.zip")
    assert result.countersigned > 0
    report = verify(str(result.out), result.fingerprint, hq_fingerprint(hq))
    assert report.ok, [p.en for p in report.problems]
    assert report.countersigned == result.countersigned == report.checkpoints
    assert report.hq_fingerprint == hq_fingerprint(hq)
    text = report.text()
    assert f"HQ countersignatures: {report.countersigned}" in text
    with zipfile.ZipFile(result.out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        readme = archive.read("README.txt").decode("utf-8-sig")
    assert manifest["hq"]["fingerprint"] == hq_fingerprint(hq)
    assert manifest["ledger"]["countersigned"] == result.countersigned
    assert hq_fingerprint(hq) in readme

    wrong = verify(str(result.out), result.fingerprint, "0000 " * 16)
    assert {p.code for p in wrong.problems} == {"hq_fingerprint_mismatch"}


def test_the_bureau_cannot_forge_hq_countersignature(synced_case, tmp_path):
    """The bureau holds its workstation's key: it can re-sign the manifest after changing a
    checkpoint's countersignature, but not make HQ's signature verify."""
    from dossier.package.export import export_package
    made = synced_case
    result = export_package(made.clerk, made.workspace, made.number, tmp_path / "p.zip")
    with zipfile.ZipFile(result.out) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    lines = files["ledger/checkpoints.jsonl"].decode().splitlines()
    first = json.loads(lines[0])
    signature = bytearray.fromhex(first["hq_countersignature"])
    signature[5] ^= 1
    first["hq_countersignature"] = signature.hex()
    lines[0] = json.dumps(first, sort_keys=True, separators=(",", ":"))
    files["ledger/checkpoints.jsonl"] = ("\n".join(lines) + "\n").encode()
    manifest = json.loads(files["manifest.json"])
    import hashlib
    for item in manifest["files"]:
        if item["path"] == "ledger/checkpoints.jsonl":
            item["sha256"] = hashlib.sha256(files[item["path"]]).hexdigest()
            item["size"] = len(files[item["path"]])
    files["manifest.json"] = json.dumps(manifest, sort_keys=True, separators=(",", ":"),
                                        ensure_ascii=False).encode()
    signer = load_signer(made.workspace.keys_dir)
    files["manifest.sig"] = (signer.sign(files["manifest.json"]) + "\n").encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    report = verify(str(forged), result.fingerprint)
    assert [(p.code, p.where) for p in report.problems] == [
        ("hq_countersignature_invalid", f"ledger #{first['seq']}")]


def _answer(workspace, hq_workspace, seq: int) -> dict:  # noqa: ANN001
    """What HQ would answer for our checkpoint ``seq``, signed with HQ's real key."""
    from audit.chain import countersignature_message
    with workspace.db.read() as session:
        head, at = session.execute(select(Checkpoint.head_hash, Checkpoint.at)
                                   .where(Checkpoint.seq == seq)).first()
    signer = hq_workspace.audit.signer
    return {"server": hq_workspace.workstation_id, "public_key": signer.public_hex,
            "more": False, "countersignatures": [{
                "seq": seq, "head_hash": head, "at": at, "signature": signer.sign(
                    countersignature_message(hq_workspace.workstation_id,
                                             workspace.workstation_id, seq, head, at))}]}


def test_a_countersignature_that_does_not_fit_is_refused(synced_case, hq):
    workspace = synced_case.workspace
    with workspace.db.read() as session:
        seq = session.execute(select(func.max(Checkpoint.seq))).scalar()
    with hq.open() as hq_workspace:
        server = hq_workspace.workstation_id
        good = _answer(workspace, hq_workspace, seq)
    assert _checked(workspace, good, server, good["public_key"]) == good["countersignatures"]

    def refused(answer: dict, pinned: str | None = good["public_key"]) -> str:
        with pytest.raises(CountersignatureRefused) as caught:
            _checked(workspace, answer, server, pinned)
        return caught.value.message("en")

    assert "another server" in refused({**good, "server": "f" * 32})
    assert "differs from the one it signed with before" in refused(good, pinned="ab" * 32)
    item = good["countersignatures"][0]
    assert "head hash HQ signed differs" in refused(
        {**good, "countersignatures": [{**item, "head_hash": "0" * 64}]})
    assert "does not match HQ's key" in refused(
        {**good, "countersignatures": [{**item, "at": "2020-01-01T00:00:00Z"}]})
    assert "cannot be read" in refused({**good, "public_key": "zz"}, pinned=None)
    assert "malformed" in refused({**good, "countersignatures": [{"seq": seq}]})
