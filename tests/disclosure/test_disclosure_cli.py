"""`lawdesk disclosure …` acting as --user: the JSON shapes the
issue spells out, the workflow, the export and the statistics, and refusals that exit 1
naming the rule. The commands read the real clock, so the records here are decided
relative to today."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from accounts.users import add_user
from tests.disclosure.conftest import BEIJING
from tests.disclosure.portal_helpers import read_feed, validate

pytestmark = pytest.mark.slow

PASSWORD = "disclosure-pass-1"
LIST_KEYS = {"id", "case", "document_number", "kind", "status", "decided_on", "deadline",
             "calendar_warning"}


@pytest.fixture
def cli(cli_here):
    """The commands through lawdesk.cli.main in this process (tests/conftest.py
    ``cli_here``): what a script sees, without a child's start-up on every command
    (tests/lawdesk/test_cli.py keeps the real child process)."""
    return cli_here


@pytest.fixture
def people(workspace, admin):
    add_user(admin, "clerk", PASSWORD, ["clerk"])
    add_user(admin, "reviewer", PASSWORD, ["reviewer"])


@pytest.fixture
def today() -> date:
    return datetime.now(BEIJING).date()


@pytest.fixture
def as_user(cli, people):
    def run(user: str, *args: str):  # noqa: ANN202
        return cli("disclosure", *args, user=user, password=PASSWORD)
    return run


def test_list_shows_each_record_in_the_agreed_shape(decide, as_user, today):
    late = decide(today - timedelta(days=60))
    fresh = decide(today)
    result = as_user("clerk", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [set(row) for row in rows] == [LIST_KEYS, LIST_KEYS]
    assert [row["id"] for row in rows] == [late, fresh]  # the nearest deadline first
    assert rows[1]["decided_on"] == today.isoformat() and rows[1]["status"] == "drafted"
    assert rows[1]["kind"] == "penalty_decision" and rows[1]["calendar_warning"] is None
    assert rows[1]["document_number"].startswith("执一罚决字〔")
    overdue = json.loads(as_user("clerk", "list", "--overdue", "--json").stdout)
    assert [row["id"] for row in overdue] == [late]
    soon = json.loads(as_user("clerk", "list", "--due-within", "0", "--json").stdout)
    assert [row["id"] for row in soon] == [late]
    later = json.loads(as_user("clerk", "list", "--due-within", "30", "--json").stdout)
    assert {row["id"] for row in later} == {late, fresh}


def test_show_prints_the_masked_record_as_it_would_be_published(decide, as_user, person_party,
                                                                 today):
    record = decide(today, parties=(person_party(),))
    result = as_user("reviewer", "show", record, "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    fields = {f["key"]: f["value"] for f in shown["fields"]}
    assert fields["party_code"] == "220122********0013"
    assert "220122198305120013" not in result.stdout
    assert shown["id"] == record and shown["published_on"] is None
    # The people's view puts the original beside it.
    plain = as_user("reviewer", "show", record)
    assert "220122198305120013" in plain.stdout and "220122********0013" in plain.stdout


def test_the_workflow_at_the_command_line_with_its_refusals(decide, as_user, tmp_path, today):
    record = decide(today)
    refused = as_user("clerk", "publish", record)
    assert refused.returncode == 1
    assert "尚未审核" in refused.stderr and "审核后方可发布" in refused.stderr
    refused = as_user("clerk", "approve", record)
    assert refused.returncode == 1 and "clerk" in refused.stderr
    assert as_user("reviewer", "approve", record).returncode == 0
    published = as_user("clerk", "publish", record, "--json")
    assert published.returncode == 0, published.stderr
    assert json.loads(published.stdout)["published_on"] == today.isoformat()
    refused = as_user("clerk", "withdraw", record, "--reason", " ")
    assert refused.returncode == 1 and "撤回理由" in refused.stderr
    out = tmp_path / "portal"
    first = as_user("clerk", "export", "--out", str(out), "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["records"] == 1
    assert as_user("clerk", "withdraw", record, "--reason", "行政复议决定撤销").returncode == 0
    again = as_user("clerk", "export", "--out", str(out), "--since", today.isoformat())
    assert again.returncode == 0, again.stderr
    feed = read_feed(out)
    validate(feed)
    assert [w["reason"] for w in feed["withdrawals"]] == ["行政复议决定撤销"]
    assert feed["records"] == []
    refused = as_user("clerk", "withdraw", record, "--reason", "再次撤回")
    assert refused.returncode == 1 and "只有已公示的记录才能撤回" in refused.stderr


def test_statistics_as_csv_and_pdf(decide, as_user, tmp_path, today):
    decide(today)
    for name in ("stats.csv", "stats.pdf"):
        result = as_user("reviewer", "stats", "--year", str(today.year), "--out",
                         str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    refused = as_user("reviewer", "stats", "--year", str(today.year), "--out",
                      str(tmp_path / "stats.txt"))
    assert refused.returncode == 1 and ".pdf" in refused.stderr


def test_an_admin_sets_the_provinces_withdrawal_limit(cli, workspace):
    result = cli("disclosure", "rule-set", "penalty_decision", "--withdrawal-workdays", "5",
                 "--json", user="admin")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["withdrawal_workdays"] == 5
    refused = cli("disclosure", "rule-set", "penalty_decision", "--withdrawal-workdays", "0",
                  user="admin")
    assert refused.returncode == 1
