"""A block of Chinese text as a reportlab flowable: our line breaking, justification, splitting.

reportlab's Paragraph parses markup we do not need and breaks Chinese lines against the
rules (see ``reports.linebreak``), so documents use this flowable instead. It draws plain
text: every line is one text object placed at its own origin on a fixed line pitch, which
keeps body text on the GB/T 9704 grid (22 lines of 28 characters) and lets a page break
fall between any two lines. With a ``latin_font`` the ASCII characters of a line (figures,
Latin letters, their punctuation) are set in it and the rest in the Chinese face, and
every width is measured in the face the character is set in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from reports.linebreak import EPSILON, Line, break_lines

ALIGNMENTS = ("justify", "left", "center", "right")
# Justifying a line whose gaps would grow by more than half a character (a long Latin word
# pushed to the next line) spreads it too thin to read; such a line stays ragged.
MAX_JUSTIFY_STRETCH = 0.5


@dataclass(frozen=True)
class TextStyle:
    font_name: str
    size: float
    leading: float
    char_space: float = 0.0    # added after each character (negative: a tighter grid)
    indent: float = 0.0        # left indent of every line
    first_indent: float = 0.0  # added to the first line's indent (negative: hanging)
    align: str = "justify"
    bold: bool = False         # outlines stroked as well as filled: a heavier face
    space_before: float = 0.0
    space_after: float = 0.0
    latin_font: str = ""       # the face of ASCII text (reports.fonts.find_latin_font)

    def __post_init__(self) -> None:
        if self.align not in ALIGNMENTS:
            raise ValueError(f"align must be one of {ALIGNMENTS}, not {self.align!r}")

    @property
    def pitch(self) -> float:
        """The advance of one full-width character: the unit of indents (two characters)."""
        return self.size + self.char_space


@lru_cache(maxsize=64)
def _metrics(font_name: str) -> tuple[dict[str, float], float, float]:
    """Character widths (per 1000 units of the em) by character, default width and the
    baseline ratio. Built once per font: reportlab keys its widths by code point, and a
    dict keyed by the characters themselves spares an ord() for every one measured."""
    face = pdfmetrics.getFont(font_name).face
    ascent, descent = face.ascent, face.descent
    widths = {chr(code): width for code, width in face.charWidths.items()
              if 0 <= code <= 0x10FFFF}
    return widths, face.defaultWidth, ascent / (ascent - descent)


# The characters set in the Latin face: printable ASCII, space included (a Latin word
# space between Latin words).
_LATIN_RUN = re.compile("[ -~]+")
_LATIN_WORD = re.compile("[!-~]+| +")   # a justified line widens the spaces between words


@lru_cache(maxsize=64)
def _mixed_metrics(font_name: str, latin_font: str) -> tuple[dict[str, float], float, float]:
    """The Chinese face's widths with those of the ASCII characters from the Latin face."""
    widths, default, ratio = _metrics(font_name)
    latin, latin_default, _ = _metrics(latin_font)
    mixed = dict(widths)
    mixed.update({chr(code): latin.get(chr(code), latin_default) for code in range(0x20, 0x7F)})
    return mixed, default, ratio


def runs(text: str, style: TextStyle) -> list[tuple[str, str]]:
    """``text`` as (font name, piece) in order: the ASCII pieces in the Latin face."""
    if not style.latin_font:
        return [(style.font_name, text)]
    out: list[tuple[str, str]] = []
    at = 0
    for match in _LATIN_RUN.finditer(text):
        if match.start() > at:
            out.append((style.font_name, text[at:match.start()]))
        out.append((style.latin_font, match.group()))
        at = match.end()
    if at < len(text):
        out.append((style.font_name, text[at:]))
    return out


def text_out(text: object, line: str, style: TextStyle, font: str,
             spacing: tuple[float, float] | None = None) -> str:
    """Add ``line`` to the reportlab text object ``text``, whose current face is ``font``,
    switching faces between runs; returns the face current at the end. ``spacing``: the
    character spacing after each character and, inside a Latin word, between its letters
    (a justified line widens the gaps between Chinese characters, never inside 250mL or
    2026); None keeps the spacing already set."""
    for face, piece in runs(line, style):
        if face != font:
            text.setFont(face, style.size)
            font = face
        if spacing is None:
            text.textOut(piece)
            continue
        gap, inner = spacing
        if face != style.latin_font or inner == gap:
            text.setCharSpace(gap)
            text.textOut(piece)
            continue
        for word in _LATIN_WORD.findall(piece):  # words and the spaces between them
            if len(word) > 1 and word[0] != " ":
                text.setCharSpace(inner)
                text.textOut(word[:-1])
                word = word[-1]
            text.setCharSpace(gap)
            text.textOut(word)
    return font


def latin_joins(text: str, style: TextStyle) -> int:
    """How many gaps of ``text`` fall inside a word set in the Latin face (2026, 250mL/):
    gaps justification leaves as they are."""
    if not style.latin_font:
        return 0
    return sum(len(word) - 1 for word in _LATIN_WORD.findall(text) if word[0] != " ")


# Advances already measured, per (font, Latin face, size, character spacing): the line
# breaker asks for the same characters and words over and over. Emptied when it grows past
# the limit (a year of hashes and names in one long-running desktop session would
# otherwise pile up).
_ADVANCES: dict[tuple[str, str, float, float], dict[str, float]] = {}
ADVANCES_KEPT = 20_000


class Measure:
    """Widths of text in one style, as the line breaker asks for them."""

    def __init__(self, style: TextStyle) -> None:
        self.widths, self.default, self.ascent_ratio = (
            _mixed_metrics(style.font_name, style.latin_font) if style.latin_font
            else _metrics(style.font_name))
        self.scale = style.size / 1000.0
        self.char_space = style.char_space
        key = (style.font_name, style.latin_font, style.size, style.char_space)
        self._advances = _ADVANCES.get(key)
        if self._advances is None:
            self._advances = _ADVANCES.setdefault(key, {})

    def glyphs(self, text: str) -> float:
        return sum(map(self.widths.get, text, repeat(self.default, len(text)))) * self.scale

    def advance(self, text: str) -> float:
        known = self._advances.get(text)
        if known is None:
            known = self.glyphs(text) + len(text) * self.char_space
            if len(self._advances) >= ADVANCES_KEPT:
                self._advances.clear()
            self._advances[text] = known
        return known


def lay_out(text: str, style: TextStyle, width: float) -> list[Line]:
    return list(_lay_out(text, style, width))


@lru_cache(maxsize=1024)
def _lay_out(text: str, style: TextStyle, width: float) -> tuple[Line, ...]:
    # A function of its arguments alone (a font name always stands for the same font), and
    # documents of one kind repeat most of their paragraphs: a batch lays each out once.
    measure = Measure(style)
    body = width - style.indent
    return tuple(break_lines(text, measure.advance, body - style.first_indent, body,
                             style.char_space))


class TextBlock(Flowable):
    """Lines of text laid out for the width it is given; splits between any two lines."""

    def __init__(self, text: str, style: TextStyle, *, _lines: list[Line] | None = None,
                 _starts: bool = True, _width: float | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines = _lines
        self._frozen = _lines is not None
        self._laid_for = _width
        self._starts = _starts  # holds the paragraph's first line (which gets first_indent)

    def lines(self, width: float) -> list[Line]:
        # A piece made by split keeps the lines it was cut with: its text is the whole
        # paragraph's, so laying it out again would repeat the other piece.
        if self._lines is None or (self._laid_for != width and not self._frozen):
            self._lines = lay_out(self.text, self.style, width)
            self._laid_for = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self.lines(availWidth)
        fit = int((availHeight + EPSILON) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        head = TextBlock(self.text, replace(self.style, space_after=0), _lines=lines[:fit],
                         _starts=self._starts, _width=availWidth)
        tail = TextBlock(self.text, replace(self.style, space_before=0), _lines=lines[fit:],
                         _starts=False, _width=availWidth)
        return [head, tail]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.space_before

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.space_after

    def draw(self) -> None:
        canvas = self.canv
        if getattr(canvas, "counting", False):   # a layout that only counts pages
            return
        style = self.style
        measure = Measure(style)
        text = canvas.beginText()
        text.setFont(style.font_name, style.size)
        font = style.font_name
        if style.bold:
            text.setTextRenderMode(2)
            canvas.setLineWidth(style.size * 0.03)
        # Baseline inside the line pitch so the em box sits in its middle.
        drop = (style.leading - style.size) / 2 + style.size * measure.ascent_ratio
        for i, line in enumerate(self.lines(self.width)):
            if not line.text:
                continue
            left = style.indent + (style.first_indent if i == 0 and self._starts else 0)
            x, spacing = _place(line, measure, style, left, self.width - left)
            text.setTextOrigin(x, self.height - i * style.leading - drop)
            font = text_out(text, line.text, style, font, spacing)
        canvas.drawText(text)


def _place(line: Line, measure: Measure, style: TextStyle, left: float,
           available: float) -> tuple[float, tuple[float, float]]:
    """Where the line starts, and the character spacing that aligns it: after each
    character, and inside a Latin word (see text_out)."""
    count = len(line.text)
    glyphs = measure.glyphs(line.text)
    natural = glyphs + (count - 1) * style.char_space
    inner = latin_joins(line.text, style)
    gaps = count - 1 - inner   # the gaps justification may widen
    plain = (style.char_space, style.char_space)
    if natural > available + EPSILON and count > 1:
        # A full line on the body grid: 28 advances of 156/28 mm, but the last glyph is a
        # whole 16 pt wide; closing up the line by 0.2 pt keeps it inside the block.
        if gaps:
            return left, ((available - glyphs - inner * style.char_space) / gaps,
                          style.char_space)
        uniform = (available - glyphs) / (count - 1)
        return left, (uniform, uniform)
    if style.align == "center":
        return left + (available - natural) / 2, plain
    if style.align == "right":
        return left + available - natural, plain
    if style.align == "justify" and not line.ends_paragraph and gaps > 0:
        spread = (available - glyphs - inner * style.char_space) / gaps
        if spread - style.char_space <= style.size * MAX_JUSTIFY_STRETCH:
            return left, (spread, style.char_space)
    return left, plain
