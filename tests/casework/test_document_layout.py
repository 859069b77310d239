"""Every standard document, issued for the example case (a company) and for the same case
against a natural person, the two device PDFs (use register, ratio report) and the legal
review's 法制审核意见书 and 集体讨论记录, checked from the PDF itself as a clerk would check
the printout (issue 14): no placeholder text, the party addressed by its kind, page
numbers of the form the template declares, a 笔录's signature line on every page, no page
holding only the signature block or fewer than three lines of body, no line or page
ending inside a number and its unit, every line inside the text block.

Text and its baselines are read back with pypdf; word boxes with poppler's pdftotext."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from casework.documents.templates import find_template
from reports.linebreak import phrase_joints
from tests.casework.layout_cases import (BUREAU, CASES, DEVICE_DOCUMENTS, ORDER,
                                         REVIEW_DOCUMENTS, issue_everything)
from tests.reports.conftest import needs_poppler, poppler_words
from tools.update_golden import MAX_CHANGED, changed_share, first_page_png, golden_path

# The text block (left, right, top, bottom) from the top left corner, as poppler measures:
# portrait, and landscape (the register: the page turned, 37 mm on the left, 28 at the foot).
PORTRAIT = (28 * mm, (28 + 156) * mm, 37 * mm, (37 + 225) * mm)
LANDSCAPE = (37 * mm, (37 + 225) * mm, (210 - 28 - 156) * mm, (210 - 28) * mm)
PAGE_HEIGHT = 297 * mm
BOTTOM = PORTRAIT[3]
TOLERANCE = 0.05
PLACEHOLDERS = ("（单位）", "{", "}", "TODO", "（预览")
PAGE_NUMBER = {"outside": re.compile(r"^— (\d+) —$"),
               "of_total": re.compile(r"^第 (\d+) 页 共 (\d+) 页$")}
# What a signature block and the lines after it print: none of it is body text.
CLOSING_LINE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日|.*(签名|签收|签字).*|（案件编号.*|"
                          r"（本文书.*|年　+月　+日)$")
FOOTERS = {"inquiry_record": "被询问人签名：", "inspection_record": "当事人（在场人）签名："}


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float          # from the left edge
    baseline: float   # from the bottom edge


def text_lines(path: Path, fonts: list[tuple[str, str]] | None = None,
               ) -> list[list[TextLine]]:
    """Each page's lines as drawn: every line is set at its own origin (reports.text), so
    the text runs pypdf reports at one origin (a line's Chinese and Latin faces) are one
    line, placed by its matrices. ``fonts``, when given, gets each run's text and font."""
    pages = []
    for page in PdfReader(path).pages:
        lines: list[TextLine] = []

        def visit(text, cm, tm, font, *_, lines=lines):  # noqa: ANN001, ANN202
            if fonts is not None and text.strip() and font:
                fonts.append((text.strip(), str(font.get("/BaseFont", ""))))
            x, baseline = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
            if lines and (lines[-1].x, lines[-1].baseline) == (x, baseline):
                # reportlab's runs end in "\n" before the next Tm: a line's own text.
                lines[-1] = TextLine(lines[-1].text + text.rstrip("\n"), x, baseline)
            elif text.strip():
                lines.append(TextLine(text.rstrip("\n"), x, baseline))
        page.extract_text(visitor_text=visit)
        pages.append([TextLine(line.text.strip(), line.x, line.baseline) for line in lines
                      if line.text.strip()])
    return pages


@pytest.fixture(scope="module")
def issued(tmp_path_factory, initialised_template):
    """Both cases with every document issued, the device PDFs and the review's documents,
    once for the module (issuing is slow)."""
    return issue_everything(tmp_path_factory.mktemp("layout"), initialised_template)


@pytest.fixture(scope="module")
def read_back(issued):
    """(case, kind) → the PDF's path and its pages' lines, read once."""
    return {(case, kind): (path, text_lines(path))
            for case, issued_set in issued.items() for kind, path in issued_set.pdfs.items()}


DOCUMENTS = ([(case, kind) for case in CASES for kind in ORDER]
             + [("devices", kind) for kind in DEVICE_DOCUMENTS]
             + [("review", kind) for kind in REVIEW_DOCUMENTS])


@pytest.fixture(params=DOCUMENTS, ids=[f"{c}-{k}" for c, k in DOCUMENTS])
def document(request, read_back):
    case, kind = request.param
    path, pages = read_back[(case, kind)]
    return case, kind, path, pages


def _numbering(kind: str) -> str:
    return "outside" if kind in DEVICE_DOCUMENTS else find_template(kind).page_numbers


def _page_number(kind: str, page: list[TextLine]) -> tuple[str, re.Match | None]:
    pattern = PAGE_NUMBER[_numbering(kind)]
    found = [(line.text, pattern.match(line.text)) for line in page
             if pattern.match(line.text)]
    return found[0] if len(found) == 1 else ("", None)


def _body(page: list[TextLine], kind: str) -> list[str]:
    """The lines of a page that are neither its number, its footer nor a signature's."""
    footer = FOOTERS.get(kind)
    return [line.text for line in page
            if not any(p.match(line.text) for p in PAGE_NUMBER.values())
            and not (footer and line.text.startswith(footer))
            and line.text != BUREAU and not CLOSING_LINE.match(line.text)]


def test_no_placeholder_text_is_printed(document):
    _, _, _, pages = document
    text = "".join(line.text for page in pages for line in page)
    for placeholder in PLACEHOLDERS:
        assert placeholder not in text


def test_the_party_is_addressed_by_its_kind(read_back):
    """你单位 to a company, 你 to a person, in every document that addresses the party."""
    for kind in ("rectification_notice", "penalty_notice", "hearing_notice",
                 "penalty_decision"):
        company = "".join(line.text for page in read_back[("company", kind)][1] for line in page)
        person = "".join(line.text for page in read_back[("person", kind)][1] for line in page)
        assert "你单位" in company, kind
        assert "你单位" not in person, kind
        assert "本机关拟对你作出" in person or "责令你于" in person or "决定对你作出" in person, kind


def test_every_page_is_numbered_as_the_template_declares(document):
    _, kind, _, pages = document
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        label, found = _page_number(kind, page)
        assert found, (kind, number, [line.text for line in page][-3:])
        assert int(found.group(1)) == number
        if _numbering(kind) == "of_total":
            assert int(found.group(2)) == total


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("kind", sorted(FOOTERS))
def test_a_records_every_page_carries_the_signature_line(read_back, case, kind):
    _, pages = read_back[(case, kind)]
    footer = FOOTERS[kind]
    assert len(pages) > 1  # the example's records run over pages: the check means something
    for page in pages:
        lines = [line for line in page if line.text.startswith(footer)]
        assert len(lines) == 1
        assert lines[0].text.endswith("年　　月　　日")
        assert lines[0].baseline > PAGE_HEIGHT - BOTTOM  # inside the text block


def test_no_page_holds_only_the_signature_or_fewer_than_three_lines_of_body(document):
    _, kind, _, pages = document
    for number, page in enumerate(pages, start=1):
        body = _body(page, kind)
        assert len(body) >= 3, (kind, number, [line.text for line in page])


def broken_phrases(pages: list[list[TextLine]], kind: str,
                   full: Callable[[int, TextLine], bool]) -> list[str]:
    """Places where a line that runs on (``full(page, line)``: it reaches the right edge,
    so its paragraph goes on) ends inside a number and its measure word (起六|十日,
    2026年6|月8日): with the next line of its block (lower on the page, at most two
    lines down) or the first line of the next page. Page numbers and footers aside."""
    footer = FOOTERS.get(kind)
    flow = [(number, line) for number, page in enumerate(pages) for line in page
            if not any(p.match(line.text) for p in PAGE_NUMBER.values())
            and not (footer and line.text.startswith(footer))]
    found = []
    for (page, before), (next_page, after) in zip(flow, flow[1:]):
        if page == next_page and not 0 < before.baseline - after.baseline < 2 * 30:
            continue  # the next cell of a table row, or a block beside this one
        if full(page, before) and len(before.text) in phrase_joints(before.text + after.text):
            found.append(f"{before.text}|{after.text}")
    return found


def reaches_the_right_edge(path: Path, right: float) -> Callable[[int, TextLine], bool]:
    """Whether a line's last glyph ends at ``right`` (within half a character), from the
    word boxes poppler finds on the line's baseline."""
    ends: dict[tuple[int, int], float] = {}
    for word in poppler_words(path):
        key = (word.page - 1, round(word.y_max))
        ends[key] = max(ends.get(key, 0.0), word.x_max)

    def full(page: int, line: TextLine) -> bool:
        top = PAGE_HEIGHT - line.baseline  # poppler measures down from the top
        return any(ends.get((page, round(top) + d), 0.0) >= right - 8 for d in range(-1, 6))
    return full


def test_broken_phrases_are_seen():
    always = lambda page, line: True  # noqa: E731
    page = [TextLine("自收到本决定书之日起六", 80, 500), TextLine("十日内缴纳。", 80, 471)]
    assert broken_phrases([page], "penalty_decision", always) == [
        "自收到本决定书之日起六|十日内缴纳。"]
    turned = [[TextLine("于2026年6", 80, 100)], [TextLine("月8日", 80, 700)]]
    assert broken_phrases(turned, "penalty_decision", always) == ["于2026年6|月8日"]
    whole = [TextLine("自收到本决定书之日起", 80, 500), TextLine("六十日内缴纳。", 80, 471)]
    assert broken_phrases([whole], "penalty_decision", always) == []
    # A paragraph that ends with a telephone number, the next beginning with 本: no phrase.
    ends = [TextLine("联系电话：13904311234", 80, 500), TextLine("本机关于……", 80, 471)]
    assert broken_phrases([ends], "penalty_decision", lambda page, line: False) == []


@needs_poppler
def test_no_line_or_page_breaks_a_number_from_its_unit(document):
    """linebreak.PHRASE: 六十日, 十五日内, 第六十四条, 5000元, 2026年6月8日 are never split
    at the end of a line that runs on, nor at the foot of a page."""
    _, kind, path, pages = document
    right = (LANDSCAPE if kind == "use_register" else PORTRAIT)[1]
    assert not broken_phrases(pages, kind, reaches_the_right_edge(path, right))


@needs_poppler
def test_every_line_stays_inside_the_text_block(document):
    _, kind, path, pages = document
    numbers = {line.text for page in pages for line in page
               if any(p.match(line.text) for p in PAGE_NUMBER.values())}
    number_words = {word for label in numbers for word in label.split()}
    left, right, top, bottom = LANDSCAPE if kind == "use_register" else PORTRAIT
    words = [w for w in poppler_words(path) if not (w.text in number_words and w.y_min > bottom)]
    assert words
    outside = [w for w in words if w.x_min < left - TOLERANCE or w.x_max > right + TOLERANCE
               or w.y_min < top - TOLERANCE or w.y_max > bottom + TOLERANCE]
    assert not outside, outside


# -- golden images -----------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_first_page_looks_as_reviewed(document):
    """The first page, rendered, matches its reviewed image in tests/casework/golden/. A
    layout change fails here until `python -m tools.update_golden` writes new images,
    which review then sees."""
    case, kind, path, _ = document
    reference = golden_path(case, kind)
    assert reference.is_file(), f"no {reference.name}: run python -m tools.update_golden"
    share = changed_share(first_page_png(path), reference.read_bytes())
    assert share <= MAX_CHANGED, (
        f"{reference.name}: {share:.2%} of the pixels changed; if the change is meant, run "
        "python -m tools.update_golden and review the new image")


def test_the_golden_comparison_sees_a_small_layout_change(read_back):
    """One line moved down by a line's height is seen: the tolerance lets through only
    anti-aliasing noise."""
    from io import BytesIO

    from PIL import Image
    path, _ = read_back[("company", "rectification_notice")]
    image = Image.open(BytesIO(first_page_png(path))).convert("L")
    moved = image.copy()
    band = image.crop((0, 150, image.width, 170))
    moved.paste(band, (0, 170))
    out = BytesIO()
    moved.save(out, "PNG")
    assert changed_share(first_page_png(path), first_page_png(path)) == 0.0
    assert changed_share(out.getvalue(), first_page_png(path)) > MAX_CHANGED


# -- what the forms print ----------------------------------------------------------------
def _all_text(read_back, case: str, kind: str) -> str:
    return "".join(line.text for page in read_back[(case, kind)][1] for line in page)


def test_a_record_prints_no_answer_nobody_gave(read_back):
    for case in CASES:
        text = _all_text(read_back, case, "inquiry_record")
        assert "不申请回避" not in text and "与我所说的一致" not in text
        assert "（第1次询问）" in text


def test_typed_answers_are_printed_as_given(penalty_case, clerk):
    from io import BytesIO

    from casework.documents import preview_document
    typed = {"recusal_answer": "听清楚了，不申请回避。",
             "confirmation": "以上笔录我看过，和我说的一样。", "inquiry_round": "2"}
    pdf = preview_document(clerk, penalty_case.number, "inquiry_record", typed)
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).replace(" ", "")
    assert "答：听清楚了，不申请回避。" in text and "答：以上笔录我看过，和我说的一样。" in text
    assert "（第2次询问）" in text


def test_the_service_receipt_lists_every_document_served(read_back, issued):
    numbers = issued["person"].numbers
    text = _all_text(read_back, "person", "service_receipt")
    assert f"《行政处罚决定书》（{numbers['penalty_decision']}）共2页" in text
    assert f"《听证告知书》（{numbers['hearing_notice']}）共2页" in text
    assert text.count("时　　分") == 2 and "送达时间" in text
    company = _all_text(read_back, "company", "service_receipt")  # by default: the decision
    pages = len(PdfReader(issued["company"].pdfs["penalty_decision"]).pages)
    assert f"（{issued['company'].numbers['penalty_decision']}）共{pages}页" in company


def test_the_evidence_list_says_where_and_on_what(read_back):
    text = _all_text(read_back, "company", "evidence_list")
    assert "提取地点：" in text and "存储介质：" in text and "提取时间：2026年6月5日" in text
    lines = [line.text for page in read_back[("company", "evidence_list")][1] for line in page]
    assert "文件名：J001234_22010001_20260603093000_0001.MP4" in lines  # one line, unbroken


@pytest.mark.parametrize("kind", ["closing_approval", "decision_approval"])
def test_an_approval_forms_opinion_boxes_fill_the_page(read_back, kind):
    """No third of the page left empty under one-line opinion boxes: the form's last line
    (the head's 签名 and date) sits near the foot of the text block."""
    (page,) = read_back[("company", kind)][1]
    lowest = min(line.baseline for line in page if not PAGE_NUMBER["outside"].match(line.text))
    assert lowest < PAGE_HEIGHT - BOTTOM + 40  # within 40 pt of the block's foot
