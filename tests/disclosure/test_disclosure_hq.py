"""Publishing through HQ: two units' workstations push their disclosure records, HQ keeps
the bureau-wide feed (served to workstations, exported as the portal site), each push is
confirmed entry by entry, and a feed HQ renders differently is reported, never taken as
sent. A real `lawdesk hq serve` on SQLite and on PostgreSQL."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from casework.documents import DocumentArchive
from core.clock import Clock
from db.models import HqRecord
from lawdesk.workspace import Workspace
from disclosure.workflow import approve_disclosure, publish_disclosure, withdraw_disclosure
from sync.client import HqRefused
from sync.disclosure_push import push_disclosures
from sync.link import client_for, enroll, require_link
from tests.casework.conftest import set_up_bureau
from tests.disclosure.conftest import context_on, decide_case
from tests.disclosure.portal_helpers import SECRETS, publish_some, read_feed, validate
from tests.sync.conftest import (UNIT_A, UNIT_B, admin_context, hq, hq_backend,  # noqa: F401
                                 new_workstation)
from tests.sync.sync_helpers import lawdesk

pytestmark = pytest.mark.slow

DAY_B = date(2026, 6, 16)


@pytest.fixture
def station_a(workspace):
    """Unit A's workstation on the real clock: the disclosure fixtures' clock stands in
    June, and HQ refuses a token from a clock that far off."""
    with Workspace.open(workspace.data_dir, clock=Clock()) as opened:
        yield opened


@pytest.fixture
def bureau_wide(hq, station_a, decide, clerk, reviewer, person_party, example_input,  # noqa: F811
                new_workstation, case_input):  # noqa: F811
    """Unit A's workstation (the disclosure fixtures' bureau) with two records published,
    one withdrawn and a minor's withheld; unit B's with one published; both enrolled."""
    portal = publish_some(decide, clerk, reviewer, person_party, example_input)
    other = new_workstation("ws-b")
    set_up_bureau(admin_context(other))
    record_b = decide_case(other, DocumentArchive(other.documents_dir),
                           case_input(cause="销售超过保质期的食品"), DAY_B)
    approve_disclosure(context_on(other, DAY_B, "reviewer", username="reviewer"), record_b)
    publish_disclosure(context_on(other, DAY_B, "clerk", username="clerk"), record_b)
    for station, unit in ((station_a, UNIT_A), (other, UNIT_B)):
        enroll(admin_context(station), station, server_url=hq.url,
               code=hq.enroll_code(unit[1]))
    return portal, other, record_b


def test_pushes_from_two_units_make_one_bureau_feed(hq, station_a, clerk,  # noqa: F811
                                                    bureau_wide, tmp_path):
    portal, other, record_b = bureau_wide
    pushed = lawdesk(station_a.data_dir, "disclosure", "push", "--json")
    assert pushed.returncode == 0, pushed.stderr
    report = json.loads(pushed.stdout)
    assert (report["records"], report["withdrawals"], report["confirmed"]) == (2, 1, 3)
    assert report["ok"] and not report["missing"] and not report["differing"]
    assert push_disclosures(context_on(other, DAY_B, "clerk", username="clerk"), other).ok

    out = tmp_path / "bureau"
    exported = lawdesk(hq.folder, "hq", "disclosure", "export", "--out", str(out), "--json",
                       db_url=hq.db_url)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["units"] == 2
    feed = read_feed(out)
    validate(feed)
    units = {entry["id"]: entry["unit"] for entry in feed["records"]}
    assert units == {portal.person: UNIT_A[0], portal.published[1]: UNIT_A[0],
                     record_b: UNIT_B[0]}
    assert [(n["id"], n["unit"]) for n in feed["withdrawals"]] == [(portal.withdrawn,
                                                                   UNIT_A[0])]
    assert [item["id"] for item in feed["changes"]["added"] if item["type"] == "record"] \
        == sorted([portal.person, portal.published[1], record_b])
    site = (out / "index.html").read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in site and secret not in json.dumps(feed, ensure_ascii=False)
    assert portal.minor not in site
    assert f"科室：{UNIT_B[0]}" in site

    # A withdrawal at unit A reaches the workstations' copy of the feed and the next export.
    withdraw_disclosure(clerk, portal.person, "行政复议决定撤销原处罚决定")
    after = push_disclosures(clerk, station_a)
    assert (after.records, after.withdrawals, after.confirmed, after.ok) == (1, 2, 3, True)
    with client_for(station_a, require_link(station_a.db)) as client:
        served = client.get_json("disclosure/feed", params={"since": "2026-06-01"})
        for bad in ("2026-02-30", "yesterday"):
            with pytest.raises(HqRefused) as refused:
                client.get_json("disclosure/feed", params={"since": bad})
            assert refused.value.status == 422 and "since" in refused.value.message("en")
    validate(served)
    assert portal.person in {n["id"] for n in served["withdrawals"]}
    assert portal.person not in {e["id"] for e in served["records"]}
    again = lawdesk(hq.folder, "hq", "disclosure", "export", "--out", str(out), "--json",
                    db_url=hq.db_url)
    changes = json.loads(again.stdout)["changes"]
    assert [(i["type"], i["id"]) for i in changes["added"]] == [("withdrawal", portal.person)]
    assert [(i["type"], i["id"]) for i in changes["removed"]] == [("record", portal.person)]
    assert changes["updated"] == []


def test_an_entry_hq_shows_differently_is_reported_not_taken_as_sent(hq, station_a,  # noqa: F811
                                                                     clerk, bureau_wide):
    portal = bureau_wide[0]
    assert push_disclosures(clerk, station_a).ok
    with hq.open() as server_side, server_side.db.write(actor="test",
                                                        action="test.tamper") as session:
        row = session.execute(select(HqRecord).where(
            HqRecord.object_type == "disclosure_record",
            HqRecord.object_id == portal.person)).scalar_one()
        values = json.loads(row.values)
        masked = json.loads(values["masked"])
        masked["result"] = "罚款人民币1.00元。"
        values["masked"] = json.dumps(masked, ensure_ascii=False)
        row.values = json.dumps(values, ensure_ascii=False)

    pushed = lawdesk(station_a.data_dir, "disclosure", "push", "--json")
    assert pushed.returncode == 1
    assert json.loads(pushed.stdout)["differing"] == [f"record:{portal.person}"]
    plain = lawdesk(station_a.data_dir, "disclosure", "push")
    assert plain.returncode == 1
    assert f"record:{portal.person}" in plain.stderr and "Traceback" not in plain.stderr


def test_a_workstation_not_enrolled_is_told_so(workspace, decide):
    pushed = lawdesk(workspace.data_dir, "disclosure", "push")
    assert pushed.returncode == 1
    assert "Traceback" not in pushed.stderr
    assert "注册" in pushed.stderr or "enroll" in pushed.stderr.lower()
