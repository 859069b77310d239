"""The audit log as a clerk searches it (audit.search): by the person's name, by text, by
action, by Beijing day (a UTC evening is the next morning in Beijing), page by page."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from accounts.users import add_user
from audit.search import AuditFilter, count_entries, entry_page, ledger_actions, ledger_people
from core.actor import Actor
from core.clock import fixed_clock
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

# 00:30 on 2026-06-15 in Beijing is still 2026-06-14 in UTC.
JUST_AFTER_MIDNIGHT = datetime(2026, 6, 14, 16, 30, tzinfo=timezone.utc)


@pytest.fixture
def ledger(workspace, admin, data_dir):
    """The admin (no officer) adds a unit and officer 张伟, gives 张伟 an account; 张伟 adds a
    unit at 00:30 Beijing time on the 15th, through a workspace whose clock says so."""
    add_unit(admin, "综合执法一科", "执一")
    add_officer(admin, "张伟", "执一", CertificateInput("22010001", date(2028, 1, 1)))
    add_user(admin, "zhangwei", "pass-word-1", ["clerk", "admin"],
             officer_certificate="22010001")
    with Workspace.open(data_dir, clock=fixed_clock(JUST_AFTER_MIDNIGHT)) as early:
        add_unit(early.context(Actor("zhangwei", frozenset({"admin"}))), "法制科", "法制")
    return admin


def test_entries_carry_the_name_and_are_found_by_it(ledger):
    rows = entry_page(ledger, AuditFilter(text="张伟"))
    assert {r.actor for r in rows} >= {"zhangwei"}
    newest = entry_page(ledger, limit=1)[0]
    assert (newest.actor, newest.actor_name, newest.action) == ("zhangwei", "张伟", "unit.add")
    assert dict(ledger_people(ledger))["zhangwei"] == "张伟"
    assert dict(ledger_people(ledger))["system"] == "系统"


def test_filters_by_action_person_and_shown_label(ledger):
    assert {r.action for r in entry_page(ledger, AuditFilter(action="unit.add"))} == {"unit.add"}
    assert count_entries(ledger, AuditFilter(action="unit.add")) == 2
    assert count_entries(ledger, AuditFilter(actor="zhangwei")) == 1
    # The window passes the actions whose Chinese label matched the typed text.
    found = entry_page(ledger, AuditFilter(text="新增科室", text_actions=("unit.add",)))
    assert {r.action for r in found} == {"unit.add"}
    assert "officer.add" in ledger_actions(ledger)


def test_days_are_beijing_days_inclusive(ledger):
    on_15th = AuditFilter(actor="zhangwei", since=date(2026, 6, 15), until=date(2026, 6, 15))
    assert count_entries(ledger, on_15th) == 1        # 16:30 UTC on the 14th
    assert count_entries(ledger, AuditFilter(actor="zhangwei", until=date(2026, 6, 14))) == 0
    assert count_entries(ledger, AuditFilter(since=date(2026, 6, 16))) == 0
    with pytest.raises(InvalidInput):
        count_entries(ledger, AuditFilter(since=date(2026, 6, 16), until=date(2026, 6, 15)))


def test_pages_cover_every_entry_once_and_need_the_permission(ledger, as_role):
    total = count_entries(ledger)
    seqs = [r.seq for offset in range(0, total, 3) for r in entry_page(ledger, offset=offset,
                                                                          limit=3)]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == total
    with pytest.raises(PermissionDenied):
        entry_page(as_role("clerk"))


def test_the_cli_log_searches_and_filters_the_same_way(ledger, cli_here):
    import json
    result = cli_here("log", "--json", "--search", "张伟", "--since", "2026-06-15",
                      "--until", "2026-06-15", user="admin")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert entries and entries[0]["actor_name"] == "张伟" and entries[0]["action"] == "unit.add"
    by = json.loads(cli_here("log", "--json", "--by", "zhangwei", "--action", "officer.add",
                             user="admin").stdout)
    assert by == []
    refused = cli_here("log", "--since", "15/06/2026", user="admin")
    assert refused.returncode != 0 and "--since" in refused.stderr


def test_people_the_change_names_come_with_their_names(ledger, data_dir, workspace):
    import json as _json

    from casework.cases import create_case
    from casework.inputs import parse_case
    from tests.casework.conftest import EXAMPLE
    add_officer(ledger, "李娜", "执一", CertificateInput("22010002", date(2028, 1, 1)))
    clerk = workspace.context(Actor("zhangwei", frozenset({"clerk"})))
    create_case(clerk, parse_case(_json.loads(EXAMPLE.read_text(encoding="utf-8"))))
    case = entry_page(ledger, AuditFilter(object_type="enforcement_case"), limit=1)[0]
    assert case.change["values"]["created_by"] == "zhangwei"
    assert case.people == {"zhangwei": "张伟"}
