"""Tables as forms need them: spans, room for handwriting, signature lines, column widths."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.units import mm

from reports import Cell, Document
from reports.layout import BLOCK_WIDTH
from reports.tables import _auto_widths, _place, as_cell
from reports.text import Measure, TextStyle
from tests.reports.conftest import needs_poppler, pdf_lines, poppler_words

SIGN = "负责人签名：　　　　年　　月　　日"


def approval_form(font) -> Document:
    doc = Document("立案审批表", font, page_numbers=None)
    return doc.table(None, [
        [Cell("案件来源", align="center"), Cell("投诉举报", colspan=3)],
        [Cell("当事人", align="center", rowspan=2), "名称", Cell("某某食品有限公司", colspan=2)],
        ["统一社会信用代码", Cell("91110000MA01ABCD2X", colspan=2)],
        [Cell("承办人意见", align="center"),
         Cell("建议立案调查。", colspan=3, valign="top", min_lines=4, footer=SIGN)],
    ], col_widths=[1, 1.5, 2, 2])


def test_a_form_with_spans_renders_every_cell(font, tmp_path: Path):
    lines = pdf_lines(approval_form(font).write(tmp_path / "form.pdf"))
    assert len(lines) == 1
    for text in ("立案审批表", "案件来源", "投诉举报", "当事人", "某某食品有限公司",
                 "91110000MA01ABCD2X", "建议立案调查。", SIGN):
        assert text in lines[0]


@needs_poppler
def test_an_opinion_cell_keeps_room_to_write_and_signs_at_its_foot(font, tmp_path: Path):
    words = poppler_words(approval_form(font).write(tmp_path / "form.pdf"))
    opinion = next(w for w in words if w.text == "建议立案调查。")
    sign = next(w for w in words if w.text.startswith("负责人签名"))
    leading = 12 * 1.5
    assert sign.y_min - opinion.y_max > 2 * leading        # four lines of room, not one
    # poppler splits the line at the ideographic spaces; its last word ends at the cell's
    # right padding.
    line_end = max(w.x_max for w in words if abs(w.y_min - sign.y_min) < 1)
    assert line_end == pytest.approx(28 * mm + BLOCK_WIDTH - 4, abs=0.5)


def test_cells_are_placed_around_spans():
    rows = [[Cell("甲", rowspan=2), Cell("乙", colspan=2)], [as_cell("丙"), as_cell("丁")]]
    grid, spans = _place(rows, 3)
    assert [[c.text if c else None for c in row] for row in grid] == [
        ["甲", "乙", None], [None, "丙", "丁"]]
    assert ("SPAN", (0, 0), (0, 1)) in spans and ("SPAN", (1, 0), (2, 0)) in spans


@pytest.mark.parametrize("rows", [
    [["一", "二", "三", "四"]],                   # one cell too many
    [["一", "二"]],                               # one too few
    [[Cell("一", rowspan=3), "二", "三"]],        # spans past the last row
])
def test_a_row_that_does_not_fit_the_columns_is_a_programming_error(font, rows):
    with pytest.raises(ValueError, match="row 1"):
        Document("表", font).table(["甲", "乙", "丙"], rows)  # refused at once, not at render


def test_cell_options_are_checked():
    with pytest.raises(ValueError):
        Cell("甲", colspan=0)
    with pytest.raises(ValueError):
        Cell("甲", valign="centre")


def test_automatic_widths_give_short_columns_what_they_need_and_share_the_rest(font):
    measure = Measure(TextStyle(font.name, 12, 18))
    grid, _ = _place([[as_cell(t) for t in ("序号", "说明" * 60, "1.2 GB")]], 3)
    widths = _auto_widths(grid, 3, measure, BLOCK_WIDTH)
    assert sum(widths) == pytest.approx(BLOCK_WIDTH)
    assert widths[0] == pytest.approx(measure.advance("序号") + 8)
    assert widths[2] == pytest.approx(measure.advance("1.2 GB") + 8)
    assert widths[1] > 300


@needs_poppler
def test_weights_set_relative_column_widths(font, tmp_path: Path):
    doc = Document("", font, show_title=False).table(["甲", "乙"], [["一", "二"]], col_widths=[1, 3])
    words = {w.text: w for w in poppler_words(doc.write(tmp_path / "w.pdf"))}
    left = 28 * mm
    # Header cells are centred in their columns: a quarter and three quarters of the width.
    assert centre(words["甲"]) == pytest.approx(left + BLOCK_WIDTH / 8, abs=0.5)
    assert centre(words["乙"]) == pytest.approx(left + BLOCK_WIDTH * 5 / 8, abs=0.5)


def centre(word) -> float:
    return (word.x_min + word.x_max) / 2


def test_numbers_in_cells_print_as_written_zero_included(font, tmp_path: Path):
    doc = Document("", font, show_title=False).table(["数量", "金额"], [[0, 10005.2], [None, "—"]])
    lines = pdf_lines(doc.write(tmp_path / "n.pdf"))[0]
    assert lines == ["数量", "金额", "0", "10005.2", "—"]
