"""The steps of a disclosure: drafted → reviewed (审核) → published → withdrawn, or expired
at the end of its online period. Each step is one transaction in the ledger, by a role
that may take it; a step the record's state or its rule does not allow is refused naming
the rule.

- approve (APPROVE_DISCLOSURE): the review before release (measure 1), by someone other
  than who drafted or last revised the text;
- publish (PREPARE_DISCLOSURE): only an approved record (when its rule asks for review),
  never one withheld (a minor, secrets, privacy); the online period starts that day;
- the decision changed (PREPARE_DISCLOSURE): a published decision changed, revoked,
  found unlawful or void must be withdrawn within the rule's working days (行政处罚法
  第四十八条, 第八十五条: 3 working days; some provinces 5);
- withdraw (PREPARE_DISCLOSURE): with the reason, published as a withdrawal notice;
- expire: a published record past its online period leaves the export.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Mapping

from sqlalchemy import select

from audit.recorder import hold_ledger
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import (Case, CaseStep, DisclosureRecord, DisclosureRule, IssuedDocument)
from disclosure.content import WITHHELD_CHOICES, build_content, read_source
from disclosure.errors import (DisclosureNotReviewed, SelfApproval, WrongDisclosureStatus,
                               withheld_error)
from disclosure.records import DisclosureDetail, detail_of, load_record, status_label
from disclosure.rules import rule_info
from workdays import load_calendar

REASON_MAX = 500


def _refuse(record: DisclosureRecord, action_zh: str, action_en: str, rule_zh: str,
            rule_en: str) -> WrongDisclosureStatus:
    return WrongDisclosureStatus(
        record=record.document_number or record.id, status_zh=status_label(record.status),
        status_en=status_label(record.status, "en"), action_zh=action_zh,
        action_en=action_en, rule_zh=rule_zh, rule_en=rule_en)


def _open(session, key: str) -> DisclosureRecord:  # noqa: ANN001
    hold_ledger(session)  # PostgreSQL: the state read below is the one the change follows
    return load_record(session, key)


def _open_published(session, key: str, action_zh: str, action_en: str  # noqa: ANN001
                    ) -> DisclosureRecord:
    record = _open(session, key)
    if record.status != "published":
        raise _refuse(record, action_zh, action_en, "只有已公示的记录才能撤回",
                      "only a published record is withdrawn")
    return record


def _name(record: DisclosureRecord) -> str:
    return record.document_number or record.id


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# ----------------------------------------------------------------------------- steps
def approve_disclosure(ctx: Context, key: str) -> DisclosureDetail:
    """The review before release: the reviewer has compared the original and the masked
    text and approves the masked one for publication."""
    require(ctx.actor, Permission.APPROVE_DISCLOSURE)
    with ctx.write("disclosure.approve") as session:
        record = _open(session, key)
        if record.status != "drafted":
            raise _refuse(record, "审核", "approved", "只有待审核的公示记录才能审核",
                          "only a drafted record is approved")
        if record.drafted_by == ctx.actor.username:
            raise SelfApproval(record=_name(record), user=ctx.actor.username)
        record.status = "reviewed"
        record.approved_at, record.approved_by = ctx.clock.now(), ctx.actor.username
        session.flush()
        return detail_of(session, record, ctx.clock.today())


def publish_disclosure(ctx: Context, key: str) -> DisclosureDetail:
    """Publish today: the masked record goes into the next export and stays online for
    the rule's period (the shorter one when a party is a natural person)."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    today = ctx.clock.today()
    with ctx.write("disclosure.publish") as session:
        record = _open(session, key)
        rule = rule_info(session.get(DisclosureRule, record.rule_code))
        if record.withheld:
            raise withheld_error(_name(record), record.withheld)
        if record.status == "drafted" and rule.review_required:
            raise DisclosureNotReviewed(record=_name(record), rule=rule.name_zh)
        if record.status not in ("drafted", "reviewed"):
            raise _refuse(record, "发布", "published", "已发布、撤回或到期的记录不能再次发布",
                          "a record published, withdrawn or expired is not published again")
        years = rule.person_online_years if record.natural_person else rule.online_years
        record.status, record.published_on = "published", today
        # Online through the day before the same date ``years`` later.
        record.published_by = ctx.actor.username
        record.online_until = add_years(today, years) - timedelta(days=1)
        session.flush()
        return detail_of(session, record, today)


def _withdrawal_due(session, record: DisclosureRecord, changed_on: date) -> date:  # noqa: ANN001
    rule = rule_info(session.get(DisclosureRule, record.rule_code))
    return load_calendar(session).add_workdays(changed_on, rule.withdrawal_workdays).date


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidInput("请说明撤回理由（撤回公告将公开说明理由）",
                           "give the reason for the withdrawal (the notice publishes it)")
    if len(text) > REASON_MAX:
        raise InvalidInput(f"理由不能超过 {REASON_MAX} 字", f"the reason is longer than "
                           f"{REASON_MAX} characters")
    return text


def _check_changed_on(record: DisclosureRecord, changed_on: date, today: date) -> None:
    if changed_on > today or changed_on < record.decided_on:
        raise InvalidInput(f"决定变更日期 {changed_on} 须在决定日期 {record.decided_on} 与今天之间",
                           f"the date the decision changed, {changed_on}, must lie between "
                           f"the decision date {record.decided_on} and today")


def note_decision_changed(ctx: Context, key: str, changed_on: date, reason: str
                          ) -> DisclosureDetail:
    """A published decision was changed, revoked, found unlawful or void on
    ``changed_on``: the record is now due for withdrawal within the rule's working days
    (行政处罚法 第四十八条), and listed as such until it is withdrawn."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    today = ctx.clock.today()
    reason = _reason(reason)
    with ctx.write("disclosure.decision_changed") as session:
        record = _open_published(session, key, "登记决定变更", "marked as changed")
        _check_changed_on(record, changed_on, today)
        due = _withdrawal_due(session, record, changed_on)  # reads first: one ledger entry
        record.changed_on, record.withdrawal_reason = changed_on, reason
        record.withdrawal_due = due
        session.flush()
        return detail_of(session, record, today)


def withdraw_disclosure(ctx: Context, key: str, reason: str, *,
                        changed_on: date | None = None) -> DisclosureDetail:
    """Take a published record down today and publish the withdrawal notice with
    ``reason``. ``changed_on``: when the decision changed (default: as noted before, else
    today); the record keeps by when it had to be withdrawn."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    today = ctx.clock.today()
    reason = _reason(reason)
    with ctx.write("disclosure.withdraw") as session:
        record = _open_published(session, key, "撤回", "withdrawn")
        if changed_on is not None:
            _check_changed_on(record, changed_on, today)
        elif record.changed_on is None:
            changed_on = today
        if changed_on is not None:  # reads before any change: one ledger entry
            due = _withdrawal_due(session, record, changed_on)
            record.changed_on, record.withdrawal_due = changed_on, due
        record.status, record.withdrawn_on = "withdrawn", today
        record.withdrawn_by, record.withdrawal_reason = ctx.actor.username, reason
        session.flush()
        return detail_of(session, record, today)


def withhold_disclosure(ctx: Context, key: str, reason: str) -> DisclosureDetail:
    """Mark a record never to be published: it involves a minor, secrets or privacy."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    if reason not in WITHHELD_CHOICES:
        raise InvalidInput(f"不予公开的理由须为：{'、'.join(WITHHELD_CHOICES)}",
                           f"the reason must be one of: {', '.join(WITHHELD_CHOICES)}")
    with ctx.write("disclosure.withhold") as session:
        record = _open(session, key)
        if record.status not in ("drafted", "reviewed"):
            raise _refuse(record, "标记为不予公开", "withheld", "已发布的记录须撤回",
                          "a published record is withdrawn instead")
        record.withheld = reason
        session.flush()
        return detail_of(session, record, ctx.clock.today())


def revise_disclosure(ctx: Context, key: str, *, edits: Mapping[str, str] | None = None,
                      other_names: tuple[str, ...] | None = None) -> DisclosureDetail:
    """Correct a draft before release: ``edits`` replace original field texts (masked like
    the rest), ``other_names`` are natural persons named in the text, masked wherever they
    appear. The text is masked again from the case, and any approval is void: the
    revised text is reviewed again, by someone else."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    with ctx.write("disclosure.revise") as session:
        record = _open(session, key)
        if record.status not in ("drafted", "reviewed"):
            raise _refuse(record, "修改", "revised", "已发布的记录不能修改，须撤回后重新起草",
                          "a published record is not changed; withdraw it and draft again")
        rule = rule_info(session.get(DisclosureRule, record.rule_code))
        unknown = sorted(set(edits or {}) - set(rule.fields))
        if unknown:
            raise InvalidInput(f"公示规则“{rule.name_zh}”没有字段：{'、'.join(unknown)}",
                               f"the rule '{rule.name_en}' has no field: {', '.join(unknown)}")
        source = _source_of(session, record)
        kept = json.loads(record.original)
        fresh = build_content(session, source, rule).original
        merged = {k: v for k, v in kept.items() if fresh.get(k) != v}
        merged.update(edits or {})
        names = other_names if other_names is not None else tuple(
            json.loads(record.masks).get("other_names", ()))
        content = build_content(session, source, rule, extra_names=names, edits=merged)
        for column, value in content.as_columns().items():
            setattr(record, column, value)
        record.withheld = content.withheld_after(record.withheld)
        record.status, record.approved_at, record.approved_by = "drafted", None, None
        record.drafted_at, record.drafted_by = ctx.clock.now(), ctx.actor.username
        session.flush()
        return detail_of(session, record, ctx.clock.today())


def _source_of(session, record: DisclosureRecord):  # noqa: ANN001, ANN202
    case = session.get(Case, record.case_id)
    values, note = None, None
    if record.document_id:
        document = session.get(IssuedDocument, record.document_id)
        values = json.loads(document.fields) if document is not None else None
    else:
        rule = session.get(DisclosureRule, record.rule_code)
        step = session.execute(select(CaseStep).where(
            CaseStep.case_id == case.id,
            CaseStep.step == rule.trigger.removeprefix("step:"))).scalars().first()
        note = step.note if step is not None else None
    return read_source(session, case, document_values=values,
                       document_number=record.document_number,
                       decided_on=record.decided_on, result_note=note)


def expire_due(ctx: Context) -> int:
    """Take published records whose online period has ended off the portal (status
    expired); how many. The export runs it first."""
    require(ctx.actor, Permission.PREPARE_DISCLOSURE)
    today = ctx.clock.today()
    with ctx.write("disclosure.expire") as session:
        records = session.execute(select(DisclosureRecord).where(
            DisclosureRecord.status == "published",
            DisclosureRecord.online_until < today)).scalars().all()
        for record in records:
            record.status, record.expired_on = "expired", today
        return len(records)
