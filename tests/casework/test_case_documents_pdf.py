"""Every standard document issued for the example case, read back as a reader would: the
party, the case number and the document number in the text; A4 pages with the GB/T 9704
margins; every font embedded; Chinese line-breaking rules held; the evidence list showing
the hashes of the linked footage. Each issued document is kept by its hash and is in the
ledger."""
from __future__ import annotations

import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from sqlalchemy import select

from audit.verify import verify_ledger
from casework.cases import create_case, get_case, record_step
from casework.documents import (DocumentArchive, document_pdf, issue_document, issued_document,
                                list_issued, list_templates, preview_document, verify_documents)
from casework.errors import CaseClosed, DocumentFileDamaged, DocumentTooEarly
from casework.evidence_links import link_evidence
from casework.inputs import read_case_file
from config.settings import set_setting
from core.clock import fixed_clock
from core.permissions import PermissionDenied
from db.models import LedgerEntry
from lawdesk.workspace import Workspace
from reports.linebreak import CLOSING, OPENING
from tests.casework.conftest import BUREAU, EXAMPLE
from tests.casework.layout_cases import offload_two_files, set_up_bureau
from tests.conftest import NOW
from tests.reports.conftest import A4_POINTS, needs_poppler, pdf_lines, poppler_words

PARTY = "农安县鑫源商贸有限公司"
CASE_NUMBER = "执一案〔2026〕1号"
LEFT, RIGHT = 28 * mm, (28 + 156) * mm
TOP, BOTTOM = 37 * mm, (37 + 225) * mm
TOLERANCE = 0.05
# Issued in the order a case file holds them; the steps each needs are recorded first.
ORDER = ("filing_approval", "inspection_record", "evidence_list", "inquiry_record",
         "rectification_notice", "penalty_notice", "hearing_notice", "decision_approval",
         "penalty_decision", "service_receipt", "closing_approval")
# Issued from a reviewed case, with a collective discussion's typed fields, in
# tests/review/test_review_documents_pdf.py.
REVIEW_DOCUMENTS = {"review_opinion", "collective_discussion"}
STEPS_BEFORE = {"inspection_record": ("filing", "investigation"),
                "penalty_notice": ("notice",), "service_receipt": ("decision",),
                "closing_approval": ("service", "execution")}
DAYS = {"filing": 4, "investigation": 5, "notice": 8, "decision": 10, "service": 11,
        "execution": 12}


@pytest.fixture(scope="module")
def case_file(tmp_path_factory, initialised_template):
    """A data folder holding the example case with all ten documents issued, once for the
    module (issuing is the slow part)."""
    folder = tmp_path_factory.mktemp("casefile") / "data"
    shutil.copytree(initialised_template, folder)
    workspace = Workspace.open(folder, clock=fixed_clock(NOW))
    admin, clerk = set_up_bureau(workspace)
    set_setting(admin, "footage.sm3", True)
    digests = offload_two_files(workspace, admin, folder.parent / "card")
    case = create_case(clerk, read_case_file(EXAMPLE))
    for digest in digests:
        link_evidence(clerk, case.number, digest)
    archive = DocumentArchive(workspace.documents_dir)
    issued = {}
    for kind in ORDER:
        for step in STEPS_BEFORE.get(kind, ()):
            record_step(clerk, case.number, step, date(2026, 6, DAYS[step]))
        info = issue_document(clerk, archive, case.number, kind)
        path = folder.parent / f"{kind}.pdf"
        path.write_bytes(archive.read(info.sha256))
        issued[kind] = (info, path)
    yield workspace, clerk, case, archive, issued, digests
    workspace.close()


@pytest.fixture(params=ORDER)
def document(request, case_file):
    _, _, _, _, issued, _ = case_file
    return issued[request.param]


def page_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def test_every_document_shows_the_party_the_case_number_and_its_own_number(document):
    info, path = document
    text = page_text(path).replace(" ", "")
    assert PARTY in text
    assert CASE_NUMBER in text
    assert info.number in text
    assert info.title in text and BUREAU in text


def test_the_numbers_follow_each_templates_pattern(case_file):
    _, _, _, _, issued, _ = case_file
    numbers = {kind: info.number for kind, (info, _) in issued.items()}
    assert numbers["penalty_decision"] == "执一罚决字〔2026〕1号"
    assert numbers["penalty_notice"] == "执一罚告字〔2026〕1号"
    assert numbers["filing_approval"] == "执一立字〔2026〕1号"
    assert numbers["evidence_list"] == "执一电取字〔2026〕1号"


def test_pages_are_a4(document):
    _, path = document
    for page in PdfReader(path).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_POINTS)


@needs_poppler
def test_everything_but_the_page_number_stays_inside_the_text_block(document):
    _, path = document
    words = [w for w in poppler_words(path) if not (w.text in "—第页共" or w.text.isdigit()
                                                    and w.y_min > BOTTOM)]
    assert words
    assert all(w.x_min >= LEFT - TOLERANCE and w.x_max <= RIGHT + TOLERANCE for w in words), \
        [w for w in words if w.x_min < LEFT - TOLERANCE or w.x_max > RIGHT + TOLERANCE]
    assert all(w.y_min >= TOP - TOLERANCE and w.y_max <= BOTTOM + TOLERANCE for w in words)


def test_every_font_is_embedded(document):
    _, path = document
    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for name, font in fonts.items():
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(document):
    _, path = document
    for page in pdf_lines(path):
        for line in page:
            assert line[0] not in CLOSING, line
            assert line[-1] not in OPENING, line


def test_pages_are_numbered(document):
    info, path = document
    reader = PdfReader(path)
    records = ("inspection_record", "inquiry_record")  # 第 n 页 共 N 页, as the model's 笔录
    for number, page in enumerate(reader.pages, start=1):
        label = (f"第 {number} 页 共 {len(reader.pages)} 页" if info.kind in records
                 else f"— {number} —")
        assert label in page.extract_text()


def test_the_decision_writes_the_fine_in_figures_and_in_capitals(case_file):
    _, _, _, _, issued, _ = case_file
    text = page_text(issued["penalty_decision"][1]).replace(" ", "")
    assert "人民币伍万元整（50000.00元）" in text
    assert "农安县人民政府申请行政复议" in text
    assert "本机关于2026年6月8日向你单位送达了《行政处罚事先告知书》" in text
    assert "本机关于2026年6月4日对你单位涉嫌销售超过保质期的食品一案立案调查" in text


def test_the_service_receipt_names_the_decision_it_served(case_file):
    _, _, _, _, issued, _ = case_file
    text = page_text(issued["service_receipt"][1]).replace(" ", "")
    assert "《行政处罚决定书》（执一罚决字〔2026〕1号）" in text


def test_the_evidence_list_shows_each_linked_files_hashes(case_file):
    workspace, _, _, _, issued, digests = case_file
    text = page_text(issued["evidence_list"][1]).replace(" ", "")
    with workspace.db.read() as session:
        from db.models import Footage
        rows = {f.sha256: f for f in session.execute(select(Footage)).scalars()}
    for digest in digests:
        assert f"SHA-256：{digest}" in text
        assert rows[digest].sm3 and f"SM3：{rows[digest].sm3}" in text
        assert f"{rows[digest].size:,}" in text
    assert "J001234_22010001_20260603093000_0001.MP4" in text.replace("\n", "")
    assert "张伟（22010001）" in text
    assert "2026-06-0309:30:00" in text  # recording time, Beijing time
    assert "共2个文件" in text


def test_issued_documents_are_kept_read_only_by_their_hash(case_file, sha_of):
    _, clerk, _, archive, issued, _ = case_file
    for info, path in issued.values():
        kept = archive.path_for(info.sha256)
        assert sha_of(kept.read_bytes()) == info.sha256 == sha_of(path.read_bytes())
        assert not kept.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        assert document_pdf(clerk, archive, info.number) == kept.read_bytes()
        assert info.size == kept.stat().st_size and info.pages >= 1


def test_each_issue_is_in_the_ledger_with_its_number_and_hash(case_file):
    workspace, clerk, case, _, issued, _ = case_file
    with workspace.db.read() as session:
        entries = session.execute(select(LedgerEntry).where(
            LedgerEntry.action == "document.issue",
            LedgerEntry.object_type == "issued_document")).scalars().all()
    assert len(entries) == len(ORDER)
    changes = " ".join(e.change for e in entries)
    for info, _ in issued.values():
        assert info.number in changes and info.sha256 in changes
    assert verify_ledger(workspace.db, head_file=workspace.head_file).intact
    info, values = issued_document(clerk, issued["penalty_decision"][0].number)
    assert values["party_name"] == PARTY
    assert [d.number for d in list_issued(clerk, case.number)] == [
        issued[k][0].number for k in ORDER]
    assert len(get_case(clerk, case.number).documents) == len(ORDER)


def test_a_changed_kept_file_is_caught(case_file, tmp_path):
    workspace, clerk, _, archive, issued, _ = case_file
    info = issued["rectification_notice"][0]
    kept = archive.path_for(info.sha256)
    original = kept.read_bytes()
    os.chmod(kept, 0o644)
    try:
        kept.write_bytes(original.replace(b"%%EOF", b"%%EOF\n% changed"))
        report = verify_documents(workspace.db, archive)
        assert [(p.kind, p.number) for p in report.problems] == [("changed", info.number)]
        with pytest.raises(DocumentFileDamaged, match=info.number):
            document_pdf(clerk, archive, info.number)
    finally:
        kept.write_bytes(original)
        os.chmod(kept, 0o444)
    assert verify_documents(workspace.db, archive).intact


def test_lawdesk_verify_checks_the_document_archive_too(case_file, cli_here):
    workspace, _, _, archive, issued, _ = case_file
    # In this process (``cli_here``: the same entry point; tests/audit/test_ledger.py runs
    # `lawdesk verify` as a real child process).
    def verify():  # noqa: ANN202
        return cli_here("verify", password=None, folder=workspace.data_dir)
    ok = verify()
    assert ok.returncode == 0, ok.stderr
    assert f"文书存档完好：{len(issued)} 份已制发文书" in ok.stdout
    info = issued["penalty_decision"][0]
    kept = archive.path_for(info.sha256)
    original = kept.read_bytes()
    os.chmod(kept, 0o644)
    try:
        kept.write_bytes(original[:-10])
        bad = verify()
    finally:
        kept.write_bytes(original)
        os.chmod(kept, 0o444)
    assert bad.returncode == 1
    assert info.number in bad.stderr and "已被改动" in bad.stderr


def test_a_preview_takes_no_number_and_keeps_nothing(case_file, pdf_text):
    workspace, clerk, case, archive, _, _ = case_file
    before = len(list_issued(clerk))
    text = pdf_text(preview_document(clerk, case.number, "penalty_decision"))
    assert "（预览，未编号）" in text and "执一罚决字〔2026〕2号" not in text
    assert len(list_issued(clerk)) == before


def test_every_template_was_issued():
    assert set(ORDER) | REVIEW_DOCUMENTS == {t.id for t in list_templates()}


def test_a_document_before_its_step_is_refused(bureau, clerk, penalty_case, archive):
    with pytest.raises(DocumentTooEarly, match="《行政处罚决定书》须在“告知”环节记录之后出具"):
        issue_document(clerk, archive, penalty_case.number, "penalty_decision")


def test_only_the_clerk_issues_numbered_documents(penalty_case, as_role, archive):
    for role in ("officer", "reviewer"):
        with pytest.raises(PermissionDenied):
            issue_document(as_role(role), archive, penalty_case.number, "rectification_notice")
    # Dated the day of the investigation: its deadline (6-10) may not fall before its date.
    assert preview_document(as_role("officer"), penalty_case.number, "rectification_notice",
                            date=date(2026, 6, 5))


def test_a_closed_case_takes_no_new_document(penalty_case, clerk, archive, advance):
    advance(penalty_case, "filing", "investigation", "notice", "decision", "service",
            "execution", "closing")
    with pytest.raises(CaseClosed):
        issue_document(clerk, archive, penalty_case.number, "closing_approval")
