"""The page of an official document after GB/T 9704-2012 (党政机关公文格式).

A4; top margin (天头) 37 mm and left margin (订口) 28 mm; a text block (版心) of
156 × 225 mm; body text in 三号 (16 pt), 22 lines a page of 28 characters a line; titles in
二号 (22 pt); page numbers in 四号 (14 pt) as "— 1 —", their dashes 7 mm below the text
block, on odd pages one character in from the right and on even pages from the left.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from reportlab.lib.pagesizes import A4, landscape as turned
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from reports.text import Measure, TextStyle, text_out

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - BLOCK_HEIGHT   # 35 mm
RIGHT_MARGIN = PAGE_WIDTH - LEFT_MARGIN - BLOCK_WIDTH     # 26 mm

BODY_SIZE = 16.0         # 三号
TITLE_SIZE = 22.0        # 二号
PAGE_NUMBER_SIZE = 14.0  # 四号
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_LEADING = BLOCK_HEIGHT / LINES_PER_PAGE                 # about 29 pt
# 28 characters of 16 pt are 158 mm, 2 mm wider than the block: the standard's grid
# tightens each character's advance by about 0.2 pt, as word processors do.
BODY_CHAR_SPACE = BLOCK_WIDTH / CHARS_PER_LINE - BODY_SIZE
BODY_PITCH = BODY_SIZE + BODY_CHAR_SPACE                    # 156 mm / 28
PAGE_NUMBER_GAP = 7 * mm

# "of_total": 第 n 页 共 N 页, centred, as the model formats number a 笔录's pages
# (市场监督管理行政处罚文书格式范本 2021, 询问笔录 and 现场笔录), so a missing page shows.
PAGE_NUMBER_STYLES = ("outside", "center", "of_total", None)
# GB/T 9704-2012 7.1: "一般每面排22行……特定情况可以作适当调整". A document that would
# otherwise start a page for its last lines may set up to this many lines a page instead.
MOST_LINES_PER_PAGE = 24


def body_style(font_name: str, **changes: object) -> TextStyle:
    return replace(TextStyle(font_name, BODY_SIZE, BODY_LEADING, BODY_CHAR_SPACE), **changes)


def page_number_label(style: str | None, number: int, total: int | None) -> str:
    if style == "of_total":
        return f"第 {number} 页 共 {total if total else '  '} 页"
    return f"— {number} —"


def page_number_drawer(font_name: str, style: str | None, total: int | None = None,
                       footer: str | None = None, footer_style: TextStyle | None = None,
                       block: tuple[float, float, float, float] | None = None,
                       ) -> Callable[[Canvas, object], None]:
    """Draws the page number and, when given, ``footer``: a line at the foot of the text
    block on every page (a 笔录's 每页签名 line), inside the block."""
    if style not in PAGE_NUMBER_STYLES:
        raise ValueError(f"page numbers must be one of {PAGE_NUMBER_STYLES}, not {style!r}")
    measure = Measure(TextStyle(font_name, PAGE_NUMBER_SIZE, PAGE_NUMBER_SIZE))
    inset = BODY_PITCH  # 空一字: one body character
    left, bottom, width, _ = block or (LEFT_MARGIN, BOTTOM_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT)

    def draw(canvas: Canvas, _doc: object) -> None:
        if footer and footer_style is not None:
            _draw_footer(canvas, footer, footer_style, left, bottom)
        if style is None:
            return
        number = canvas.getPageNumber()
        label = page_number_label(style, number, total)
        label_width = measure.glyphs(label)
        if style in ("center", "of_total"):
            x = left + (width - label_width) / 2
        elif number % 2:
            x = left + width - inset - label_width
        else:
            x = left + inset
        # The dash sits about 0.3 em above the baseline; its top is to be 7 mm below the block.
        y = bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.35
        canvas.saveState()
        canvas.setFont(font_name, PAGE_NUMBER_SIZE)
        canvas.drawString(x, y, label)
        canvas.restoreState()

    return draw


def _draw_footer(canvas: Canvas, footer: str, style: TextStyle, left: float,
                 bottom: float) -> None:
    """The footer on the last line of the text block, after a blank line above it."""
    measure = Measure(style)
    drop = (style.leading - style.size) / 2 + style.size * measure.ascent_ratio
    canvas.saveState()
    text = canvas.beginText()
    text.setFont(style.font_name, style.size)
    text.setCharSpace(style.char_space)
    text.setTextOrigin(left, bottom + style.leading - drop)
    text_out(text, footer, style, style.font_name)
    canvas.drawText(text)
    canvas.restoreState()


FOOTER_LINES = 2  # a blank line, then the footer


def text_block(landscape: bool = False) -> tuple[float, float, float, float]:
    """The text block's left, bottom, width and height. Landscape (a wide table, GB/T 9704
    10.2 横排表格): the portrait page turned a quarter, so its top margin (37 mm) is on the
    left and its binding margin (28 mm) at the foot."""
    if landscape:
        return TOP_MARGIN, LEFT_MARGIN, BLOCK_HEIGHT, BLOCK_WIDTH
    return LEFT_MARGIN, BOTTOM_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT


def doc_template(target: object, font_name: str, page_numbers: str | None,
                 total_pages: int | None = None, footer: str | None = None,
                 leading: float = BLOCK_HEIGHT / LINES_PER_PAGE, landscape: bool = False,
                 latin_font: str = "", **info: object) -> BaseDocTemplate:
    """A one-frame A4 template; the frame is exactly the text block (no padding), less
    the footer's lines at its foot when there is a footer."""
    left, bottom, width, height = text_block(landscape)
    reserved = FOOTER_LINES * leading if footer else 0.0
    frame = Frame(left, bottom + reserved, width, height - reserved,
                  id="block", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    footer_style = body_style(font_name, leading=leading, latin_font=latin_font) \
        if footer else None
    template = PageTemplate(id="gbt9704", frames=[frame],
                            onPage=page_number_drawer(font_name, page_numbers, total_pages,
                                                      footer, footer_style,
                                                      (left, bottom, width, height)))
    # The canvas's initial font would otherwise be Helvetica, a font PDF readers must
    # substitute because it is never embedded.
    size = turned(A4) if landscape else A4
    return BaseDocTemplate(target, pagesize=size, pageTemplates=[template],
                           leftMargin=left, rightMargin=size[0] - left - width,
                           topMargin=size[1] - bottom - height, bottomMargin=bottom,
                           initialFontName=font_name, initialFontSize=BODY_SIZE,
                           creator="LawDesk", lang="zh-CN", **info)
