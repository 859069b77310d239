"""One entry of a shipped list (kinds of penalty, review materials) picked by its code or
its Chinese name, as people type either; a miss lists what there is."""
from __future__ import annotations

from typing import Callable, Protocol, Sequence, TypeVar

from core.errors import InvalidInput


class Coded(Protocol):
    @property
    def code(self) -> str: ...


T = TypeVar("T", bound=Coded)


def pick(entries: Sequence[T], key: str, name_zh: Callable[[T], str], what_zh: str,
         what_en: str) -> T:
    key = key.strip()
    for entry in entries:
        if key in (entry.code, name_zh(entry)):
            return entry
    choices = "、".join(f"{e.code}（{name_zh(e)}）" for e in entries)
    raise InvalidInput(f"未知{what_zh}“{key}”，可选：{choices}",
                       f"unknown {what_en} '{key}'; choose from "
                       + ", ".join(e.code for e in entries))
