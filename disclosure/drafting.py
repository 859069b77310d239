"""Disclosure records draft themselves when a decision is recorded.

The hooks: disclosure.hooks registers ``on_document_issued`` and ``on_step_recorded`` as
casework hooks (casework.hooks) on the workspace's write sessions: DOCUMENT_ISSUED, called
at the end of issue_document, and STEP_RECORDED, at the end of record_step. Each
asks the rules whether that is the trigger of a disclosed result of the case:
"document:penalty_decision" (the 行政处罚决定书 is issued), "step:decision" (a permit or
compulsory-measure case records its decision), "step:closing" (an inspection case records
its closing: the inspection result, the closing step's note its conclusion). If so a record
is drafted in the same transaction and ledger as the document or step: issuing never
commits without its draft, and a case that no rule covers is issued as before.

The deadline is the rule's number of working days after the decision date (the day the
decision document is issued; the step's date) on the shared calendar (workdays); a year the
calendar does not know is counted Monday to Friday and the record carries the warning.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import BUREAU_ZONE
from core.context import Context
from core.errors import NotFound
from core.permissions import Permission, require
from db.models import Case, CaseStep, DisclosureRecord, IssuedDocument
from db.models.base import new_id
from disclosure.content import Source, build_content, read_source
from disclosure.errors import NothingToDisclose
from disclosure.rules import RuleInfo, matching_rule
from workdays import load_calendar

DRAFTED = "drafted"
UNPUBLISHED = ("drafted", "reviewed")


def deadline_for(session: Session, decided_on: date, workdays: int) -> tuple[date, str | None]:
    """The last day to publish, and the calendar's warning when it fell back."""
    count = load_calendar(session).add_workdays(decided_on, workdays)
    return count.date, count.warning("zh_CN")


def _rule_for(session: Session, trigger: str, source: Source) -> RuleInfo | None:
    rule = matching_rule(session, trigger, source.case.type_code, source.case.procedure,
                         source.kinds)
    return rule if rule is not None and rule.disclosed else None


def draft_record(session: Session, source: Source, trigger: str, *, actor: str,
                 now: datetime, document_id: str | None = None) -> DisclosureRecord | None:
    """Draft (or redraft) the disclosure of ``source``'s result; None when no rule
    discloses it. A result drafted again before publication (a decision re-issued) updates
    the unpublished record; one already published gets a new record beside it."""
    rule = _rule_for(session, trigger, source)
    if rule is None:
        return None
    content = build_content(session, source, rule)
    deadline, warning = deadline_for(session, source.decided_on, rule.deadline_workdays)
    record = session.execute(select(DisclosureRecord).where(
        DisclosureRecord.case_id == source.case.id, DisclosureRecord.rule_code == rule.code,
        DisclosureRecord.status.in_(UNPUBLISHED))).scalars().first()
    if record is None:
        record = DisclosureRecord(id=new_id(), case_id=source.case.id, rule_code=rule.code)
        session.add(record)
    record.document_id, record.document_number = document_id, source.document_number
    record.status, record.decided_on, record.deadline = DRAFTED, source.decided_on, deadline
    record.calendar_warning = warning
    record.approved_at = record.approved_by = None
    record.drafted_at, record.drafted_by = now, actor
    for key, value in content.as_columns().items():
        setattr(record, key, value)
    record.withheld = content.withheld_after(record.withheld)
    return record


# ----------------------------------------------------------------------------- the hooks
def _local_date(instant: datetime) -> date:
    return instant.astimezone(ZoneInfo(BUREAU_ZONE)).date()


def on_document_issued(session: Session, case: Case, document: IssuedDocument,
                     actor: str) -> None:
    source = read_source(session, case, document_values=json.loads(document.fields or "{}"),
                         document_number=document.number,
                         decided_on=_local_date(document.issued_at))
    draft_record(session, source, f"document:{document.kind}", actor=actor,
                 now=document.issued_at, document_id=document.id)


def on_step_recorded(session: Session, case: Case, step: CaseStep, actor: str) -> None:
    source = read_source(session, case, document_values=None,
                         document_number=_latest_document_number(session, case.id),
                         decided_on=step.done_on, result_note=step.note)
    draft_record(session, source, f"step:{step.step}", actor=actor, now=step.recorded_at)


def _latest_document_number(session: Session, case_id: str) -> str | None:
    return session.execute(select(IssuedDocument.number)
                           .where(IssuedDocument.case_id == case_id)
                           .order_by(IssuedDocument.issued_at.desc())).scalars().first()


# ----------------------------------------------------------------------------- by hand
def draft_disclosure(ctx: Context, case_key: str) -> str:
    """Draft the disclosure of a case's result by hand, when it did not draft itself (a
    decision recorded before the rules covered it). Returns the record id; refused naming
    why when the case has no disclosed result or its record exists already."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    with ctx.write("disclosure.draft") as session:
        case = session.execute(select(Case).where(
            (Case.number == case_key.strip()) | (Case.id == case_key.strip()))).scalars().first()
        if case is None:
            raise NotFound("案件", "case", case_key)
        for trigger, source, document_id in _triggers(session, case):
            rule = _rule_for(session, trigger, source)
            if rule is None or _drafted_already(session, case, rule, document_id):
                continue
            record = draft_record(session, source, trigger, actor=ctx.actor.username,
                                  now=ctx.clock.now(), document_id=document_id)
            session.flush()
            return record.id
        raise NothingToDisclose(case=case.number,
                                reason_zh="没有尚未起草的、按公示规则应公示的决定或检查结果",
                                reason_en="no decision or inspection result that the "
                                          "disclosure rules publish is left to draft")


def _drafted_already(session: Session, case: Case, rule: RuleInfo,
                     document_id: str | None) -> bool:
    query = select(DisclosureRecord.id).where(DisclosureRecord.case_id == case.id,
                                              DisclosureRecord.rule_code == rule.code)
    if document_id is not None:
        query = query.where(DisclosureRecord.document_id == document_id)
    return session.execute(query.limit(1)).first() is not None


def _triggers(session: Session, case: Case):  # noqa: ANN202
    """The case's recorded decisions, newest document first, then its steps."""
    documents = session.execute(select(IssuedDocument).where(IssuedDocument.case_id == case.id)
                                .order_by(IssuedDocument.issued_at.desc())).scalars().all()
    for document in documents:
        yield (f"document:{document.kind}",
               read_source(session, case, document_values=json.loads(document.fields),
                           document_number=document.number,
                           decided_on=_local_date(document.issued_at)), document.id)
    steps = session.execute(select(CaseStep).where(CaseStep.case_id == case.id)
                            .order_by(CaseStep.done_on.desc())).scalars().all()
    for step in steps:
        yield (f"step:{step.step}",
               read_source(session, case, document_values=None,
                           document_number=_latest_document_number(session, case.id),
                           decided_on=step.done_on, result_note=step.note), None)
