"""The portal export read back: the feed validates against the schema in the repository,
the static page holds every published record and withdrawal notice and nothing masked or
withheld, and each export states what changed since the last one (or since a day)."""
from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from db.models import DisclosureExport, LedgerEntry
from disclosure.portal import export_portal
from disclosure.workflow import approve_disclosure, publish_disclosure, withdraw_disclosure
from tests.disclosure.conftest import ADULT_ID, context_on
from tests.disclosure.portal_helpers import SECRETS, publish_some, read_feed, validate


@pytest.fixture
def portal(decide, clerk, reviewer, person_party, example_input):
    return publish_some(decide, clerk, reviewer, person_party, example_input)


class Page(HTMLParser):
    """The page as a reader gets it: its visible text, the ids of its entries, its
    external references and the embedded data."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: list[str] = []
        self.references: list[str] = []
        self.data = ""
        self._in = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        attrs = dict(attrs)
        if attrs.get("id", "").startswith(("record-", "withdrawal-")):
            self.ids.append(attrs["id"])
        for name in ("src", "href"):
            if attrs.get(name):
                self.references.append(attrs[name])
        self._in = attrs.get("id") if tag == "script" else tag

    def handle_data(self, data):  # noqa: ANN001
        if self._in == "lawdesk-data":
            self.data += data
        elif self._in not in ("script", "style"):
            self.text.append(data)

    def handle_endtag(self, tag):  # noqa: ANN001
        self._in = None


def test_the_feed_validates_and_holds_what_is_published(portal, clerk, tmp_path):
    out = tmp_path / "portal"
    result = export_portal(clerk, out)
    feed = read_feed(out)
    validate(feed)
    assert {r["id"] for r in feed["records"]} == set(portal.published)
    assert [w["id"] for w in feed["withdrawals"]] == [portal.withdrawn]
    assert feed["withdrawals"][0]["reason"] == "行政复议决定撤销原处罚决定"
    assert feed["enforcement_body"] == "农安县市场监督管理局"
    person = next(r for r in feed["records"] if r["id"] == portal.person)
    fields = {f["key"]: f["value"] for f in person["fields"]}
    assert fields["party_code"] == "220122********0013"
    assert (result.records, result.withdrawals) == (2, 1)
    # The first export lists everything as added.
    assert {(c["type"], c["id"]) for c in feed["changes"]["added"]} == {
        ("record", portal.published[0]), ("record", portal.published[1]),
        ("withdrawal", portal.withdrawn)}


def test_the_page_shows_every_entry_and_no_masked_or_withheld_value(portal, clerk,
                                                                    tmp_path, workspace):
    out = tmp_path / "portal"
    export_portal(clerk, out)
    source = (out / "index.html").read_text(encoding="utf-8")
    page = Page(source)
    assert sorted(page.ids) == sorted([f"record-{i}" for i in portal.published]
                                      + [f"withdrawal-{portal.withdrawn}"])
    for secret in SECRETS:
        assert secret not in source, secret
    assert portal.minor not in source
    # Self-contained: no script, style, font or image from elsewhere; the links are the
    # pre-enforcement disclosure (prior/, tests/disclosure/test_prior_export.py) and the feed.
    assert page.references == ["prior/index.html", "feed.json"]
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", source)
    embedded = json.loads(page.data)
    assert {r["id"] for r in embedded["records"]} == set(portal.published)
    text = "".join(page.text)
    assert "撤回公告" in text and "行政复议决定撤销原处罚决定" in text
    assert "吉林省长春市农安县***" in text


def test_the_feed_never_holds_a_minors_record(portal, clerk, tmp_path):
    export_portal(clerk, tmp_path / "portal")
    raw = (tmp_path / "portal" / "feed.json").read_text(encoding="utf-8")
    assert portal.minor not in raw and "小明" not in raw


def test_each_export_states_what_changed_since_the_last(portal, decide, clerk, reviewer,
                                                        tmp_path, workspace):
    out = tmp_path / "portal"
    export_portal(clerk, out)
    again = export_portal(clerk, out)
    assert again.changes["added"] == again.changes["updated"] == again.changes["removed"] == []
    assert again.changes["previous_export"] is not None
    fresh = decide()
    approve_disclosure(reviewer, fresh)
    publish_disclosure(clerk, fresh)
    withdraw_disclosure(clerk, portal.person, "决定被确认无效")
    third = export_portal(clerk, out)
    changes = {k: {(c["type"], c["id"]) for c in v} for k, v in third.changes.items()
               if k in ("added", "updated", "removed")}
    assert changes == {"added": {("record", fresh), ("withdrawal", portal.person)},
                       "updated": set(), "removed": {("record", portal.person)}}
    validate(read_feed(out))
    with workspace.db.read() as session:
        exports = session.execute(select(DisclosureExport).order_by(
            DisclosureExport.exported_at)).scalars().all()
        assert [(e.added, e.removed) for e in exports] == [(3, 0), (0, 0), (2, 1)]
        assert session.execute(select(LedgerEntry.action).where(
            LedgerEntry.object_type == "disclosure_export")).scalars().all() == [
            "disclosure.export"] * 3


def test_since_a_day_the_changes_are_what_was_published_or_withdrawn_from_then(
        decide, clerk, reviewer, workspace, tmp_path):
    early = decide(date(2026, 6, 1))
    approve_disclosure(reviewer, early)
    publish_disclosure(context_on(workspace, date(2026, 6, 2), "clerk", username="clerk"),
                       early)
    late = decide()
    approve_disclosure(reviewer, late)
    publish_disclosure(clerk, late)
    result = export_portal(clerk, tmp_path / "portal", since=date(2026, 6, 10))
    assert [c["id"] for c in result.changes["added"]] == [late]
    assert result.changes["since"] == "2026-06-10"
    feed = read_feed(tmp_path / "portal")
    assert {r["id"] for r in feed["records"]} == {early, late}  # the feed holds everything
    validate(feed)


def test_an_expired_record_leaves_the_export(decide, clerk, reviewer, workspace, tmp_path):
    record = decide()
    approve_disclosure(reviewer, record)
    until = publish_disclosure(clerk, record).online_until
    out = tmp_path / "portal"
    export_portal(clerk, out)
    later = context_on(workspace, date.fromordinal(until.toordinal() + 1), "clerk",
                       username="clerk")
    result = export_portal(later, out)
    assert result.expired == 1 and result.records == 0
    assert [c["id"] for c in result.changes["removed"]] == [record]
    assert ADULT_ID not in (out / "index.html").read_text(encoding="utf-8")


def test_an_export_leaves_no_temporary_file(portal, clerk, tmp_path):
    out = tmp_path / "portal"
    export_portal(clerk, out)
    export_portal(clerk, out)
    assert sorted(p.name for p in out.iterdir()) == ["feed.json", "index.html", "prior",
                                                     "state.json"]
    assert not [p for p in out.rglob(".*") if p.is_file()]   # no temporary file in prior/
