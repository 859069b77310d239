"""Approving an extension (延期) of a case's 办案期限.

The rule comes with the limit (resources/casework/case_types.toml): e.g.
《市场监督管理行政处罚程序规定》第六十四条: a case that cannot be decided within 90 days may,
with the approval of the head of the bureau (负责人), be extended by 30 days, once;
《行政强制法》第二十五条 and 《行政许可法》第四十二条 likewise (30 and 10 days, with approval).
So here:

- only a user holding the ``head`` role (局负责人) approves; approval by a head is recorded
  in one step (the clerk's request travels on paper, as the 延期审批表 does);
- the days are at most the limit's ``extension`` (fewer may be approved), at least one;
- a reason is required;
- at most ``max_extensions`` extensions per case;
- only a running limit can be extended: the case is open, filed (the limit counts from
  立案) and not yet decided, and today is not after its current last day. On the last day
  itself the limit has not yet run out, so approval is still in time.

The extension and its ledger entry are written in one transaction.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from casework.cases import CaseDetail, case_detail, current_deadline, load_open_case
from core.context import Context
from core.errors import DomainError, InvalidInput
from core.permissions import PermissionDenied, Role
from db.models import CaseDeadlineExtension

MAX_REASON = 2000


class NoExtensionAllowed(DomainError):
    code = "no_extension_allowed"
    zh = "案件 {case} 的{what_zh}，不能延期"
    en = "Case {case} cannot be extended: {what_en}"


class ExtensionLimitReached(DomainError):
    code = "extension_limit_reached"
    zh = ("案件 {case} 已延期 {count} 次，已达规定的次数上限（{source}），不能再由负责人批准延期")
    en = ("Case {case} has been extended {count} time(s), as many as its rule allows "
          "({source}); no further extension can be approved")


class DeadlineExpired(DomainError):
    code = "deadline_expired"
    zh = ("案件 {case} 的办案期限已于 {due} 届满，今天（{today}）不能再批准延期："
          "延期须在期限届满前批准")
    en = ("The time limit of case {case} ran out on {due}; an extension cannot be approved "
          "today ({today}): it must be approved before the limit runs out")


class TooManyDays(DomainError):
    code = "too_many_extension_days"
    zh = "案件 {case} 每次最多延长 {most} 日（{source}），不能延长 {days} 日"
    en = "Case {case} may be extended by at most {most} days at a time ({source}), not {days}"


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise InvalidInput("须填写延期理由", "a reason for the extension is required")
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"延期理由不超过 {MAX_REASON} 字",
                           f"the reason is longer than {MAX_REASON} characters")
    return reason


def require_head(ctx: Context) -> None:
    """Only the head of the bureau (局负责人) approves an extension (第六十四条: 经…负责人批准)."""
    if Role.HEAD.value not in ctx.actor.roles:
        raise PermissionDenied(user=ctx.actor.username,
                               what_zh="批准延长办案期限（须由局负责人批准）",
                               what_en="approve an extension of a case's time limit "
                                       "(only the head of the bureau may)")


def may_extend(roles: frozenset[str]) -> bool:
    return Role.HEAD.value in roles


def extend_deadline(ctx: Context, key: str, reason: str, days: int | None = None
                    ) -> CaseDetail:
    """Record the head's approval of an extension of case ``key``'s limit by ``days``
    (default: as many as its rule allows), approved today; the case as it is now."""
    require_head(ctx)
    text = _reason(reason)
    if days is not None and days < 1:
        raise InvalidInput(f"延长天数须为正整数，而不是 {days}",
                           f"the days to extend by must be a whole number above 0, not {days}")
    today = ctx.clock.today()
    with ctx.write("case.extend") as session:
        case = load_open_case(session, key)
        deadline, filed_on = current_deadline(session, case, today, ctx.clock.zone)
        if deadline is None or deadline.limit.max_extensions == 0:
            raise NoExtensionAllowed(case=case.number,
                                     what_zh="案件类型和办案程序没有可延长的办案期限",
                                     what_en="its type and procedure have no time limit that "
                                             "may be extended")
        if filed_on is None:
            raise NoExtensionAllowed(case=case.number,
                                     what_zh="立案环节尚未记录（办案期限自立案起算）",
                                     what_en="its filing (立案) is not recorded, and the time "
                                             "limit counts from the filing")
        if filed_on > today:   # approval before filing: only a clock set back says so
            raise NoExtensionAllowed(case=case.number,
                                     what_zh=f"立案日期 {filed_on} 晚于今天（{today}）",
                                     what_en=f"its filing date {filed_on} is after today "
                                             f"({today})")
        if deadline.decided:
            raise NoExtensionAllowed(case=case.number,
                                     what_zh="处理决定已经作出，办案期限不再计算",
                                     what_en="its decision is recorded, so its time limit no "
                                             "longer runs")
        limit = deadline.limit
        count = len(session.execute(select(CaseDeadlineExtension.id).where(
            CaseDeadlineExtension.case_id == case.id)).all())
        if count >= limit.max_extensions:
            raise ExtensionLimitReached(case=case.number, count=count, source=limit.source)
        chosen = limit.extension if days is None else days
        if chosen > limit.extension:
            raise TooManyDays(case=case.number, most=limit.extension, days=chosen,
                              source=limit.source)
        if today > deadline.due_on:
            raise DeadlineExpired(case=case.number, due=deadline.due_on.isoformat(),
                                  today=today.isoformat())
        session.add(CaseDeadlineExtension(
            case_id=case.id, seq=count + 1, days=chosen, reason=text,
            old_due_on=deadline.due_on, new_due_on=deadline.due_on + timedelta(days=chosen),
            approved_on=today, approved_at=ctx.clock.now(), approved_by=ctx.actor.username))
        session.flush()
        return case_detail(session, case, today)
