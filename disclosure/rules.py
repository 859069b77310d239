"""The disclosure rules: shipped in resources/disclosure/rules.toml, seeded once into the
disclosure_rule table, then edited by admins (or sent down by HQ once enrolled).

A case's result is disclosed by the first rule, by priority, whose trigger, case type,
procedure and penalty kinds match; a matching rule with ``disclosed`` false leaves the
result out. See the TOML file for each key and the sources of the shipped values.
"""
from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from core.actor import SYSTEM
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.database import Database
from db.models import DisclosureRule, SyncLink
from disclosure.masking import FULL, PARTIAL, MaskPolicy
from resources import resource_path
from review.case_view import stored_facts
from review.penalty_kinds import penalty_kinds as all_penalty_kinds

RULES_FILE = ("disclosure", "rules.toml")
LIMIT_WORKDAYS, LIMIT_YEARS = 250, 30  # far above any real limit; stops a typo


@functools.cache
def shipped() -> Mapping[str, Any]:
    with resource_path(*RULES_FILE).open("rb") as handle:
        return tomllib.load(handle)


def labels() -> Mapping[str, str]:
    """Field key -> the label the portal and the reviewer see."""
    return shipped()["labels"]


def mask_policy(rule: "RuleInfo") -> MaskPolicy:
    masking = shipped()["masking"]
    return MaskPolicy(rule.id_number_mask, tuple(masking["health_words"]),
                      tuple(masking["account_words"]))


def person_fields() -> Mapping[str, str]:
    """Typed document field key -> what it holds about a natural person other than the party."""
    return shipped()["masking"].get("person_fields", {})


# ----------------------------------------------------------------------------- penalty kinds
def case_penalty_kinds(session: Session, case_id: str, penalty: str | None,
                       amount: str | Decimal | None) -> tuple[str, ...]:
    """The kinds of penalty (行政处罚法 art. 9, review.penalty_kinds) of a case: as recorded
    for its legal review; else those whose name its penalty text uses, and a fine when it
    has a fine amount above zero."""
    recorded, _mitigated, _major = stored_facts(session, case_id)
    if recorded:
        return tuple(recorded)
    text = penalty or ""
    found = {kind.code for kind in all_penalty_kinds() if kind.name_zh in text}
    try:
        if amount is not None and Decimal(str(amount)) > 0:
            found.add("fine")
    except InvalidOperation:
        pass
    return tuple(kind.code for kind in all_penalty_kinds() if kind.code in found)


# ----------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class RuleInfo:
    code: str
    priority: int
    name_zh: str
    name_en: str
    disclosed: bool
    trigger: str
    case_types: tuple[str, ...]
    procedures: tuple[str, ...]
    only_penalty_kinds: tuple[str, ...]
    fields: tuple[str, ...]
    deadline_workdays: int
    online_years: int
    person_online_years: int
    withdrawal_workdays: int
    review_required: bool
    id_number_mask: str
    basis: str

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def matches(self, trigger: str, case_type: str, procedure: str,
                kinds: tuple[str, ...]) -> bool:
        if trigger != self.trigger:
            return False
        if self.case_types and case_type not in self.case_types:
            return False
        if self.procedures and procedure not in self.procedures:
            return False
        return not self.only_penalty_kinds or (
            bool(kinds) and set(kinds) <= set(self.only_penalty_kinds))

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"code": self.code, "priority": self.priority, "name": self.name(language),
                "disclosed": self.disclosed, "trigger": self.trigger,
                "case_types": list(self.case_types), "procedures": list(self.procedures),
                "only_penalty_kinds": list(self.only_penalty_kinds),
                "fields": list(self.fields), "deadline_workdays": self.deadline_workdays,
                "online_years": self.online_years,
                "person_online_years": self.person_online_years,
                "withdrawal_workdays": self.withdrawal_workdays,
                "review_required": self.review_required,
                "id_number_mask": self.id_number_mask, "basis": self.basis}


def rule_info(row: DisclosureRule) -> RuleInfo:
    return RuleInfo(row.code, row.priority, row.name_zh, row.name_en, row.disclosed,
                    row.trigger, tuple(json.loads(row.case_types)),
                    tuple(json.loads(row.procedures)),
                    tuple(json.loads(row.only_penalty_kinds)), tuple(json.loads(row.fields)),
                    row.deadline_workdays, row.online_years, row.person_online_years,
                    row.withdrawal_workdays, row.review_required, row.id_number_mask,
                    row.basis)


def load_rules(session: Session) -> list[RuleInfo]:
    """Every rule, by priority."""
    rows = session.execute(select(DisclosureRule)
                           .order_by(DisclosureRule.priority, DisclosureRule.code)).scalars()
    return [rule_info(row) for row in rows]


def matching_rule(session: Session, trigger: str, case_type: str, procedure: str,
                  kinds: tuple[str, ...]) -> RuleInfo | None:
    """The first rule that matches, disclosed or not; None: no rule covers this result."""
    return next((rule for rule in load_rules(session)
                 if rule.matches(trigger, case_type, procedure, kinds)), None)


def list_rules(ctx: Context) -> list[RuleInfo]:
    """The rules, for anyone who works with disclosures."""
    require(ctx.actor, Permission.VIEW_DISCLOSURE)
    with ctx.read() as session:
        return load_rules(session)


# ----------------------------------------------------------------------------- editing
EDITABLE = {"disclosed": bool, "deadline_workdays": int, "online_years": int,
            "person_online_years": int, "withdrawal_workdays": int,
            "review_required": bool, "id_number_mask": str}


def _check_change(key: str, value: Any) -> None:  # noqa: ANN401
    if key not in EDITABLE:
        raise InvalidInput(f"公示规则没有可修改的项“{key}”，可改：{'、'.join(EDITABLE)}",
                           f"a disclosure rule has no editable '{key}'; editable: "
                           + ", ".join(EDITABLE))
    kind = EDITABLE[key]
    if kind is bool:
        if not isinstance(value, bool):
            raise InvalidInput(f"{key} 须为 true 或 false", f"{key} must be true or false")
        return
    if kind is str:
        if value not in (PARTIAL, FULL):
            raise InvalidInput(f"{key} 须为 partial 或 full", f"{key} must be partial or full")
        return
    high = LIMIT_YEARS if key.endswith("years") else LIMIT_WORKDAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise InvalidInput(f"{key} 须为 1 至 {high} 的整数",
                           f"{key} must be a whole number from 1 to {high}")


def set_rule(ctx: Context, code: str, **changes: Any) -> RuleInfo:
    """Change a rule's limits or switches (an admin's setting: e.g. 5 working days to
    withdraw where the province says so). HQ's once the workstation is enrolled."""
    require(ctx.actor, Permission.MANAGE_DISCLOSURE_RULES)
    if not changes:
        raise InvalidInput("没有给出要修改的项", "nothing to change was given")
    for key, value in changes.items():
        _check_change(key, value)
    with ctx.write("disclosure_rule.set") as session:
        row = session.get(DisclosureRule, code)
        if row is None:
            raise NotFound("公示规则", "disclosure rule", code)
        for key, value in changes.items():
            setattr(row, key, value)
        row.updated_at = ctx.clock.now()
        session.flush()
        return rule_info(row)


# ----------------------------------------------------------------------------- seeding
def default_rules(now: datetime) -> list[DisclosureRule]:
    data = shipped()
    defaults = data["defaults"]
    rows = []
    for spec in data["rule"]:
        merged = {**defaults, **spec}
        rows.append(DisclosureRule(
            code=merged["code"], priority=int(merged["priority"]), name_zh=merged["name_zh"],
            name_en=merged["name_en"], disclosed=bool(merged["disclosed"]),
            trigger=merged["trigger"], case_types=json.dumps(merged["case_types"]),
            procedures=json.dumps(merged["procedures"]),
            only_penalty_kinds=json.dumps(merged["only_penalty_kinds"]),
            fields=json.dumps(merged["fields"]),
            deadline_workdays=int(merged["deadline_workdays"]),
            online_years=int(merged["online_years"]),
            person_online_years=int(merged["person_online_years"]),
            withdrawal_workdays=int(merged["withdrawal_workdays"]),
            review_required=bool(merged["review_required"]),
            id_number_mask=merged["id_number_mask"], basis=merged["basis"], updated_at=now))
    return rows


def _has_rules(session: Session) -> bool:
    """Rules are there, or will come from HQ: an enrolled workstation may not write HQ's
    data (sync.ownership), and HQ seeds its own folder and sends its rules down."""
    if session.execute(select(SyncLink.id).limit(1)).first() is not None:
        return True
    return session.execute(select(DisclosureRule.code).limit(1)).first() is not None


def ensure_defaults(db: Database, *, now: datetime | None = None) -> bool:
    """Seed the shipped rules into an empty table, as the workstation itself (in the ledger
    like any change); True when it did. A cheap read first, so opening a folder that has
    them never takes the write lock."""
    with db.read() as session:
        if _has_rules(session):
            return False
    rows = default_rules(now or datetime.now(timezone.utc))
    with db.write(actor=SYSTEM, action="disclosure.defaults") as session:
        hold_ledger(session)  # PostgreSQL: two servers starting at once seed only once
        if _has_rules(session):
            return False
        session.add_all(rows)
    return True
