"""Refusals a user can meet with the public lists."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from core.errors import DomainError


@dataclass(frozen=True)
class Problem:
    """What is wrong with one row of a file (numbered as a spreadsheet shows it, the header
    being row 1), and in which column when it is one cell."""

    row: int
    zh: str
    en: str
    column: str | None = None       # the column's name as the file's header gives it

    def message(self, language: str = "zh_CN") -> str:
        if language.startswith("en"):
            where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
            return f"{where}: {self.en}"
        where = f"第 {self.row} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.zh}"

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.zh,
                "message_en": self.en}


class ListImportError(DomainError):
    """Every problem of a list file at once; nothing of it was imported."""

    code = "list_import"
    zh = "导入失败，未导入任何内容。{lines_zh}"
    en = "Import refused; nothing was imported. {lines_en}"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(lines_zh="；".join(p.message("zh_CN") for p in self.problems),
                         lines_en="; ".join(p.message("en") for p in self.problems))


class ListIsGenerated(DomainError):
    code = "list_is_generated"
    zh = ("人员资格清单由执法人员和执法证件记录生成，不能导入：请在“管理”中维护执法人员及证件，"
          "清单随之更新")
    en = ("The personnel list is generated from the officer and certificate records and "
          "cannot be imported: keep the officers and certificates up to date (Administration) "
          "and the list follows")


class NoListInForce(DomainError):
    code = "no_list_in_force"
    zh = ("{day} 没有已生效的{title_zh}：请管理员导入（lawdesk list import {kind} 文件，"
          "格式见 resources/examples/lists/{kind}.csv）")
    en = ("No version of the {title_en} is in force on {day}: an administrator must import "
          "one (lawdesk list import {kind} FILE; see resources/examples/lists/{kind}.csv for "
          "the format)")


class ListVersionNotFound(DomainError):
    code = "list_version_not_found"
    zh = "{title_zh}没有第 {number} 版（lawdesk list versions {kind} 列出全部版本）"
    en = "The {title_en} have no version {number} (lawdesk list versions {kind} lists them)"
