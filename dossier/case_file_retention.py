"""How long a case file is kept (保管期限): data, per case type and procedure, in
resources/dossier/case_file.toml, which names the rule it follows. A case may say otherwise
with its kept value ``retention_period`` (a major case kept for good)."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from typing import Mapping

from core.errors import InvalidInput
from resources import resource_path

KEPT_KEY = "retention_period"   # the case's kept value that overrides the rules


@dataclass(frozen=True)
class RetentionRule:
    type: str
    procedure: str | None
    period: str

    def matches(self, type_code: str, procedure: str) -> bool:
        return self.type == type_code and self.procedure in (None, procedure)


@dataclass(frozen=True)
class RetentionRules:
    periods: tuple[str, ...]
    default: str
    rules: tuple[RetentionRule, ...]

    def period(self, type_code: str, procedure: str,
               kept: Mapping[str, str] | None = None) -> str:
        """The period of a case of ``type_code`` under ``procedure``; the case's own kept
        value first, refused when it is not one of the periods."""
        chosen = str((kept or {}).get(KEPT_KEY, "")).strip()
        if chosen:
            if chosen not in self.periods:
                choices = "、".join(self.periods)
                raise InvalidInput(
                    f"案件保存的保管期限“{chosen}”不是可选值：{choices}",
                    f"the case's kept retention period '{chosen}' is not one of: {choices}")
            return chosen
        for rule in self.rules:
            if rule.matches(type_code, procedure):
                return rule.period
        return self.default


@functools.cache
def retention_rules() -> RetentionRules:
    path = resource_path("dossier", "case_file.toml")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    periods = tuple(str(p) for p in data["periods"])
    rules = tuple(RetentionRule(str(r["type"]), r.get("procedure"), str(r["period"]))
                  for r in data.get("rule", ()))
    default = str(data["default"])
    # A period outside the list would print on covers unchecked: the shipped file is wrong.
    wrong = [p for p in (default, *(r.period for r in rules)) if p not in periods]
    if wrong:
        raise ValueError(f"{path}: periods {wrong} are not in {list(periods)}")
    return RetentionRules(periods, default, rules)
