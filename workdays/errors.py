"""Refusals of the working-day calendar, each with a Chinese and an English message."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from core.errors import DomainError


@dataclass(frozen=True)
class FileProblem:
    zh: str
    en: str


class CalendarFileError(DomainError):
    """Every problem of a year file at once; nothing of it was stored."""

    code = "calendar_file"
    zh = "工作日历文件有误，未导入任何内容：{lines_zh}"
    en = "The working-day calendar file is wrong; nothing was imported: {lines_en}"

    def __init__(self, problems: Sequence[FileProblem]) -> None:
        self.problems = tuple(problems)
        # One line, so the command line can print it as its one-line reason.
        super().__init__(lines_zh="；".join(p.zh for p in self.problems),
                         lines_en="; ".join(p.en for p in self.problems))
