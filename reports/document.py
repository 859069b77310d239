"""The document builder: title, paragraphs, label lines, tables, signature; then PDF bytes.

    doc = Document("行政处罚决定书", find_font(setting))
    doc.paragraph("某罚决字〔2026〕1号", align="right", indent=False)
    doc.meta_lines([("当事人：", "某某有限公司"), ("住所：", "某县某路1号")])
    doc.paragraph("经查，……").table(["序号", "名称"], [["1", "某物品"]])
    doc.signature_block("某县市场监督管理局", "2026年6月15日").write(path)

Each call records what to draw and returns the document, so calls chain. Nothing is laid
out until ``render``; rendering again gives a fresh layout (reportlab's flowables keep
state while a document is built, so they are made anew each time).
"""
from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Callable, Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer, Table
from reportlab.platypus.frames import _FUZZ

from core.errors import DomainError
from core.files import atomic_write
from reports.fonts import FontChoice, find_latin_font, is_title_face, missing_glyphs
from reports.layout import (
    BODY_LEADING,
    BODY_PITCH,
    LINES_PER_PAGE,
    MOST_LINES_PER_PAGE,
    TITLE_SIZE,
    body_style,
    doc_template,
    text_block,
)
from reports.linebreak import EPSILON
from reports.tables import (Cell, CellLike, GrowingTable, build_table, check_table,
                            growing_rows)
from reports.text import Measure, TextBlock, TextStyle, text_out

__all__ = ["Cell", "Document", "GlyphsMissing"]

TABLE_FONT_SIZE = 12.0  # 小四: tables hold more than body text and may be smaller
TITLE_LEADING = TITLE_SIZE * 1.5
# GB/T 9704 7.3.5.1: the issuer and the date never stand alone on a page. When they would,
# this many last lines of the text before them (all of it when shorter) go along.
SIGNATURE_KEEPS_LINES = 2
FIND_LATIN = "find"  # Document's latin_font: the machine's (reports.fonts.find_latin_font)


class GlyphsMissing(DomainError):
    code = "glyphs_missing"
    zh = ("字体“{font}”没有这些字符的字形，文书打印出来会缺字：{chars}。"
          "请在设置 documents.font_file 中换用字符更全的字体。")
    en = ("The font '{font}' has no glyphs for these characters, so the printed document "
          "would lack them: {chars}. Choose a font with more characters in the setting "
          "documents.font_file.")


class Document:
    def __init__(self, title: str, font: FontChoice, *, author: str = "", subject: str = "",
                 show_title: bool = True, page_numbers: str | None = "outside",
                 footer: str | None = None, landscape: bool = False,
                 title_font: FontChoice | None = None, reproducible: bool = False,
                 latin_font: FontChoice | None | str = FIND_LATIN) -> None:
        """``title`` may hold "\\n" to set its lines. ``page_numbers``: "outside" (GB/T 9704:
        odd pages right, even pages left), "center", "of_total" (第 n 页 共 N 页) or None.
        ``footer``: a line at the foot of every page's text block (a 笔录's signature and
        date, 每页签名). ``landscape``: the page turned for a wide table (GB/T 9704 横排表格).
        ``title_font``: the title's face (reports.fonts.find_title_font); the body's when
        None or when it lacks a character of the title. ``reproducible``: the same content
        gives the same bytes (a fixed creation date, 2000-01-01, and file id).
        ``latin_font``: the face of figures and Latin letters in the text (Times New Roman
        or its stand-in, looked up on this machine unless given; None: the body's own)."""
        self.title = title
        self.font = font
        if latin_font == FIND_LATIN:
            latin_font = find_latin_font()
        self.latin_font = latin_font
        self._latin = latin_font.name if latin_font is not None else ""
        self.author, self.subject = author, subject
        self.page_numbers = page_numbers
        self.footer = footer
        self.landscape = landscape
        self.block_width = text_block(landscape)[2]
        self.reproducible = reproducible
        self.page_count = 0  # known after render
        self.lines_per_page = LINES_PER_PAGE  # known after render: more when tightened
        self._parts: list[Callable[[], Flowable]] = []
        self._texts: list[str] = []
        if page_numbers:
            self._texts.append("— 0123456789第页共")
        if footer:
            self._texts.append(footer)
        if show_title and title:
            face = title_font if title_font and not missing_glyphs(title_font.name, title) \
                else font
            # A 小标宋 is heavy by design; any other face is given a heavier stroke.
            style = TextStyle(face.name, TITLE_SIZE, TITLE_LEADING, align="center",
                              bold=not is_title_face(face), space_after=BODY_LEADING,
                              latin_font=self._latin)
            self._add(title if face is font else "", lambda: TextBlock(title, style))

    # -- content -------------------------------------------------------------------------

    def heading(self, text: str, *, indent: bool = True) -> Document:
        """A section heading (一、……) in a heavier stroke, on the body text's grid."""
        style = self._body(bold=True, align="left", indented=indent)
        return self._add(text, lambda: TextBlock(text.strip(), style))

    def paragraph(self, text: str, *, indent: bool = True, align: str = "justify") -> Document:
        """Body text; ``indent``: the first line two characters in. "\\n" breaks a line."""
        if indent:
            text = text.lstrip()  # a typed indent plus ours would be four characters
        style = self._body(align=align, indented=indent)
        return self._add(text, lambda: TextBlock(text, style))

    def meta_lines(self, lines: Sequence[str | tuple[str, str]]) -> Document:
        """Lines such as "当事人：某某": a (label, value) pair wraps under its value."""
        for line in lines:
            if isinstance(line, tuple):
                label, value = line
                text = f"{label}{value}"
                hang = min(Measure(self._body()).advance(label), self.block_width / 2)
                style = self._body(indent=hang, first_indent=-hang)
            else:
                text, style = line, self._body(indented=False)
            self._add(text, lambda text=text, style=style: TextBlock(text, style))
        return self

    def table(self, header: Sequence[CellLike] | None, rows: Sequence[Sequence[CellLike]],
              col_widths: Sequence[float] | None = None, *, font_size: float = TABLE_FONT_SIZE,
              repeat_header: bool = True) -> Document:
        """A ruled table as wide as the text block. ``header`` (or None for a form) repeats
        on every page; cells are text or :class:`Cell`; ``col_widths`` are relative weights,
        from the content when None. Cells marked ``grow`` share the page left below it."""
        style = TextStyle(self.font.name, font_size, font_size * 1.5, align="left",
                          latin_font=self._latin)
        header = list(header) if header is not None else None
        rows = [list(row) for row in rows]
        check_table(header, rows, col_widths)  # a bad row fails here, not at render

        def build(grow_by: float = 0.0) -> Table:
            table = build_table(header, rows, col_widths, style, self.block_width,
                                repeat_header, grow_by)
            table.spaceBefore, table.spaceAfter = BODY_LEADING / 4, BODY_LEADING / 2
            return table

        growing = growing_rows(rows)

        def make() -> Flowable:
            return GrowingTable(build, growing) if growing else build()

        cells = [*(header or []), *(c for row in rows for c in row)]
        texts = [c.text + c.footer if isinstance(c, Cell) else "" if c is None else str(c)
                 for c in cells]
        return self._add("".join(texts), make)

    def signature_block(self, names: str | Sequence[str], date: str, *,
                        seal: bool = True) -> Document:
        """The issuer's name(s) centred over the date, after GB/T 9704 7.3.5: with a seal the
        date ends four characters from the right and two blank lines leave room for the
        seal; without one, two characters and one blank line. Never alone on a page: when
        it would start one, the last lines of the text before it (or the last row of a
        table) come along."""
        names = [names] if isinstance(names, str) else list(names)
        style = self._body(indented=False)
        return self._add("".join(names) + date,
                         lambda: SignatureBlock(names, date, style, seal))

    def ruled_lines(self, lead: str, count: int = 2) -> Document:
        """``lead`` ("答：") then ``count`` ruled lines to write on by hand: the person's own
        words are never printed for them."""
        style = self._body(indented=True)
        return self._add(lead, lambda: RuledLines(lead, count, style))

    def spacer(self, lines: float = 1) -> Document:
        return self._add("", lambda: Spacer(0, lines * BODY_LEADING))

    def page_break(self) -> Document:
        return self._add("", PageBreak)

    # -- output --------------------------------------------------------------------------

    def render(self) -> bytes:
        """The PDF. Refuses with GlyphsMissing rather than print a box for a character."""
        lacking = missing_glyphs(self.font.name, "".join(self._texts))
        if lacking:
            raise GlyphsMissing(font=self.font.family_name, chars=lacking)
        # The pages are counted first, and again for each tighter spacing tried; only the
        # spacing chosen is drawn, once, with the total known for pages that print it.
        pages, lines = self._count(LINES_PER_PAGE), LINES_PER_PAGE
        if pages > 1:
            pages, lines = self._tighter(pages)
        data, drawn = self._build(lines, pages if self.page_numbers == "of_total" else None)
        assert drawn == pages, "the drawn layout differs from the counted one"
        self.page_count, self.lines_per_page = pages, lines
        return data

    def _tighter(self, pages: int) -> tuple[int, int]:
        """Tighter lines before one more page (GB/T 9704 7.1 allows the adjustment), so the
        last lines and the signature stay on the page they belong to: the least tightening
        that spares a page, as (pages, lines per page). The tightest is tried first: most
        documents it does not help, and then it is the only extra layout."""
        fewer = self._count(MOST_LINES_PER_PAGE)
        if fewer >= pages:
            return pages, LINES_PER_PAGE
        for lines in range(LINES_PER_PAGE + 1, MOST_LINES_PER_PAGE):
            if self._count(lines) == fewer:
                return fewer, lines
        return fewer, MOST_LINES_PER_PAGE

    def _count(self, lines: int) -> int:
        return self._build(lines, None, draw=False)[1]

    def _build(self, lines: int, total: int | None, *,
               draw: bool = True) -> tuple[bytes, int]:
        """The PDF at ``lines`` lines a page and its page count; with ``draw`` False only
        the count is of use (the layout runs in full, but the text is neither set nor
        written out: about a third of the time)."""
        buffer = BytesIO()
        leading = BODY_LEADING * LINES_PER_PAGE / lines
        template = doc_template(buffer, self.font.name, self.page_numbers, total_pages=total,
                                latin_font=self._latin,
                                footer=self.footer, leading=leading, landscape=self.landscape,
                                title=self.title.replace("\n", ""), author=self.author,
                                subject=self.subject, invariant=1 if self.reproducible else None)
        flowables = [make() for make in self._parts]
        if lines != LINES_PER_PAGE:
            flowables = [_tightened(f, LINES_PER_PAGE / lines) for f in flowables]
        template.build(keep_signatures_with_text(flowables),
                       canvasmaker=Canvas if draw else _CountingCanvas)
        return buffer.getvalue(), template.page

    def write(self, path: str | Path) -> Path:
        """Render and write to ``path`` through a temporary file, so no half PDF is left."""
        path = Path(path)
        atomic_write(path, self.render())
        return path

    # -- helpers -------------------------------------------------------------------------

    def _add(self, text: str, make: Callable[[], Flowable]) -> Document:
        self._texts.append(text)
        self._parts.append(make)
        return self

    def _body(self, *, indented: bool = True, **changes: object) -> TextStyle:
        changes.setdefault("first_indent", 2 * BODY_PITCH if indented else 0.0)
        return body_style(self.font.name, latin_font=self._latin, **changes)


class _NoText:
    """A text object that takes every call and keeps nothing."""

    def __getattr__(self, _name: str) -> Callable[..., None]:
        return _ignore


def _ignore(*_args: object, **_kwargs: object) -> None:
    return None


class _CountingCanvas(Canvas):
    """A canvas for layouts that only count pages: reportlab lays the pages out as for
    print, but text (most of the drawing's time) is not set and no PDF is written.
    reports.text.TextBlock, which draws most of a document, does not even place its
    lines on it (``counting``)."""

    counting = True

    def beginText(self, *_args: object, **_kwargs: object) -> _NoText:  # noqa: N802
        return _NoText()

    def drawText(self, _text: object) -> None:  # noqa: N802 - reportlab's names
        pass

    def save(self) -> None:
        pass


def _tightened(flowable: Flowable, factor: float) -> Flowable:
    """The flowable with its line pitch (and the spaces of body text) scaled by ``factor``."""
    if isinstance(flowable, (TextBlock, SignatureBlock, RuledLines)):
        style = flowable.style
        if style.leading == BODY_LEADING or style.size != TITLE_SIZE:
            flowable.style = replace(style, leading=style.leading * factor,
                                     space_before=style.space_before * factor,
                                     space_after=style.space_after * factor)
    elif type(flowable) is Spacer:
        flowable.height *= factor
    return flowable


class RuledLines(Flowable):
    """A lead ("答：") and lines ruled under each line of the grid, to write on."""

    def __init__(self, lead: str, count: int, style: TextStyle) -> None:
        super().__init__()
        self.lead, self.count, self.style = lead, count, style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.count * self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        style = self.style
        measure = Measure(style)
        drop = (style.leading - style.size) / 2 + style.size * measure.ascent_ratio
        canvas = self.canv
        text = canvas.beginText()
        text.setFont(style.font_name, style.size)
        text.setCharSpace(style.char_space)
        text.setTextOrigin(style.first_indent, self.height - drop)
        text_out(text, self.lead, style, style.font_name)
        canvas.drawText(text)
        canvas.saveState()
        canvas.setLineWidth(0.5)
        start = style.first_indent + measure.advance(self.lead)
        for i in range(self.count):
            y = self.height - (i + 1) * style.leading + style.leading * 0.15
            canvas.line(start if i == 0 else 0.0, y, self.width, y)
        canvas.restoreState()


class SignatureBlock(Flowable):
    """Names and date as one unit: it moves to the next page whole rather than split.

    With a seal (GB/T 9704 7.3.5.1) the date ends four characters from the right and the
    names are centred over it. Without one (7.3.5.3) names and date end two characters from
    the right, unless the date is the longer, when the names are centred over it."""

    def __init__(self, names: list[str], date: str, style: TextStyle, seal: bool) -> None:
        super().__init__()
        self.names, self.date, self.style, self.seal = names, date, style, seal
        self.blank_lines = 2 if seal else 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = (self.blank_lines + len(self.names) + 1) * self.style.leading
        return self.width, self.height

    def positions(self, measure: Measure) -> list[float]:
        """The left edge of each name and, last, of the date."""
        style = self.style
        names = [measure.advance(n) - style.char_space for n in self.names]
        date = measure.advance(self.date) - style.char_space
        right = self.width - (4 if self.seal else 2) * style.pitch
        if not self.seal and max(names, default=0.0) >= date:
            return [right - w for w in [*names, date]]
        centre = right - date / 2
        lefts = [centre - w / 2 for w in names] + [right - date]
        overflow = max(left + w for left, w in zip(lefts, [*names, date])) - self.width
        return [left - max(overflow, 0.0) for left in lefts]

    def draw(self) -> None:
        style = self.style
        measure = Measure(style)
        drop = (style.leading - style.size) / 2 + style.size * measure.ascent_ratio
        text = self.canv.beginText()
        text.setFont(style.font_name, style.size)
        text.setCharSpace(style.char_space)
        font = style.font_name
        for i, (line, x) in enumerate(zip([*self.names, self.date], self.positions(measure))):
            text.setTextOrigin(x, self.height - (self.blank_lines + i) * style.leading - drop)
            font = text_out(text, line, style, font)
        self.canv.drawText(text)


def keep_signatures_with_text(flowables: list[Flowable]) -> list[Flowable]:
    """Each signature block bound to the text or table before it (spacers between them
    included), so that a page break never falls right before the signature."""
    out: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, SignatureBlock):
            between: list[Flowable] = []
            while out and type(out[-1]) is Spacer:
                between.insert(0, out.pop())
            if out and isinstance(out[-1], (TextBlock, Table)):
                out.append(WithClosingText(out.pop(), [*between, flowable]))
                continue
            out.extend(between)  # after a page break or nothing at all: nothing to keep
        out.append(flowable)
    return out


class WithClosingText(Flowable):
    """A signature block (and any spacers before it) with the flowable before it, which
    it never leaves: when they do not all fit, the signature takes the last lines of a
    text block (or the last row of a table) along to the next page.

    Like reportlab's KeepTogether it is never drawn itself: its height is reported too
    large, so the frame always asks it to split, and it hands its flowables back to the
    frame, as they were when they all fit, so such a page is drawn exactly as without it.
    """

    def __init__(self, text: Flowable, after: list[Flowable],
                 keep_lines: int = SIGNATURE_KEEPS_LINES) -> None:
        super().__init__()
        self.text, self.after, self.keep_lines = text, after, keep_lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0xFFFFFF  # always split

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.text.getSpaceBefore()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        frame = getattr(self, "_frame", None)
        whole = [self.text, *self.after]
        if self._fits(whole, availWidth, availHeight, getattr(frame, "_oASpace", True)):
            return whole
        height = self.text.wrap(availWidth, availHeight)[1]
        limit = min(availHeight, height - self._closing_height(availWidth))
        parts = self.text.split(availWidth, limit) if limit > 0 else []
        if len(parts) < 2:
            # Nothing of the text fits with the signature's share kept back: all of it goes
            # to the next page, unless this page is fresh (it would be too large anyway).
            return whole if getattr(frame, "_atTop", False) else []
        return [*parts[:-1], WithClosingText(parts[-1], self.after, self.keep_lines)]

    def _closing_height(self, width: float) -> float:
        """The height at the end of the text that must go along with the signature."""
        if isinstance(self.text, TextBlock):
            lines = len(self.text.lines(width))
            return min(self.keep_lines, lines) * self.text.style.leading - EPSILON
        if isinstance(self.text, Table):
            return self.text._rowHeights[-1] - EPSILON  # the last row: reportlab's own sizes
        return EPSILON

    @staticmethod
    def _fits(flowables: list[Flowable], width: float, height: float, overlap: bool) -> bool:
        """Whether the frame would place all of them in ``height``, spaced as it spaces them."""
        used, after = 0.0, None
        for flowable in flowables:
            space = 0.0
            if after is not None:
                space = flowable.getSpaceBefore()
                if overlap:
                    space = max(space - after, 0.0)
            used += space + flowable.wrap(width, max(height - used - space, 0.0))[1]
            if used > height + _FUZZ:
                return False
            after = flowable.getSpaceAfter()
            used += after
        return True
