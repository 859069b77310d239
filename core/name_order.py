"""The order a clerk expects a list of Chinese names in: by pinyin (张三 after 李四), which
the database cannot compute (SQLite and PostgreSQL compare code points: 李 U+674E sorts
after 张 U+5F20). So each name's pinyin sort key is computed here on write and stored
beside it (officer.name_sort_key; migration 0019 filled it for the names already there). In core:
the organisation, the audit log's filters and the migration all use the one key.
"""
from __future__ import annotations

import re

SORT_KEY_LENGTH = 200
_TONED = re.compile(r"[a-zü]+[1-5]")   # a syllable pypinyin wrote with its tone number


def name_sort_key(name: str) -> str:
    """Toneless pinyin first (li < liu < zhang), then tone numbers, then the name itself, so
    names that read alike still have a fixed order: 李四 → "li si\tli3 si4\t李四". The tab
    sorts before the space, so 张三 comes before 张三丰. Letters and digits in a name (a
    Latin name) stay as they are, lower-cased."""
    # Imported on the first name, not with the module: pypinyin parses its phrase
    # dictionary on import (0.2-0.4 s), which every start of the window and of the CLI
    # paid before a name was ever written.
    from pypinyin import Style, lazy_pinyin
    # One pinyin pass (most of the cost); the toneless form drops each syllable's tone digit.
    syllables = lazy_pinyin(name, style=Style.TONE3, errors="default",
                            neutral_tone_with_five=True)
    plain = " ".join(s[:-1] if _TONED.fullmatch(s) else s for s in syllables).lower()
    toned = " ".join(syllables).lower()
    return f"{plain}\t{toned}\t{name}"[:SORT_KEY_LENGTH]


_NUMERAL_RUN = re.compile("[零〇一二两三四五六七八九十百]+")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}


def _numeral_value(run: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇二六 → 2026."""
    if all(c in _DIGITS for c in run):
        return int("".join(str(_DIGITS[c]) for c in run))
    total = current = 0
    for c in run:
        if c in _DIGITS:
            current = _DIGITS[c]
        else:
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
    return total + current


def unit_sort_key(name: str) -> str:
    """Pinyin order (name_sort_key), with the numbers in units' names in number order:
    执法一科, 执法二科, …, 执法十一科 (by pinyin alone 二 er would come before 一 yi)."""
    numbered = _NUMERAL_RUN.sub(lambda m: f"{_numeral_value(m.group()):06d}", name)
    return name_sort_key(numbered)
