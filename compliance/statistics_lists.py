"""The list behind a figure of the recording statistics (drill-down): which clips, cases,
findings, documents, reviews or disclosures a number counts, for the whole bureau or one
unit, officer or device type. The same rules as compliance.statistics, row by row."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from core.context import Context
from core.errors import InvalidInput
from db.models import (Case, CaseOfficer, CaseReview, Device, DisclosureRecord, Footage,
                       IssuedDocument, Officer, RecordingFinding, Unit)
from compliance.statistics import Scope, _in_range, late_offload_hours, require_statistics
from review.states import IN_REVIEW, SUBMITTED

LIMIT = 500
GROUP_KINDS = ("unit", "officer", "device_type")

# figure -> (title zh, title en)
FIGURES = {
    "footage_count": ("录制的音视频", "footage recorded"),
    "late_offloads": ("逾期导入的音视频", "footage offloaded late"),
    "cases": ("立案的案件", "cases registered"),
    "cases_noncomplying": ("有未处理音像记录问题的案件", "cases with open recording findings"),
    "findings_open": ("未处理的音像记录问题", "open recording findings"),
    "documents_issued": ("出具的执法文书", "documents issued"),
    "reviews_overdue": ("逾期未审核的法制审核", "legal reviews overdue"),
    "disclosures_overdue": ("逾期未公示的结果", "results overdue for disclosure"),
}
ALIASES = {"footage_hours": "footage_count", "cases_complying": "cases",
           "compliance_rate": "cases_noncomplying"}

COLUMNS = {
    "footage": (("recorded_at", "录制时间", "recorded"), ("name", "文件名", "file"),
                ("officer", "执法人员", "officer"), ("device", "记录仪", "recorder"),
                ("minutes", "时长（分钟）", "minutes"), ("delay_h", "导入延迟（小时）",
                                                      "offload delay (h)")),
    "cases": (("number", "案件编号", "case number"), ("type", "案件类型", "type"),
              ("unit", "承办科室", "unit"), ("created_at", "立案时间", "registered"),
              ("status", "状态", "status"), ("findings", "未处理问题", "open findings")),
    "findings": (("number", "案件编号", "case number"), ("kind", "问题类别", "kind"),
                 ("step", "办案环节", "step"), ("found_at", "发现时间", "found")),
    "documents": (("number", "文书编号", "number"), ("title", "文书名称", "title"),
                  ("case", "案件编号", "case"), ("issued_at", "出具时间", "issued")),
    "reviews": (("case", "案件编号", "case"), ("submitted_on", "送审日期", "submitted"),
                ("due_on", "审核期限", "due"), ("reviewer", "审核人员", "reviewer")),
    "disclosures": (("case", "案件编号", "case"), ("decided_on", "决定日期", "decided"),
                    ("deadline", "公示期限", "deadline"), ("status", "状态", "status")),
}
KIND_NAMES = {"missing_recording": "缺少音像记录", "segment_gap": "录像中断",
              "late_offload": "逾期导入"}


@dataclass(frozen=True)
class DrillDown:
    figure: str
    title: str
    columns: tuple[tuple[str, str, str], ...]      # key, Chinese heading, English heading
    rows: list[tuple[str, ...]]
    total: int                                       # rows counted (``rows`` holds at most LIMIT)

    def headings(self, language: str = "zh_CN") -> list[str]:
        return [en if language.startswith("en") else zh for _k, zh, en in self.columns]

    def as_json(self) -> dict[str, Any]:
        return {"figure": self.figure, "title": self.title, "total": self.total,
                "rows": [dict(zip((c[0] for c in self.columns), row)) for row in self.rows]}


def _footage_group(session, group: tuple[str, str] | None):  # noqa: ANN001, ANN202
    if group is None:
        return None
    kind, key = group
    if kind == "officer":
        return Footage.officer_id == key
    if kind == "device_type":
        return Footage.device_serial.in_(select(Device.serial).where(Device.type_code == key))
    return or_(Footage.officer_id.in_(select(Officer.id).where(Officer.unit_id == key)),
               and_(Footage.officer_id.is_(None), Footage.device_serial.in_(
                   select(Device.serial).where(Device.unit_id == key))))


def _case_group(group: tuple[str, str] | None, scope: Scope):  # noqa: ANN202
    conditions = []
    if scope.unit_id:
        conditions.append(Case.unit_id == scope.unit_id)
    if group is not None:
        kind, key = group
        if kind == "unit":
            conditions.append(Case.unit_id == key)
        elif kind == "officer":
            conditions.append(Case.id.in_(select(CaseOfficer.case_id).where(
                CaseOfficer.officer_id == key, CaseOfficer.seq == 1)))
        else:
            raise InvalidInput("案件不按设备类型统计", "cases are not counted by device type")
    return conditions


def _fmt(ctx: Context, instant) -> str:  # noqa: ANN001
    return ctx.clock.local(instant).strftime("%Y-%m-%d %H:%M") if instant else ""


def _page(session, query: Select) -> tuple[list, int]:  # noqa: ANN001
    total = session.execute(select(func.count()).select_from(query.order_by(None)
                                                             .subquery())).scalar_one()
    return session.execute(query.limit(LIMIT)).all(), total


def drill_down(ctx: Context, scope: Scope, figure: str,
               group: tuple[str, str] | None = None, *, language: str = "zh_CN") -> DrillDown:
    """The rows behind ``figure`` (a key of FIGURES, or a figure that counts the same rows)
    for ``group`` (("unit"|"officer"|"device_type", id)) or the whole scope; at most LIMIT
    rows, newest first, with the full count."""
    require_statistics(ctx)
    figure = ALIASES.get(figure, figure)
    if figure not in FIGURES:
        raise InvalidInput(f"没有“{figure}”这一数字的明细", f"no list behind the figure '{figure}'")
    if group is not None and group[0] not in GROUP_KINDS:
        raise InvalidInput(f"未知的分组：{group[0]}", f"unknown group: {group[0]}")
    zh, en = FIGURES[figure]
    start, end = scope.instants(ctx)
    with ctx.read() as session:
        if figure in ("footage_count", "late_offloads"):
            kind, rows, total = "footage", *_footage(ctx, session, scope, figure, group,
                                                     start, end)
        elif figure in ("cases", "cases_noncomplying"):
            kind, rows, total = "cases", *_cases(ctx, session, scope, figure, group, start, end)
        elif figure == "findings_open":
            query = (select(Case.number, RecordingFinding.kind, RecordingFinding.step,
                            RecordingFinding.found_at)
                     .join(Case, Case.id == RecordingFinding.case_id)
                     .where(RecordingFinding.status == "open",
                            _in_range(Case.created_at, start, end), *_case_group(group, scope))
                     .order_by(RecordingFinding.found_at.desc(), RecordingFinding.id))
            found, total = _page(session, query)
            kind = "findings"
            rows = [(n, KIND_NAMES.get(k, k) if not language.startswith("en") else k,
                     s or "", _fmt(ctx, at)) for n, k, s, at in found]
        elif figure == "documents_issued":
            query = (select(IssuedDocument.number, IssuedDocument.title, Case.number,
                            IssuedDocument.issued_at)
                     .join(Case, Case.id == IssuedDocument.case_id)
                     .where(_in_range(IssuedDocument.issued_at, start, end))
                     .order_by(IssuedDocument.issued_at.desc(), IssuedDocument.id))
            if scope.unit_id:
                query = query.where(IssuedDocument.unit_id == scope.unit_id)
            if group is not None:
                if group[0] != "unit":
                    raise InvalidInput("文书按科室统计", "documents are counted by unit")
                query = query.where(IssuedDocument.unit_id == group[1])
            found, total = _page(session, query)
            kind, rows = "documents", [(n, t, c, _fmt(ctx, at)) for n, t, c, at in found]
        elif figure == "reviews_overdue":
            today = ctx.clock.today()
            query = (select(Case.number, CaseReview.submitted_on, CaseReview.due_on,
                            CaseReview.reviewer)
                     .join(Case, Case.id == CaseReview.case_id)
                     .where(CaseReview.submitted_on.between(scope.since, scope.until),
                            CaseReview.state.in_((SUBMITTED, IN_REVIEW)),
                            CaseReview.due_on < today, *_case_group(group, scope))
                     .order_by(CaseReview.due_on, Case.number))
            found, total = _page(session, query)
            kind, rows = "reviews", [(n, str(s), str(d), r or "") for n, s, d, r in found]
        else:
            today = ctx.clock.today()
            query = (select(Case.number, DisclosureRecord.decided_on, DisclosureRecord.deadline,
                            DisclosureRecord.status)
                     .join(Case, Case.id == DisclosureRecord.case_id)
                     .where(DisclosureRecord.decided_on.between(scope.since, scope.until),
                            DisclosureRecord.withheld.is_(None),
                            DisclosureRecord.published_on.is_(None),
                            DisclosureRecord.deadline < today, *_case_group(group, scope))
                     .order_by(DisclosureRecord.deadline, Case.number))
            found, total = _page(session, query)
            kind, rows = "disclosures", [(n, str(d), str(x), s) for n, d, x, s in found]
    return DrillDown(figure, en if language.startswith("en") else zh, COLUMNS[kind],
                     rows, total)


def _footage(ctx: Context, session, scope: Scope, figure: str,  # noqa: ANN001
             group: tuple[str, str] | None, start, end) -> tuple[list, int]:  # noqa: ANN001
    query = (select(Footage.recorded_at, Footage.original_name, Officer.name,
                    Footage.device_serial, Footage.duration_s, Footage.offload_delay_s)
             .outerjoin(Officer, Officer.id == Footage.officer_id)
             .where(_in_range(Footage.recorded_at, start, end))
             .order_by(Footage.recorded_at.desc(), Footage.id))
    for condition in (_footage_group(session, group),
                      _footage_group(session, ("unit", scope.unit_id)) if scope.unit_id
                      else None):
        if condition is not None:
            query = query.where(condition)
    if figure == "late_offloads":
        # More than N hours: the delay hour is N or more (db.models.footage.offload_delay).
        query = query.where(Footage.offload_delay_h >= late_offload_hours(ctx))
    found, total = _page(session, query)
    return [(_fmt(ctx, at), name, officer or "", serial or "",
             f"{(seconds or 0) / 60:.1f}", f"{value / 3600:.1f}")
            for at, name, officer, serial, seconds, value in found], total


def _cases(ctx: Context, session, scope: Scope, figure: str,  # noqa: ANN001
           group: tuple[str, str] | None, start, end) -> tuple[list, int]:  # noqa: ANN001
    open_findings = (select(RecordingFinding.case_id, func.count().label("n"))
                     .where(RecordingFinding.status == "open")
                     .group_by(RecordingFinding.case_id).subquery())
    query = (select(Case.number, Case.type_code, Unit.name, Case.created_at, Case.status,
                    func.coalesce(open_findings.c.n, 0))
             .join(Unit, Unit.id == Case.unit_id)
             .outerjoin(open_findings, open_findings.c.case_id == Case.id)
             .where(_in_range(Case.created_at, start, end), *_case_group(group, scope))
             .order_by(Case.created_at.desc(), Case.id))
    if figure == "cases_noncomplying":
        query = query.where(open_findings.c.n.is_not(None))
    found, total = _page(session, query)
    return [(n, t, u, _fmt(ctx, at), s, str(f)) for n, t, u, at, s, f in found], total
