"""The signature block never stands alone on a page (GB/T 9704 7.3.5.1): when the issuer's
name and date would open a page, the lines first tighten (up to 24 a page, GB/T 9704 7.1's
"特定情况可以作适当调整") to keep them on it; when that is not enough, the last lines of the
text before them come along.

The body here is set on the grid (28 characters a line, 22 lines a page, no indent), so a
paragraph of 28 × n characters takes exactly n lines and a document can be made to end
exactly at a page's last line, or one, two or three lines before it."""
from __future__ import annotations

import random
from io import BytesIO

import pytest

import reports.document
from reports import Document
from reports.document import SIGNATURE_KEEPS_LINES
from reports.layout import MOST_LINES_PER_PAGE
from reportlab.lib.units import mm

from tests.reports.conftest import needs_poppler, pdf_lines, poppler_words

NAME, DATE = "某县市场监督管理局", "2026年6月15日"
POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说"
LINES_PER_PAGE = 22
SEAL_LINES = 4      # two blank lines for the seal, the name, the date
NO_SEAL_LINES = 3   # one blank line, the name, the date


def grid_text(lines: int, seed: int) -> str:
    chooser = random.Random(seed)
    return "".join(chooser.choice(POOL) for _ in range(28 * lines))


def document(font, paragraph_lines: list[int], *, seal: bool = True) -> tuple[Document, str]:
    doc = Document("", font, show_title=False, reproducible=True)
    texts = [grid_text(lines, seed) for seed, lines in enumerate(paragraph_lines)]
    for text in texts:
        doc.paragraph(text, indent=False)
    doc.signature_block(NAME, DATE, seal=seal)
    return doc, "".join(texts)


def signature_page(pages: list[list[str]]) -> tuple[int, list[str]]:
    """The page (from 0) that holds the date, and the body lines on it."""
    found = [i for i, lines in enumerate(pages) if DATE in lines]
    assert len(found) == 1, f"the date is on pages {found}"
    index = found[0]
    assert NAME in pages[index], "the name and the date are on different pages"
    return index, [line for line in pages[index] if line not in (NAME, DATE)]


def body_lines(pages: list[list[str]]) -> list[str]:
    return [line for lines in pages for line in lines if line not in (NAME, DATE)]


@pytest.mark.parametrize("room", [0, 1, 2, 3])
@pytest.mark.parametrize("last", [1, 2, 3, 7])
def test_a_body_ending_too_close_to_the_foot_takes_its_last_lines_along(font, tmp_path, room,
                                                                        last):
    # The body leaves `room` lines at the foot of page 1, fewer than the signature needs.
    doc, text = document(font, [LINES_PER_PAGE - room - last, last])
    pages = pdf_lines(doc.write(tmp_path / "sign.pdf"))
    index, with_signature = signature_page(pages)
    needed = LINES_PER_PAGE - room + SEAL_LINES
    if needed <= MOST_LINES_PER_PAGE:  # room 2 or 3: tighter lines keep it on page 1
        assert len(pages) == 1 and doc.lines_per_page == needed
        assert "".join(body_lines(pages)) == text
        return
    assert index == 1 and len(pages) == 2 and doc.lines_per_page == LINES_PER_PAGE
    # The last lines of the last paragraph moved: two of them, or the whole of a shorter one.
    assert len(with_signature) == min(SIGNATURE_KEEPS_LINES, last)
    assert len(pages[0]) == LINES_PER_PAGE - room - len(with_signature)
    assert "".join(body_lines(pages)) == text  # nothing lost, nothing repeated


def test_a_signature_that_fits_stays_under_the_text(font, tmp_path):
    doc, text = document(font, [10, LINES_PER_PAGE - SEAL_LINES - 10])  # exactly room for it
    pages = pdf_lines(doc.write(tmp_path / "fits.pdf"))
    assert len(pages) == 1
    assert signature_page(pages)[0] == 0
    assert "".join(body_lines(pages)) == text


@pytest.mark.parametrize("room", [0, 1, 2])
def test_without_a_seal_the_signature_also_keeps_text_with_it(font, tmp_path, room):
    doc, text = document(font, [LINES_PER_PAGE - room - 5, 5], seal=False)
    pages = pdf_lines(doc.write(tmp_path / "noseal.pdf"))
    index, with_signature = signature_page(pages)
    needed = LINES_PER_PAGE - room + NO_SEAL_LINES
    if needed <= MOST_LINES_PER_PAGE:  # room 1 or 2: tighter lines keep it on page 1
        assert index == 0 and len(pages) == 1 and doc.lines_per_page == needed
    else:
        assert index == 1 and len(with_signature) == SIGNATURE_KEEPS_LINES
    assert "".join(body_lines(pages)) == text


@pytest.mark.parametrize("lines", range(1, 2 * LINES_PER_PAGE + 4))
def test_the_signature_page_holds_body_text_whatever_the_length(font, tmp_path, lines):
    # One paragraph of every length up to two pages and more, so the body ends on every
    # line of a page, including a paragraph split across pages before the signature.
    doc, text = document(font, [lines])
    pages = pdf_lines(doc.write(tmp_path / "any.pdf"))
    index, with_signature = signature_page(pages)
    assert with_signature, f"the signature stands alone on page {index + 1}"
    assert index == len(pages) - 1
    assert "".join(body_lines(pages)) == text
    # Lines move only when the signature would not fit under the text.
    room = LINES_PER_PAGE - (lines - 1) % LINES_PER_PAGE - 1
    if room >= SEAL_LINES:
        assert len(pages) == (lines - 1) // LINES_PER_PAGE + 1


@pytest.mark.parametrize("rows", range(14, 26))
def test_a_table_before_the_signature_sends_its_last_row_along(font, tmp_path, rows):
    doc = Document("送达回证", font, reproducible=True)
    doc.table(["项目", "内容"], [[f"第{i}项", grid_text(1, i)[:20]] for i in range(1, rows + 1)])
    doc.signature_block(NAME, DATE)
    pages = pdf_lines(doc.write(tmp_path / "table.pdf"))
    _, with_signature = signature_page(pages)
    assert any(line.startswith(f"第{rows}项") for line in with_signature), \
        f"the signature's page holds no row of the table: {with_signature}"
    text = " ".join(line for lines in pages for line in lines)
    assert all(f"第{i}项" in text for i in range(1, rows + 1))


def test_spacers_between_the_text_and_the_signature_go_along(font, tmp_path):
    doc = Document("", font, show_title=False, reproducible=True)
    text = grid_text(LINES_PER_PAGE - 1, 1)
    doc.paragraph(text, indent=False).spacer(1).signature_block(NAME, DATE)
    pages = pdf_lines(doc.write(tmp_path / "spacer.pdf"))
    index, with_signature = signature_page(pages)
    assert index == 1 and len(with_signature) == SIGNATURE_KEEPS_LINES
    assert "".join(body_lines(pages)) == text


def test_text_after_the_signature_follows_it(font, tmp_path):
    # A decision ends with notes after the signature ("本文书一式两份……").
    doc, _ = document(font, [LINES_PER_PAGE - 2, 2])
    doc.paragraph("（本文书一式两份，一份送达当事人，一份归档。）", indent=False)
    pages = pdf_lines(doc.write(tmp_path / "notes.pdf"))
    index, with_signature = signature_page(pages)
    assert index == 1
    assert with_signature[-1] == "（本文书一式两份，一份送达当事人，一份归档。）"
    assert len(with_signature) == SIGNATURE_KEEPS_LINES + 1


def test_meta_lines_before_the_signature_keep_the_last_one_with_it(font, tmp_path):
    doc = Document("", font, show_title=False, reproducible=True)
    doc.paragraph(grid_text(LINES_PER_PAGE - 3, 2), indent=False)
    doc.meta_lines([("送达人：", "张伟"), ("受送达人：", "某某公司"), ("送达地点：", "某县某路1号")])
    doc.signature_block(NAME, DATE)
    pages = pdf_lines(doc.write(tmp_path / "meta.pdf"))
    index, with_signature = signature_page(pages)
    assert index == 1 and with_signature == ["送达地点：某县某路1号"]


def test_when_the_signature_fits_the_pdf_is_the_same_as_without_the_rule(font, monkeypatch):
    # The keeper hands its flowables back to the frame as they were: a page where nothing
    # moves is drawn byte for byte as before the rule existed.
    doc, _ = document(font, [8, 6])
    kept = doc.render()
    monkeypatch.setattr(reports.document, "keep_signatures_with_text", lambda flowables: flowables)
    assert doc.render() == kept


def test_without_the_rule_the_signature_would_stand_alone(font, monkeypatch):
    # The documents above do test something: laid out without the rule, it is alone.
    monkeypatch.setattr(reports.document, "keep_signatures_with_text", lambda flowables: flowables)
    doc, _ = document(font, [LINES_PER_PAGE - 1, 1])
    pages = pdf_lines(BytesIO(doc.render()))  # pypdf reads a stream as well as a path
    assert signature_page(pages) == (1, [])


def test_a_signature_after_a_page_break_is_left_where_it_was_put(font, tmp_path):
    doc = Document("", font, show_title=False).paragraph("特此决定。").page_break()
    doc.signature_block(NAME, DATE)
    pages = pdf_lines(doc.write(tmp_path / "break.pdf"))
    assert signature_page(pages) == (1, [])


def test_lines_never_tighten_past_24_a_page(font, tmp_path):
    """A full page of body and a seal need 26 lines: beyond the tolerance, so a second page
    with the last lines and the signature, on the standard grid."""
    doc, text = document(font, [LINES_PER_PAGE])
    pages = pdf_lines(doc.write(tmp_path / "full.pdf"))
    assert len(pages) == 2 and doc.lines_per_page == LINES_PER_PAGE
    assert len(pages[0]) == LINES_PER_PAGE - SIGNATURE_KEEPS_LINES


@needs_poppler
def test_a_tightened_page_keeps_its_lines_inside_the_text_block(font, tmp_path):
    doc, _ = document(font, [LINES_PER_PAGE - 2])  # 20 lines and a seal: 24 a page
    path = doc.write(tmp_path / "tight.pdf")
    assert doc.page_count == 1 and doc.lines_per_page == MOST_LINES_PER_PAGE
    words = [w for w in poppler_words(path) if w.y_min < (37 + 225) * mm]
    assert max(w.y_max for w in words) <= (37 + 225) * mm + 0.05
