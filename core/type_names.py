"""The code and two names of an editable list entry (device types, case types)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import InvalidInput

CODE = re.compile(r"^[a-z][a-z0-9_]{1,29}$")


@dataclass(frozen=True)
class TypeRow:
    """One entry of such a list, as callers see it."""

    code: str
    name_zh: str
    name_en: str
    active: bool

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def as_json(self) -> dict:
        return {"code": self.code, "name_zh": self.name_zh, "name_en": self.name_en,
                "active": self.active}


def clean_type_names(code: str, name_zh: str, name_en: str) -> tuple[str, str, str]:
    """The three, trimmed; a code or name that cannot be stored is refused."""
    code, name_zh, name_en = code.strip(), name_zh.strip(), name_en.strip()
    if not CODE.match(code):
        raise InvalidInput("类型代码须为 2 至 30 个小写字母、数字或下划线，以字母开头",
                           "a type code has 2 to 30 lower-case letters, digits or '_', "
                           "starting with a letter")
    if not name_zh or not name_en or len(name_zh) > 50 or len(name_en) > 50:
        raise InvalidInput("类型的中文名和英文名均不能为空，且不超过 50 个字符",
                           "a type needs a Chinese and an English name of at most 50 "
                           "characters")
    return code, name_zh, name_en
