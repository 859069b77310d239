"""Which public lists there are and their columns, as resources/lists/columns.toml says.

A column has an English key (what rows are stored by, and what a file may use as its
header), a Chinese name (the header an export writes) and an English name (the window's
header in English). The file is read once per process: it is shipped data, not a setting.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from core.errors import InvalidInput
from resources import resource_path

KINDS = ("items", "subjects", "personnel", "window_staff", "inspection_items",
         "service_guides")
# Generated from officers and certificates (public_lists.personnel): exported, never typed.
GENERATED = frozenset({"personnel"})
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    identity: bool = False      # part of what matches a row across versions
    required: bool = False
    format: str | None = None   # "code": a short code
    aliases: tuple[str, ...] = ()

    def name(self, language: str = "zh_CN") -> str:
        return self.en if language.startswith("en") else self.zh


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, str], tuple[Column, ...]]]:
    data = tomllib.loads(resource_path("lists", "columns.toml").read_text("utf-8"))
    table = {}
    for kind in KINDS:
        entry = data[kind]
        columns = tuple(Column(c["key"], c["zh"], c["en"], c.get("identity", False),
                               c.get("required", False), c.get("format"),
                               tuple(c.get("aliases", ()))) for c in entry["columns"])
        table[kind] = ((entry["zh"], entry["en"]), columns)
    return table


class UnknownListKind(InvalidInput):
    def __init__(self, kind: str) -> None:
        super().__init__(f"没有“{kind}”这种清单；可选：{'、'.join(KINDS)}",
                         f"there is no list '{kind}'; choose from {', '.join(KINDS)}")


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UnknownListKind(kind)
    return kind


def columns(kind: str) -> tuple[Column, ...]:
    """The list's columns in published order."""
    return _table()[check_kind(kind)][1]


def title(kind: str) -> tuple[str, str]:
    """The list's name: (Chinese, English)."""
    return _table()[check_kind(kind)][0]


def title_in(kind: str, language: str = "zh_CN") -> str:
    zh, en = title(kind)
    return en if language.startswith("en") else zh


def identity_keys(kind: str) -> tuple[str, ...]:
    return tuple(c.key for c in columns(kind) if c.identity)


def row_key(kind: str, row: dict[str, str]) -> str:
    """What identifies ``row`` across versions: its identity columns' values, joined."""
    return " / ".join(row.get(key, "") for key in identity_keys(kind))


def header_names(kind: str) -> dict[str, str]:
    """Every header a file may use for a column (lower-cased) -> the column's key."""
    names: dict[str, str] = {}
    for column in columns(kind):
        for alias in (column.key, column.zh, column.en, *column.aliases):
            names.setdefault(alias.strip().lower(), column.key)
    return names
