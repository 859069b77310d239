"""The page of an official document after GB/T 9704-2012 (党政机关公文格式).

A4; top margin (天头) 37 mm and left margin (订口) 28 mm; a text block (版心) of
156 × 225 mm; body text in 三号 (16 pt), 22 lines a page of 28 characters a line; titles in
二号 (22 pt); page numbers in 四号 (14 pt) as "— 1 —", their dashes 7 mm below the text
block, on odd pages one character in from the right and on even pages from the left.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from reports.text import Measure, TextStyle

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

PAGE_NUMBER_STYLES = ("outside", "center", None)


def body_style(font_name: str, **changes: object) -> TextStyle:
    return replace(TextStyle(font_name, BODY_SIZE, BODY_LEADING, BODY_CHAR_SPACE), **changes)


def page_number_drawer(font_name: str, style: str | None) -> Callable[[Canvas, object], None]:
    if style not in PAGE_NUMBER_STYLES:
        raise ValueError(f"page numbers must be one of {PAGE_NUMBER_STYLES}, not {style!r}")
    measure = Measure(TextStyle(font_name, PAGE_NUMBER_SIZE, PAGE_NUMBER_SIZE))
    inset = BODY_PITCH  # 空一字: one body character

    def draw(canvas: Canvas, _doc: object) -> None:
        if style is None:
            return
        number = canvas.getPageNumber()
        label = f"— {number} —"
        width = measure.glyphs(label)
        if style == "center":
            x = LEFT_MARGIN + (BLOCK_WIDTH - width) / 2
        elif number % 2:
            x = LEFT_MARGIN + BLOCK_WIDTH - inset - width
        else:
            x = LEFT_MARGIN + inset
        # The dash sits about 0.3 em above the baseline; its top is to be 7 mm below the block.
        y = BOTTOM_MARGIN - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * 0.35
        canvas.saveState()
        canvas.setFont(font_name, PAGE_NUMBER_SIZE)
        canvas.drawString(x, y, label)
        canvas.restoreState()

    return draw


def doc_template(target: object, font_name: str, page_numbers: str | None,
                 **info: object) -> BaseDocTemplate:
    """A one-frame A4 template; the frame is exactly the text block (no padding)."""
    frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, BLOCK_WIDTH, BLOCK_HEIGHT, id="block",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template = PageTemplate(id="gbt9704", frames=[frame],
                            onPage=page_number_drawer(font_name, page_numbers))
    # The canvas's initial font would otherwise be Helvetica, a font PDF readers must
    # substitute because it is never embedded.
    return BaseDocTemplate(target, pagesize=A4, pageTemplates=[template],
                           leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN,
                           topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
                           initialFontName=font_name, initialFontSize=BODY_SIZE,
                           creator="LawDesk", lang="zh-CN", **info)
