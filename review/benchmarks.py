"""Discretion benchmarks (行政处罚裁量基准): the published list as data, the suggested tier and
range for a case's offence and circumstances, and the case's choice.

A benchmark set lists offences (违法行为), each with its legal basis (违法依据, 处罚依据), its
penalty kinds, its statutory range and its tiers: 不予处罚, 减轻, 从轻, 一般, 从重. A tier names
the circumstances (情形) that put a case in it and its range, either in the offence's measure
(yuan, or multiples of a base such as 货值金额) or as a percentage of the statutory maximum,
for fines the law caps without a minimum (……以下罚款). Ranges include both ends, as
"以上/以下" do in Chinese statutes.

Each import is a whole new numbered version and the old ones stay; the version in force on a
day is the highest number whose ``effective_from`` has come. Versions are HQ's reference
data (sync.protocol.REFERENCE_TABLES). Their row ids are derived from their content, so a
workstation and HQ seeding the same shipped file hold the same rows.

The tier a case gets (LawDesk's rule for a suggestion; the case handler may still decide
otherwise, with a written reason):
- any circumstance of the 不予处罚 tier: 不予处罚;
- else circumstances on both sides (减轻/从轻 and 从重): 一般, and the basis says they offset;
- else 减轻, then 从轻, then 从重, by the circumstances present;
- no circumstance: 一般.
A penalty outside the suggested range needs a written reason and sends the case to legal
review (review.benchmark_check).

Like the rest of ``review``, this module reads cases through review.case_view and never
imports casework, which depends on review.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from core.canonical import canonical_json
from core.clock import iso_utc
from core.context import Context
from core.errors import DomainError, InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import (BenchmarkCircumstance, BenchmarkOffence, BenchmarkTier,
                       BenchmarkVersion, Case, CaseBenchmarkChoice)
from review.case_view import find_case

TIERS = ("no_penalty", "mitigated", "lighter", "general", "heavier")
TIER_NAMES = {"no_penalty": ("不予处罚", "no penalty"), "mitigated": ("减轻", "mitigated"),
              "lighter": ("从轻", "lighter"), "general": ("一般", "general"),
              "heavier": ("从重", "heavier")}
MEASURES = ("yuan", "multiple")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
CENT = Decimal("0.01")


def tier_name(tier: str, language: str = "zh_CN") -> str:
    zh, en = TIER_NAMES[tier]
    return en if language.startswith("en") else zh


# ----------------------------------------------------------------------------- errors
class BenchmarkNotInForce(DomainError):
    code = "benchmark_not_in_force"
    zh = "{day} 没有已生效的裁量基准：请管理员导入本局公布的裁量基准"
    en = "No discretion benchmark is in force on {day}: an administrator must import one"


class OffenceNotInBenchmark(DomainError):
    code = "offence_not_in_benchmark"
    zh = "裁量基准第 {version} 版中没有违法行为“{offence}”（lawdesk benchmark list 列出全部）"
    en = ("Version {version} of the discretion benchmarks has no offence '{offence}' "
          "(lawdesk benchmark list shows them all)")


class CircumstanceNotApplicable(DomainError):
    code = "circumstance_not_applicable"
    zh = "违法行为“{offence}”的裁量基准没有情形 {codes}；可选情形：{choices}"
    en = "The benchmark of offence '{offence}' has no circumstance {codes}; it has: {choices}"


class BaseAmountNeeded(DomainError):
    code = "base_amount_needed"
    zh = ("违法行为“{offence}”按{base}的倍数处罚：请给出{base}（元），"
          "才能比较罚款是否在建议幅度内")
    en = ("Offence '{offence}' is fined in multiples of the {base}: give the {base} in yuan "
          "so the fine can be compared with the suggested range")


class CaseClosedForBenchmark(DomainError):
    code = "case_closed_for_benchmark"
    zh = "案件 {case} 已结案，不能再选择裁量基准"
    en = "Case {case} is closed; its discretion benchmark can no longer be chosen"


class PenaltyOutsideBenchmark(DomainError):
    code = "penalty_outside_benchmark"
    zh = ("罚款 {amount} 不在裁量基准建议幅度内（{range_zh}）：须写明理由（--reason），"
          "案件将提交法制审核")
    en = ("The fine of {amount} is outside the benchmark's suggested range ({range_en}): "
          "a written reason is needed (--reason), and the case goes to legal review")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one row (a spreadsheet's row number) or one named place of a
    benchmark file."""

    where: int | str
    zh: str
    en: str

    def message(self, language: str = "zh_CN") -> str:
        en = language.startswith("en")
        if isinstance(self.where, int):
            return f"row {self.where}: {self.en}" if en else f"第 {self.where} 行：{self.zh}"
        return f"{self.where}: {self.en}" if en else f"{self.where}：{self.zh}"


class BenchmarkImportError(DomainError):
    """Every problem of a benchmark file at once; nothing of it was imported."""

    code = "benchmark_import"
    zh = "导入失败，未导入任何裁量基准。{lines_zh}"
    en = "Import refused; no benchmark was imported. {lines_en}"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(lines_zh="；".join(p.message("zh_CN") for p in self.problems),
                         lines_en="; ".join(p.message("en") for p in self.problems))


# ----------------------------------------------------------------------------- amounts
def parse_number(text: str) -> Decimal:
    """A figure as bureaus type it: "50000", "50,000", "5万", "5万元", "3.5倍", "30%".
    ValueError when it is not one."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    scale = Decimal(1)
    for suffix in ("元", "倍", "%", "％"):
        cleaned = cleaned.removesuffix(suffix)
    if cleaned.endswith("万"):
        cleaned, scale = cleaned[:-1], Decimal(10_000)
    try:
        value = Decimal(cleaned) * scale
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return value


def plain(value: Decimal) -> str:
    """Decimal text without exponent or trailing zeros: 3.60 -> "3.6", 1E+2 -> "100"."""
    return format(value.normalize(), "f")


def yuan_text(value: Decimal) -> str:
    """Yuan to the fen, whole yuan without ".00": 50000元, 1500.50元."""
    return f"{value.quantize(CENT, ROUND_HALF_UP):f}".removesuffix(".00") + "元"


def measure_text(value: Decimal, measure: str, base: str | None, language: str = "zh_CN"
                 ) -> str:
    en = language.startswith("en")
    if measure == "multiple":
        return f"{plain(value)} × {base}" if en else f"{base}{plain(value)}倍"
    return f"{plain(value)} yuan" if en else yuan_text(value)


def span_text(low: Decimal | None, high: Decimal, measure: str, base: str | None,
              language: str = "zh_CN", *, statutory: bool = False) -> str:
    """A range as a statute says it ("50000元以上100000元以下", "货值金额1倍以下") or as a
    suggestion does ("货值金额1.6倍至2.4倍")."""
    if language.startswith("en"):
        unit = f" × {base}" if measure == "multiple" else " yuan"
        return (f"up to {plain(high)}{unit}" if low is None
                else f"{plain(low)} to {plain(high)}{unit}")
    if measure == "multiple":
        first, last = f"{base}{plain(low)}倍" if low is not None else "", f"{plain(high)}倍"
    else:
        first, last = yuan_text(low) if low is not None else "", yuan_text(high)
    if low is None:
        return f"{base}{last}以下" if measure == "multiple" else f"{last}以下"
    return f"{first}以上{last}以下" if statutory else f"{first}至{last}"


def yuan_range(measure: str, low: Decimal, high: Decimal, base_amount: Decimal | None
               ) -> tuple[Decimal, Decimal] | None:
    """The range in yuan: itself for yuan, times the base amount for multiples (None when
    the base amount is not known)."""
    if measure == "yuan":
        return low, high
    if base_amount is None:
        return None
    return ((low * base_amount).quantize(CENT, ROUND_HALF_UP),
            (high * base_amount).quantize(CENT, ROUND_HALF_UP))


# ----------------------------------------------------------------------------- the data
@dataclass(frozen=True)
class Basis:
    """A provision: law (with its 《》), article, and the clause or item if any."""

    law: str
    article: str
    clause: str | None = None

    def text(self) -> str:
        return f"{self.law}{self.article}{self.clause or ''}"


@dataclass(frozen=True)
class TierSpec:
    tier: str
    conditions: tuple[str, ...] = ()
    range_low: Decimal | None = None
    range_high: Decimal | None = None
    percent_low: Decimal | None = None
    percent_high: Decimal | None = None
    note: str | None = None

    def bounds(self, statutory_high: Decimal) -> tuple[Decimal, Decimal]:
        """The range in the offence's measure. A percentage is of the statutory maximum;
        the no-penalty tier is 0–0."""
        if self.percent_low is not None and self.percent_high is not None:
            return (statutory_high * self.percent_low / 100,
                    statutory_high * self.percent_high / 100)
        if self.range_low is not None and self.range_high is not None:
            return self.range_low, self.range_high
        return Decimal(0), Decimal(0)


@dataclass(frozen=True)
class OffenceSpec:
    code: str
    name: str
    violation: Basis
    penalty: Basis
    kinds: tuple[str, ...]
    measure: str                       # yuan | multiple
    base: str | None                   # multiple: what it multiplies (货值金额 …)
    statutory_low: Decimal | None      # None: the law gives only a maximum
    statutory_high: Decimal
    tiers: tuple[TierSpec, ...]
    note: str | None = None

    def tier(self, code: str) -> TierSpec | None:
        return next((t for t in self.tiers if t.tier == code), None)

    def statutory_text(self, language: str = "zh_CN") -> str:
        return span_text(self.statutory_low, self.statutory_high, self.measure, self.base,
                         language, statutory=True)

    def as_json(self, language: str = "zh_CN") -> dict:
        def tier_json(t: TierSpec) -> dict:
            low, high = t.bounds(self.statutory_high)
            return {"tier": t.tier, "tier_name": tier_name(t.tier, language),
                    "conditions": list(t.conditions), "low": plain(low), "high": plain(high),
                    "percent_low": _text(t.percent_low), "percent_high": _text(t.percent_high),
                    "note": t.note}
        return {"code": self.code, "name": self.name, "violation": asdict(self.violation),
                "penalty": asdict(self.penalty), "penalty_kinds": list(self.kinds),
                "unit": self.measure, "base": self.base,
                "statutory_low": _text(self.statutory_low),
                "statutory_high": plain(self.statutory_high),
                "statutory": self.statutory_text(language), "note": self.note,
                "tiers": [tier_json(t) for t in self.tiers]}


@dataclass(frozen=True)
class BenchmarkSet:
    """A whole published list, as a file gives it (before it is a version)."""

    title: str
    effective_from: date
    circumstances: dict[str, str]      # code -> text, in the file's order
    offences: tuple[OffenceSpec, ...]

    def digest(self) -> str:
        return hashlib.sha256(canonical_json(asdict(self)).encode("utf-8")).hexdigest()


def offence_problems(offence: OffenceSpec) -> list[tuple[str, str]]:
    """What is wrong with an offence as a whole: its statutory range, its tiers' ranges
    against it, and its tiers' conditions."""
    problems: list[tuple[str, str]] = []
    low, high = offence.statutory_low, offence.statutory_high
    if high <= 0:
        problems.append(("法定最高额须大于 0", "the statutory maximum must be above 0"))
    if low is not None and low > high:
        problems.append(("法定最低额高于最高额", "the statutory minimum is above the maximum"))
    if offence.tier("general") is None:
        problems.append(("缺少“一般”阶次", "there is no 'general' tier"))
    seen: dict[str, str] = {}
    for tier in offence.tiers:
        name_zh, name_en = TIER_NAMES[tier.tier]
        for code in tier.conditions:
            if code in seen and seen[code] != tier.tier:
                problems.append((f"情形 {code} 同时列在“{tier_name(seen[code])}”和“{name_zh}”阶次",
                                 f"circumstance {code} is in both the "
                                 f"'{tier_name(seen[code], 'en')}' and '{name_en}' tiers"))
            seen.setdefault(code, tier.tier)
        if tier.tier != "general" and not tier.conditions:
            problems.append((f"“{name_zh}”阶次没有适用情形",
                             f"the '{name_en}' tier names no circumstance"))
        problems += _range_problems(offence, tier, name_zh, name_en)
    return problems


def _range_problems(offence: OffenceSpec, tier: TierSpec, name_zh: str, name_en: str
                    ) -> list[tuple[str, str]]:
    has_range = tier.range_low is not None or tier.range_high is not None
    has_percent = tier.percent_low is not None or tier.percent_high is not None
    if tier.tier == "no_penalty":
        if has_range or has_percent:
            return [("“不予处罚”阶次不能有罚款幅度", "the 'no penalty' tier cannot have a range")]
        return []
    if has_range == has_percent:
        return [(f"“{name_zh}”阶次须给出幅度（下限和上限），或占法定最高额的百分比，二者取一",
                 f"the '{name_en}' tier needs either a range (low and high) or a percentage "
                 "of the statutory maximum, not both")]
    pair = (tier.range_low, tier.range_high) if has_range else (tier.percent_low,
                                                                  tier.percent_high)
    if None in pair:
        return [(f"“{name_zh}”阶次的幅度缺少下限或上限",
                 f"the '{name_en}' tier's range lacks its low or its high end")]
    if pair[0] > pair[1]:
        return [(f"“{name_zh}”阶次的下限高于上限", f"the '{name_en}' tier's low is above its high")]
    if has_percent and pair[1] > 100:
        return [(f"“{name_zh}”阶次的百分比超过 100", f"the '{name_en}' tier's percentage is over 100")]
    low, high = tier.bounds(offence.statutory_high)
    floor = offence.statutory_low or Decimal(0)
    span = span_text(low, high, offence.measure, offence.base)
    if tier.tier == "mitigated":
        if high > floor:
            return [(f"“减轻”阶次的幅度（{span}）须在法定最低额"
                     f"{measure_text(floor, offence.measure, offence.base)}以下",
                     "the 'mitigated' tier's range must lie below the statutory minimum")]
        return []
    if low < floor or high > offence.statutory_high:
        return [(f"“{name_zh}”阶次的幅度（{span}）超出法定幅度（{offence.statutory_text()}）",
                 f"the '{name_en}' tier's range is outside the statutory range "
                 f"({offence.statutory_text('en')})")]
    return []


# ----------------------------------------------------------------------------- versions
@dataclass(frozen=True)
class VersionInfo:
    id: str
    number: int
    title: str
    effective_from: date
    source: str
    sha256: str
    imported_at: datetime
    imported_by: str
    offences: int
    in_force: bool

    def as_json(self, language: str = "zh_CN") -> dict:  # noqa: ARG002 - as print_rows calls it
        return {"version": self.number, "title": self.title,
                "effective_from": self.effective_from.isoformat(), "source": self.source,
                "sha256": self.sha256, "imported_at": iso_utc(self.imported_at),
                "imported_by": self.imported_by, "offences": self.offences,
                "in_force": self.in_force}


def _stable_id(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode("utf-8")).hexdigest()[:32]


def _newest_first(query):  # noqa: ANN001, ANN202
    return query.order_by(BenchmarkVersion.number.desc(), BenchmarkVersion.imported_at.desc())


def version_in_force(session: Session, day: date) -> BenchmarkVersion | None:
    return session.execute(_newest_first(select(BenchmarkVersion).where(
        BenchmarkVersion.effective_from <= day)).limit(1)).scalars().first()


def find_version(session: Session, number: int | None, day: date) -> BenchmarkVersion:
    """Version ``number``, or with None the one in force on ``day``."""
    if number is None:
        found = version_in_force(session, day)
        if found is None:
            raise BenchmarkNotInForce(day=day.isoformat())
        return found
    found = session.execute(_newest_first(select(BenchmarkVersion).where(
        BenchmarkVersion.number == number)).limit(1)).scalars().first()
    if found is None:
        raise NotFound("裁量基准版本", "benchmark version", number)
    return found


def store_version(session: Session, bset: BenchmarkSet, *, source: str, sha256: str,
                  actor: str, now: datetime) -> BenchmarkVersion:
    """Add ``bset`` as the next version. The caller holds the write transaction."""
    hold_ledger(session)  # PostgreSQL: two imports at once must not take one number
    number = (session.execute(select(func.max(BenchmarkVersion.number))).scalar() or 0) + 1
    version = BenchmarkVersion(id=_stable_id("benchmark", str(number), bset.digest()),
                               number=number, title=bset.title, source=source[:300],
                               sha256=sha256, effective_from=bset.effective_from,
                               imported_at=now, imported_by=actor)
    session.add(version)
    session.flush()
    session.add_all(BenchmarkCircumstance(id=_stable_id(version.id, "circumstance", code),
                                          version_id=version.id, code=code, text=text)
                    for code, text in bset.circumstances.items())
    for seq, offence in enumerate(bset.offences, start=1):
        row = BenchmarkOffence(
            id=_stable_id(version.id, "offence", offence.code), version_id=version.id,
            seq=seq, code=offence.code, name=offence.name,
            violation_law=offence.violation.law, violation_article=offence.violation.article,
            violation_clause=offence.violation.clause, penalty_law=offence.penalty.law,
            penalty_article=offence.penalty.article, penalty_clause=offence.penalty.clause,
            penalty_kinds=json.dumps(list(offence.kinds), ensure_ascii=False),
            measure=offence.measure, base=offence.base,
            statutory_low=_text(offence.statutory_low),
            statutory_high=plain(offence.statutory_high), note=offence.note)
        session.add(row)
        session.flush()
        session.add_all(BenchmarkTier(
            id=_stable_id(row.id, tier.tier), offence_id=row.id, tier=tier.tier,
            conditions=json.dumps(list(tier.conditions)), range_low=_text(tier.range_low),
            range_high=_text(tier.range_high), percent_low=_text(tier.percent_low),
            percent_high=_text(tier.percent_high), note=tier.note) for tier in offence.tiers)
    session.flush()
    return version


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def load_set(session: Session, version: BenchmarkVersion) -> BenchmarkSet:
    circumstances = dict(session.execute(
        select(BenchmarkCircumstance.code, BenchmarkCircumstance.text)
        .where(BenchmarkCircumstance.version_id == version.id)
        .order_by(BenchmarkCircumstance.code)).all())
    rows = session.execute(select(BenchmarkOffence).where(
        BenchmarkOffence.version_id == version.id).order_by(BenchmarkOffence.seq)).scalars().all()
    tiers: dict[str, list[TierSpec]] = {}
    for t in session.execute(select(BenchmarkTier).where(BenchmarkTier.offence_id.in_(
            [r.id for r in rows]))).scalars():
        tiers.setdefault(t.offence_id, []).append(TierSpec(
            t.tier, tuple(json.loads(t.conditions)), _decimal(t.range_low),
            _decimal(t.range_high), _decimal(t.percent_low), _decimal(t.percent_high), t.note))
    offences = tuple(OffenceSpec(
        r.code, r.name, Basis(r.violation_law, r.violation_article, r.violation_clause),
        Basis(r.penalty_law, r.penalty_article, r.penalty_clause),
        tuple(json.loads(r.penalty_kinds)), r.measure, r.base, _decimal(r.statutory_low),
        Decimal(r.statutory_high),
        tuple(sorted(tiers.get(r.id, []), key=lambda t: TIERS.index(t.tier))), r.note)
        for r in rows)
    return BenchmarkSet(version.title, version.effective_from, circumstances, offences)


def _version_info(session: Session, version: BenchmarkVersion, in_force_id: str | None
                  ) -> VersionInfo:
    count = session.execute(select(func.count()).select_from(BenchmarkOffence).where(
        BenchmarkOffence.version_id == version.id)).scalar()
    return VersionInfo(version.id, version.number, version.title, version.effective_from,
                       version.source, version.sha256, version.imported_at,
                       version.imported_by, count, version.id == in_force_id)


def list_versions(ctx: Context) -> list[VersionInfo]:
    """Every version, newest first; ``in_force`` marks the one in force today."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        current = version_in_force(session, ctx.clock.today())
        versions = session.execute(_newest_first(select(BenchmarkVersion))).scalars().all()
        return [_version_info(session, v, current.id if current else None) for v in versions]


def get_benchmarks(ctx: Context, version: int | None = None
                   ) -> tuple[VersionInfo, BenchmarkSet]:
    """A version (default: the one in force today) and its whole list."""
    require(ctx.actor, Permission.VIEW_CASES)
    today = ctx.clock.today()
    with ctx.read() as session:
        row = find_version(session, version, today)
        current = version_in_force(session, today)
        return (_version_info(session, row, current.id if current else None),
                load_set(session, row))


# ----------------------------------------------------------------------------- suggestion
@dataclass(frozen=True)
class Suggestion:
    """The tier and range the benchmark suggests for an offence and its circumstances."""

    offence_code: str
    offence_name: str
    tier: str
    range_low: Decimal                 # in the measure: yuan, or multiples of ``base``
    range_high: Decimal
    measure: str
    base: str | None
    base_amount: Decimal | None        # the base in yuan, when given
    basis: str                         # the reasoning, in Chinese (the legal texts are)
    version: int
    version_id: str
    effective_from: date
    circumstances: tuple[tuple[str, str], ...] = ()   # (code, text) the case has
    kinds: tuple[str, ...] = ()
    offset: bool = False               # 从轻/减轻 and 从重 both present: 一般

    def tier_name(self, language: str = "zh_CN") -> str:
        return tier_name(self.tier, language)

    def yuan(self) -> tuple[Decimal, Decimal] | None:
        return yuan_range(self.measure, self.range_low, self.range_high, self.base_amount)

    def range_text(self, language: str = "zh_CN") -> str:
        return range_text(self.tier, self.measure, self.base, self.range_low, self.range_high,
                          self.base_amount, language)

    def as_json(self, language: str = "zh_CN") -> dict:
        amounts = self.yuan()
        return {"offence": self.offence_code, "offence_name": self.offence_name,
                "tier": self.tier, "tier_name": self.tier_name(language),
                "low": plain(self.range_low), "high": plain(self.range_high),
                "unit": self.measure, "base": self.base,
                "base_amount": _text(self.base_amount),
                "amount_low": _text(amounts[0]) if amounts else None,
                "amount_high": _text(amounts[1]) if amounts else None,
                "range": self.range_text(language), "basis": self.basis,
                "version": self.version, "effective_from": self.effective_from.isoformat(),
                "circumstances": [{"code": c, "text": t} for c, t in self.circumstances],
                "penalty_kinds": list(self.kinds), "offset": self.offset}


def range_text(tier: str, measure: str, base: str | None, low: Decimal, high: Decimal,
               base_amount: Decimal | None, language: str = "zh_CN") -> str:
    """"从轻：50000元至65000元", with the yuan figures for multiples when the base is known."""
    en = language.startswith("en")
    text = (f"{tier_name(tier, language)}: {span_text(low, high, measure, base, language)}"
            if en else f"{tier_name(tier)}：{span_text(low, high, measure, base)}")
    amounts = yuan_range(measure, low, high, base_amount)
    if measure == "multiple" and amounts:
        text += (f" (with a {base} of {plain(base_amount)} yuan: {plain(amounts[0])} to "
                 f"{plain(amounts[1])} yuan)" if en else
                 f"（按{base}{yuan_text(base_amount)}计：{yuan_text(amounts[0])}至"
                 f"{yuan_text(amounts[1])}）")
    return text


def circumstance_codes(circumstances: Iterable[str]) -> list[str]:
    """The codes given, trimmed, each once, in the order given."""
    return list(dict.fromkeys(c.strip() for c in circumstances if c.strip()))


def pick_tier(offence: OffenceSpec, circumstances: Iterable[str]) -> tuple[TierSpec, bool]:
    """The tier the circumstances put a case in (see the module docstring), and whether
    mitigating and aggravating ones offset. Circumstances the offence's tiers do not name
    are refused."""
    codes = circumstance_codes(circumstances)
    tier_of = {code: tier.tier for tier in offence.tiers for code in tier.conditions}
    unknown = [c for c in codes if c not in tier_of]
    if unknown:
        choices = "、".join(tier_of) or "—"
        raise CircumstanceNotApplicable(offence=offence.code, codes="、".join(unknown),
                                        choices=choices)
    matched = {tier_of[c] for c in codes}
    light, heavy = matched & {"mitigated", "lighter"}, "heavier" in matched
    if "no_penalty" in matched:
        chosen, offset = "no_penalty", False
    elif light and heavy:
        chosen, offset = "general", True
    else:
        chosen = next((t for t in ("mitigated", "lighter", "heavier") if t in matched),
                      "general")
        offset = False
    return offence.tier(chosen), offset


def _basis_text(offence: OffenceSpec, tier: TierSpec, offset: bool,
                circumstances: tuple[tuple[str, str], ...], version: BenchmarkVersion,
                low: Decimal, high: Decimal) -> str:
    if offset:
        why = "同时具有从轻（减轻）和从重情形，按一般阶次：" + "；".join(t for _, t in circumstances)
    elif circumstances:
        why = "；".join(t for _, t in circumstances)
    else:
        why = "无从轻、减轻、从重或不予处罚情形"
    parts = [f"违法依据：{offence.violation.text()}", f"处罚依据：{offence.penalty.text()}",
             f"法定幅度：{offence.statutory_text()}", f"阶次：{tier_name(tier.tier)}（{why}）"]
    if tier.tier == "no_penalty":
        parts.append("建议：不予行政处罚")
    else:
        span = span_text(low, high, offence.measure, offence.base)
        if tier.percent_low is not None:
            span = (f"法定最高额的 {plain(tier.percent_low)}%–{plain(tier.percent_high)}%，"
                    f"即{span}")
        parts.append(f"建议幅度：{span}")
    parts.append(f"裁量基准第 {version.number} 版（{version.effective_from.isoformat()} 起施行）")
    return "；".join(parts)


def suggest_in(session: Session, day: date, offence_code: str,
               circumstances: Iterable[str] = (), *, base_amount: Decimal | None = None
               ) -> Suggestion:
    """The suggestion under the version in force on ``day`` (inside a caller's session)."""
    version = find_version(session, None, day)
    bset = load_set(session, version)
    code = offence_code.strip()
    offence = next((o for o in bset.offences if o.code.lower() == code.lower()), None)
    if offence is None:
        raise OffenceNotInBenchmark(version=version.number, offence=code)
    if base_amount is not None and base_amount <= 0:
        raise InvalidInput("基数金额须大于 0", "the base amount must be above 0")
    codes = circumstance_codes(circumstances)
    tier, offset = pick_tier(offence, codes)
    chosen = tuple((c, bset.circumstances.get(c, c)) for c in codes)
    low, high = tier.bounds(offence.statutory_high)
    if offence.measure == "yuan":
        low, high = low.quantize(CENT, ROUND_HALF_UP), high.quantize(CENT, ROUND_HALF_UP)
    return Suggestion(offence.code, offence.name, tier.tier, low, high, offence.measure,
                      offence.base, base_amount if offence.measure == "multiple" else None,
                      _basis_text(offence, tier, offset, chosen, version, low, high),
                      version.number, version.id, version.effective_from, chosen,
                      offence.kinds, offset)


def suggest(ctx: Context, offence_code: str, circumstances: Iterable[str] = (), *,
            base_amount: Decimal | None = None, on: date | None = None) -> Suggestion:
    """The tier and range for an offence and circumstances, under the version in force on
    ``on`` (default today). ``base_amount``: for offences fined in multiples, the base
    (货值金额 …) in yuan, to get the range in yuan too."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        return suggest_in(session, on or ctx.clock.today(), offence_code,
                          list(circumstances), base_amount=base_amount)


# ----------------------------------------------------------------------------- a case's choice
@dataclass(frozen=True)
class Choice:
    """What a case chose and how its penalty stands against it now."""

    case_number: str
    offence_code: str
    offence_name: str
    tier: str
    range_low: Decimal
    range_high: Decimal
    measure: str
    base: str | None
    base_amount: Decimal | None
    version: int
    circumstances: tuple[str, ...]
    penalty_at_choice: Decimal | None
    penalty_amount: Decimal | None     # the case's now
    reason: str | None
    basis: str
    outside: str | None                # why the case needs review, when it does
    chosen_at: datetime
    chosen_by: str

    def range_text(self, language: str = "zh_CN") -> str:
        return range_text(self.tier, self.measure, self.base, self.range_low, self.range_high,
                          self.base_amount, language)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"case": self.case_number, "offence": self.offence_code,
                "offence_name": self.offence_name, "tier": self.tier,
                "tier_name": tier_name(self.tier, language), "low": plain(self.range_low),
                "high": plain(self.range_high), "unit": self.measure, "base": self.base,
                "base_amount": _text(self.base_amount), "version": self.version,
                "circumstances": list(self.circumstances),
                "range": self.range_text(language),
                "penalty_at_choice": _text(self.penalty_at_choice),
                "penalty_amount": _text(self.penalty_amount), "reason": self.reason,
                "basis": self.basis, "outside": self.outside,
                "needs_review": self.outside is not None,
                "chosen_at": iso_utc(self.chosen_at), "chosen_by": self.chosen_by}


def case_penalty(case: Case) -> Decimal | None:
    return None if case.penalty_amount in (None, "") else Decimal(case.penalty_amount)


def outside_reason(choice: CaseBenchmarkChoice, amount: Decimal | None,
                   language: str = "zh_CN") -> str | None:
    """Why ``amount`` (the case's fine) puts the case in legal review under its choice, or
    None when it is inside the range (or there is no fine yet to compare)."""
    if amount is None:
        return None
    low, high = Decimal(choice.range_low), Decimal(choice.range_high)
    base_amount = _decimal(choice.base_amount)
    amounts = yuan_range(choice.measure, low, high, base_amount)
    if amounts is None or amounts[0] <= amount <= amounts[1]:
        return None  # a multiple without its base was refused when chosen with a fine
    en = language.startswith("en")
    span = range_text(choice.tier, choice.measure, choice.base, low, high, base_amount,
                      language)
    # The reason was written for the fine at the time of choosing; a later fine has none.
    changed = _decimal(choice.penalty_amount) != amount
    if en:
        tail = ("; the fine changed after the benchmark was chosen" if changed
                else f"; reason given: {choice.reason}" if choice.reason else "")
        return (f"the fine of {plain(amount)} yuan is outside the discretion benchmark's "
                f"suggested range ({choice.offence_code}, {span}, version "
                f"{choice.version_number}){tail}")
    tail = ("；选择裁量基准后罚款已变更" if changed
            else f"；说明理由：{choice.reason}" if choice.reason else "")
    return (f"罚款{yuan_text(amount)}不在裁量基准建议幅度内（{choice.offence_code}，{span}，"
            f"第 {choice.version_number} 版）{tail}")


def _choice(case: Case, row: CaseBenchmarkChoice, language: str) -> Choice:
    amount = case_penalty(case)
    return Choice(case.number, row.offence_code, row.offence_name, row.tier,
                  Decimal(row.range_low), Decimal(row.range_high), row.measure, row.base,
                  _decimal(row.base_amount), row.version_number,
                  tuple(json.loads(row.circumstances)), _decimal(row.penalty_amount), amount,
                  row.reason, row.basis, outside_reason(row, amount, language), row.chosen_at,
                  row.chosen_by)


def choose_for_case(ctx: Context, case_number: str, offence_code: str,
                    circumstances: Iterable[str] = (), reason: str | None = None, *,
                    base_amount: Decimal | None = None, language: str = "zh_CN") -> Choice:
    """Record a case's offence and circumstances with the suggestion under the benchmark in
    force today. A fine (the case's penalty_amount) outside the suggested range is refused
    without a written ``reason``; with one it is recorded and the case needs legal review."""
    require(ctx.actor, Permission.EDIT_CASES)
    reason = (reason or "").strip() or None
    if reason and len(reason) > 2000:
        raise InvalidInput("理由过长（最多 2000 字）", "the reason is too long (2000 characters at most)")
    circumstances = list(circumstances)
    with ctx.write("benchmark.choose") as session:
        hold_ledger(session)  # PostgreSQL: the case's fine cannot change under the check
        case = find_case(session, case_number)
        if case.status == "closed":
            raise CaseClosedForBenchmark(case=case.number)
        found = suggest_in(session, ctx.clock.today(), offence_code, circumstances,
                           base_amount=base_amount)
        amount = case_penalty(case)
        if amount is not None and found.measure == "multiple" and found.base_amount is None:
            raise BaseAmountNeeded(offence=found.offence_code, base=found.base)
        amounts = found.yuan()
        if amount is not None and not amounts[0] <= amount <= amounts[1] and not reason:
            raise PenaltyOutsideBenchmark(amount=yuan_text(amount),
                                          range_zh=found.range_text(),
                                          range_en=found.range_text("en"))
        row = session.get(CaseBenchmarkChoice, case.id)
        if row is None:
            row = CaseBenchmarkChoice(case_id=case.id)
            session.add(row)
        row.version_id, row.version_number = found.version_id, found.version
        row.offence_code, row.offence_name = found.offence_code, found.offence_name
        row.circumstances = json.dumps([c for c, _ in found.circumstances])
        row.tier, row.measure, row.base = found.tier, found.measure, found.base
        row.range_low, row.range_high = plain(found.range_low), plain(found.range_high)
        row.base_amount = _text(found.base_amount)
        row.penalty_amount = _text(amount)
        row.reason, row.basis = reason, found.basis
        row.chosen_at, row.chosen_by = ctx.clock.now(), ctx.actor.username
        session.flush()
        return _choice(case, row, language)


def get_choice(ctx: Context, case_number: str, language: str = "zh_CN") -> Choice | None:
    """The case's choice and how its fine stands against it now; None if it has none."""
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        case = find_case(session, case_number)
        row = session.get(CaseBenchmarkChoice, case.id)
        return None if row is None else _choice(case, row, language)
