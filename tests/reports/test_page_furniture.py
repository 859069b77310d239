"""What a page carries besides its text (issue 14): 第 n 页 共 N 页 and a footer line on every
page (a 笔录's signature), a landscape page for a wide table, opinion boxes that take the
page left below a form, ruled lines to write an answer on."""
from __future__ import annotations

from pypdf import PdfReader
from reportlab.lib.units import mm

from reports import Cell, Document
from reports.layout import BLOCK_HEIGHT, BLOCK_WIDTH
from reports.tables import GrowingTable, build_table
from reports.text import TextStyle
from tests.reports.conftest import needs_poppler, poppler_words

FOOTER = "被询问人签名：　　　　　　　　　　　　年　　月　　日"


@needs_poppler
def test_every_page_has_its_footer_and_of_total_number_inside_the_block(font, tmp_path):
    doc = Document("询问笔录", font, page_numbers="of_total", footer=FOOTER)
    for i in range(40):
        doc.paragraph(f"问：第{i}个问题，请如实回答。答：这是被询问人自己的回答。")
    path = doc.write(tmp_path / "record.pdf")
    pages = PdfReader(path).pages
    assert doc.page_count == len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"第 {number} 页 共 {len(pages)} 页" in text
        assert text.count("被询问人签名") == 1
    footers = [w for w in poppler_words(path) if w.text.startswith("被询问人签名")]
    assert len(footers) == len(pages)
    assert all(w.y_max <= (37 + 225) * mm + 0.05 for w in footers)  # inside the text block
    # The body never runs into the footer: its last line sits a blank line above it.
    for page_number in range(1, len(pages) + 1):
        body = [w for w in poppler_words(path) if w.page == page_number
                and not w.text.startswith("被询问人") and w.y_max <= (37 + 225) * mm]
        footer = next(w for w in footers if w.page == page_number)
        assert max(w.y_max for w in body if w.y_min < footer.y_min) < footer.y_min - 20


def test_a_landscape_document_turns_the_page(font, tmp_path):
    doc = Document("台账", font, landscape=True)
    doc.table([str(i) for i in range(12)], [["一二三四五六七八"] * 12])
    reader = PdfReader(doc.write(tmp_path / "wide.pdf"))
    assert tuple(round(float(v), 2) for v in reader.pages[0].mediabox.upper_right) == (
        841.89, 595.28)


def test_ruled_lines_print_the_lead_and_no_answer(font, tmp_path):
    doc = Document("笔录", font).ruled_lines("答：", 2)
    text = PdfReader(doc.write(tmp_path / "answer.pdf")).pages[0].extract_text()
    assert "答：" in text and "不申请回避" not in text


def _form(font, grow: bool):  # noqa: ANN001, ANN202
    style = TextStyle(font.name, 12, 18)
    rows = [["案由", "某某"], ["审批意见", Cell("", min_lines=2, grow=grow, footer="签名：")]]
    return lambda extra: build_table(None, rows, [1, 3], style, BLOCK_WIDTH, grow_by=extra)


def test_an_opinion_box_takes_the_page_left_below_the_form(font):
    plain = _form(font, grow=True)(0.0)
    _, height = plain.wrap(BLOCK_WIDTH, BLOCK_HEIGHT)
    growing = GrowingTable(_form(font, grow=True), rows=1)
    _, grown = growing.wrap(BLOCK_WIDTH, 400.0)
    assert height < 100 and 400.0 - 20 < grown <= 400.0  # all but the space after it
    # Not on a page (a height no page has): nothing to share.
    assert growing.wrap(BLOCK_WIDTH, BLOCK_HEIGHT * 3)[1] == height
    # Where it does not fit, it splits as the plain table does.
    assert len(growing.split(BLOCK_WIDTH, height / 2)) in (0, 2)
