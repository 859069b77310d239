"""The same workflow on PostgreSQL (HQ's database): a decision drafts its disclosure, which
is approved, published, exported and counted in the year's statistics."""
from __future__ import annotations

from datetime import date

import pytest

from casework.cases import create_case, record_step
from casework.documents import DocumentArchive, issue_document
from config.settings import set_setting
from core.actor import Actor
from disclosure.portal import export_portal
from disclosure.records import list_disclosures
from disclosure.stats import annual_stats
from disclosure.workflow import approve_disclosure, publish_disclosure
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.casework.conftest import example_input  # noqa: F401 - a fixture
from tests.disclosure.conftest import PENALTY_FIELDS
from tests.disclosure.portal_helpers import read_feed, validate

pytestmark = pytest.mark.slow


def test_the_workflow_on_postgresql(pg_url, tmp_path, clock, example_input):  # noqa: F811
    workspace = Workspace.open(tmp_path / "pg", clock=clock, create=True, db_url=pg_url)
    try:
        workspace.initialise("admin", "admin-pass-1")

        def acting(role: str):  # noqa: ANN202
            return workspace.context(Actor(role, frozenset({role})))
        admin, clerk, reviewer = acting("admin"), acting("clerk"), acting("reviewer")
        add_unit(admin, "综合执法一科", "执一")
        for name, number in (("张伟", "22010001"), ("李娜", "22010002")):
            add_officer(admin, name, "执一", CertificateInput(number, date(2028, 12, 31),
                                                            valid_from=date(2020, 1, 1)))
        set_setting(admin, "bureau.name", "农安县市场监督管理局")
        case = create_case(clerk, example_input)
        for step in ("filing", "investigation", "notice"):
            record_step(clerk, case.number, step)
        issue_document(clerk, DocumentArchive(workspace.documents_dir), case.number,
                       "penalty_decision", PENALTY_FIELDS)
        (row,) = list_disclosures(clerk)
        assert (row.deadline, row.status) == (date(2026, 6, 25), "drafted")
        approve_disclosure(reviewer, row.id)
        publish_disclosure(clerk, row.id)
        export_portal(clerk, tmp_path / "portal")
        feed = read_feed(tmp_path / "portal")
        validate(feed)
        assert [r["id"] for r in feed["records"]] == [row.id]
        total = annual_stats(clerk, 2026).total
        assert (total.to_publish, total.published, total.on_time) == (1, 1, 1)
    finally:
        workspace.close()
