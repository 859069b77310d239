"""Recusals (回避) given with a new task: a CSV file (``draw new --recusals``) or the lines a
person types in the new-draw dialog, one recusal a line: certificate number, USCC, reason.
A header row (certificate,uscc,reason or 执法证号,统一社会信用代码,回避理由) is optional.
Every bad line is named; nothing is recorded unless all are good."""
from __future__ import annotations

import os

from core.csv_safe import CsvRowError, read_csv
from inspections.errors import RowProblem, TargetFileError
from inspections.targets import decode, read_file
from inspections.uscc import clean_uscc, uscc_problem
from organisation.lookup import clean_certificate_number

HEADERS = ({"certificate", "uscc", "reason"}, {"执法证号", "统一社会信用代码", "回避理由"})

Recusal = tuple[str, str, str]    # certificate number, USCC, reason


class RecusalFileError(TargetFileError):
    code = "bad_recusal_file"
    zh = "回避名单有误，未登记任何回避。{lines_zh}"
    en = "The recusals have errors; none was recorded. {lines_en}"


def parse_recusals(text: str) -> tuple[Recusal, ...]:
    try:
        records = [(n, [c.strip() for c in cells]) for n, cells in read_csv(text)
                   if any(c.strip() for c in cells)]
    except CsvRowError as error:
        raise RecusalFileError([RowProblem(error.row, error.zh, error.en)]) from None
    if records and {c.lower() for c in records[0][1]} in HEADERS:
        records = records[1:]
    found, problems = [], []
    for number, cells in records:
        cells = (cells + ["", "", ""])[:3] if len(cells) < 3 else \
            [cells[0], cells[1], ",".join(cells[2:])]   # a reason may hold commas
        cert, code, reason = clean_certificate_number(cells[0]), clean_uscc(cells[1]), cells[2]
        if not cert or not code or not reason:
            problems.append(RowProblem(number, "每行须有执法证号、统一社会信用代码和回避理由",
                                       "each line needs a certificate number, a USCC and a "
                                       "reason"))
        elif (wrong := uscc_problem(code)) is not None:
            problems.append(RowProblem(number, *wrong))
        else:
            found.append((cert, code, reason))
    if problems:
        raise RecusalFileError(problems)
    return tuple(found)


def read_recusals(path: str | os.PathLike) -> tuple[Recusal, ...]:
    return parse_recusals(decode(read_file(path)))
