"""What a workstation owes HQ: every kind of stored file, until HQ confirms it."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import pytest

from config.settings import set_setting
from core.actor import Actor
from core.errors import InvalidInput
from db.models import HqReceipt
from sync.chunk_source import ChunkSource, SendBuffers
from sync.upload import MiB, chunk_bytes_setting, pending_objects
from tests.conftest import REPO
from tests.sync.footage_helpers import offload_files, sha256_of

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18"
       b"\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _video(path) -> None:  # noqa: ANN001
    import cv2
    import numpy as np
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (64, 48))
    for i in range(15):
        writer.write(np.full((48, 64, 3), i * 16, np.uint8))
    writer.release()


def _issue_a_document(workspace) -> str:  # noqa: ANN001
    from casework.cases import create_case
    from casework.documents import DocumentArchive, issue_document
    from casework.inputs import read_case_file
    from organisation.officers import CertificateInput, add_officer
    from organisation.units import add_unit
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    add_unit(admin, "综合执法一科", "执一")
    for name, number in (("张伟", "22010001"), ("李娜", "22010002")):
        add_officer(admin, name, "执一", CertificateInput(number, date(2028, 12, 31),
                                                         valid_from=date(2020, 1, 1)))
    set_setting(admin, "bureau.name", "农安县市场监督管理局")
    case = create_case(clerk, read_case_file(REPO / "resources" / "examples" / "case.json"))
    info = issue_document(clerk, DocumentArchive(workspace.documents_dir), case.number,
                          "filing_approval")
    return info.sha256


def test_every_kind_of_stored_file_is_owed_to_hq_until_confirmed(workspace, tmp_path):
    _video(tmp_path / "card" / "DCIM" / "V0001.AVI")
    stored = offload_files(workspace, tmp_path / "card", {"N0001.MP4": 50_000})
    with workspace.db.write(actor="test", action="signature") as session:
        from devices.signatures import store_signature
        signature = store_signature(session, PNG)
    document = _issue_a_document(workspace)

    owed = {o.sha256: o for o in pending_objects(workspace)}
    kinds = sorted(o.kind for o in owed.values())
    assert kinds == ["document", "footage", "footage", "manifest", "manifest", "signature",
                     "thumbnail"]
    assert owed[stored["V0001.AVI"]].name == "V0001.AVI"
    assert owed[document].name.endswith(".pdf")
    assert owed[signature].size == len(PNG)
    buffers = SendBuffers(max(o.size for o in owed.values()))
    for obj in owed.values():  # each reads back as the very bytes its hash names
        with ChunkSource(obj) as source:
            data = bytes(source.read(0, obj.size, buffers))
        assert len(data) == obj.size
        assert hashlib.sha256(data).hexdigest() == obj.sha256
    assert sha256_of(owed[document].path) == document
    # Smallest first: many small files are not held up behind one large one.
    assert [o.size for o in pending_objects(workspace)] == sorted(o.size for o in owed.values())

    with workspace.db.write(actor="sync", action="sync.hq_receipt") as session:
        session.add(HqReceipt(sha256=signature, size=len(PNG), how="uploaded",
                              held_at=datetime(2026, 6, 15, tzinfo=timezone.utc)))
    assert signature not in {o.sha256 for o in pending_objects(workspace)}
    assert len(pending_objects(workspace)) == 6


def test_the_chunk_size_is_a_setting(workspace, admin):
    assert chunk_bytes_setting(workspace) == 32 * MiB
    set_setting(admin, "sync.chunk_mib", 2)
    assert chunk_bytes_setting(workspace) == 2 * MiB
    with pytest.raises(InvalidInput):
        set_setting(admin, "sync.chunk_mib", 0)
