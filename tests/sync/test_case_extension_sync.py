"""An approved extension (延期) of a case's 办案期限 travels to HQ like the case's steps: in
the ledger, rebuilt there as a record of the workstation's (hq.records), with the case it
names. HQ's rebuild is the same for every workstation-owned table, so SQLite shows it."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from casework.cases import create_case, record_step
from casework.extensions import extend_deadline
from casework.inputs import read_case_file
from core.actor import Actor
from sync.engine import run_pass
from tests.casework.conftest import EXAMPLE
from tests.sync.conftest import UNIT_A
from tests.sync.sync_helpers import hq_add_officer, hq_records

pytestmark = pytest.mark.slow


@pytest.fixture
def hq_backend() -> None:
    return None   # SQLite only: nothing here differs on PostgreSQL


def test_an_extension_is_rebuilt_at_hq_with_its_case(hq, enrolled):
    hq_add_officer(hq, "张伟", UNIT_A[1], "22010001")
    hq_add_officer(hq, "李娜", UNIT_A[1], "22010002")
    workspace = enrolled()
    assert run_pass(workspace).ok      # the unit, officers and case types arrive
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    head = workspace.context(Actor("head", frozenset({"head"})))
    case = create_case(clerk, replace(read_case_file(EXAMPLE), unit=UNIT_A[1]))
    filed_on = workspace.clock.today() - timedelta(days=80)
    record_step(clerk, case.number, "filing", filed_on)
    extend_deadline(head, case.number, "案情复杂", 15)

    assert run_pass(workspace).ok

    (held,) = hq_records(hq, workspace.workstation_id, "case_deadline_extension").values()
    assert (held["case_id"], held["days"], held["reason"], held["approved_by"]) == (
        case.id, 15, "案情复杂", "head")
    assert held["new_due_on"] == f"{filed_on + timedelta(days=105)}" and not held["deleted"]
    assert case.id in hq_records(hq, workspace.workstation_id, "enforcement_case")
