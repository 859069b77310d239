"""Approved extensions (延期) of a case's 办案期限 (casework.extensions): the head approves
before the limit runs out (on its last day still, the day after no longer), at most the
rule's days (《市场监督管理行政处罚程序规定》第六十四条: 30) and at most once; a clerk cannot;
the case list, the case and its JSON count the days; each approval is one ledger entry.

The clock stands at 2026-06-15 (tests/casework/conftest.py): a case filed on 2026-03-17 is
on its 90th, last day."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from casework.cases import get_case, list_cases, record_step
from casework.extensions import (
    DeadlineExpired,
    ExtensionLimitReached,
    NoExtensionAllowed,
    TooManyDays,
    extend_deadline,
)
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from tests.casework.conftest import TODAY

REASON = "案情复杂，需补充调查取证"


@pytest.fixture
def head(workspace, as_role):
    return as_role("head", username="head")


@pytest.fixture
def filed(bureau, clerk, case_input):
    """``filed(day)``: a new ordinary penalty case whose filing (立案) was on ``day``."""
    from casework.cases import create_case

    def make(day: date, **changes):  # noqa: ANN003
        case = create_case(clerk, case_input(**changes))
        record_step(clerk, case.number, "filing", day)
        return case
    return make


@pytest.mark.parametrize("filed_on, due_before", [
    (date(2026, 3, 18), date(2026, 6, 16)),   # a day to spare
    (date(2026, 3, 17), date(2026, 6, 15)),   # today is the last day: still in time
])
def test_a_head_extends_a_running_limit_by_30_days(filed, head, filed_on, due_before,
                                                   ledger_length):
    case = filed(filed_on)
    assert get_case(head, case.number).row.deadline.due_on == due_before
    before = ledger_length()

    detail = extend_deadline(head, case.number, f"  {REASON}  ")

    deadline = detail.row.deadline
    assert deadline.due_on == date(due_before.year, due_before.month + 1, due_before.day)
    assert (deadline.extended_days, deadline.overdue, deadline.due_soon) == (30, False, False)
    (added,) = detail.extensions
    assert (added.days, added.reason, added.approved_by, added.approved_on) == (
        30, REASON, "head", TODAY)
    assert ledger_length() == before + 1     # the extension row is the only change


def test_the_day_after_the_limit_ran_out_it_cannot_be_extended(filed, head, ledger_length):
    case = filed(date(2026, 3, 16))                       # due 2026-06-14
    before = ledger_length()
    with pytest.raises(DeadlineExpired) as refused:
        extend_deadline(head, case.number, REASON)
    assert refused.value.message() == (
        f"案件 {case.number} 的办案期限已于 2026-06-14 届满，今天（2026-06-15）不能再批准延期："
        "延期须在期限届满前批准")
    assert "must be approved before the limit runs out" in refused.value.message("en")
    assert ledger_length() == before
    assert get_case(head, case.number).extensions == ()


@pytest.mark.parametrize("days, allowed", [(29, True), (30, True), (31, False)])
def test_at_most_the_rules_days_fewer_allowed(filed, head, days, allowed):
    case = filed(date(2026, 6, 1))                        # due 2026-08-30
    if not allowed:
        with pytest.raises(TooManyDays) as refused:
            extend_deadline(head, case.number, REASON, days)
        assert "每次最多延长 30 日" in refused.value.message()
        assert "第六十四条" in refused.value.message()
        return
    detail = extend_deadline(head, case.number, REASON, days)
    assert detail.row.deadline.extended_days == days
    assert detail.row.deadline.due_on == detail.extensions[0].new_due_on == (
        date(2026, 8, 30) + timedelta(days=days))


def test_one_extension_only_as_the_rule_allows(filed, head):
    case = filed(date(2026, 6, 1))
    extend_deadline(head, case.number, REASON, 10)
    with pytest.raises(ExtensionLimitReached) as refused:
        extend_deadline(head, case.number, "再延期", 10)
    assert refused.value.message().startswith(f"案件 {case.number} 已延期 1 次，已达规定的次数上限")
    assert len(get_case(head, case.number).extensions) == 1


def test_a_clerk_or_an_admin_may_not_approve(filed, clerk, admin_ctx):
    case = filed(date(2026, 6, 1))
    for ctx in (clerk, admin_ctx):
        with pytest.raises(PermissionDenied) as refused:
            extend_deadline(ctx, case.number, REASON)
        assert "无权批准延长办案期限（须由局负责人批准）" in refused.value.message()
    assert get_case(clerk, case.number).extensions == ()


@pytest.mark.parametrize("reason, days, problem", [
    ("   ", None, "须填写延期理由"),
    (REASON, 0, "延长天数须为正整数"),
    (REASON, -3, "延长天数须为正整数"),
])
def test_bad_input_is_refused_before_anything_is_read(filed, head, reason, days, problem):
    case = filed(date(2026, 6, 1))
    with pytest.raises(InvalidInput) as refused:
        extend_deadline(head, case.number, reason, days)
    assert problem in refused.value.message()


def test_only_a_filed_undecided_case_with_an_extendable_limit(bureau, clerk, head, case_input,
                                                              filed, advance):
    from casework.cases import create_case
    unfiled = create_case(clerk, case_input())
    with pytest.raises(NoExtensionAllowed, match="立案环节尚未记录"):
        extend_deadline(head, unfiled.number, REASON)
    simple = create_case(clerk, case_input(procedure="simplified", officers=("22010001",)))
    with pytest.raises(NoExtensionAllowed, match="没有可延长的办案期限"):
        extend_deadline(head, simple.number, REASON)
    decided = create_case(clerk, case_input())
    advance(decided, "filing", "investigation", "notice", "decision")
    with pytest.raises(NoExtensionAllowed, match="处理决定已经作出"):
        extend_deadline(head, decided.number, REASON)


def test_the_list_and_the_json_count_the_extension(filed, head, clerk):
    due_soon = filed(date(2026, 3, 20))                   # due 06-18: flagged as due soon
    rows = {r.number: r.deadline for r in list_cases(clerk)}
    assert rows[due_soon.number].due_soon
    extend_deadline(head, due_soon.number, REASON, 25)

    row = {r.number: r for r in list_cases(clerk)}[due_soon.number]
    assert (row.deadline.due_on, row.deadline.due_soon) == (date(2026, 7, 13), False)
    data = json.loads(json.dumps(get_case(clerk, due_soon.id).as_json()))
    assert data["extensions"] == [{"seq": 1, "days": 25, "reason": REASON,
                                   "approved_by": "head", "approved_on": "2026-06-15",
                                   "due_on": "2026-07-13"}]
    assert data["deadline"]["due_on"] == "2026-07-13"
    assert data["deadline"]["extended_days"] == 25


def test_the_command_approves_and_refuses_an_extension(bureau, admin_ctx, cli_here):
    """`lawdesk case extend`: the command reads the real clock, so the case is filed 85
    days before today, whatever today is."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from accounts.users import add_user
    from tests.casework.conftest import EXAMPLE
    from tests.conftest import ADMIN_PASSWORD
    add_user(admin_ctx, "head", ADMIN_PASSWORD, ["head"])
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    filed_on = today - timedelta(days=85)
    number = cli_here("case", "new", "--json-file", str(EXAMPLE), user="admin").stdout.strip()
    filing = cli_here("case", "step", number, "filing", "--date", f"{filed_on}", user="admin")
    assert filing.returncode == 0, filing.stderr

    too_many = cli_here("case", "extend", number, "--reason", REASON, "--days", "31",
                        user="head")
    assert too_many.returncode == 1 and "每次最多延长 30 日" in too_many.stderr
    blank = cli_here("case", "extend", number, "--reason", " ", user="head")
    assert blank.returncode == 1 and "须填写延期理由" in blank.stderr
    not_head = cli_here("case", "extend", number, "--reason", REASON, user="admin")
    assert not_head.returncode == 1 and "无权批准延长办案期限" in not_head.stderr
    zero = cli_here("case", "extend", number, "--reason", REASON, "--days", "0", user="head")
    assert zero.returncode != 0 and "--days" in zero.stderr

    done = cli_here("case", "extend", number, "--reason", REASON, "--days", "20", "--json",
                    user="head")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    due = filed_on + timedelta(days=110)
    assert data["extensions"] == [{"seq": 1, "days": 20, "reason": REASON,
                                   "approved_by": "head", "approved_on": f"{today}",
                                   "due_on": f"{due}"}]
    assert (data["deadline"]["due_on"], data["deadline"]["days_left"]) == (f"{due}", 25)
    shown = cli_here("case", "show", number, user="admin")
    assert f"办案期限：{due}（已延期 20 日）" in shown.stdout
    again = cli_here("case", "extend", number, "--reason", REASON, user="head")
    assert again.returncode == 1 and "已达规定的次数上限" in again.stderr


@pytest.mark.slow
def test_the_same_on_postgresql(pg_url, tmp_path, clock, example_input):
    """A data folder on PostgreSQL: the extension, its sum in the list and its refusal."""
    from core.actor import Actor
    from lawdesk.workspace import Workspace
    from tests.casework.conftest import set_up_bureau
    workspace = Workspace.open(tmp_path / "pg", clock=clock, create=True, db_url=pg_url)
    try:
        workspace.initialise("admin", "admin-pass-1")

        def acting(role: str):  # noqa: ANN202
            return workspace.context(Actor(role, frozenset({role})))
        set_up_bureau(acting("admin"))
        from casework.cases import create_case
        case = create_case(acting("clerk"), example_input)
        record_step(acting("clerk"), case.number, "filing", date(2026, 3, 17))
        extend_deadline(acting("head"), case.number, REASON, 12)
        (row,) = list_cases(acting("clerk"))
        assert (row.deadline.extended_days, row.deadline.due_on) == (12, date(2026, 6, 27))
        with pytest.raises(ExtensionLimitReached):
            extend_deadline(acting("head"), case.number, REASON, 1)
    finally:
        workspace.close()
