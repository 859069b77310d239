"""A case with its documents issued and footage linked, exported as a case file once for a
test module (issuing is the slow part), through the casework fixtures' own set-up.

Test modules import the fixture ``filed_case`` and the helpers from here
(``tests.dossier.case_file_helpers``)."""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from casework.cases import CaseDetail, create_case, record_step
from casework.documents import DocumentArchive, issue_document
from casework.evidence_links import link_evidence
from casework.inputs import read_case_file
from config.settings import set_setting
from core.actor import Actor
from core.clock import fixed_clock
from core.context import Context
from dossier.case_file import CaseFileResult, export_case_file
from lawdesk.workspace import Workspace
from tests.casework.conftest import EXAMPLE, set_up_bureau
from tests.conftest import NOW

# Issued in this order, with the steps each needs recorded first. The evidence list is
# issued after the inquiry record but comes before it in a case file (the procedure's
# order, not the order of issue).
ISSUED = (("filing_approval", ()), ("inspection_record", ("filing", "investigation")),
          ("inquiry_record", ()), ("evidence_list", ()), ("penalty_notice", ("notice",)),
          ("penalty_decision", ("decision",)), ("service_receipt", ("service",)))
FILE_ORDER = ("filing_approval", "inspection_record", "evidence_list", "inquiry_record",
              "penalty_notice", "penalty_decision", "service_receipt")
DAYS = {"filing": 4, "investigation": 5, "notice": 8, "decision": 10, "service": 11}


@dataclass
class FiledCase:
    workspace: Workspace
    clerk: Context
    case: CaseDetail
    archive: DocumentArchive
    issued: dict              # kind -> IssuedDocumentInfo
    digests: list[str]        # the linked footage, in recording order
    result: CaseFileResult
    progress: list[tuple[int, int, str]]


def offload_footage(workspace: Workspace, ctx: Context, card: Path, count: int = 2,
                    *, sm3: bool = False) -> list[str]:
    """Files of a GA/T 947 body camera offloaded through the real pipeline."""
    from devices.offload.pipeline import offload
    set_setting(ctx, "footage.sm3", sm3)
    (card / "RECORD").mkdir(parents=True)
    digests = []
    for i in range(count):
        name = f"J001234_22010001_2026060309{30 + i:02d}00_{i + 1:04d}.MP4"
        data = hashlib.shake_256(name.encode()).digest(20_000 + i)
        (card / "RECORD" / name).write_bytes(data)
        digests.append(hashlib.sha256(data).hexdigest())
    offload(ctx, workspace.store, card, device_serial="J001234")
    return digests


def issue_all(clerk: Context, archive: DocumentArchive, number: str,
              kinds=ISSUED) -> dict:  # noqa: ANN001
    issued = {}
    for kind, steps in kinds:
        for step in steps:
            record_step(clerk, number, step, date(2026, 6, DAYS[step]))
        issued[kind] = issue_document(clerk, archive, number, kind)
    return issued


@pytest.fixture(scope="module")
def filed_case(tmp_path_factory, initialised_template):
    folder = tmp_path_factory.mktemp("casefile") / "data"
    shutil.copytree(initialised_template, folder)
    workspace = Workspace.open(folder, clock=fixed_clock(NOW))
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    set_up_bureau(admin)
    digests = offload_footage(workspace, admin, folder.parent / "card", sm3=True)
    case = create_case(clerk, read_case_file(EXAMPLE))
    for digest in digests:
        link_evidence(clerk, case.number, digest)
    archive = DocumentArchive(workspace.documents_dir)
    issued = issue_all(clerk, archive, case.number)
    progress: list[tuple[int, int, str]] = []
    result = export_case_file(clerk, archive, case.number, folder.parent / "案卷.pdf",
                              originals=folder.parent / "原件",
                              progress=lambda d, t, n="": progress.append((d, t, n)))
    yield FiledCase(workspace, clerk, case, archive, issued, digests, result, progress)
    workspace.close()
