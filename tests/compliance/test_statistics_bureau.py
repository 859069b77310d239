"""A small bureau whose recording statistics are counted by hand (tests/compliance/
test_statistics*.py and tests/desktop/test_recording_dashboard.py).

Today is 2026-06-15 (the ``clock`` fixture). The range counted is 2026-03-01..2026-05-31 in
Beijing time. Units 综合科 (王五, 赵六; recorders BC-1 and AR-1) and 法制科 (李四; BC-2);
the default ratio standard: one body camera per certified officer.

Footage (delay = offload − end of recording; late: more than 24 h):
  F1 王五 BC-1 03-10 09:00, 600 s,  delay 6 h
  F2 王五 BC-1 03-20 09:00, 1800 s, delay 30 h   late
  F3 赵六 BC-1 04-05 10:00, 1200 s, delay 2 h
  F4 李四 BC-2 04-06 10:00, 3600 s, delay 25 h   late
  F5 nobody AR-1 05-31 23:30, 300 s, delay 1 h  (综合科 by its recorder; last day, 15:30 UTC)
  F9 赵六 BC-1 05-02 08:00, 600 s,  delay 24 h exactly: not late
  out of range: F6 06-01 00:10 (still May in UTC), F7 02-28 23:50, F8 no recording time
Cases (created_at; lead officer; findings):
  C1 综合 administrative_penalty ordinary   03-05 王五: open + resolved  -> not complying
  C2 综合 administrative_penalty simplified 04-01 赵六: excused           -> complying
  C3 法制 inspection ordinary               05-31 23:00 李四: none        -> complying
  C5 综合 administrative_penalty ordinary   04-10 王五: two open          -> not complying
  C4 综合 06-01 01:00 (out of range) with an open finding
Documents: D1 综合 03-06, D2 法制 05-01, D3 综合 06-02 (out).
Reviews: R1 C1 submitted 03-10 due 03-19, decided 03-19 23:30 (on time);
  R2 C5 submitted 04-20 due 04-29, still in review (overdue); R3 C3 submitted 05-20 due 05-29,
  decided 05-30 (late).
Disclosures: P1 C1 deadline 03-27 published 03-27 (on time); P2 C5 deadline 04-22 published
  04-23 (late); P3 C3 deadline 05-17 unpublished (overdue); P4 C2 withheld (not counted).
"""
from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from core.actor import Actor
from core.clock import fixed_clock
from db.models import (Case, CaseOfficer, CaseReview, DisclosureRecord, Footage, IssuedDocument,
                       OffloadSession, Officer, RecordingFinding, ReviewStep)
from devices.ratio import set_standard
from devices.registry import add_device
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

BJ = ZoneInfo("Asia/Shanghai")
SINCE, UNTIL = date(2026, 3, 1), date(2026, 5, 31)


def bj(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BJ)


FOOTAGE = (  # name, officer, serial, recorded, duration s, delay h
    ("F1", "王五", "BC-1", bj(3, 10), 600, 6),
    ("F2", "王五", "BC-1", bj(3, 20), 1800, 30),
    ("F3", "赵六", "BC-1", bj(4, 5, 10), 1200, 2),
    ("F4", "李四", "BC-2", bj(4, 6, 10), 3600, 25),
    ("F5", None, "AR-1", bj(5, 31, 23, 30), 300, 1),
    ("F9", "赵六", "BC-1", bj(5, 2, 8), 600, 24),
    ("F6", "王五", "BC-1", bj(6, 1, 0, 10), 600, 1),
    ("F7", "王五", "BC-1", bj(2, 28, 23, 50), 600, 1),
    ("F8", "赵六", "BC-1", None, 600, 1),
)


def build(ctx, now: datetime) -> None:  # noqa: ANN001
    add_unit(ctx, "综合科", "综合")
    add_unit(ctx, "法制科", "法制")
    far, since = date(2030, 1, 1), date(2020, 1, 1)
    add_officer(ctx, "王五", "综合", CertificateInput("C-WANG", far, since))
    add_officer(ctx, "赵六", "综合", CertificateInput("C-ZHAO", far, since))
    add_officer(ctx, "李四", "法制", CertificateInput("C-LI", far, since))
    add_device(ctx, "BC-1", "body_camera", "综合")
    add_device(ctx, "AR-1", "audio_recorder", "综合")
    add_device(ctx, "BC-2", "body_camera", "法制")
    set_standard(ctx, None, "body_camera", officers_per_device=1)
    with ctx.write("test.statistics_seed") as session:
        officers = {o.name: o for o in session.query(Officer)}
        units = {o.name: o.unit_id for o in officers.values()}
        session.add(OffloadSession(id="s1", started_at=now, username="admin", profile="generic",
                                   source_root="/media", status="finished"))
        session.flush()
        for n, (name, officer, serial, recorded, duration, delay) in enumerate(FOOTAGE):
            offloaded = ((recorded or bj(4, 1)) + timedelta(seconds=duration, hours=delay))
            session.add(Footage(id=name, sha256=f"{n:064x}", size=1000, kind="video",
                                original_name=f"{name}.mp4", device_serial=serial,
                                officer_id=officers[officer].id if officer else None,
                                recorded_at=recorded, duration_s=float(duration),
                                session_id="s1", verified_at=offloaded))
        cases = (  # id, unit of (officer), type, procedure, created, lead
            ("C1", "王五", "administrative_penalty", "ordinary", bj(3, 5)),
            ("C2", "赵六", "administrative_penalty", "simplified", bj(4, 1)),
            ("C3", "李四", "inspection", "ordinary", bj(5, 31, 23)),
            ("C5", "王五", "administrative_penalty", "ordinary", bj(4, 10)),
            ("C4", "王五", "administrative_penalty", "ordinary", bj(6, 1, 1)),
        )
        for case_id, lead, type_code, procedure, created in cases:
            session.add(Case(id=case_id, number=f"案-{case_id}", type_code=type_code,
                             procedure=procedure, unit_id=units[lead], cause="案由",
                             created_at=created, created_by="admin"))
        session.flush()
        for case_id, lead, *_rest in cases:
            session.add(CaseOfficer(case_id=case_id, officer_id=officers[lead].id, seq=1,
                                    certificate_number="C"))
        findings = (("C1", "open"), ("C1", "resolved"), ("C2", "excused"), ("C5", "open"),
                    ("C5", "open"), ("C4", "open"))
        for n, (case_id, status) in enumerate(findings):
            session.add(RecordingFinding(case_id=case_id, kind="missing_recording",
                                         key=f"k{n}", status=status, detail="{}",
                                         found_at=now, changed_at=now))
        for doc_id, case_id, lead, issued in (("D1", "C1", "王五", bj(3, 6)),
                                              ("D2", "C3", "李四", bj(5, 1)),
                                              ("D3", "C5", "王五", bj(6, 2))):
            session.add(IssuedDocument(id=doc_id, case_id=case_id, kind="decision",
                                       title="行政处罚决定书", unit_id=units[lead], year=2026,
                                       seq=int(doc_id[1]), number=f"文-{doc_id}",
                                       sha256="0" * 64, size=1, pages=1, font="f", fields="{}",
                                       issued_at=issued, issued_by="admin"))
        for review_id, case_id, submitted, due, state, decided in (
                ("R1", "C1", date(2026, 3, 10), date(2026, 3, 19), "agreed", bj(3, 19, 23, 30)),
                ("R2", "C5", date(2026, 4, 20), date(2026, 4, 29), "in_review", None),
                ("R3", "C3", date(2026, 5, 20), date(2026, 5, 29), "agreed", bj(5, 30, 10))):
            session.add(CaseReview(id=review_id, case_id=case_id, state=state, round=1,
                                   submitted_on=submitted, due_on=due, reviewer="reviewer",
                                   outcome="agreed" if decided else None))
            session.flush()
            if decided:
                session.add(ReviewStep(review_id=review_id, seq=2, round=1, action="decide",
                                       state="agreed", outcome="agreed", actor="reviewer",
                                       at=decided))
        for record_id, case_id, decided_on, deadline, published, withheld in (
                ("P1", "C1", date(2026, 3, 20), date(2026, 3, 27), date(2026, 3, 27), None),
                ("P2", "C5", date(2026, 4, 15), date(2026, 4, 22), date(2026, 4, 23), None),
                ("P3", "C3", date(2026, 5, 10), date(2026, 5, 17), None, None),
                ("P4", "C2", date(2026, 4, 2), date(2026, 4, 9), None, "privacy")):
            session.add(DisclosureRecord(
                id=record_id, case_id=case_id, rule_code="penalty_decision",
                status="published" if published else "drafted", decided_on=decided_on,
                deadline=deadline, natural_person=False, withheld=withheld, original="{}",
                masked="{}", masks="[]", drafted_at=now, drafted_by="clerk",
                published_on=published))


def make_template(initialised: Path, target: Path, now: datetime) -> Path:
    """The bureau above, built once on a copy of the initialised data folder."""
    shutil.copytree(initialised, target)
    workspace = Workspace.open(target, clock=fixed_clock(now))
    build(workspace.context(Actor("admin", frozenset({"admin"}))), now)
    workspace.close()
    return target
