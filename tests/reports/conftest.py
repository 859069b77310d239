"""Reading generated PDFs back: text lines with pypdf, glyph boxes with poppler's pdftotext.

The document tests check what a reader of the PDF gets, not what the builder meant to
draw, so they read the file as any PDF tool would.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from reports.fonts import find_font

PAGE_NUMBER = re.compile(r"^— \d+ —$")
A4_POINTS = (210 * mm, 297 * mm)


@pytest.fixture(scope="session")
def font():
    """The font this machine offers (the tests need one: scripts/setup.sh installs it)."""
    return find_font()


def pdf_lines(path: Path) -> list[list[str]]:
    """Each page's text lines in drawing order, page numbers left out.

    pypdf hands the visitor the text of each text object, its lines joined by "\n", and
    joins objects that share a baseline (the cells of a table row) with a space. Every
    paragraph and every cell is drawn in its own coordinate system (its "cm"), so grouping
    by that system gives each paragraph's or cell's own lines, as they were broken."""
    pages = []
    for page in PdfReader(path).pages:
        groups: dict[tuple[float, float], list[str]] = {}
        page.extract_text(visitor_text=lambda text, cm, *_, groups=groups: groups.setdefault(
            (round(cm[4], 2), round(cm[5], 2)), []).append(text))
        lines = [line.strip() for texts in groups.values() for line in "".join(texts).split("\n")]
        pages.append([line for line in lines if line and not PAGE_NUMBER.match(line)])
    return pages


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float  # points from the left edge
    y_min: float  # points from the top edge (poppler measures downwards)
    x_max: float
    y_max: float


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


def poppler_words(path: Path) -> list[Word]:
    """Every word's box as poppler lays the page out (independent of pypdf and reportlab)."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for match in _WORD.finditer(page):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            words.append(Word(number, unescape(match.group(5)), x0, y0, x1, y1))
    return words
