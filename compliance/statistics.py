"""Recording statistics (执法记录统计, measure 19 of the seed: records used in supervision and
evaluation): per unit, officer and device type, for any range of the bureau's days.

Every figure is an aggregate query (GROUP BY in the database): a year of a million footage
rows is never loaded into Python. What each figure counts:

- ``footage_count``, ``footage_hours``: footage recorded (``recorded_at``) in the range;
  footage whose recording time is unknown is in no range. A clip belongs to its officer's
  unit, else (no officer known) to its recorder's unit, and to its recorder's device type.
- ``offload_delay_median_h``, ``offload_delay_p95_h``: hours from the end of the recording
  (``recorded_at`` + duration) to its offload (``verified_at``: the moment the first offload
  of the file stored and verified it); a recorder clock ahead of the workstation counts as
  0. Percentiles are exact, nearest-rank: the value at rank ceil(p × n / 100) of the n delays
  in ascending order (the median of an even count is the lower middle value). Computed in
  two bounded steps: an hour histogram per officer and recorder, then the rows of only the
  hour buckets holding the wanted ranks.
- ``late_offloads``: clips offloaded more than ``compliance.late_offload_hours`` (default 24,
  公通字〔2016〕14号 art. 12) after the recording ended.
- ``cases``: cases registered (``created_at``) in the range, by the case's unit and its lead
  officer (主办, seq 1); ``cases_by_type``: by type and procedure.
- ``cases_complying``, ``compliance_rate``: of those cases, the ones with no recording
  finding (recording_finding, compliance.checks) whose status is "open"; rate = complying ÷
  cases (null when there are no cases). ``findings_open``: open findings of those cases.
- ``devices_in_service``, ``devices_required``, ``devices_shortfall``: today, against the
  ratio standards (devices.ratio.ratio_report); not a figure of the range.
- ``documents_issued``: numbered documents issued (``issued_at``) in the range, by the
  issuing unit.
- ``reviews_submitted``: legal reviews submitted (``submitted_on``) in the range;
  ``reviews_decided``: of those, the ones with the reviewer's opinion in the current round;
  ``reviews_on_time``: decided on or before their due day; ``reviews_overdue``: still with
  the reviewer after their due day (today).
- ``disclosures_due``: results decided (``decided_on``) in the range that are to be
  published (not withheld); ``disclosures_published``, ``disclosures_on_time`` (published
  on or before the deadline), ``disclosures_overdue`` (unpublished, deadline passed today).

``as_json`` of :class:`Statistics` is the contract of ``lawdesk stats --json`` (README,
"Recording statistics"): keys ``from``, ``to``, ``unit``, ``as_of``, ``late_offload_hours``,
``totals``, ``units``, ``officers``, ``device_types``, ``cases_by_type``, ``months``; every
row of ``totals``/``units``/``officers``/``device_types`` carries every key of FIGURES
(null where the figure does not apply to that kind of row).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any, Iterable

from sqlalchemy import and_, bindparam, case, func, or_, select, text
from sqlalchemy.orm import Session

from config.settings import get_setting
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import (
    Case,
    CaseOfficer,
    CaseReview,
    CaseType,
    Device,
    DeviceType,
    DisclosureRecord,
    Footage,
    IssuedDocument,
    Officer,
    RecordingFinding,
    ReviewStep,
    Unit,
)
from db.models.base import UtcDateTime
from devices.ratio import ratio_report
from review.states import IN_REVIEW, SUBMITTED

LATE_OFFLOAD_SETTING = "compliance.late_offload_hours"
MAX_DAYS = 3660          # ten years: a wider range is a typo, not a report
PERCENTILES = (50, 95)
NO_UNIT, NO_TYPE = "", ""   # footage whose unit or device type is not known


def require_statistics(ctx: Context) -> None:
    """Statistics count cases and footage: whoever may see both may see their figures
    (clerks, officers, reviewers, the bureau head, admins; not a custodian alone)."""
    require(ctx.actor, Permission.VIEW_CASES)
    require(ctx.actor, Permission.VIEW_FOOTAGE)


@dataclass
class Figures:
    """One row's figures; None where a figure does not apply to the row's kind."""

    footage_count: int = 0
    footage_hours: float = 0.0
    offload_delay_median_h: float | None = None
    offload_delay_p95_h: float | None = None
    late_offloads: int = 0
    cases: int | None = None
    cases_complying: int | None = None
    compliance_rate: float | None = None
    findings_open: int | None = None
    devices_in_service: int | None = None
    devices_required: int | None = None
    devices_shortfall: int | None = None
    documents_issued: int | None = None
    reviews_submitted: int | None = None
    reviews_decided: int | None = None
    reviews_on_time: int | None = None
    reviews_overdue: int | None = None
    disclosures_due: int | None = None
    disclosures_published: int | None = None
    disclosures_on_time: int | None = None
    disclosures_overdue: int | None = None

    def as_json(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for key in ("footage_hours", "offload_delay_median_h", "offload_delay_p95_h"):
            if out[key] is not None:
                out[key] = round(out[key], 2)
        if out["compliance_rate"] is not None:
            out["compliance_rate"] = round(out["compliance_rate"], 4)
        return out


FIGURES = tuple(f.name for f in fields(Figures))


@dataclass
class Row:
    kind: str                  # unit | officer | device_type | total
    key: str                   # unit id, officer id, device type code; "" for unknown
    name: str
    unit_name: str | None = None
    figures: Figures = field(default_factory=Figures)

    def as_json(self) -> dict[str, Any]:
        head = {"id": self.key or None, "name": self.name}
        if self.kind == "officer":
            head["unit"] = self.unit_name
        return {**head, **self.figures.as_json()}


@dataclass(frozen=True)
class TypeCount:
    type_code: str
    type_name: str
    procedure: str
    cases: int

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type_code, "type_name": self.type_name,
                "procedure": self.procedure, "cases": self.cases}


@dataclass
class Month:
    month: str                 # YYYY-MM in the bureau's zone
    footage_count: int = 0
    footage_hours: float = 0.0
    late_offloads: int = 0
    cases: int = 0
    documents_issued: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"month": self.month, "footage_count": self.footage_count,
                "footage_hours": round(self.footage_hours, 2),
                "late_offloads": self.late_offloads, "cases": self.cases,
                "documents_issued": self.documents_issued}


@dataclass
class Statistics:
    since: date
    until: date
    unit_id: str | None
    unit_name: str | None
    as_of: date
    late_offload_hours: int
    total: Row
    units: list[Row]
    officers: list[Row]
    device_types: list[Row]
    cases_by_type: list[TypeCount]
    months: list[Month]

    def as_json(self) -> dict[str, Any]:
        return {"from": self.since.isoformat(), "to": self.until.isoformat(),
                "unit": None if self.unit_id is None else {"id": self.unit_id,
                                                           "name": self.unit_name},
                "as_of": self.as_of.isoformat(),
                "late_offload_hours": self.late_offload_hours,
                "totals": self.total.figures.as_json(),
                "units": [r.as_json() for r in self.units],
                "officers": [r.as_json() for r in self.officers],
                "device_types": [r.as_json() for r in self.device_types],
                "cases_by_type": [t.as_json() for t in self.cases_by_type],
                "months": [m.as_json() for m in self.months]}


# ----------------------------------------------------------------------------- the range
@dataclass(frozen=True)
class Scope:
    """What a statistic covers: the bureau's days ``since``..``until`` (both included) and
    perhaps one unit."""

    since: date
    until: date
    unit_id: str | None = None

    def instants(self, ctx: Context) -> tuple[datetime, datetime]:
        zone = ctx.clock.zone
        return (datetime.combine(self.since, time(), tzinfo=zone),
                datetime.combine(self.until + timedelta(days=1), time(), tzinfo=zone))


def check_scope(since: date | None, until: date | None, unit_id: str | None = None) -> Scope:
    if since is None or until is None:
        raise InvalidInput("请给出统计的起止日期", "give the first and the last day to count")
    if until < since:
        raise InvalidInput(f"截止日期 {until} 早于起始日期 {since}",
                           f"the last day {until} is before the first day {since}")
    if (until - since).days > MAX_DAYS:
        raise InvalidInput("统计期间最长十年", "a range is at most ten years")
    return Scope(since, until, unit_id or None)


def late_offload_hours(ctx: Context) -> int:
    return int(get_setting(ctx.db, LATE_OFFLOAD_SETTING))


# ----------------------------------------------------------------------------- SQL pieces
def _month(session: Session, column, ctx: Context):  # noqa: ANN001, ANN202
    """YYYY-MM of an instant column in the bureau's zone."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(ctx.clock.zone.key, column), "YYYY-MM")
    # China keeps one offset all year (no summer time since 1991): a fixed modifier.
    offset = datetime.now(ctx.clock.zone).utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    return func.strftime("%Y-%m", column, f"{minutes:+d} minutes")


def _in_range(column, start: datetime, end: datetime):  # noqa: ANN001, ANN202
    return and_(column >= start, column < end)


# ----------------------------------------------------------------------------- lookups
@dataclass
class _Lookups:
    units: dict[str, tuple[str, str]]                 # id -> (name, short name)
    officers: dict[str, tuple[str, str]]              # id -> (name, unit id)
    devices: dict[str, tuple[str, str]]               # serial -> (unit id, type code)
    types: dict[str, str]                             # code -> name
    case_types: dict[str, str]

    def footage_unit(self, officer_id: str | None, serial: str | None) -> str:
        if officer_id and officer_id in self.officers:
            return self.officers[officer_id][1]
        device = self.devices.get(serial or "")
        return device[0] if device else NO_UNIT

    def footage_type(self, serial: str | None) -> str:
        device = self.devices.get(serial or "")
        return device[1] if device else NO_TYPE


def _lookups(session: Session, language: str) -> _Lookups:
    en = language.startswith("en")
    return _Lookups(
        units={i: (n, s) for i, n, s in session.execute(
            select(Unit.id, Unit.name, Unit.short_name))},
        officers={i: (n, u) for i, n, u in session.execute(
            select(Officer.id, Officer.name, Officer.unit_id))},
        devices={s: (u, t) for s, u, t in session.execute(
            select(Device.serial, Device.unit_id, Device.type_code))},
        types={c: (e if en else z) for c, z, e in session.execute(
            select(DeviceType.code, DeviceType.name_zh, DeviceType.name_en))},
        case_types={c: (e if en else z) for c, z, e in session.execute(
            select(CaseType.code, CaseType.name_zh, CaseType.name_en))})


# ----------------------------------------------------------------------------- footage
class _Delays:
    """Hour histograms of offload delays per group, and the exact nearest-rank values."""

    def __init__(self) -> None:
        self.hist: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.targets: dict[tuple[str, str, int], tuple[int, int]] = {}  # -> (bucket, rank)

    def add(self, groups: Iterable[tuple[str, str]], bucket: int, count: int) -> None:
        for group in groups:
            self.hist[group][bucket] += count

    def plan(self) -> None:
        """For each group and percentile, the bucket holding the rank and the rank in it."""
        for group, buckets in self.hist.items():
            n = sum(buckets.values())
            for p in PERCENTILES:
                rank = max(1, math.ceil(p * n / 100))
                seen = 0
                for bucket in sorted(buckets):
                    if seen + buckets[bucket] >= rank:
                        self.targets[(*group, p)] = (bucket, rank - seen)
                        break
                    seen += buckets[bucket]

    def wanted(self, members: "dict[tuple[str, str], set[str | None]]") -> set[tuple[Any, int]]:
        """(officer id, bucket) pairs whose rows hold every wanted rank."""
        pairs = set()
        for (kind, key, _p), (bucket, _rank) in self.targets.items():
            for officer in members[(kind, key)]:
                pairs.add((officer, bucket))
        return pairs


def _footage_figures(session: Session, ctx: Context, scope: Scope, look: _Lookups,
                     late_s: float, rows: dict[tuple[str, str], Figures],
                     months: dict[str, Month]) -> None:
    start, end = scope.instants(ctx)

    known: dict[tuple[str | None, str | None], list[tuple[str, str]] | None] = {}

    def groups_of(officer_id: str | None, serial: str | None) -> list[tuple[str, str]] | None:
        # Asked once per row of the year's groups: some 400 officer-recorder pairs answer.
        pair = (officer_id, serial)
        if pair not in known:
            unit = look.footage_unit(officer_id, serial)
            found = [("total", ""), ("unit", unit), ("device_type", look.footage_type(serial))]
            if officer_id:
                found.append(("officer", officer_id))
            known[pair] = None if scope.unit_id and unit != scope.unit_id else found
        return known[pair]

    # Summed per officer and recorder first, then spread over the pair's groups once.
    sums: dict[tuple[str | None, str | None], list[float]] = defaultdict(lambda: [0, 0.0, 0])
    hours: dict[tuple[str | None, str | None], dict[int, int]] = defaultdict(
        lambda: defaultdict(int))
    late_hour = late_s / 3600.0                                 # late_s: whole hours
    for officer_id, serial, hour, count, seconds in _grouped_footage(session, start, end):
        pair = (officer_id, serial)
        total = sums[pair]
        total[0] += count
        total[1] += seconds
        if hour >= late_hour:
            total[2] += count
        hours[pair][hour] += count
    delays = _Delays()
    members: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for pair, (count, seconds, late_count) in sums.items():
        groups = groups_of(*pair)
        if groups is None:
            continue
        for group in groups:
            figures = rows[group]
            figures.footage_count += count
            figures.footage_hours += seconds / 3600.0
            figures.late_offloads += late_count
            members[group].add(pair[0])
        for hour, count in hours[pair].items():
            delays.add(groups, hour, count)
    delays.plan()
    _exact_percentiles(session, (start, end), delays, members, groups_of, rows)

    _footage_months(session, ctx, scope, look, late_s, months)


_GROUPED_SQLITE = text(
    "SELECT officer_id, device_serial, offload_delay_h, count(*), "
    "coalesce(sum(duration_s), 0.0) FROM footage INDEXED BY ix_footage_stats_groups "
    "WHERE recorded_at >= :start AND recorded_at < :end "
    "GROUP BY officer_id, offload_delay_h, device_serial").bindparams(
        bindparam("start", type_=UtcDateTime()), bindparam("end", type_=UtcDateTime()))


def _grouped_footage(session: Session, start: datetime, end: datetime):  # noqa: ANN202
    """The range's footage counted per officer, recorder and delay hour. On SQLite in the
    grouping index's order, so the groups are read as they come: left to itself SQLite
    takes the range index on recorded_at and sorts the year's rows (about 3 µs a row), and
    SQLAlchemy cannot say INDEXED BY for it."""
    if session.get_bind().dialect.name == "sqlite":
        return session.execute(_GROUPED_SQLITE, {"start": start, "end": end})
    return session.execute(
        select(Footage.officer_id, Footage.device_serial, Footage.offload_delay_h,
               func.count(), func.coalesce(func.sum(Footage.duration_s), 0.0))
        .where(_in_range(Footage.recorded_at, start, end))
        .group_by(Footage.officer_id, Footage.device_serial, Footage.offload_delay_h))


def _footage_months(session: Session, ctx: Context, scope: Scope, look: _Lookups,
                    late_s: float, months: dict[str, Month]) -> None:
    """The months one range each: a GROUP BY month would sort the year's rows (some 2 µs a
    row in SQLite); a range of the covering index is read in order, nothing sorted."""
    late = func.sum(case((Footage.offload_delay_h >= int(late_s // 3600), 1), else_=0))
    unit = _footage_unit_condition(look, scope.unit_id)
    for label, (first, after) in _month_ranges(ctx, scope).items():
        query = (select(func.count(), func.coalesce(func.sum(Footage.duration_s), 0.0),
                        func.coalesce(late, 0))
                 .where(_in_range(Footage.recorded_at, first, after)))
        if unit is not None:
            query = query.where(unit)
        count, seconds, late_count = session.execute(query).one()
        entry = months[label]
        entry.footage_count += count
        entry.footage_hours += seconds / 3600.0
        entry.late_offloads += late_count


def _month_ranges(ctx: Context, scope: Scope) -> dict[str, tuple[datetime, datetime]]:
    """Each month of the scope as [first instant, instant after), cut to the scope."""
    start, end = scope.instants(ctx)
    ranges = {}
    for label in _months_between(scope.since, scope.until):
        year, month = int(label[:4]), int(label[5:])
        first = datetime(year, month, 1, tzinfo=ctx.clock.zone)
        after = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=ctx.clock.zone)
        ranges[label] = (max(first, start), min(after, end))
    return ranges


def _footage_unit_condition(look: _Lookups, unit_id: str | None):  # noqa: ANN202
    """Footage of a unit: its officers', and with no officer known, its recorders'."""
    if not unit_id:
        return None
    officers = [o for o, (_n, u) in look.officers.items() if u == unit_id]
    serials = [s for s, (u, _t) in look.devices.items() if u == unit_id]
    by_recorder = and_(Footage.officer_id.is_(None), Footage.device_serial.in_(serials))
    return or_(Footage.officer_id.in_(officers), by_recorder) if officers else by_recorder


_DELAYS_SQLITE = {
    has_officer: text(
        "SELECT device_serial, offload_delay_h, offload_delay_s "
        "FROM footage INDEXED BY ix_footage_stats_groups WHERE "
        + ("officer_id = :officer" if has_officer else "officer_id IS NULL")
        + " AND offload_delay_h IN :hours AND recorded_at >= :start AND recorded_at < :end")
    .bindparams(bindparam("hours", expanding=True), bindparam("start", type_=UtcDateTime()),
                bindparam("end", type_=UtcDateTime()))
    for has_officer in (True, False)}


def _delays_of(session: Session, officer_id: str | None, hours: list[int], start: datetime,
               end: datetime):  # noqa: ANN202
    """One officer's (or no officer's) delays in the given hours: a seek in the grouping
    index, which SQLite would pass over for the range index on recorded_at (and so read
    the officer's whole year) unless told."""
    if session.get_bind().dialect.name == "sqlite":
        return session.execute(_DELAYS_SQLITE[officer_id is not None],
                               {"officer": officer_id, "hours": hours, "start": start,
                                "end": end})
    officer = (Footage.officer_id.is_(None) if officer_id is None
               else Footage.officer_id == officer_id)
    return session.execute(
        select(Footage.device_serial, Footage.offload_delay_h, Footage.offload_delay_s)
        .where(officer, Footage.offload_delay_h.in_(hours),
               _in_range(Footage.recorded_at, start, end)))


def _exact_percentiles(session: Session, where_range: tuple[datetime, datetime],
                       delays: _Delays, members, groups_of, rows) -> None:  # noqa: ANN001
    """The exact values at the planned ranks: only the rows of the (officer, hour) pairs
    that hold a wanted rank come back (some tens of thousands of a year's 500,000), and
    each group's are sorted here."""
    pairs = delays.wanted(members)
    if not pairs:
        return
    picked: dict[tuple[str, str, int], list[float]] = defaultdict(list)
    by_group_bucket = {((kind, key), b) for (kind, key, _p), (b, _r) in delays.targets.items()}
    buckets_of: dict[str | None, set[int]] = defaultdict(set)
    for officer_id, hour in pairs:
        buckets_of[officer_id].add(hour)
    start, end = where_range
    for officer_id, hours in buckets_of.items():
        for serial, hour, value in _delays_of(session, officer_id, sorted(hours), start, end):
            for group in groups_of(officer_id, serial) or ():
                if (group, hour) in by_group_bucket:
                    picked[(*group, hour)].append(value)
    for (kind, key, p), (b, rank) in delays.targets.items():
        values = sorted(picked[(kind, key, b)])
        hours = values[rank - 1] / 3600.0
        figures = rows[(kind, key)]
        if p == 50:
            figures.offload_delay_median_h = hours
        else:
            figures.offload_delay_p95_h = hours


# ----------------------------------------------------------------------------- cases
def _case_figures(session: Session, ctx: Context, scope: Scope, look: _Lookups,
                  rows: dict[tuple[str, str], Figures], months: dict[str, Month],
                  by_type: dict[tuple[str, str], int]) -> None:
    start, end = scope.instants(ctx)
    lead = (select(CaseOfficer.case_id, CaseOfficer.officer_id)
            .where(CaseOfficer.seq == 1).subquery())
    open_findings = (select(RecordingFinding.case_id, func.count().label("n"))
                     .where(RecordingFinding.status == "open")
                     .group_by(RecordingFinding.case_id).subquery())
    cases = (select(Case.unit_id, lead.c.officer_id, Case.type_code, Case.procedure,
                    func.count(), func.sum(case((open_findings.c.n.is_(None), 1), else_=0)),
                    func.coalesce(func.sum(open_findings.c.n), 0))
             .outerjoin(lead, lead.c.case_id == Case.id)
             .outerjoin(open_findings, open_findings.c.case_id == Case.id)
             .where(_in_range(Case.created_at, start, end))
             .group_by(Case.unit_id, lead.c.officer_id, Case.type_code, Case.procedure))
    if scope.unit_id:
        cases = cases.where(Case.unit_id == scope.unit_id)
    for unit_id, officer_id, type_code, procedure, count, complying, findings in \
            session.execute(cases):
        groups = [("total", ""), ("unit", unit_id)]
        if officer_id:
            groups.append(("officer", officer_id))
        for group in groups:
            figures = rows[group]
            figures.cases = (figures.cases or 0) + count
            figures.cases_complying = (figures.cases_complying or 0) + complying
            figures.findings_open = (figures.findings_open or 0) + findings
        by_type[(type_code, procedure)] = by_type.get((type_code, procedure), 0) + count
    month = _month(session, Case.created_at, ctx)
    query = (select(month, func.count()).where(_in_range(Case.created_at, start, end))
             .group_by(month))
    if scope.unit_id:
        query = query.where(Case.unit_id == scope.unit_id)
    for label, count in session.execute(query):
        months[label].cases += count


def _document_figures(session: Session, ctx: Context, scope: Scope,
                      rows: dict[tuple[str, str], Figures], months: dict[str, Month]) -> None:
    start, end = scope.instants(ctx)
    month = _month(session, IssuedDocument.issued_at, ctx)
    query = (select(IssuedDocument.unit_id, month, func.count())
             .where(_in_range(IssuedDocument.issued_at, start, end))
             .group_by(IssuedDocument.unit_id, month))
    if scope.unit_id:
        query = query.where(IssuedDocument.unit_id == scope.unit_id)
    for unit_id, label, count in session.execute(query):
        for group in (("total", ""), ("unit", unit_id)):
            rows[group].documents_issued = (rows[group].documents_issued or 0) + count
        months[label].documents_issued += count


def _review_figures(session: Session, ctx: Context, scope: Scope,
                    rows: dict[tuple[str, str], Figures]) -> None:
    today = ctx.clock.today()
    decided = (select(ReviewStep.review_id, func.min(ReviewStep.at).label("at"))
               .join(CaseReview, and_(CaseReview.id == ReviewStep.review_id,
                                      CaseReview.round == ReviewStep.round))
               .where(ReviewStep.action == "decide")
               .group_by(ReviewStep.review_id).subquery())
    query = (select(Case.unit_id, CaseReview.state, CaseReview.due_on, decided.c.at)
             .join(Case, Case.id == CaseReview.case_id)
             .outerjoin(decided, decided.c.review_id == CaseReview.id)
             .where(CaseReview.submitted_on.between(scope.since, scope.until)))
    if scope.unit_id:
        query = query.where(Case.unit_id == scope.unit_id)
    # One row per review submitted in the range: thousands a year, not millions.
    for unit_id, state, due_on, decided_at in session.execute(query):
        on_time = (decided_at is not None and due_on is not None
                   and ctx.clock.local(decided_at).date() <= due_on)
        overdue = state in (SUBMITTED, IN_REVIEW) and due_on is not None and today > due_on
        for group in (("total", ""), ("unit", unit_id)):
            figures = rows[group]
            figures.reviews_submitted = (figures.reviews_submitted or 0) + 1
            figures.reviews_decided = (figures.reviews_decided or 0) + (decided_at is not None)
            figures.reviews_on_time = (figures.reviews_on_time or 0) + on_time
            figures.reviews_overdue = (figures.reviews_overdue or 0) + overdue


def _disclosure_figures(session: Session, ctx: Context, scope: Scope,
                        rows: dict[tuple[str, str], Figures]) -> None:
    today = ctx.clock.today()
    record = DisclosureRecord
    query = (select(Case.unit_id, func.count(),
                    func.sum(case((record.published_on.is_not(None), 1), else_=0)),
                    func.sum(case((record.published_on <= record.deadline, 1), else_=0)),
                    func.sum(case((and_(record.published_on.is_(None),
                                        record.deadline < today), 1), else_=0)))
             .join(Case, Case.id == record.case_id)
             .where(record.decided_on.between(scope.since, scope.until),
                    record.withheld.is_(None))
             .group_by(Case.unit_id))
    if scope.unit_id:
        query = query.where(Case.unit_id == scope.unit_id)
    for unit_id, due, published, on_time, overdue in session.execute(query):
        for group in (("total", ""), ("unit", unit_id)):
            figures = rows[group]
            figures.disclosures_due = (figures.disclosures_due or 0) + due
            figures.disclosures_published = (figures.disclosures_published or 0) + published
            figures.disclosures_on_time = (figures.disclosures_on_time or 0) + on_time
            figures.disclosures_overdue = (figures.disclosures_overdue or 0) + overdue


def _device_figures(ctx: Context, scope: Scope, rows: dict[tuple[str, str], Figures]) -> None:
    for ratio in ratio_report(ctx):
        if scope.unit_id and ratio.unit_id != scope.unit_id:
            continue
        for group in (("total", ""), ("unit", ratio.unit_id), ("device_type", ratio.device_type)):
            figures = rows[group]
            figures.devices_in_service = (figures.devices_in_service or 0) + ratio.in_service
            figures.devices_required = (figures.devices_required or 0) + ratio.required
            figures.devices_shortfall = (figures.devices_shortfall or 0) + ratio.shortfall


# ----------------------------------------------------------------------------- the whole
def _zero_counts(figures: Figures, names: tuple[str, ...]) -> None:
    for name in names:
        if getattr(figures, name) is None:
            setattr(figures, name, 0)


UNIT_COUNTS = ("cases", "cases_complying", "findings_open", "documents_issued",
               "reviews_submitted", "reviews_decided", "reviews_on_time", "reviews_overdue",
               "disclosures_due", "disclosures_published", "disclosures_on_time",
               "disclosures_overdue")


def _months_between(since: date, until: date) -> list[str]:
    out, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def compute_statistics(ctx: Context, since: date | None, until: date | None,
                       unit_id: str | None = None, *, late_hours: int | None = None,
                       language: str = "zh_CN") -> Statistics:
    """Every figure for the bureau's days ``since``..``until`` (both included), for one
    unit or all. ``late_hours`` overrides the late-offload setting."""
    require_statistics(ctx)
    scope = check_scope(since, until, unit_id)
    hours = late_offload_hours(ctx) if late_hours is None else int(late_hours)
    rows: dict[tuple[str, str], Figures] = defaultdict(Figures)
    months = {label: Month(label) for label in _months_between(scope.since, scope.until)}
    by_type: dict[tuple[str, str], int] = {}
    with ctx.read() as session:
        look = _lookups(session, language)
        if scope.unit_id and scope.unit_id not in look.units:
            raise InvalidInput(f"未找到科室：{scope.unit_id}", f"no such unit: {scope.unit_id}")
        _footage_figures(session, ctx, scope, look, hours * 3600.0, rows, months)
        _case_figures(session, ctx, scope, look, rows, months, by_type)
        _document_figures(session, ctx, scope, rows, months)
        _review_figures(session, ctx, scope, rows)
        _disclosure_figures(session, ctx, scope, rows)
    _device_figures(ctx, scope, rows)
    for key, figures in rows.items():
        if key[0] in ("total", "unit"):
            _zero_counts(figures, UNIT_COUNTS + ("devices_in_service", "devices_required",
                                                 "devices_shortfall"))
        elif key[0] == "officer":
            _zero_counts(figures, ("cases", "cases_complying", "findings_open"))
        elif key[0] == "device_type":
            _zero_counts(figures, ("devices_in_service", "devices_required",
                                   "devices_shortfall"))
        if figures.cases:
            figures.compliance_rate = figures.cases_complying / figures.cases
    return _assemble(ctx, scope, look, hours, rows, months, by_type)


def _assemble(ctx: Context, scope: Scope, look: _Lookups, hours: int,
              rows: dict[tuple[str, str], Figures], months: dict[str, Month],
              by_type: dict[tuple[str, str], int]) -> Statistics:
    unit_ids = [scope.unit_id] if scope.unit_id else sorted(look.units,
                                                            key=lambda u: look.units[u][0])
    units = [Row("unit", u, look.units[u][0], figures=rows.get(("unit", u)) or _empty("unit"))
             for u in unit_ids]
    if rows.get(("unit", NO_UNIT)) and rows[("unit", NO_UNIT)].footage_count:
        units.append(Row("unit", NO_UNIT, "—", figures=rows[("unit", NO_UNIT)]))
    officer_ids = [o for o, (_n, u) in look.officers.items()
                   if not scope.unit_id or u == scope.unit_id]
    officers = sorted((Row("officer", o, look.officers[o][0],
                           look.units.get(look.officers[o][1], ("",))[0],
                           rows.get(("officer", o)) or _empty("officer"))
                       for o in officer_ids), key=lambda r: (r.unit_name or "", r.name))
    type_codes = sorted({k for kind, k in rows if kind == "device_type"})
    device_types = [Row("device_type", code, look.types.get(code, "—") if code else "—",
                        figures=rows[("device_type", code)]) for code in type_codes]
    cases_by_type = sorted((TypeCount(t, look.case_types.get(t, t), p, n)
                            for (t, p), n in by_type.items()),
                           key=lambda c: (c.type_code, c.procedure))
    return Statistics(scope.since, scope.until, scope.unit_id,
                      look.units[scope.unit_id][0] if scope.unit_id else None,
                      ctx.clock.today(), hours,
                      Row("total", "", "合计", figures=rows.get(("total", "")) or _empty("unit")),
                      units, officers, device_types, cases_by_type, list(months.values()))


def _empty(kind: str) -> Figures:
    figures = Figures()
    if kind == "unit":
        _zero_counts(figures, UNIT_COUNTS + ("devices_in_service", "devices_required",
                                             "devices_shortfall"))
    elif kind == "officer":
        _zero_counts(figures, ("cases", "cases_complying", "findings_open"))
    return figures
