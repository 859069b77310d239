"""The order a clerk expects a list of Chinese names in: by pinyin (张三 after 李四), which
the database cannot compute (SQLite and PostgreSQL compare code points: 李 U+674E sorts
after 张 U+5F20). So each name's pinyin sort key is computed here on write and stored
beside it (officer.name_sort_key; migration 0019 filled it for the names already there). In core:
the organisation, the audit log's filters and the migration all use the one key.
"""
from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

SORT_KEY_LENGTH = 200
_TONED = re.compile(r"[a-zü]+[1-5]")   # a syllable pypinyin wrote with its tone number


def name_sort_key(name: str) -> str:
    """Toneless pinyin first (li < liu < zhang), then tone numbers, then the name itself, so
    names that read alike still have a fixed order: 李四 → "li si\tli3 si4\t李四". The tab
    sorts before the space, so 张三 comes before 张三丰. Letters and digits in a name (a
    Latin name) stay as they are, lower-cased."""
    # One pinyin pass (most of the cost); the toneless form drops each syllable's tone digit.
    syllables = lazy_pinyin(name, style=Style.TONE3, errors="default",
                            neutral_tone_with_five=True)
    plain = " ".join(s[:-1] if _TONED.fullmatch(s) else s for s in syllables).lower()
    toned = " ".join(syllables).lower()
    return f"{plain}\t{toned}\t{name}"[:SORT_KEY_LENGTH]
