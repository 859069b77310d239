"""Whether a case needs legal review, and why: the catalogue's rules in force today, the
setting of measure 24, and a penalty outside the discretion benchmark.

A rule matches when each condition it sets holds (see review.catalogue). The fine is
weighed against the threshold for each party's kind: a case with a person and an
organisation as parties matches when the fine reaches either party's threshold.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from casework.cases import load_case
from core.context import Context
from core.permissions import Permission, require
from db.models import Case
from review.case_view import CaseFacts, case_facts
from review.catalogue import Rule, rules_in_force
from review.penalty_kinds import kind_names
from review.settings import ALL_ORDINARY, review_setting

ORDINARY = "ordinary"
PARTY_KINDS = {"person": ("自然人", "a person"),
               "organisation": ("法人或者其他组织", "an organisation")}


@dataclass(frozen=True)
class Match:
    """A reason the case needs review: a catalogue rule (with its version), the setting of
    measure 24 (code ``all_ordinary``) or the benchmark (``outside_benchmark``)."""

    code: str
    version: int | None
    name_zh: str
    name_en: str
    source: str
    why: tuple[tuple[str, str], ...]   # (zh, en) per condition that held

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language.startswith("en") else self.name_zh

    def reasons(self, language: str = "zh_CN") -> list[str]:
        return [en if language.startswith("en") else zh for zh, en in self.why]

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"rule": self.code, "version": self.version, "name": self.name(language),
                "source": self.source, "why": self.reasons(language)}


def _fine_reason(rule: Rule, facts: CaseFacts) -> tuple[str, str] | None:
    if facts.penalty_amount is None:
        return None
    for kind, threshold in (("person", rule.fine_person_at_least),
                            ("organisation", rule.fine_organisation_at_least)):
        if threshold is not None and kind in facts.party_kinds \
                and facts.penalty_amount >= threshold:
            zh, en = PARTY_KINDS[kind]
            return (f"对{zh}罚款 {facts.penalty_amount} 元，达到 {threshold} 元",
                    f"a fine of ¥{facts.penalty_amount} on {en}, at or above ¥{threshold}")
    return None


def rule_reasons(rule: Rule, facts: CaseFacts) -> tuple[tuple[str, str], ...] | None:
    """Why ``rule`` matches the case, condition by condition; None when it does not."""
    why: list[tuple[str, str]] = []
    if rule.case_types:
        if facts.type_code not in rule.case_types:
            return None
        why.append((f"案件类型 {facts.type_names[0] or facts.type_code}",
                    f"case type {facts.type_names[1] or facts.type_code}"))
    if rule.procedures:
        if facts.procedure not in rule.procedures:
            return None
        why.append((f"办案程序 {facts.procedure_names[0] or facts.procedure}",
                    f"procedure {facts.procedure_names[1] or facts.procedure}"))
    if rule.penalty_kinds:
        hit = [k for k in facts.penalty_kinds if k in rule.penalty_kinds]
        if not hit:
            return None
        why.append((f"处罚种类：{kind_names(hit)}", f"penalty: {kind_names(hit, 'en')}"))
    if rule.fine_person_at_least is not None or rule.fine_organisation_at_least is not None:
        fine = _fine_reason(rule, facts)
        if fine is None:
            return None
        why.append(fine)
    for key, zh, en in (("hearing_held", "已经过听证程序", "a hearing was held"),
                        ("mitigated", "减轻处罚", "the penalty is mitigated"),
                        ("major_social_impact", "案件标记为涉及重大公共利益、可能造成重大社会影响",
                         "the case is flagged as of major social impact")):
        if getattr(rule, key):
            if not getattr(facts, key):
                return None
            why.append((zh, en))
    return tuple(why)


def _benchmark_reason(session: Session, case_id: str) -> tuple[str, str] | None:
    """The discretion benchmarks' word (review.benchmark_check), when that module is
    installed: why the chosen penalty lies outside the benchmark's range, zh and en."""
    if importlib.util.find_spec("review.benchmark_check") is None:
        return None
    from review.benchmark_check import penalty_outside_benchmark
    zh = penalty_outside_benchmark(session, case_id)
    return None if zh is None else (zh, penalty_outside_benchmark(session, case_id, "en"))


def case_matches(session: Session, case: Case, on: date) -> list[Match]:
    """Every reason ``case`` needs legal review on ``on``; empty when it needs none."""
    facts = case_facts(session, case)
    found = [Match(rule.code, rule.version, rule.name_zh, rule.name_en, rule.source, why)
             for rule in rules_in_force(session, on)
             if (why := rule_reasons(rule, facts)) is not None]
    if facts.procedure == ORDINARY and review_setting(session, ALL_ORDINARY):
        found.append(Match(
            "all_ordinary", None, "普通程序作出的执法决定", "a decision under the ordinary procedure",
            "本局设置 review.all_ordinary（简易程序以外的执法决定均须法制审核）",
            (("案件适用普通程序", "the case follows the ordinary procedure"),)))
    benchmark = _benchmark_reason(session, case.id)
    if benchmark:
        found.append(Match("outside_benchmark", None, "处罚超出裁量基准",
                           "a penalty outside the discretion benchmark",
                           "本局行政处罚裁量基准", (benchmark,)))
    return found


@dataclass(frozen=True)
class ReviewNeed:
    case_number: str
    matches: tuple[Match, ...]

    @property
    def needed(self) -> bool:
        return bool(self.matches)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"case": self.case_number, "needs_review": self.needed,
                "rules": [m.as_json(language) for m in self.matches]}


def needs_review(ctx: Context, case_key: str) -> ReviewNeed:
    """Which catalogue rules (and settings) make the case need legal review, and why."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        case = load_case(session, case_key)
        return ReviewNeed(case.number, tuple(case_matches(session, case, ctx.clock.today())))
