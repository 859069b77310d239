"""A filled template laid out as an official document through reports.Document.

Only this module knows both the template's blocks and the reports builder; it reads no
database and decides nothing about numbers or missing fields.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from casework.documents.fields import EvidenceRow, fill
from casework.documents.templates import Template
from reports import Cell, Document, FontChoice

Values = Mapping[str, str]
EVIDENCE_FONT_SIZE = 10.5  # 五号: a SHA-256 fits on one line of the list
# 序号, 类型, 字节数, 录制设备, 录制人员, 录制时间: the officer ("张伟（22010001）") and the
# time ("2026-06-03 09:30:00") each on one line of 五号.
EVIDENCE_WIDTHS = (1.0, 1.3, 1.8, 2.4, 3.0, 3.6)
FULL_SPACE = "\u3000"
DATE_BLANKS = "年　　月　　日"
# A body line holds 28 characters (GB/T 9704); signature lines stop two short of the edge.
SIGN_LINE_CHARS = 26


def build_document(template: Template, values: Values, evidence: Sequence[EvidenceRow],
                   font: FontChoice, *, sm3: bool = False, reproducible: bool = False,
                   title_font: FontChoice | None = None) -> Document:
    heading = fill(template.heading, values).strip() if template.heading else ""
    title = f"{heading}\n{template.title}" if heading else template.title
    footer = fill(template.footer, values) if template.footer else None
    document = Document(title, font, author=values.get("bureau", ""),
                        subject=values.get("number", ""), reproducible=reproducible,
                        page_numbers=template.page_numbers, footer=footer,
                        title_font=title_font)
    for block in template.blocks:
        when = block.get("when")
        if when and not values.get(when, "").strip():
            continue
        BLOCKS[block["kind"]](document, block, values, evidence, sm3)
    return document


def render_pdf(template: Template, values: Values, evidence: Sequence[EvidenceRow],
               font: FontChoice, *, sm3: bool = False,
               title_font: FontChoice | None = None) -> tuple[bytes, int]:
    """The PDF and its page count."""
    document = build_document(template, values, evidence, font, sm3=sm3, title_font=title_font)
    data = document.render()
    return data, document.page_count


def _number(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    text = fill(block.get("text", "{number}"), values)
    doc.paragraph(text, indent=False, align=block.get("align", "right"))


def _paragraph(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    """Each line of the filled text is a paragraph of its own (a typed "问：…" per line)."""
    for text in fill(block["text"], values).split("\n"):
        if text.strip():
            doc.paragraph(text.strip(), indent=block.get("indent", True),
                          align=block.get("align", "justify"))


def _answer(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    """The person's answer as given, or ruled lines for it: never words put in their mouth."""
    lead = block.get("lead", "答：")
    text = fill(block.get("text", ""), values).strip()
    if text:
        doc.paragraph(lead + text)
    else:
        doc.ruled_lines(lead, block.get("lines", 2))


def _heading(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    doc.heading(fill(block["text"], values), indent=block.get("indent", True))


def _lines(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    keep_empty = block.get("keep_empty", False)
    lines: list[str | tuple[str, str]] = []
    for line in block["lines"]:
        if isinstance(line, str):
            lines.append(fill(line, values))
            continue
        label, value = fill(line[0], values), fill(line[1], values)
        if value.strip() or keep_empty:
            lines.append((label, value))
    if lines:
        doc.meta_lines(lines)


def _signlines(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    """Lines to sign by hand: "当事人签名：" then blanks, the date's blanks at the right."""
    date = block.get("date", DATE_BLANKS)
    lines = []
    for label in block["labels"]:
        text = fill(label, values)
        room = SIGN_LINE_CHARS - len(text) - len(date)
        lines.append(text + FULL_SPACE * max(room, 2) + date)
    doc.meta_lines(lines)


def _cell(cell: Any, values: Values) -> Cell | str:
    if not isinstance(cell, dict):
        return fill(str(cell), values)
    return Cell(fill(cell.get("text", ""), values), colspan=cell.get("colspan", 1),
                rowspan=cell.get("rowspan", 1), align=cell.get("align", "left"),
                valign=cell.get("valign", "middle"), bold=cell.get("bold", False),
                min_lines=cell.get("min_lines", 0), footer=fill(cell.get("footer", ""), values),
                grow=cell.get("grow", False))


def _table(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    rows = []
    for row in block["rows"]:
        each: list[str | None] = [None]
        if isinstance(row, dict):
            when = row.get("when")
            if when and not values.get(when, "").strip():
                continue
            if row.get("each"):
                each = [line.strip() for line in values.get(row["each"], "").split("\n")
                        if line.strip()] or [""]
            row = row["cells"]
        for item in each:
            filled = values if item is None else {**values, "each": item}
            rows.append([_cell(cell, filled) for cell in row])
    header = block.get("header")
    kwargs = {"font_size": block["font_size"]} if "font_size" in block else {}
    doc.table([fill(h, values) for h in header] if header else None, rows,
              block.get("widths"), **kwargs)


def _evidence(doc: Document, block: Mapping[str, Any], values: Values,
              evidence: Sequence[EvidenceRow], sm3: bool) -> None:
    """Each file on three rows (four with SM3): its name across the table (a long recorder
    file name is never broken inside), what it is, then its hash across the table."""
    header = ["序号", "类型", "字节数", "录制设备", "录制人员", "录制时间"]
    rows: list[list[Cell | str]] = []
    hashes = 2 if sm3 else 1
    for item in evidence:
        rows.append([Cell(str(item.index), rowspan=2 + hashes + bool(item.detail),
                          align="center"),
                     Cell(f"文件名：{item.name}", colspan=5)])
        rows.append([Cell(item.kind, align="center"), Cell(item.size, align="right"),
                     Cell(item.device, align="center"), Cell(item.officer, align="center"),
                     Cell(item.recorded_at, align="center")])
        rows.append([Cell(f"SHA-256：{item.sha256}", colspan=5)])
        if sm3:
            rows.append([Cell(f"SM3：{item.sm3 or '（未计算）'}", colspan=5)])
        if item.detail:  # e.g. a workstation capture: which workstation and input, how long
            rows.append([Cell(item.detail, colspan=5)])
    doc.table(header, rows, list(block.get("widths", EVIDENCE_WIDTHS)),
              font_size=block.get("font_size", EVIDENCE_FONT_SIZE))


def _signature(doc: Document, block: Mapping[str, Any], values: Values, *_: Any) -> None:
    names = [fill(n, values) for n in block.get("names", ["{bureau}"])]
    doc.signature_block([n for n in names if n.strip()],
                        fill(block.get("date", "{issue_date}"), values),
                        seal=block.get("seal", True))


def _spacer(doc: Document, block: Mapping[str, Any], *_: Any) -> None:
    doc.spacer(block.get("height", 1))


def _page_break(doc: Document, *_: Any) -> None:
    doc.page_break()


BLOCKS: dict[str, Callable[..., None]] = {
    "number": _number, "paragraph": _paragraph, "heading": _heading, "lines": _lines,
    "table": _table, "evidence": _evidence, "signature": _signature, "spacer": _spacer,
    "signlines": _signlines, "answer": _answer,
    "page_break": _page_break,
}
