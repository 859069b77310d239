"""Number patterns, as the settings cases.number_pattern and documents.number_patterns hold
them and as document templates declare them: ``{unit_short}罚决字〔{year}〕{n}号``.

Settings check a value before storing it, so the pattern's rules sit here, below casework,
which numbers cases and documents with them (casework.numbering) and reads the settings.
"""
from __future__ import annotations

import string
from typing import Any

from core.errors import DomainError, InvalidInput
from resources import resource_path

PLACEHOLDERS = ("unit_short", "year", "n")
DEFAULT_CASE_PATTERN = "{unit_short}案〔{year}〕{n}号"


class InvalidNumberPattern(DomainError):
    code = "invalid_number_pattern"
    zh = "编号格式“{pattern}”无效：{reason_zh}"
    en = "The number pattern '{pattern}' is invalid: {reason_en}"


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that could not number a series: each placeholder exactly as
    needed, {n} once (a number per unit and year needs all three)."""
    if not isinstance(pattern, str) or not pattern.strip() or len(pattern) > 60:
        raise InvalidNumberPattern(pattern=pattern, reason_zh="须为 1 至 60 个字符的文字",
                                   reason_en="it must be text of 1 to 60 characters")
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(pattern)
                  if name is not None]
    except ValueError as error:
        raise InvalidNumberPattern(pattern=pattern, reason_zh=f"花括号不成对（{error}）",
                                   reason_en=f"unbalanced braces ({error})") from None
    names = [name for name, _ in fields]
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        raise InvalidNumberPattern(
            pattern=pattern, reason_zh=f"未知占位符 {{{unknown[0]}}}，只能使用 "
            "{unit_short}、{year}、{n}",
            reason_en=f"unknown placeholder {{{unknown[0]}}}; use only {{unit_short}}, "
            "{year} and {n}")
    for needed in PLACEHOLDERS:
        if needed not in names:
            raise InvalidNumberPattern(
                pattern=pattern, reason_zh=f"缺少 {{{needed}}}（编号按科室、年度分别连续编排）",
                reason_en=f"{{{needed}}} is missing (numbers run per unit and year)")
    try:
        format_number(pattern, "某", 2026, 1)
    except (ValueError, TypeError) as error:
        raise InvalidNumberPattern(pattern=pattern, reason_zh=f"格式说明有误（{error}）",
                                   reason_en=f"a format specification is wrong ({error})"
                                   ) from None


def format_number(pattern: str, unit_short: str, year: int, n: int) -> str:
    return pattern.format(unit_short=unit_short, year=year, n=n)


def document_template_ids() -> set[str]:
    """The ids of the shipped document templates. A template's id is its file's name
    (casework.documents.templates refuses any other), so they are known without loading
    the templates, which would take config up into casework."""
    return {path.stem for path in resource_path("casework", "templates").glob("*.toml")}


def check_document_patterns(value: Any) -> None:
    """The setting documents.number_patterns: {template id: pattern}."""
    if not isinstance(value, dict):
        raise InvalidInput("取值须为 JSON 对象：{\"模板标识\": \"编号格式\"}",
                           "the value must be a JSON object: {\"template id\": \"pattern\"}")
    ids = document_template_ids()
    for kind, pattern in value.items():
        if kind not in ids:
            raise InvalidInput(f"没有文书模板“{kind}”；可用：{', '.join(sorted(ids))}",
                               f"no document template '{kind}'; known: {', '.join(sorted(ids))}")
        check_pattern(pattern)
