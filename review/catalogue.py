"""The major-decision catalogue (重大执法决定目录清单, measure 23) as versioned rules.

Shipped in resources/review/catalogue.toml (its comments name each rule's source), copied
into the database when a data folder is set up (review.defaults), then edited by admins:
each change is a new version of the rule taking effect on a day, and the old versions stay.
On a day, a rule is its version with the latest ``effective_from`` on or before that day
(the higher version when two start the same day); a retired rule is a version that is not
active. Once the workstation is enrolled, HQ owns the table (sync.protocol).
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.procedures import procedures
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import CaseType, ReviewRule
from resources import resource_path
from review.penalty_kinds import clean_kinds, kind_names

CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
LIST_KEYS = ("case_types", "procedures", "penalty_kinds")
AMOUNT_KEYS = ("fine_person_at_least", "fine_organisation_at_least")
FLAG_KEYS = ("hearing_held", "mitigated", "major_social_impact")
TEXT_KEYS = ("code", "name_zh", "name_en", "source")
RULE_KEYS = frozenset(TEXT_KEYS + LIST_KEYS + AMOUNT_KEYS + FLAG_KEYS + ("effective_from",))


@dataclass(frozen=True)
class Rule:
    """One version of a catalogue rule."""

    code: str
    version: int
    effective_from: date
    active: bool
    name_zh: str
    name_en: str
    source: str
    case_types: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    penalty_kinds: tuple[str, ...] = ()
    fine_person_at_least: Decimal | None = None
    fine_organisation_at_least: Decimal | None = None
    hearing_held: bool = False
    mitigated: bool = False
    major_social_impact: bool = False
    created_by: str = ""
    created_at: datetime | None = None

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def conditions(self, language: str = "zh_CN") -> list[str]:
        """The rule's conditions in words, as the catalogue's list shows them."""
        en = language.startswith("en")
        parts = []
        if self.case_types:
            parts.append(("case type: " if en else "案件类型：") + ", ".join(self.case_types))
        if self.procedures:
            parts.append(("procedure: " if en else "办案程序：") + ", ".join(self.procedures))
        if self.penalty_kinds:
            parts.append(("penalty: " if en else "处罚种类：")
                         + kind_names(self.penalty_kinds, language))
        if self.fine_person_at_least is not None:
            parts.append(f"a fine of ¥{self.fine_person_at_least} or more on a person" if en
                         else f"对自然人罚款 {self.fine_person_at_least} 元以上")
        if self.fine_organisation_at_least is not None:
            parts.append(f"a fine of ¥{self.fine_organisation_at_least} or more on an "
                         "organisation" if en
                         else f"对法人或者其他组织罚款 {self.fine_organisation_at_least} 元以上")
        for key, zh, en_text in (("hearing_held", "经过听证", "a hearing was held"),
                                 ("mitigated", "减轻处罚", "a mitigated penalty"),
                                 ("major_social_impact", "重大社会影响",
                                  "major social impact")):
            if getattr(self, key):
                parts.append(en_text if en else zh)
        return parts

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"code": self.code, "version": self.version,
                "effective_from": self.effective_from.isoformat(), "active": self.active,
                "name": self.name(language), "name_zh": self.name_zh, "name_en": self.name_en,
                "source": self.source, "case_types": list(self.case_types),
                "procedures": list(self.procedures), "penalty_kinds": list(self.penalty_kinds),
                "fine_person_at_least": _text(self.fine_person_at_least),
                "fine_organisation_at_least": _text(self.fine_organisation_at_least),
                "hearing_held": self.hearing_held, "mitigated": self.mitigated,
                "major_social_impact": self.major_social_impact,
                "conditions": self.conditions(language), "created_by": self.created_by}


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _bad(zh: str, en: str) -> InvalidInput:
    return InvalidInput(f"目录规则有误：{zh}", f"catalogue rule: {en}")


def _amount(value: Any, key: str) -> Decimal | None:  # noqa: ANN401
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _bad(f"“{key}”须写成文字或整数，如 \"10000\"",
                   f"'{key}' must be text or a whole number, e.g. \"10000\"")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise _bad(f"“{key}”不是数：{value}", f"'{key}' is not a number: {value}") from None
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        raise _bad(f"“{key}”须为不超过两位小数的非负数", f"'{key}' must be non-negative with "
                   "at most two decimals")
    return amount


def _codes(value: Any, key: str) -> tuple[str, ...]:  # noqa: ANN401
    if value in (None, ""):
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(f"“{key}”须为代码的列表", f"'{key}' must be a list of codes")
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


def parse_rule(data: Mapping[str, Any], *, version: int = 1,
               effective_from: date | None = None) -> Rule:
    """A rule from its TOML or JSON form (the keys of resources/review/catalogue.toml).

    Case types are checked against the database by ``set_rule``; the rest here."""
    if not isinstance(data, Mapping):
        raise _bad("须为 JSON 对象", "it must be an object")
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        raise _bad(f"有未知项：{', '.join(unknown)}", f"unknown keys: {', '.join(unknown)}")
    texts = {}
    for key in TEXT_KEYS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _bad(f"缺少“{key}”", f"'{key}' is required")
        texts[key] = value.strip()
    if not CODE.match(texts["code"]):
        raise _bad("规则代码须为 2 至 40 个小写字母、数字或下划线，以字母开头",
                   "a rule code has 2 to 40 lower-case letters, digits or '_', starting with "
                   "a letter")
    lists = {key: _codes(data.get(key), key) for key in LIST_KEYS}
    unknown_procedures = set(lists["procedures"]) - set(procedures())
    if unknown_procedures:
        raise _bad(f"未知办案程序：{', '.join(sorted(unknown_procedures))}",
                   f"unknown procedure: {', '.join(sorted(unknown_procedures))}")
    lists["penalty_kinds"] = clean_kinds(lists["penalty_kinds"])
    flags = {}
    for key in FLAG_KEYS:
        if not isinstance(data.get(key, False), bool):
            raise _bad(f"“{key}”须为 true 或 false", f"'{key}' must be true or false")
        flags[key] = data.get(key, False)
    amounts = {key: _amount(data.get(key), key) for key in AMOUNT_KEYS}
    if not (lists["penalty_kinds"] or any(flags.values())
            or any(a is not None for a in amounts.values())):
        # Case type and procedure alone would put every such decision under review: that
        # is what the setting review.all_ordinary is for (measure 24), not a rule.
        raise _bad("规则至少须有一项处罚种类、罚款数额或情形条件",
                   "a rule needs at least one penalty kind, fine or circumstance")
    start = effective_from or _date(data.get("effective_from"))
    return Rule(texts["code"], version, start, True, texts["name_zh"], texts["name_en"],
                texts["source"], lists["case_types"], lists["procedures"],
                lists["penalty_kinds"], amounts["fine_person_at_least"],
                amounts["fine_organisation_at_least"], **flags)


def _date(value: Any) -> date:  # noqa: ANN401
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _bad(f"生效日期“{value}”不是 YYYY-MM-DD 格式",
                   f"effective_from '{value}' is not a date (YYYY-MM-DD)") from None


def shipped_rules() -> list[Rule]:
    """The catalogue LawDesk ships (resources/review/catalogue.toml)."""
    with resource_path("review", "catalogue.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return [parse_rule(rule) for rule in data["rule"]]


def rule_row(rule: Rule, actor: str, now: datetime) -> ReviewRule:
    return ReviewRule(
        code=rule.code, version=rule.version, effective_from=rule.effective_from,
        active=rule.active, name_zh=rule.name_zh, name_en=rule.name_en, source=rule.source,
        case_types=json.dumps(list(rule.case_types)),
        procedures=json.dumps(list(rule.procedures)),
        penalty_kinds=json.dumps(list(rule.penalty_kinds)),
        fine_person_at_least=_text(rule.fine_person_at_least),
        fine_organisation_at_least=_text(rule.fine_organisation_at_least),
        hearing_held=rule.hearing_held, mitigated=rule.mitigated,
        major_social_impact=rule.major_social_impact, created_at=now, created_by=actor)


def _rule(row: ReviewRule) -> Rule:
    def amount(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)
    return Rule(row.code, row.version, row.effective_from, row.active, row.name_zh,
                row.name_en, row.source, tuple(json.loads(row.case_types)),
                tuple(json.loads(row.procedures)), tuple(json.loads(row.penalty_kinds)),
                amount(row.fine_person_at_least), amount(row.fine_organisation_at_least),
                row.hearing_held, row.mitigated, row.major_social_impact, row.created_by,
                row.created_at)


def _all_versions(session: Session) -> list[Rule]:
    rows = session.execute(select(ReviewRule).order_by(ReviewRule.code, ReviewRule.version))
    return [_rule(row) for row in rows.scalars()]


def rules_in_force(session: Session, on: date) -> list[Rule]:
    """The catalogue on ``on``: each rule's version in force, retired ones left out."""
    current: dict[str, Rule] = {}
    for rule in _all_versions(session):
        if rule.effective_from > on:
            continue
        held = current.get(rule.code)
        if held is None or (rule.effective_from, rule.version) > (held.effective_from,
                                                                    held.version):
            current[rule.code] = rule
    return [rule for code, rule in sorted(current.items()) if rule.active]


def list_rules(ctx: Context, *, history: bool = False) -> list[Rule]:
    """The catalogue in force today; ``history``: every version ever made."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        return _all_versions(session) if history else rules_in_force(session,
                                                                      ctx.clock.today())


def _next_version(session: Session, code: str) -> int:
    return (session.execute(select(func.max(ReviewRule.version)).where(
        ReviewRule.code == code)).scalar() or 0) + 1


def _start(ctx: Context, effective_from: date | None) -> date:
    today = ctx.clock.today()
    start = effective_from or today
    if start < today:
        # What the catalogue said on a past day stays what it said.
        raise InvalidInput(f"新版本的生效日期 {start} 早于今天，目录的既往版本不能改写",
                           f"a new version cannot take effect in the past ({start})")
    return start


def set_rule(ctx: Context, data: Mapping[str, Any], *,
             effective_from: date | None = None) -> Rule:
    """Add a rule, or a new version of one, taking effect on ``effective_from`` (today by
    default, never earlier)."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    start = _start(ctx, effective_from or (_date(data["effective_from"])
                                           if data.get("effective_from") else None))
    rule = parse_rule(data, effective_from=start)
    with ctx.write("review_rule.set") as session:
        known = set(session.execute(select(CaseType.code)).scalars())
        unknown = set(rule.case_types) - known
        if unknown:
            raise _bad(f"未知案件类型：{', '.join(sorted(unknown))}",
                       f"unknown case type: {', '.join(sorted(unknown))}")
        row = rule_row(rule, ctx.actor.username, ctx.clock.now())
        row.version = _next_version(session, rule.code)
        session.add(row)
        session.flush()
        return _rule(row)


def retire_rule(ctx: Context, code: str, *, effective_from: date | None = None) -> Rule:
    """Take a rule out of the catalogue from ``effective_from`` on: a version that is not
    active, with the same conditions, so the history reads as one story."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    start = _start(ctx, effective_from)
    with ctx.write("review_rule.retire") as session:
        latest = session.execute(select(ReviewRule).where(ReviewRule.code == code.strip())
                                 .order_by(ReviewRule.version.desc())).scalars().first()
        if latest is None:
            raise NotFound("目录规则", "catalogue rule", code)
        rule = _rule(latest)
        row = rule_row(replace(rule, active=False, effective_from=start),
                       ctx.actor.username, ctx.clock.now())
        row.version = latest.version + 1
        session.add(row)
        session.flush()
        return _rule(row)
