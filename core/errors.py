"""Typed errors a user can meet.

Each error class carries a Chinese and an English message template; the text is rendered
in the user's language when shown. The domain never imports Qt, so these templates are the
domain's own small translation table (the UI's strings live in Qt .ts files).
"""
from __future__ import annotations

from typing import Any, ClassVar

DEFAULT_LANGUAGE = "zh_CN"


class DomainError(Exception):
    """Base of every refusal a service can raise. Subclasses set ``zh`` and ``en``."""

    zh: ClassVar[str] = "操作失败：{detail}"
    en: ClassVar[str] = "The operation failed: {detail}"
    code: ClassVar[str] = "error"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message(DEFAULT_LANGUAGE))

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        template = self.en if language.startswith("en") else self.zh
        return template.format(**self.params)


class InvalidInput(DomainError):
    """A value given by the user is wrong; ``detail`` names the field and the problem."""

    code = "invalid_input"
    zh = "输入有误：{detail_zh}"
    en = "Invalid input: {detail_en}"

    def __init__(self, detail_zh: str, detail_en: str) -> None:
        super().__init__(detail_zh=detail_zh, detail_en=detail_en)


class NotFound(DomainError):
    code = "not_found"
    zh = "未找到{what_zh}：{key}"
    en = "No {what_en} found: {key}"

    def __init__(self, what_zh: str, what_en: str, key: object) -> None:
        super().__init__(what_zh=what_zh, what_en=what_en, key=key)


class AlreadyExists(DomainError):
    code = "already_exists"
    zh = "{what_zh}已存在：{key}"
    en = "{what_en} already exists: {key}"

    def __init__(self, what_zh: str, what_en: str, key: object) -> None:
        super().__init__(what_zh=what_zh, what_en=what_en, key=key)
