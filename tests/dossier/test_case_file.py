"""The case file (案卷) read back as the review body or the court reads it: a PDF reader's
bookmarks, the contents' page numbers against the pages the documents really start on, a
number on every page after the cover in its outer top corner, every part starting on a
right-hand page, the issued documents unchanged and in the procedure's order, the
evidence list with each linked file's hashes; the originals byte for byte; the export in
the ledger; and each refusal a clerk can meet, through the service and the command."""
from __future__ import annotations

import functools
import hashlib
import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from sqlalchemy import select

from audit.verify import verify_ledger
from casework.cases import set_case_fields
from casework.documents import issue_document
from casework.errors import DocumentFileDamaged
from core.errors import InvalidInput, NotFound
from core.jobs import CancelToken, Cancelled
from core.permissions import PermissionDenied
from db.models import LedgerEntry
from dossier.case_file import (ACTION, CaseFileNotWritten, NoIssuedDocuments,
                               OriginalsNotAFolder, OutputIsFolder, export_case_file)
from dossier.case_file_assembly import lay_out
from dossier.case_file_retention import retention_rules
from tests.casework.conftest import (  # noqa: F401 - fixtures used by this module's tests
    BUREAU, admin_ctx, archive, bureau, clerk, example_data, example_input, penalty_case,
)
from tests.dossier.case_file_helpers import FILE_ORDER, filed_case  # noqa: F401 - a fixture
from tests.reports.conftest import needs_poppler, pdf_lines, poppler_words

PARTY = "农安县鑫源商贸有限公司"
TOP_PARTS = ["案卷封面", "卷内文件目录", "卷内文书", "证据目录（电子数据）", "卷内备考表"]
NUMBER_ZONE = 30 * mm          # the page's top 30 mm: above every text block
OUTER_ZONE = 25 * mm           # the outer edge's 25 mm


def read(path: Path) -> PdfReader:
    return PdfReader(path)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page counted from 1) of every bookmark, in order."""
    found = []

    def walk(items, depth):  # noqa: ANN001, ANN202
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    return found


def flat(text: str) -> str:
    return text.replace("\n", "").replace(" ", "")


@functools.cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text, read once for the module (the case file never changes)."""
    return tuple(flat(p.extract_text()) for p in read(path).pages)


def start_pages(filed) -> dict[str, int]:  # noqa: ANN001
    """Where each issued document really starts: the one page of the case file that holds
    the text of the document's own first page."""
    pages = page_texts(filed.result.path)
    starts = {}
    for kind, info in filed.issued.items():
        first = flat(PdfReader(BytesIO(filed.archive.read(info.sha256))).pages[0].extract_text())
        matches = [n for n, text in enumerate(pages, start=1) if first in text]
        assert len(matches) == 1, (kind, matches)
        starts[kind] = matches[0]
    return starts


# ----------------------------------------------------------------------------- the PDF
def test_bookmarks_name_every_part_and_document_and_point_at_their_first_pages(filed_case):
    marks = outline(read(filed_case.result.path))
    assert [title for depth, title, _ in marks if depth == 0] == TOP_PARTS
    documents = [(title, page) for depth, title, page in marks if depth == 1]
    assert [title.split("　")[-1] for title, _ in documents] == [
        filed_case.issued[kind].number for kind in FILE_ORDER]
    starts = start_pages(filed_case)
    assert [page for _, page in documents] == [starts[kind] for kind in FILE_ORDER]
    pages = {title: page for _, title, page in marks}
    assert pages["案卷封面"] == 1 and pages["卷内文件目录"] == 3
    assert pages["卷内备考表"] == filed_case.result.pages   # a one-page back cover, last
    reader = read(filed_case.result.path)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.metadata.title == f"{PARTY}销售超过保质期的食品案"


def test_the_contents_give_the_page_each_document_really_starts_on(filed_case):
    marks = {title: page for _, title, page in outline(read(filed_case.result.path))}
    lines = pdf_lines(filed_case.result.path)[marks["卷内文件目录"] - 1]
    # Each row's cells in order: 序号, 文号, 责任者, 题名, 日期 (8 digits), 页号, 备注.
    listed = [int(lines[i + 1]) for i, line in enumerate(lines) if re.fullmatch(r"\d{8}", line)]
    starts = start_pages(filed_case)
    assert listed == [starts[kind] for kind in FILE_ORDER] + [marks["证据目录（电子数据）"]]
    text = page_texts(filed_case.result.path)[marks["卷内文件目录"] - 1]
    for kind in FILE_ORDER:
        info = filed_case.issued[kind]
        assert info.number in text and info.title in text
    assert "20260615" in text and BUREAU in text and "立卷时生成" in text


@needs_poppler
def test_every_page_after_the_cover_is_numbered_in_its_outer_top_corner(filed_case):
    path = filed_case.result.path
    width = float(read(path).pages[0].mediabox.width)
    words = [w for w in poppler_words(path) if w.y_max < NUMBER_ZONE]
    assert not [w for w in words if w.page == 1], "the cover carries no number"
    for number in range(2, filed_case.result.pages + 1):
        mine = [w for w in words if w.page == number]
        assert [w.text for w in mine] == [str(number)], (number, mine)
        if number % 2:   # a front page: at the right
            assert mine[0].x_max > width - OUTER_ZONE
        else:            # a back page: at the left
            assert mine[0].x_min < OUTER_ZONE


def test_every_part_starts_on_a_front_page_with_blank_backs_marked(filed_case):
    reader = read(filed_case.result.path)
    starts = sorted({page for _, _, page in outline(reader)})
    assert all(page % 2 == 1 for page in starts), starts
    blank = [n for n, text in enumerate(page_texts(filed_case.result.path), start=1)
             if text.replace(str(n), "", 1) == "本页空白"]
    assert len(blank) == filed_case.result.blank_pages > 0
    assert all(n % 2 == 0 and n + 1 in starts for n in blank)
    assert len(reader.pages) == filed_case.result.pages


def test_the_issued_documents_go_in_page_for_page_unchanged_in_the_procedures_order(
        filed_case):
    reader = read(filed_case.result.path)
    starts = start_pages(filed_case)
    assert sorted(FILE_ORDER, key=starts.get) == list(FILE_ORDER)
    for kind in FILE_ORDER:
        original = PdfReader(BytesIO(filed_case.archive.read(filed_case.issued[kind].sha256)))
        for offset, page in enumerate(original.pages):
            merged = reader.pages[starts[kind] - 1 + offset]
            # Their own content streams, as issued, between ours ("q" before, the number after).
            streams = [ref.get_object().get_data() for ref in merged["/Contents"]]
            assert streams[1:-1] == [page.get_contents().get_data()]
            assert streams[0] == b"q\n" and b"Do" in streams[-1]
            assert flat(page.extract_text()) in page_texts(filed_case.result.path)[
                starts[kind] - 1 + offset]


def test_every_font_is_embedded_the_page_numbers_too(filed_case):
    def fonts(resources):  # noqa: ANN001, ANN202
        resources = resources.get_object()
        for font in resources.get("/Font", {}).values():
            yield font.get_object()
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get_object().get("/Subtype") == "/Form":
                yield from fonts(xobject.get_object()["/Resources"])

    seen = 0
    for page in read(filed_case.result.path).pages:
        for font in fonts(page["/Resources"]):
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font.get("/BaseFont")
            seen += 1
    assert seen > filed_case.result.pages


def test_the_evidence_list_names_each_linked_files_hashes_recorder_officer_and_time(
        filed_case):
    reader = read(filed_case.result.path)
    marks = {title: page for _, title, page in outline(reader)}
    text = page_texts(filed_case.result.path)[marks["证据目录（电子数据）"] - 1]
    for digest in filed_case.digests:
        assert f"SHA-256：{digest}" in text
    assert text.count("SM3：") == 2 and "J001234" in text
    assert "J001234_22010001_20260603093000_0001.MP4" in text
    assert "张伟（22010001）" in text and "2026-06-0309:30:00" in text
    assert "本案关联电子数据共2个" in text and "（调查取证）" in text


def test_the_cover_and_the_back_cover_say_what_the_file_holds(filed_case):
    texts = page_texts(filed_case.result.path)
    cover = texts[0]
    result = filed_case.result
    for expected in (BUREAU, "行政处罚案卷", f"{PARTY}销售超过保质期的食品案", "执一案〔2026〕1号",
                     "执一罚决字〔2026〕1号", "综合执法一科", "张伟、李娜", "2026年6月4日", "未结案",
                     "30年", f"共{result.documents + 1}件", f"共{result.pages}页", "全宗号",
                     "目录号", "案卷号", "归档日期"):
        assert expected in cover, expected
    back = texts[-1]
    assert f"本卷共{result.pages}页" in back and f"空白页{result.blank_pages}页" in back
    for kind in FILE_ORDER:
        assert filed_case.issued[kind].sha256 in back
    assert "立卷人clerk" in back and "2026年6月15日" in back and "检查人" in back
    assert "立卷时本案尚未结案" in back and "本案关联电子数据2个" in back


def test_the_originals_are_the_kept_files_byte_for_byte(filed_case):
    copies = filed_case.result.originals
    assert [p.name[:2] for p in copies] == [f"{i:02d}" for i in range(1, len(FILE_ORDER) + 1)]
    for path, kind in zip(copies, FILE_ORDER):
        info = filed_case.issued[kind]
        assert info.number in path.name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == info.sha256


def test_the_export_is_in_the_ledger_and_the_progress_reaches_the_end(filed_case):
    result = filed_case.result
    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256
    with filed_case.workspace.db.read() as session:
        entries = session.execute(select(LedgerEntry).where(LedgerEntry.action == ACTION)
                                  ).scalars().all()
    assert len(entries) == 1 and entries[0].actor == "clerk"
    change = json.loads(entries[0].change)
    assert change["sha256"] == result.sha256 and change["pages"] == result.pages
    assert change["case"] == filed_case.case.number and change["originals"] == len(FILE_ORDER)
    assert [d["sha256"] for d in change["documents"]] == [
        filed_case.issued[kind].sha256 for kind in FILE_ORDER]
    assert sorted(change["evidence"]) == sorted(filed_case.digests)
    assert verify_ledger(filed_case.workspace.db,
                         head_file=filed_case.workspace.head_file).intact
    done = [d for d, _, _ in filed_case.progress]
    assert done == sorted(done) and filed_case.progress[-1][:2] == (done[-1],) * 2


def test_parts_start_on_odd_pages_whatever_their_lengths():
    layout = lay_out([1, 1, 2, 3, 1, 1])
    assert layout.starts == (1, 3, 5, 7, 11, 13)
    assert layout.blanks == (2, 4, 10, 12) and layout.total == 13
    assert lay_out([1, 2, 1]).blanks == (2,)


# ----------------------------------------------------------------------------- one document
@pytest.fixture
def one_document(penalty_case, clerk, archive):
    """The example case with only its filing approval issued."""
    issue_document(clerk, archive, penalty_case.number, "filing_approval")
    return penalty_case


def test_a_case_kept_for_good_says_so_on_its_cover(one_document, clerk, archive, tmp_path):
    set_case_fields(clerk, one_document.number, {"retention_period": "永久"})
    result = export_case_file(clerk, archive, one_document.number, tmp_path / "案卷.pdf")
    cover = flat(read(result.path).pages[0].extract_text())
    assert "永久" in cover and "30年" not in cover
    assert result.documents == 1 and result.originals == ()


def test_a_retention_period_that_is_not_one_of_the_periods_is_refused(
        one_document, clerk, archive, tmp_path):
    set_case_fields(clerk, one_document.number, {"retention_period": "长期"})
    with pytest.raises(InvalidInput, match="保管期限“长期”不是可选值：永久、30年、10年"):
        export_case_file(clerk, archive, one_document.number, tmp_path / "案卷.pdf")
    assert not (tmp_path / "案卷.pdf").exists()


def test_the_retention_rules_follow_the_case_type_and_procedure():
    rules = retention_rules()
    assert rules.period("administrative_penalty", "ordinary") == "30年"
    assert rules.period("administrative_penalty", "simplified") == "10年"
    assert rules.period("inspection", "ordinary") == "10年"
    assert rules.period("a_type_added_later", "ordinary") == rules.default


def test_a_cancelled_export_leaves_nothing(one_document, clerk, archive, tmp_path, workspace):
    token = CancelToken()

    def progress(done, total, note=""):  # noqa: ANN001, ANN202
        token.cancel()   # the user presses Cancel as soon as the bar moves

    with pytest.raises(Cancelled):
        export_case_file(clerk, archive, one_document.number, tmp_path / "案卷.pdf",
                         originals=tmp_path / "原件", progress=progress, cancel=token)
    assert not (tmp_path / "案卷.pdf").exists() and not list(tmp_path.glob(".*tmp"))
    assert not list((tmp_path / "原件").glob("*"))
    with workspace.db.read() as session:
        assert not session.execute(select(LedgerEntry).where(LedgerEntry.action == ACTION)
                                   ).first()


# ----------------------------------------------------------------------------- refusals
def test_a_case_with_no_issued_documents_is_refused(penalty_case, clerk, archive, tmp_path):
    with pytest.raises(NoIssuedDocuments, match="尚无已出具的文书，无法组卷"):
        export_case_file(clerk, archive, penalty_case.number, tmp_path / "案卷.pdf")
    assert not (tmp_path / "案卷.pdf").exists()


def test_an_unknown_case_is_refused(bureau, clerk, archive, tmp_path):
    with pytest.raises(NotFound, match="未找到案件：执一案〔2026〕99号"):
        export_case_file(clerk, archive, "执一案〔2026〕99号", tmp_path / "案卷.pdf")


def test_a_folder_as_the_output_is_refused(one_document, clerk, archive, tmp_path):
    with pytest.raises(OutputIsFolder, match="是文件夹；请给出案卷 PDF 的文件名"):
        export_case_file(clerk, archive, one_document.number, tmp_path)
    with pytest.raises(CaseFileNotWritten, match="无法写入 .*案卷.pdf"):
        export_case_file(clerk, archive, one_document.number, tmp_path / "no" / "案卷.pdf")
    (tmp_path / "taken").write_text("a file")
    with pytest.raises(OriginalsNotAFolder):
        export_case_file(clerk, archive, one_document.number, tmp_path / "案卷.pdf",
                         originals=tmp_path / "taken")


def test_the_clerk_and_the_legal_desk_make_case_files_officers_do_not(
        one_document, as_role, archive, tmp_path):
    for role in ("officer", "head", "custodian"):
        with pytest.raises(PermissionDenied):
            export_case_file(as_role(role), archive, one_document.number, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    # The legal desk (法制审核) answers review bodies and courts with the case file.
    assert export_case_file(as_role("reviewer"), archive, one_document.number,
                            tmp_path / "x.pdf").path.is_file()


def test_a_changed_kept_document_is_refused_not_filed(one_document, clerk, archive, tmp_path):
    import os
    info = one_document
    kept = next(archive.root.glob("*/*/*.pdf"))
    original = kept.read_bytes()
    os.chmod(kept, 0o644)
    try:
        kept.write_bytes(original.replace(b"%%EOF", b"%%EOF\n% changed"))
        with pytest.raises(DocumentFileDamaged, match="执一立字〔2026〕1号"):
            export_case_file(clerk, archive, info.number, tmp_path / "案卷.pdf")
    finally:
        kept.write_bytes(original)
        os.chmod(kept, 0o444)
    assert not (tmp_path / "案卷.pdf").exists()


# ----------------------------------------------------------------------------- the command
def test_lawdesk_case_file_writes_the_case_file(one_document, cli, tmp_path):
    out = tmp_path / "out" / "案卷.pdf"
    out.parent.mkdir()
    done = cli("case", "file", one_document.number, "--out", str(out), "--originals",
               str(tmp_path / "原件"), user="admin")
    assert done.returncode == 0, done.stderr
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert f"案卷 {one_document.number}：{out}（共 9 页，文书 1 件" in done.stdout
    assert f"SHA-256 {digest}" in done.stdout
    assert f"文书原件 1 份：{tmp_path / '原件'}" in done.stdout
    assert len(list((tmp_path / "原件").glob("01 立案审批表 *.pdf"))) == 1


@pytest.mark.parametrize("case, out, expected", [
    ("执一案〔2026〕99号", "案卷.pdf", "未找到案件：执一案〔2026〕99号"),
    (None, ".", "是文件夹；请给出案卷 PDF 的文件名"),
])
def test_lawdesk_case_file_refuses_bad_input_in_one_line(one_document, cli_here, tmp_path, case,
                                                         out, expected):
    # In this process (``cli_here``): the command above ran as a real child process.
    target = str(tmp_path / out)
    done = cli_here("case", "file", case or one_document.number, "--out", target, user="admin")
    assert done.returncode == 1
    assert expected in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr and not done.stdout


def test_lawdesk_case_file_refuses_a_case_without_documents(penalty_case, cli_here, tmp_path):
    done = cli_here("case", "file", penalty_case.number, "--out", str(tmp_path / "案卷.pdf"),
                    user="admin")
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "尚无已出具的文书，无法组卷" in done.stderr and "Traceback" not in done.stderr
