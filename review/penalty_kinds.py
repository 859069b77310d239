"""The kinds of administrative penalty (行政处罚法 art. 9), read from
resources/review/penalty_kinds.toml."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from typing import Iterable

from resources import resource_path
from review.choices import pick


@dataclass(frozen=True)
class PenaltyKind:
    code: str
    name_zh: str
    name_en: str

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh


@functools.cache
def penalty_kinds() -> tuple[PenaltyKind, ...]:
    with resource_path("review", "penalty_kinds.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(PenaltyKind(k["code"], k["name_zh"], k["name_en"]) for k in data["kind"])


def penalty_kind(key: str) -> PenaltyKind:
    """A kind by code or Chinese name; InvalidInput lists the choices."""
    return pick(penalty_kinds(), key, lambda k: k.name_zh, "处罚种类", "kind of penalty")


def clean_kinds(keys: Iterable[str]) -> tuple[str, ...]:
    """Codes of the given kinds, each once, in the law's order."""
    chosen = {penalty_kind(key).code for key in keys if key.strip()}
    return tuple(k.code for k in penalty_kinds() if k.code in chosen)


def kind_names(codes: Iterable[str], language: str = "zh_CN") -> str:
    names = {k.code: k.name(language) for k in penalty_kinds()}
    return ("、" if not language.startswith("en") else ", ").join(
        names.get(code, code) for code in codes)
