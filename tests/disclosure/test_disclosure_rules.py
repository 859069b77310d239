"""The disclosure rules as data: shipped in resources/disclosure/rules.toml, seeded into a new
folder in the ledger, changed by admins within bounds, and HQ's once enrolled (sent down
with the reference data; a local change refused)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from core.errors import InvalidInput
from core.permissions import PermissionDenied
from db.models import LedgerEntry
from disclosure.rules import list_rules, set_rule, shipped
from sync.engine import run_pass
from sync.ownership import ManagedByHq
from sync.protocol import HQ_OWNED_TABLES, REFERENCE_TABLES
from tests.sync.conftest import enrolled, hq, hq_backend, new_workstation  # noqa: F401
from tests.sync.sync_helpers import admin_of


def test_the_shipped_rules_are_seeded_by_the_workstation_in_the_ledger(workspace, as_role):
    rules = list_rules(as_role("clerk"))
    assert [r.code for r in rules] == [r["code"] for r in shipped()["rule"]]
    penalty = next(r for r in rules if r.code == "penalty_decision")
    # 国办发〔2018〕118号: 7 working days for penalties and permits, 20 for the rest;
    # 行政处罚法 第四十八条: withdrawn within 3 (working) days.
    assert (penalty.deadline_workdays, penalty.withdrawal_workdays) == (7, 3)
    assert {r.code: r.deadline_workdays for r in rules if r.disclosed} == {
        "penalty_decision": 7, "permit_decision": 7, "compulsory_measure": 20,
        "inspection_result": 20}
    assert all(r.basis for r in rules) and all(r.review_required for r in rules)
    with workspace.db.read() as session:
        seeded = session.execute(select(LedgerEntry.actor).where(
            LedgerEntry.object_type == "disclosure_rule")).scalars().all()
    assert seeded == ["system"] * len(rules)


@pytest.mark.parametrize("value,ok", [(0, False), (1, True), (250, True), (251, False),
                                      (True, False), ("5", False)])
def test_a_rules_working_days_stay_within_bounds(workspace, admin, value, ok):
    if ok:
        assert set_rule(admin, "penalty_decision", withdrawal_workdays=value
                        ).withdrawal_workdays == value
    else:
        with pytest.raises(InvalidInput):
            set_rule(admin, "penalty_decision", withdrawal_workdays=value)


def test_only_known_keys_and_values_change_and_only_by_an_admin(workspace, admin, as_role):
    with pytest.raises(InvalidInput):
        set_rule(admin, "penalty_decision", trigger="step:closing")
    with pytest.raises(InvalidInput):
        set_rule(admin, "penalty_decision", id_number_mask="half")
    with pytest.raises(InvalidInput):
        set_rule(admin, "penalty_decision", online_years=31)
    with pytest.raises(PermissionDenied):
        set_rule(as_role("clerk"), "penalty_decision", withdrawal_workdays=5)
    assert set_rule(admin, "penalty_decision", id_number_mask="full").id_number_mask == "full"


def test_the_rules_are_hqs_once_enrolled(hq, enrolled):  # noqa: F811
    assert "disclosure_rule" in HQ_OWNED_TABLES and "disclosure_rule" in REFERENCE_TABLES
    with hq.open() as server_side:
        set_rule(admin_of(server_side), "penalty_decision", withdrawal_workdays=5)
    workspace = enrolled()
    assert run_pass(workspace).ok
    admin = admin_of(workspace)
    rules = {r.code: r for r in list_rules(admin)}
    assert rules["penalty_decision"].withdrawal_workdays == 5  # the province's limit, from HQ
    with pytest.raises(ManagedByHq) as refused:
        set_rule(admin, "penalty_decision", withdrawal_workdays=3)
    assert "公示规则" in str(refused.value)
