"""Cleaning the free-text and date fields of a device, shared by the form and the importer."""
from __future__ import annotations

from datetime import date

from core.errors import InvalidInput


def optional_text(value: str | None, max_length: int, zh: str, en: str) -> str | None:
    text = (value or "").strip()
    if len(text) > max_length:
        raise InvalidInput(f"{zh}最多 {max_length} 个字符", f"the {en} has at most {max_length} "
                           "characters")
    return text or None


def purchase_date_ok(value: date | None, today: date) -> date | None:
    if value is not None and value > today:
        raise InvalidInput(f"购置日期 {value} 晚于今天", f"the purchase date {value} is in the "
                           "future")
    return value
