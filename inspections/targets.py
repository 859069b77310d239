"""Reading a task's target pool (检查对象名录) from a CSV file, all or nothing.

Columns (header row required, any order, English or Chinese names): name (名称), uscc
(统一社会信用代码) are required; address (地址), category (类别) may be empty. Every row is
checked before anything is kept: a bad USCC (GB 32100-2015 check character), a code given
twice, an empty name or a value too long is named with its row (the header is row 1), and
one TargetFileError lists them all. Files saved by Excel come as UTF-8 (with or without a
byte-order mark) or, on Chinese Windows, as GBK; both are read.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from core.canonical import canonical_bytes
from core.control_text import has_controls, unpaired_surrogate
from core.csv_safe import CsvRowError, decode_table_text, read_csv, unneutralise
from inspections.errors import RowProblem, TargetFileError
from inspections.uscc import clean_uscc, uscc_problem

COLUMNS = {
    "name": "name", "名称": "name", "企业名称": "name", "市场主体名称": "name",
    "单位名称": "name", "检查对象": "name",
    "uscc": "uscc", "统一社会信用代码": "uscc", "信用代码": "uscc", "社会信用代码": "uscc",
    "address": "address", "地址": "address", "住所": "address", "经营场所": "address",
    "住所（经营场所）": "address",
    "category": "category", "类别": "category", "主体类别": "category", "行业": "category",
    "行业类别": "category",
}
REQUIRED = ("name", "uscc")
MAX_LENGTH = {"name": 200, "address": 300, "category": 100}
LABELS_ZH = {"name": "名称", "address": "地址", "category": "类别"}
# A county's whole register of market subjects is a few megabytes.
FILE_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class Target:
    uscc: str
    name: str
    address: str
    category: str

    def as_json(self) -> dict[str, str]:
        return {"uscc": self.uscc, "name": self.name, "address": self.address,
                "category": self.category}


def pool_sha256(targets: list[Target]) -> str:
    """The pool's fingerprint: SHA-256 of the canonical JSON of its targets by USCC."""
    ordered = sorted(targets, key=lambda t: t.uscc)
    return hashlib.sha256(canonical_bytes([t.as_json() for t in ordered])).hexdigest()


def decode(data: bytes) -> str:
    text = decode_table_text(data)
    if text is None:
        raise TargetFileError([RowProblem(1, "文件编码无法识别（应为 UTF-8 或 GBK）",
                                          "the file is neither UTF-8 nor GBK")])
    return text


def read_file(path: str | os.PathLike) -> bytes:
    try:
        with open(Path(path), "rb") as handle:
            data = handle.read(FILE_LIMIT + 1)
    except OSError as error:
        raise TargetFileError([RowProblem(1, f"无法读取文件 {path}：{error.strerror}",
                                          f"cannot read {path}: {error.strerror}")]) from None
    if len(data) > FILE_LIMIT:
        raise TargetFileError([RowProblem(1, f"文件超过 {FILE_LIMIT // 2**20} MiB",
                                          f"the file is larger than {FILE_LIMIT // 2**20} MiB")])
    return data


def _header(cells: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    unknown = []
    for index, raw in enumerate(cells):
        name = raw.strip().lstrip("\ufeff")
        if not name:
            continue
        column = COLUMNS.get(name.lower())
        if column is None:
            unknown.append(name)
        elif column in positions:
            raise TargetFileError([RowProblem(1, f"列“{name}”重复",
                                              f"the column '{name}' appears twice")])
        else:
            positions[column] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing or unknown:
        zh = ([f"缺少列 {', '.join(missing)}"] if missing else []) + (
            [f"无法识别的列 {', '.join(unknown)}"] if unknown else [])
        en = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + (
            [f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
        raise TargetFileError([RowProblem(1, "；".join(zh) + "（应有 name,uscc,address,category）",
                                          "; ".join(en) + " (expected name,uscc,address,"
                                          "category)")])
    return positions


def _row(number: int, cells: list[str], columns: dict[str, int],
         seen: dict[str, int]) -> tuple[Target | None, list[RowProblem]]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return unneutralise(cells[index].strip()) if index is not None and index < len(cells) \
            else ""

    problems = []
    uscc = clean_uscc(cell("uscc"))
    if not uscc:
        problems.append(RowProblem(number, "未填统一社会信用代码", "the USCC is empty"))
    elif (wrong := uscc_problem(uscc)) is not None:
        problems.append(RowProblem(number, *wrong))
    elif uscc in seen:
        problems.append(RowProblem(number, f"统一社会信用代码 {uscc} 与第 {seen[uscc]} 行重复",
                                   f"the USCC {uscc} repeats row {seen[uscc]}"))
    else:
        seen[uscc] = number
    if not cell("name"):
        problems.append(RowProblem(number, "未填名称", "the name is empty"))
    for key in ("name", "address", "category"):
        if has_controls(cell(key)) or unpaired_surrogate(cell(key)) is not None:
            problems.append(RowProblem(number, f"{LABELS_ZH[key]}含有控制字符或无效字符",
                                       f"the {key} holds control characters or non-text"))
    for key, limit in MAX_LENGTH.items():
        if len(cell(key)) > limit:
            problems.append(RowProblem(number, f"{LABELS_ZH[key]}超过 {limit} 个字符",
                                       f"the {key} is longer than {limit} characters"))
    if problems:
        return None, problems
    return Target(uscc, cell("name"), cell("address"), cell("category")), []


def parse_targets(data: bytes | str) -> list[Target]:
    """The targets of a CSV file's bytes (or text), sorted by USCC; TargetFileError naming
    every bad row otherwise."""
    text = decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    try:
        records = list(read_csv(text))
    except CsvRowError as error:
        raise TargetFileError([RowProblem(error.row, error.zh, error.en)]) from None
    records = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise TargetFileError([RowProblem(1, "文件是空的", "the file is empty")])
    (_, header), rows = records[0], records[1:]
    columns = _header(header)
    if not rows:
        raise TargetFileError([RowProblem(2, "文件中没有检查对象", "the file lists no targets")])
    targets, problems, seen = [], [], {}
    for number, cells in rows:
        target, wrong = _row(number, cells, columns, seen)
        problems.extend(wrong)
        if target is not None:
            targets.append(target)
    if problems:
        raise TargetFileError(problems)
    return sorted(targets, key=lambda t: t.uscc)
