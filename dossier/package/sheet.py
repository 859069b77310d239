"""The printed manifest sheet (manifest.pdf): the package on paper, A4, in Chinese, laid out
by reports/ as case documents are.

It is what goes into the paper case file beside the disc or drive: the case, every file
with its SHA-256 (and SM3), recorder, officer and times, what was left out and why, the
ledger slice in brief, the workstation key's fingerprint to compare with the one the bureau
publishes, and how to run the verifier. It is itself listed (and so signed) in the
manifest, so it cannot print its own hash or the manifest's; the package id on it ties the
paper to the package.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from reports import Cell, Document, FontChoice

FILE_WIDTHS = (0.9, 4.1, 1.5, 2.1, 2.1, 2.6)
DOCUMENT_WIDTHS = (0.9, 5.4, 0.9, 1.8, 2.6)
EXCLUDED_WIDTHS = (0.9, 3.0, 1.6, 3.0, 3.6)
TABLE_SIZE = 10.5  # 五号: a SHA-256 fits on one line across the table
KIND_NAMES = {"video": "视频", "audio": "音频", "photo": "照片", "other": "其他"}


def _when(text: str | None) -> str:
    """"2026-06-03T09:30:00+08:00" as "2026-06-03 09:30:00"."""
    return text[:19].replace("T", " ") if text else "—"


def _size(size: Any) -> str:
    return f"{size:,}" if isinstance(size, int) else "—"


def _officer(entry: Mapping[str, Any]) -> str:
    officer = entry.get("officer") or {}
    holder = entry.get("custody_holder") or {}
    text = "".join(filter(None, (officer.get("name"), f"（{officer['certificate']}）"
                                 if officer.get("certificate") else "")))
    if holder and holder.get("officer") != officer.get("name"):
        text += f"\n领用人：{holder.get('officer')}（{holder.get('certificate')}）"
    elif holder:
        text += "\n（领用记录一致）"
    return text or "—"


def _recorder(entry: Mapping[str, Any]) -> str:
    recorder = entry.get("recorder") or {}
    if not recorder:
        return "—"
    return "\n".join(filter(None, (recorder.get("serial"), recorder.get("type"))))


def _hash_rows(entry: Mapping[str, Any], span: int) -> list[list[Cell | str]]:
    rows: list[list[Cell | str]] = [[Cell(f"SHA-256：{entry['sha256']}", colspan=span)]]
    if entry.get("sm3"):
        rows.append([Cell(f"SM3：{entry['sm3']}", colspan=span)])
    return rows


def _clock_note(entry: Mapping[str, Any]) -> str:
    """Whether the recording time was checked against the recorder's clock at offload."""
    clock = entry.get("recorder_clock") or {}
    status, offset = clock.get("status"), abs(clock.get("offset_seconds") or 0)
    if status == "ok":
        return "\n（时钟已核对）"
    if status in ("ahead", "behind"):
        return f"\n（时钟{'偏快' if status == 'ahead' else '偏慢'}≥{offset:.0f}秒）"
    return ""


def _footage_table(doc: Document, files: Sequence[Mapping[str, Any]]) -> None:
    header = ["序号", "包内文件名", "类型／字节数", "录制设备", "录制人员", "录制时间／导入时间"]
    rows: list[list[Cell | str]] = []
    for index, entry in enumerate(files, 1):
        hashes = _hash_rows(entry, 5)
        rows.append([Cell(str(index), rowspan=1 + len(hashes), align="center"),
                     entry["path"].removeprefix("footage/"),
                     Cell(f"{KIND_NAMES.get(entry.get('kind'), '其他')}\n{_size(entry['size'])}",
                          align="center"),
                     _recorder(entry), _officer(entry),
                     f"{_when(entry.get('recorded_at'))}{_clock_note(entry)}\n"
                     f"{_when(entry.get('offloaded_at'))}"])
        rows.extend(hashes)
    doc.table(header, rows, list(FILE_WIDTHS), font_size=TABLE_SIZE)


def _document_table(doc: Document, files: Sequence[Mapping[str, Any]]) -> None:
    header = ["序号", "文书（文号）", "页数", "字节数", "出具时间"]
    rows: list[list[Cell | str]] = []
    for index, entry in enumerate(files, 1):
        rows.append([Cell(str(index), rowspan=2, align="center"),
                     f"{entry['title']}\n{entry['number']}",
                     Cell(str(entry.get("pages", "")), align="center"),
                     Cell(_size(entry["size"]), align="right"),
                     _when(entry.get("issued_at"))])
        rows.append([Cell(f"SHA-256：{entry['sha256']}", colspan=4)])
    doc.table(header, rows, list(DOCUMENT_WIDTHS), font_size=TABLE_SIZE)


def _excluded_table(doc: Document, excluded: Sequence[Mapping[str, Any]]) -> None:
    header = ["序号", "文件", "字节数", "录制时间", "未提供的理由"]
    rows: list[list[Cell | str]] = []
    for index, entry in enumerate(excluded, 1):
        name = entry.get("original_name") or entry.get("number") or ""
        rows.append([Cell(str(index), rowspan=2, align="center"), name,
                     Cell(_size(entry.get("size")), align="right"),
                     _when(entry.get("recorded_at") or entry.get("issued_at")),
                     entry.get("reason", "")])
        rows.append([Cell(f"SHA-256：{entry['sha256']}", colspan=4)])
    doc.table(header, rows, list(EXCLUDED_WIDTHS), font_size=TABLE_SIZE)


def _fingerprint_lines(fingerprint: str) -> str:
    groups = fingerprint.split()
    return "\n".join(" ".join(groups[i:i + 8]) for i in range(0, len(groups), 8))


def render_sheet(manifest: Mapping[str, Any], font: FontChoice) -> bytes:
    """The sheet of ``manifest`` (without its own entry) as PDF bytes."""
    case = manifest["case"]
    maker = manifest["created_by"]
    station = manifest["workstation"]
    files = [f for f in manifest["files"] if f.get("role") == "footage"]
    documents = [f for f in manifest["files"] if f.get("role") == "document"]
    excluded = manifest.get("excluded") or []
    doc = Document("电子证据包清单", font, author=manifest.get("bureau", ""),
                   subject=case["number"], page_numbers="center")
    doc.meta_lines([
        ("执法机关：", manifest.get("bureau") or "—"),
        ("案　　号：", case["number"]),
        ("案　　由：", case["cause"]),
        ("办案单位：", case.get("unit") or "—"),
        ("证据包编号：", manifest["package_id"]),
        ("制作时间：", _when(manifest["created_at"])),
        ("制 作 人：", f"{maker['name']}（{maker['username']}）" if maker.get("name")
         else maker["username"]),
        ("工 作 站：", station["id"]),
    ])
    doc.heading("工作站签名公钥指纹（SHA-256）", indent=False)
    doc.paragraph(_fingerprint_lines(station["fingerprint"]), indent=False, align="center")
    doc.paragraph("请将上列指纹与本局公布的工作站公钥指纹逐组核对；核验程序也会显示同一指纹。",
                  indent=True)
    doc.heading(f"一、音视频资料（{len(files)} 个）", indent=False)
    if files:
        _footage_table(doc, files)
    else:
        doc.paragraph("无。")
    doc.heading(f"二、执法文书（{len(documents)} 份）", indent=False)
    if documents:
        _document_table(doc, documents)
    else:
        doc.paragraph("无。")
    if excluded:
        doc.heading(f"三、未随包提供的文件（{len(excluded)} 个）", indent=False)
        doc.paragraph("下列文件未随包提供，其存在及哈希值仍由随包的审计日志片段证明。")
        _excluded_table(doc, excluded)
    ledger = manifest["ledger"]
    number = "四" if excluded else "三"
    doc.heading(f"{number}、审计日志片段", indent=False)
    doc.paragraph(f"随包提供审计日志 {ledger['entry_count']} 条，属 {len(ledger['transactions'])} "
                  f"个完整的事务，每个事务前后均为工作站签名的检查点；其中直接记载本案及上列文件的条目 "
                  f"{len(ledger['cited'])} 条。另附各执法记录仪在录制期间的领用和导入记录。")
    hq = manifest.get("hq")
    if hq:
        doc.paragraph(f"其中 {ledger.get('countersigned', 0)} 个检查点已由总部（服务器 "
                      f"{hq['server']}）副署，证明总部在收到时所存日志与此一致。总部签名公钥指纹"
                      "如下，请与总部公布的指纹逐组核对：")
        doc.paragraph(_fingerprint_lines(hq["fingerprint"]), indent=False, align="center")
    else:
        doc.paragraph("制作时上述检查点尚未同步至总部，无总部副署。")
    number = "五" if excluded else "四"
    doc.heading(f"{number}、核验方法", indent=False)
    doc.paragraph("在装有 Python 3.8 或更高版本的计算机上，先执行 pip install cryptography，"
                  "再在证据包所在文件夹执行 python verify_package.py 证据包文件名.zip（也可对"
                  "解压后的文件夹执行）。核验程序逐一核对每个文件的哈希值、清单签名、审计日志"
                  "片段的哈希链和签名，并列出发现的每个问题；全部通过时显示“通过”。")
    return doc.render()
