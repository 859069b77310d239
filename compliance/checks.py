"""The per-case recording check and its persisted findings.

CONTRACT (with the statistics of issue 19 item 4, compliance/statistics*.py):

* Findings are PERSISTED in ``db.models.compliance.RecordingFinding`` (table
  ``recording_finding``): id, case_id (FK enforcement_case, indexed), step_id (FK case_step,
  nullable), step (code, nullable), kind ("missing_recording" | "segment_gap" |
  "late_offload"), key (the finding's identity in its case, unique per case), status
  ("open" | "excused" | "acknowledged" | "resolved"), detail (JSON text {"zh", "en", ...}),
  found_at, changed_at (UtcDateTime), acknowledgement_id; index (status, case_id).
* ``refresh_case(session, case_id, now=...)`` recomputes one case's findings inside the
  caller's transaction. It is called where what it depends on changes: a file linked to or
  unlinked from a case (casework.hooks.EVIDENCE_CHANGED), a step recorded (STEP_RECORDED),
  before closing (BEFORE_CLOSING), a reason approved (compliance.reasons), an
  acknowledgement (compliance.acknowledgement) and ``lawdesk compliance check``.
* A case COMPLIES when it has no finding with status "open". Excused (a section head
  approved a reason), acknowledged (accepted at closing) and resolved findings do not count
  against it.

The rules (a step is checked against the item list in force on the step's day):

* missing_recording: a step whose item is "full" or "required" has no video or audio linked
  to that step whose recording time [recorded_at, recorded_at + duration] overlaps the step's
  day (in the bureau's zone). A reason approved for the step excuses it.
* segment_gap: in a "full" step, consecutive segments of one recorder (device serial) whose
  gap (next start - previous end) is longer than compliance.segment_gap_seconds. Excused by
  the step's approved reason too.
* late_offload: a linked file stored in the footage store more than
  compliance.late_offload_hours after its recording ended (公通字〔2016〕14号: offloaded the
  day the work ends, within 24 hours where that cannot be done).

A finding keeps its row across re-checks (matched by ``key``); one no longer found becomes
"resolved", and one found again after that is open again. Rows change only when something
changed, so a re-check that finds the same writes nothing to the ledger.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.errors import FINDING_KINDS
from casework.procedures import procedures
from compliance.items import CHECKED, FULL, all_versions, in_force
from config.settings import setting_in
from core.canonical import canonical_json
from core.clock import BUREAU_ZONE
from db.models import Case, CaseStep, EvidenceLink, Footage, RecordingFinding, RecordingReason

MISSING, GAP, LATE = "missing_recording", "segment_gap", "late_offload"
OPEN, EXCUSED, ACKNOWLEDGED, RESOLVED = "open", "excused", "acknowledged", "resolved"
STATUSES = (OPEN, EXCUSED, ACKNOWLEDGED, RESOLVED)
MEDIA = ("video", "audio")
ZONE = ZoneInfo(BUREAU_ZONE)


@dataclass(frozen=True)
class Found:
    """A finding as computed, before it meets its row."""

    kind: str
    key: str
    step: str | None
    step_id: str | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class Segment:
    sha256: str
    step: str
    kind: str
    device: str | None
    start: datetime | None
    seconds: float | None
    stored: datetime

    @property
    def end(self) -> datetime | None:
        return None if self.start is None else self.start + timedelta(seconds=self.seconds or 0)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The bureau's calendar day as a UTC interval [start, end)."""
    start = datetime.combine(day, time.min, tzinfo=ZONE).astimezone(timezone.utc)
    return start, start + timedelta(days=1)


def _overlaps(segment: Segment, day: date) -> bool:
    if segment.start is None:
        return False
    start, end = day_bounds(day)
    # Ending on the stroke of midnight recorded nothing of the day; a clip of unknown
    # length counts on the day it began.
    return segment.start < end and (segment.end > start or segment.start >= start)


def _local(instant: datetime) -> str:
    return instant.astimezone(ZONE).strftime("%Y-%m-%d %H:%M:%S")


def _segments(session: Session, case_id: str) -> list[Segment]:
    rows = session.execute(
        select(EvidenceLink.step, Footage)
        .join(Footage, Footage.sha256 == EvidenceLink.sha256)
        .where(EvidenceLink.case_id == case_id)).all()
    return [Segment(f.sha256, step, f.kind, f.device_serial, f.recorded_at, f.duration_s,
                    f.verified_at) for step, f in rows]


def _missing(step: CaseStep, item_text: dict[str, str], linked: list[Segment]) -> Found:
    elsewhere = [s for s in linked if s.step == step.step and s.kind in MEDIA]
    zh = (f"“{item_text['zh']}”须音像记录（{item_text['mode_zh']}），该环节（{step.done_on}）"
          "没有当日录制的音视频关联")
    en = (f"'{item_text['en']}' must be recorded ({item_text['mode_en']}); no video or audio "
          f"recorded on the step's day ({step.done_on}) is linked to it")
    if elsewhere:
        zh += f"（已关联 {len(elsewhere)} 个文件，录制时间不在当日）"
        en += f" ({len(elsewhere)} linked files were recorded on other days)"
    return Found(MISSING, f"{MISSING}:{step.step}", step.step, step.id,
                 {"zh": zh, "en": en, "day": step.done_on.isoformat(),
                  "source": item_text["source"]})


def _gaps(step: CaseStep, media: list[Segment], limit: int) -> Iterable[Found]:
    by_device: dict[str | None, list[Segment]] = {}
    for segment in media:
        by_device.setdefault(segment.device, []).append(segment)
    for device, segments in sorted(by_device.items(), key=lambda kv: kv[0] or ""):
        segments.sort(key=lambda s: (s.start, s.sha256))
        for before, after in zip(segments, segments[1:]):
            if before.seconds is None:
                continue  # the length is unknown (an unreadable file): no gap can be measured
            gap = (after.start - before.end).total_seconds()
            if gap <= limit:
                continue
            recorder = device or "?"
            yield Found(GAP, f"{GAP}:{step.step}:{before.sha256}:{after.sha256}", step.step,
                        step.id, {
                            "zh": f"记录仪 {recorder} 在 {_local(before.end)} 至 "
                                  f"{_local(after.start)} 中断 {round(gap)} 秒（允许 {limit} 秒）",
                            "en": f"recorder {recorder} stopped for {round(gap)} s from "
                                  f"{_local(before.end)} to {_local(after.start)} (allowed "
                                  f"{limit} s)",
                            "gap_seconds": round(gap, 3), "device": device,
                            "before": before.sha256, "after": after.sha256})


def _late(linked: list[Segment], hours: int) -> Iterable[Found]:
    seen: set[str] = set()
    for segment in sorted(linked, key=lambda s: (s.sha256, s.step)):
        if segment.sha256 in seen or segment.end is None:
            continue
        seen.add(segment.sha256)
        delay = (segment.stored - segment.end).total_seconds() / 3600
        if delay > hours:
            yield Found(LATE, f"{LATE}:{segment.sha256}", segment.step, None, {
                "zh": f"文件 {segment.sha256[:12]}… 录制结束于 {_local(segment.end)}，"
                      f"{_local(segment.stored)} 才导入（{delay:.1f} 小时，限 {hours} 小时）",
                "en": f"file {segment.sha256[:12]}… ended recording at {_local(segment.end)} and "
                      f"was offloaded at {_local(segment.stored)} ({delay:.1f} h; limit "
                      f"{hours} h)", "hours": round(delay, 2), "sha256": segment.sha256})


def compute(session: Session, case: Case) -> list[Found]:
    """What the rules find in the case now, without touching its rows."""
    steps = session.execute(select(CaseStep).where(CaseStep.case_id == case.id)
                            .order_by(CaseStep.done_on, CaseStep.step)).scalars().all()
    linked = _segments(session, case.id)
    versions = all_versions(session)
    limit = int(setting_in(session, "compliance.segment_gap_seconds"))
    found: list[Found] = []
    for step in steps:
        item = in_force(versions, step.done_on).requirement(case.type_code, step.step)
        if item is None or item.mode not in CHECKED:
            continue
        media = [s for s in linked if s.step == step.step and s.kind in MEDIA
                 and _overlaps(s, step.done_on)]
        if not media:
            found.append(_missing(step, {"zh": item.activity_zh, "en": item.activity_en,
                                         "mode_zh": item.mode_label("zh_CN"),
                                         "mode_en": item.mode_label("en"),
                                         "source": item.source}, linked))
        elif item.mode == FULL:
            found.extend(_gaps(step, media, limit))
    found.extend(_late(linked, int(setting_in(session, "compliance.late_offload_hours"))))
    return found


def _status_for(found: Found, excused_steps: set[str]) -> str:
    return EXCUSED if found.kind in (MISSING, GAP) and found.step in excused_steps else OPEN


def refresh_case(session: Session, case_id: str, *, now: datetime | None = None
                 ) -> list[RecordingFinding]:
    """Bring the case's findings up to date in the caller's transaction; returns every
    finding row of the case (resolved ones too), in the order found."""
    now = now or datetime.now(timezone.utc)
    case = session.get(Case, case_id)
    found = {f.key: f for f in compute(session, case)}
    excused = set(session.execute(select(RecordingReason.step).where(
        RecordingReason.case_id == case_id)).scalars())
    rows = {r.key: r for r in session.execute(select(RecordingFinding).where(
        RecordingFinding.case_id == case_id)).scalars()}
    for key, item in found.items():
        detail = canonical_json(item.detail)
        want = _status_for(item, excused)
        row = rows.get(key)
        if row is None:
            rows[key] = row = RecordingFinding(
                case_id=case_id, step_id=item.step_id, step=item.step, kind=item.kind, key=key,
                status=want, detail=detail, found_at=now, changed_at=now)
            session.add(row)
            continue
        status = row.status
        if status == RESOLVED or (status in (OPEN, EXCUSED) and status != want):
            status = want
        if (row.status, row.detail, row.step_id) != (status, detail, item.step_id):
            row.status, row.detail, row.step_id, row.changed_at = status, detail, item.step_id, now
    for key, row in rows.items():
        if key not in found and row.status != RESOLVED:
            row.status, row.changed_at = RESOLVED, now
    session.flush()
    return sorted(rows.values(), key=lambda r: (r.found_at, r.key))


def step_name(code: str | None, language: str = "zh_CN") -> str | None:
    """A step's name in the language (step codes mean the same in every procedure)."""
    for proc in procedures().values():
        for step in proc.steps:
            if step.code == code:
                return step.name(language)
    return code


def finding_json(row: RecordingFinding, language: str = "zh_CN") -> dict[str, Any]:
    detail = json.loads(row.detail)
    zh, en = FINDING_KINDS[row.kind]
    return {"id": row.id, "kind": row.kind, "kind_name": en if language.startswith("en") else zh,
            "status": row.status, "step": row.step, "step_name": step_name(row.step, language),
            "key": row.key,
            "detail": detail["en"] if language.startswith("en") else detail["zh"],
            "facts": {k: v for k, v in detail.items() if k not in ("zh", "en")},
            "found_at": row.found_at.isoformat(), "changed_at": row.changed_at.isoformat(),
            "acknowledgement_id": row.acknowledgement_id}
