"""Ruled tables of Chinese text: lists (a header row repeated on every page) and forms.

Forms such as approval sheets (审批表) and service receipts (送达回证) need cells that span
columns or rows, cells left tall for handwriting, and a line such as "签名：　年　月　日" at
the bottom right of an opinion cell; :class:`Cell` says all of that, so a template kept as
data can describe a form without code.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from reports.layout import BLOCK_HEIGHT
from reports.linebreak import EPSILON
from reports.text import Measure, TextBlock, TextStyle

PADDING_X = 4.0
PADDING_Y = 2.0
RULE = 0.5         # points: the weight of every rule
LEADING_RATIO = 1.5
VALIGNS = {"top": "TOP", "middle": "MIDDLE", "bottom": "BOTTOM"}


@dataclass(frozen=True)
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "left"       # justify, left, center or right
    valign: str = "middle"    # top, middle or bottom
    bold: bool = False
    min_lines: int = 0        # keep at least this many lines of room (for handwriting)
    footer: str = ""          # right-aligned at the cell's foot, e.g. "负责人：　　年　月　日"
    grow: bool = False        # takes a share of the page left below the table (an opinion box)
    image: bytes | None = None  # a PNG shown in the cell (a signature), under any text

    def __post_init__(self) -> None:
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError("a cell spans at least one column and one row")
        if self.valign not in VALIGNS:
            raise ValueError(f"valign must be one of {tuple(VALIGNS)}, not {self.valign!r}")


CellLike = Cell | str | int | float | None


def as_cell(value: CellLike, **defaults: object) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else str(value), **defaults)


class CellContent(Flowable):
    """A cell's text with room kept below it and a footer line at its foot."""

    def __init__(self, body: TextBlock, footer: TextBlock | None, min_height: float,
                 extra: float = 0.0) -> None:
        super().__init__()
        self.body, self.footer, self.min_height, self.extra = body, footer, min_height, extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _, body = self.body.wrap(availWidth, availHeight)
        foot = self.footer.wrap(availWidth, availHeight)[1] if self.footer else 0.0
        self.width, self.height = availWidth, max(self.min_height, body + foot) + self.extra
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + EPSILON:
            return [self]
        parts = self.body.split(availWidth, availHeight)
        if len(parts) != 2:
            return []
        return [CellContent(parts[0], None, 0.0), CellContent(parts[1], self.footer, 0.0)]

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self.height - self.body.height)
        if self.footer:
            self.footer.drawOn(self.canv, 0, 0)


def growing_rows(rows: Sequence[Sequence[CellLike]]) -> int:
    """How many rows hold a cell marked ``grow``."""
    return sum(any(isinstance(c, Cell) and c.grow for c in row) for row in rows)


class GrowingTable(Flowable):
    """A form whose opinion boxes (cells marked ``grow``) share the page left below it, so
    a one-page approval form leaves no third of its page empty under one-line boxes. On a
    page it does not fit it is the plain table, split as usual."""

    def __init__(self, make: Callable[[float], Table], rows: int) -> None:
        super().__init__()
        self.make, self.rows = make, rows
        self.table = make(0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.table = self.make(0.0)
        width, height = self.table.wrap(availWidth, availHeight)
        spare = availHeight - height - self.getSpaceAfter() - 1.0
        if self.rows and 0 < spare and availHeight <= BLOCK_HEIGHT + EPSILON:
            self.table = self.make(spare / self.rows)
            width, height = self.table.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.table = self.make(0.0)
        return self.table.split(availWidth, availHeight)

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return getattr(self.table, "spaceBefore", 0.0)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return getattr(self.table, "spaceAfter", 0.0)

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)


class RuledTable(Table):
    """reportlab's Table, but a row is cut across pages only when no page could hold it.

    With splitInRow alone, reportlab also cuts an ordinary row to fill the last few points
    of a page, and then repeats the header above that sliver on the same page. reportlab
    makes the pieces of a split table with ``self.__class__``, so they behave alike."""

    tallest_page = BLOCK_HEIGHT

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        in_row, self.splitInRow = self.splitInRow, 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row
        for part in parts:
            part.splitInRow = in_row
        if parts or not in_row:
            return parts
        # Between rows did not work: the first row under the header does not fit here.
        repeat = self.repeatRows if isinstance(self.repeatRows, int) else 0
        if sum(self._rowHeights[:repeat + 1]) <= self.tallest_page:
            return []  # it fits a fresh page: move there whole
        return super().split(availWidth, availHeight)


def build_table(header: Sequence[CellLike] | None, rows: Sequence[Sequence[CellLike]],
                col_widths: Sequence[float] | None, style: TextStyle, width: float,
                repeat_header: bool = True, grow_by: float = 0.0) -> Table:
    """A table ``width`` wide; ``col_widths`` are relative weights (None: from the content).
    ``grow_by``: points added to the height of each cell marked ``grow``."""
    grid, spans = check_table(header, rows, col_widths)
    columns = len(grid[0])
    measure = Measure(style)
    widths = (_scaled(col_widths, width) if col_widths
              else _auto_widths(grid, columns, measure, width))
    data = [[_content(cell, style, _span_width(widths, c, cell), grow_by) if cell else ""
             for c, cell in enumerate(row)] for row in grid]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), RULE, colors.black),
        # Only for reportlab's own bookkeeping (the cells hold flowables): its default,
        # Helvetica, would otherwise be listed in the PDF as a font that is not embedded.
        ("FONT", (0, 0), (-1, -1), style.font_name, style.size, style.leading),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING_Y),
        *spans,
    ]
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell:
                commands.append(("VALIGN", (c, r), (c, r), VALIGNS[cell.valign]))
    repeat = 1 if header and repeat_header else 0
    # splitInRow: a row taller than a page continues on the next one, as long as at least
    # one line of it fits where it starts.
    return RuledTable(data, colWidths=widths, style=TableStyle(commands), repeatRows=repeat,
                      splitByRow=1, splitInRow=style.leading + 2 * PADDING_Y, hAlign="LEFT")


def check_table(header: Sequence[CellLike] | None, rows: Sequence[Sequence[CellLike]],
                col_widths: Sequence[float] | None = None,
                ) -> tuple[list[list[Cell | None]], list[tuple]]:
    """The table's cells on their grid, and its spans; ValueError for a row that does not fit."""
    grid_rows = [[as_cell(v, align="center", bold=True) for v in header]] if header else []
    grid_rows += [[as_cell(v) for v in row] for row in rows]
    if not grid_rows:
        raise ValueError("a table needs a header or at least one row")
    columns = len(col_widths) if col_widths else sum(c.colspan for c in grid_rows[0])
    return _place(grid_rows, columns, header=bool(header))


def _image(data: bytes, width: float, height: float) -> Flowable:
    """The image scaled to fit ``width`` × ``height``, keeping its proportions."""
    from io import BytesIO

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image
    own_width, own_height = ImageReader(BytesIO(data)).getSize()
    scale = min(width / own_width, height / own_height)
    # mask "auto": a signature pad's transparent background stays paper-white.
    return Image(BytesIO(data), own_width * scale, own_height * scale, mask="auto")


def _content(cell: Cell, base: TextStyle, width: float, grow_by: float = 0.0) -> list[Flowable]:
    style = replace(base, align=cell.align, bold=cell.bold)
    if cell.image:
        picture = _image(cell.image, width - 2 * PADDING_X, 2 * base.leading)
        return ([TextBlock(cell.text, style)] if cell.text else []) + [picture]
    body = TextBlock(cell.text, style)
    extra = grow_by if cell.grow else 0.0
    if not cell.footer and not cell.min_lines and not extra:
        return [body]
    footer = TextBlock(cell.footer, replace(base, align="right")) if cell.footer else None
    return [CellContent(body, footer, cell.min_lines * base.leading, extra)]


def _place(rows: list[list[Cell]], columns: int,
           header: bool = False) -> tuple[list[list[Cell | None]], list[tuple]]:
    """Cells onto a grid: a span covers the places after and below it, which stay empty.

    A row that does not fill the columns is an error in the template, named by its number
    (rows under the header count from 1)."""
    taken: set[tuple[int, int]] = set()
    grid: list[list[Cell | None]] = []
    spans: list[tuple] = []
    for r, row in enumerate(rows):
        name = "the header row" if header and r == 0 else f"row {r + 1 - header}"
        placed: list[Cell | None] = [None] * columns
        c = 0
        for cell in row:
            while c < columns and (r, c) in taken:
                c += 1
            if c + cell.colspan > columns:
                raise ValueError(f"{name} of the table has more than {columns} columns")
            if r + cell.rowspan > len(rows):
                raise ValueError(f"a cell in {name} of the table spans past the last row")
            placed[c] = cell
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan)
                         for dc in range(cell.colspan))
            if cell.colspan > 1 or cell.rowspan > 1:
                spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            c += cell.colspan
        if any((r, k) not in taken for k in range(columns)):
            raise ValueError(f"{name} of the table fills fewer than {columns} columns")
        grid.append(placed)
    return grid, spans


def _span_width(widths: list[float], column: int, cell: Cell) -> float:
    return sum(widths[column:column + cell.colspan])


def _scaled(weights: Sequence[float], width: float) -> list[float]:
    total = float(sum(weights))
    if total <= 0 or any(w <= 0 for w in weights):
        raise ValueError("column widths must be positive")
    return [width * w / total for w in weights]


def _auto_widths(grid: list[list[Cell | None]], columns: int, measure: Measure,
                 width: float) -> list[float]:
    """Narrow columns get what their longest line needs; wide ones share the rest equally.

    (Sharing in proportion to need would starve a column that needs a little more than its
    share next to one holding a long text.)"""
    padding = 2 * PADDING_X
    least = 2 * (measure.advance("字")) + padding
    desired = [least] * columns
    for row in grid:
        for c, cell in enumerate(row):
            if cell and cell.colspan == 1:
                longest = max(measure.advance(line) for line in cell.text.split("\n"))
                desired[c] = max(desired[c], longest + padding)
    result = [0.0] * columns
    open_columns = list(range(columns))
    remaining = width
    while open_columns:
        share = remaining / len(open_columns)
        fitting = [c for c in open_columns if desired[c] <= share]
        if not fitting:
            break
        for c in fitting:
            result[c] = desired[c]
            remaining -= desired[c]
            open_columns.remove(c)
    if open_columns:
        for c in open_columns:
            result[c] = remaining / len(open_columns)
    else:  # everything fits on one line: spread the spare room in proportion
        scale = width / sum(result)
        result = [w * scale for w in result]
    return result
