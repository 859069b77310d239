"""The pages of a case file that LawDesk writes itself, from the data: the cover (案卷封面),
the contents (卷内文件目录), the evidence list (证据目录) and the back cover (卷内备考表).

Each is laid out through reports.Document on the GB/T 9704 page the issued documents use,
without their page numbers: the case file numbers every page itself
(``dossier.case_file_assembly``). What goes on them is decided in ``dossier.case_file``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from casework.documents.fields import EvidenceRow
from reports import Cell, Document, FontChoice

FORM_FONT_SIZE = 14.0       # 四号: the cover's form
NOTE_FONT_SIZE = 12.0       # 小四: the back cover, whose SHA-256 lines must fit one line
LIST_FONT_SIZE = 10.5       # 五号: lists, where a SHA-256 must fit beside its label
DATE_BLANKS = "　　年　　月　　日"   # for a date written in by hand
# Column widths in millimetres (the text block is 156 mm): 序号 and 页号 hold two
# characters of 五号, 日期 eight digits, 文号 a number such as 执一罚决字〔2026〕12号 on one
# line, 备注 three characters a line; 责任者 and 题名 share what is left.
CONTENTS_WIDTHS = (11, 44, 27.5, 30, 18, 11, 14.5)
CONTENTS_HEADER = ("序号", "文号", "责任者", "题名", "日期", "页号", "备注")
EVIDENCE_WIDTHS = (1.1, 4.1, 1.1, 1.9, 2.2, 2.5, 2.5)
EVIDENCE_HEADER = ("序号", "文件名称（证明环节）", "类型", "字节数", "录制设备", "录制人员",
                   "录制时间")


@dataclass(frozen=True)
class Cover:
    bureau: str
    kind: str                  # "行政处罚案卷": the case type's name and 案卷
    title: str                 # 案卷题名
    parties: str
    case_number: str
    decision_numbers: str      # the decisions' numbers, "" when none was issued
    unit: str                  # 办案机构
    officers: str              # 承办人
    filed_on: str
    closed_on: str
    retention: str
    items: int                 # documents in the file (件)
    pages: int                 # pages in the file


@dataclass(frozen=True)
class ContentsRow:
    seq: int
    number: str
    author: str                # 责任者: who issued it
    title: str
    day: str                   # 20260615, as archives write dates
    page: int
    note: str = ""


@dataclass(frozen=True)
class BackCover:
    statement: tuple[str, ...]   # 本卷情况说明, one paragraph a line
    compiler: str                # 立卷人
    compiled_on: str             # 立卷时间


def _document(title: str, font: FontChoice, bureau: str, subject: str) -> Document:
    return Document(title, font, author=bureau, subject=subject, page_numbers=None)


def cover_pdf(cover: Cover, font: FontChoice) -> tuple[bytes, int]:
    doc = _document(f"{cover.bureau}\n{cover.kind}" if cover.bureau else cover.kind, font,
                    cover.bureau, cover.case_number)
    doc.spacer(1)
    rows: list[list[Cell | str]] = [
        [_label("案卷题名"), Cell(cover.title, colspan=3)],
        [_label("当事人"), Cell(cover.parties, colspan=3)],
        [_label("案件编号"), Cell(cover.case_number, colspan=3)],
    ]
    if cover.decision_numbers:
        rows.append([_label("决定书文号"), Cell(cover.decision_numbers, colspan=3)])
    rows += [
        [_label("办案机构"), Cell(cover.unit, colspan=3)],
        [_label("承办人"), Cell(cover.officers, colspan=3)],
        [_label("立案日期"), cover.filed_on, _label("结案日期"), cover.closed_on],
        [_label("卷内文件"), f"共 {cover.items} 件", _label("卷内页数"), f"共 {cover.pages} 页"],
        [_label("保管期限"), cover.retention, _label("归档日期"), DATE_BLANKS],
    ]
    # The right-hand values hold the date blanks on one line.
    doc.table(None, rows, [1.35, 2.0, 1.35, 2.3], font_size=FORM_FONT_SIZE)
    doc.spacer(2)
    # Filled in by the archive office when it takes the file (GB/T 9705: 档号).
    doc.table(None, [[_label("全宗号"), "", _label("目录号"), "", _label("案卷号"), ""]],
              [1, 1.2, 1, 1.2, 1, 1.2], font_size=FORM_FONT_SIZE)
    return _render(doc)


def contents_pdf(rows: Sequence[ContentsRow], case_number: str, font: FontChoice,
                 bureau: str) -> tuple[bytes, int]:
    doc = _document("卷内文件目录", font, bureau, case_number)
    doc.paragraph(f"案件编号：{case_number}", indent=False)
    body = [[Cell(str(r.seq), align="center"), r.number, r.author, r.title,
             Cell(r.day, align="center"), Cell(str(r.page), align="center"), r.note]
            for r in rows]
    doc.table(list(CONTENTS_HEADER), body, list(CONTENTS_WIDTHS), font_size=LIST_FONT_SIZE)
    return _render(doc)


def evidence_pdf(rows: Sequence[EvidenceRow], case_number: str, parties: str,
                 font: FontChoice, bureau: str) -> tuple[bytes, int]:
    """Each linked file on two rows (three with SM3): what it is, then its hash."""
    doc = _document("证据目录（电子数据）", font, bureau, case_number)
    doc.meta_lines([("案件编号：", case_number), ("当事人：", parties)])
    if not rows:
        doc.paragraph("本案未关联音视频等电子数据。")
        return _render(doc)
    doc.paragraph(f"本案关联电子数据共{len(rows)}个。原件由本机关执法音像记录存储系统以只读"
                  "方式保存，导入时计算哈希值并读回核验；可用下列哈希值校验文件是否完整、"
                  "未被改动。")
    table: list[list[Cell | str]] = []
    for item in rows:
        hashes = [f"SHA-256：{item.sha256}"] + ([f"SM3：{item.sm3}"] if item.sm3 else [])
        table.append([Cell(str(item.index), rowspan=1 + len(hashes), align="center"),
                      f"{item.name}\n（{item.step}）", Cell(item.kind, align="center"),
                      Cell(item.size, align="right"), item.device, item.officer,
                      item.recorded_at])
        table += [[Cell(text, colspan=6)] for text in hashes]
    doc.table(list(EVIDENCE_HEADER), table, list(EVIDENCE_WIDTHS), font_size=LIST_FONT_SIZE)
    return _render(doc)


def back_cover_pdf(back: BackCover, case_number: str, font: FontChoice,
                   bureau: str) -> tuple[bytes, int]:
    doc = _document("卷内备考表", font, bureau, case_number)
    doc.paragraph(f"案件编号：{case_number}", indent=False)
    statement = "\n".join(back.statement)
    rows: list[list[Cell | str]] = [
        [Cell("本卷情况说明", colspan=4, align="center", bold=True)],
        [Cell(statement, colspan=4, valign="top", min_lines=12)],
        [_label("立卷人"), back.compiler, _label("立卷时间"), back.compiled_on],
        [_label("检查人"), "", _label("检查时间"), DATE_BLANKS],
    ]
    doc.table(None, rows, [1.1, 2.4, 1.1, 2.4], font_size=NOTE_FONT_SIZE)
    return _render(doc)


def _label(text: str) -> Cell:
    return Cell(text, align="center", bold=True)


def _render(doc: Document) -> tuple[bytes, int]:
    data = doc.render()
    return data, doc.page_count
