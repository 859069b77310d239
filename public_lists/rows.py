"""Checking a list file's records into rows, all or nothing.

The header row holds the Chinese column names an export writes, or the English keys, or a
name a bureau's own sheet uses (resources/lists/columns.toml ``aliases``), in any order.
Lines above it (a sheet's title, merged across) are skipped: the header is the first row
naming at least two of the list's columns. Every bad row is named with its row number and
column, and nothing is imported until the whole file is clean.

Beyond a column's own rules (required, a code's form, a length), a row is checked against
what the workstation already holds: an item's discretion-benchmark codes must name offences
of a benchmark version, and a window staff member's certificate number one on record, so a
list cannot point at something that does not exist.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from public_lists.errors import ListImportError, Problem
from public_lists.files import Records
from public_lists.kinds import CODE, columns, header_names, row_key, title

IGNORED = {"序号", "seq", "no", "no.", "#"}   # a published list's running number
CELL_LIMIT = 4000     # characters: a service guide's materials list is a few hundred
ROW_LIMIT = 20_000    # rows: a county's longest list has a few thousand
SEPARATORS = re.compile(r"[、，,；;\s]+")


@dataclass(frozen=True)
class Known:
    """What rows may refer to: benchmark offence codes, certificate numbers."""

    benchmark_codes: frozenset[str] = frozenset()
    certificate_numbers: frozenset[str] = frozenset()


@dataclass
class _Header:
    row: int
    positions: dict[str, int] = field(default_factory=dict)   # key -> cell index
    names: dict[str, str] = field(default_factory=dict)       # key -> header as written


def benchmark_codes(text: str) -> list[str]:
    """The offence codes an item's 裁量基准 cell names ("FSL-124、PL-42")."""
    return [code for code in SEPARATORS.split(text.strip()) if code]


def _find_header(kind: str, records: Records) -> _Header:
    names = header_names(kind)
    for number, cells in records:
        keys = [names.get(c.strip().lower()) for c in cells]
        if sum(1 for k in keys if k) >= 2:
            return _read_header(kind, number, cells)
    zh, en = title(kind)
    wanted = "、".join(c.zh for c in columns(kind))
    raise ListImportError([Problem(1, f"找不到表头：{zh}的表头应含 {wanted}",
                                   f"no header row: the {en} need the columns "
                                   f"{', '.join(c.key for c in columns(kind))}")])


def _read_header(kind: str, number: int, cells: list[str]) -> _Header:
    names = header_names(kind)
    header = _Header(number)
    problems: list[Problem] = []
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text or text.lower() in IGNORED:
            continue
        key = names.get(text.lower())
        if key is None:
            unknown.append(text)
        elif key in header.positions:
            problems.append(Problem(number, "列重复", "the column appears twice", text))
        else:
            header.positions[key], header.names[key] = index, text
    if unknown:
        problems.append(Problem(number, f"无法识别的列 {'、'.join(unknown)}",
                                f"unknown column(s) {', '.join(unknown)}"))
    missing = [c for c in columns(kind) if c.required and c.key not in header.positions]
    if missing:
        problems.append(Problem(number, f"缺少列 {'、'.join(c.zh for c in missing)}",
                                f"missing column(s) {', '.join(c.key for c in missing)}"))
    if problems:
        raise ListImportError(problems)
    return header


def _cell_problems(kind: str, values: dict[str, str], known: Known
                   ) -> list[tuple[str, str, str]]:
    """(column key, zh, en) for each bad cell of one row."""
    found = []
    for column in columns(kind):
        value = values.get(column.key, "")
        if not value:
            if column.required:
                found.append((column.key, "不能为空", "is empty"))
            continue
        if len(value) > CELL_LIMIT:
            found.append((column.key, f"超过 {CELL_LIMIT} 个字符",
                          f"is longer than {CELL_LIMIT} characters"))
        elif column.format == "code" and not CODE.match(value):
            found.append((column.key, f"编码“{value}”无效（字母、数字、- _ .，最长 40 个字符）",
                          f"the code '{value}' is not valid (letters, digits, - _ ., 40 at "
                          "most)"))
    if kind == "items" and values.get("benchmark"):
        unknown = [c for c in benchmark_codes(values["benchmark"])
                   if c not in known.benchmark_codes]
        if unknown:
            found.append(("benchmark", f"裁量基准中没有违法行为编码 {'、'.join(unknown)}"
                          "（lawdesk benchmark list 列出全部）",
                          f"no discretion benchmark has the offence code(s) "
                          f"{', '.join(unknown)} (lawdesk benchmark list shows them)"))
    if kind == "window_staff" and values.get("certificate"):
        if values["certificate"] not in known.certificate_numbers:
            found.append(("certificate", f"没有执法证号为“{values['certificate']}”的执法人员",
                          f"no officer holds the certificate number "
                          f"'{values['certificate']}'"))
    return found


def check_rows(kind: str, records: Records, known: Known = Known()) -> list[dict[str, str]]:
    """The file's rows as {column key: text}, every column present, in the file's order;
    or one ListImportError naming every bad row and column."""
    header = _find_header(kind, records)
    keys = [c.key for c in columns(kind)]
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in records:
        if number <= header.row or not any(c.strip() for c in cells):
            continue
        rows.append((number, {key: (cells[header.positions[key]].strip()
                                    if key in header.positions
                                    and header.positions[key] < len(cells) else "")
                              for key in keys}))
    if not rows:
        raise ListImportError([Problem(header.row, "表头下没有任何一行",
                                       "there are no rows under the header")])
    if len(rows) > ROW_LIMIT:
        raise ListImportError([Problem(rows[ROW_LIMIT][0], f"超过 {ROW_LIMIT} 行",
                                       f"more than {ROW_LIMIT} rows")])
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    by_key = {c.key: c for c in columns(kind)}
    for number, values in rows:
        for key, zh, en in _cell_problems(kind, values, known):
            problems.append(Problem(number, zh, en, header.names.get(key, by_key[key].zh)))
        identity = row_key(kind, values)
        if identity.strip(" /") and identity in seen:
            problems.append(Problem(number, f"与第 {seen[identity]} 行重复（{identity}）",
                                    f"repeats row {seen[identity]} ({identity})"))
        seen.setdefault(identity, number)
    if problems:
        raise ListImportError(problems)
    return [values for _number, values in rows]
