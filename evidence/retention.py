"""Retention classes of stored footage and what is due for removal (音像资料保存期限).

Each stored file falls in the first class that holds for it:

  held       a legal hold on the file or on a case it is linked to: never purged
  important  marked important on the recorder: never purged automatically
  open_case  linked to a case that is still open: never purged
  case_file  linked only to closed cases: kept with the case file, "permanent" or a number
             of years from the closing day, per case type (resources/recording/retention.toml;
             the longest of its cases holds)
  unlinked   linked to no case: kept at least retention.unlinked_months (6, never less)
             from the day it was recorded (or stored, when the recording time is unknown)

A file is due when today is past its keep-until day: kept "at least six months" means it
is still there on the day the six months run out, and goes the day after.
Source: 公通字〔2016〕14号《公安机关现场执法视音频记录工作规定》第十三条 (保存期限原则上应当
不少于六个月；作为案件证据使用的，永久保存), and the case-type periods in retention.toml.
"""
from __future__ import annotations

import calendar
import functools
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import setting_in
from core.context import Context
from core.permissions import Permission, require
from db.models import Case, CaseStep, EvidenceLink, Footage, LegalHold, PurgedFile
from resources import resource_path

HELD, IMPORTANT, OPEN_CASE, CASE_FILE, UNLINKED = (
    "held", "important", "open_case", "case_file", "unlinked")
PERMANENT = "permanent"
CLASS_LABELS = {HELD: ("保全中", "under legal hold"), IMPORTANT: ("重要标记", "marked important"),
                OPEN_CASE: ("关联未结案件", "linked to an open case"),
                CASE_FILE: ("随案卷保存", "kept with the case file"),
                UNLINKED: ("未关联案件", "linked to no case")}


@functools.cache
def case_file_periods() -> Mapping[str, Any]:
    """Case type -> "permanent" or whole years, with "default" for the rest."""
    with resource_path("recording", "retention.toml").open("rb") as handle:
        periods = tomllib.load(handle)["case_file"]
    for key, value in periods.items():
        if value != PERMANENT and not (isinstance(value, int) and not isinstance(value, bool)
                                       and value > 0):
            raise ValueError(f"retention.toml: case_file.{key} must be \"permanent\" or years")
    return periods


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 Aug + 6
    months is 28/29 Feb)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Retention:
    """One stored file, its class and whether it is due."""

    sha256: str
    size: int
    kind: str
    original_name: str
    recorded_at: datetime | None
    thumbnail_sha256: str | None
    retention_class: str
    keep_until: date | None       # None: kept for good (or while the class holds)
    due: bool
    cases: tuple[str, ...]        # numbers of the cases it is linked to
    reason_zh: str
    reason_en: str

    def reason(self, language: str = "zh_CN") -> str:
        return self.reason_en if language.startswith("en") else self.reason_zh

    def as_json(self, language: str = "zh_CN") -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size, "kind": self.kind,
                "original_name": self.original_name,
                "recorded_at": self.recorded_at.isoformat() if self.recorded_at else None,
                "class": self.retention_class,
                "keep_until": self.keep_until.isoformat() if self.keep_until else None,
                "due": self.due, "cases": list(self.cases), "reason": self.reason(language)}


@dataclass(frozen=True)
class _CaseFacts:
    number: str
    status: str
    type_code: str
    closed_on: date | None
    held: bool


def _cases(session: Session, held_cases: set[str]) -> dict[str, _CaseFacts]:
    closing = dict(session.execute(select(CaseStep.case_id, CaseStep.done_on)
                                   .where(CaseStep.step == "closing")).all())
    linked = select(EvidenceLink.case_id)
    return {c.id: _CaseFacts(c.number, c.status, c.type_code, closing.get(c.id), c.id in held_cases)
            for c in session.execute(select(Case).where(Case.id.in_(linked))).scalars()}


def _case_file_until(facts: list[_CaseFacts]) -> date | None:
    """The latest keep-until day of the closed cases; None when any keeps it for good."""
    periods = case_file_periods()
    until = None
    for case in facts:
        period = periods.get(case.type_code, periods.get("default", PERMANENT))
        if period == PERMANENT or case.closed_on is None:
            return None
        day = add_months(case.closed_on, 12 * period)
        until = day if until is None else max(until, day)
    return until


def classify(footage: Footage, cases: list[_CaseFacts], held: bool, months: int,
             today: date, day_of) -> Retention:  # noqa: ANN001
    numbers = tuple(sorted(c.number for c in cases))

    def make(cls: str, until: date | None, due: bool, zh: str, en: str) -> Retention:
        return Retention(footage.sha256, footage.size, footage.kind, footage.original_name,
                         footage.recorded_at, footage.thumbnail_sha256, cls, until, due,
                         numbers, zh, en)

    if held or any(c.held for c in cases):
        return make(HELD, None, False, "处于保全（法律冻结）中，不清理",
                    "under a legal hold: never purged")
    if footage.important:
        return make(IMPORTANT, None, False, "记录仪上标记为重要，不自动清理",
                    "marked important on the recorder: never purged automatically")
    open_cases = [c.number for c in cases if c.status != "closed"]
    if open_cases:
        return make(OPEN_CASE, None, False, f"关联未结案件 {'、'.join(open_cases)}，不清理",
                    f"linked to the open case {', '.join(open_cases)}: never purged")
    if cases:
        until = _case_file_until(cases)
        if until is None:
            return make(CASE_FILE, None, False, "作为案件证据随案卷永久保存",
                        "evidence of a case, kept with the case file for good")
        return make(CASE_FILE, until, today > until,
                    f"作为案件证据随案卷保存至 {until}", f"evidence kept with the case file until {until}")
    start = day_of(footage.recorded_at or footage.verified_at)
    until = add_months(start, months)
    return make(UNLINKED, until, today > until,
                f"未关联案件，自 {start} 起保存 {months} 个月至 {until}",
                f"linked to no case; kept {months} months from {start} until {until}")


def assess(session: Session, today: date, day_of, sha256s: list[str] | None = None
           ) -> list[Retention]:  # noqa: ANN001
    """The retention of every stored file not yet purged (or of the ones named);
    ``day_of(instant)``: its calendar day in the bureau's zone (``local_day``)."""
    holds = session.execute(select(LegalHold.case_id, LegalHold.sha256)
                            .where(LegalHold.released_at.is_(None))).all()
    held_cases = {case_id for case_id, _ in holds if case_id}
    held_files = {sha for _, sha in holds if sha}
    cases = _cases(session, held_cases)
    links: dict[str, list[_CaseFacts]] = {}
    for sha, case_id in session.execute(select(EvidenceLink.sha256, EvidenceLink.case_id)
                                        .distinct()):
        links.setdefault(sha, []).append(cases[case_id])
    query = select(Footage).where(Footage.sha256.not_in(select(PurgedFile.sha256)))
    if sha256s is not None:
        query = query.where(Footage.sha256.in_(sha256s))
    months = int(setting_in(session, "retention.unlinked_months"))
    return [classify(f, links.get(f.sha256, []), f.sha256 in held_files, months, today,
                     day_of)
            for f in session.execute(query.order_by(Footage.recorded_at, Footage.sha256)).scalars()]


def due(ctx: Context) -> list[Retention]:
    """What retention would remove today, oldest recording first."""
    require(ctx.actor, Permission.MANAGE_RETENTION)
    with ctx.read() as session:
        return [r for r in assess(session, ctx.clock.today(), local_day(ctx)) if r.due]


def local_day(ctx: Context):  # noqa: ANN201 - Callable[[datetime], date]
    """The bureau's calendar day of an instant, by the context's clock."""
    return lambda instant: ctx.clock.local(instant).date()
