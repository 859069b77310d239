"""The date a document bears (issue 14): its step's day by default, chosen at issue when
needed (service, CLI --date), kept with the record and so in the ledger; never a day to
come; and a rectification deadline never before the notice's own date.

The fixed clock stands at 2026-06-15; the example case's investigation is recorded on
2026-06-05 and its rectification deadline is 2026-06-10."""
from __future__ import annotations

import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casework.documents import issue_document, issued_document, preview_document
from core.errors import InvalidInput
from db.models import LedgerEntry
from tests.casework.conftest import EXAMPLE

ISSUE_DAY = date(2026, 6, 15)


def _text(data: bytes) -> str:
    from io import BytesIO
    return "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).replace(" ", "")


def test_a_document_is_dated_its_steps_day_and_the_ledger_says_so(penalty_case, clerk, archive,
                                                                   advance, workspace):
    advance(penalty_case, "filing", "investigation")
    info = issue_document(clerk, archive, penalty_case.number, "rectification_notice")
    text = _text(archive.read(info.sha256))
    assert "2026年6月5日" in text and "2026年6月15日" not in text
    _, values = issued_document(clerk, info.number)
    assert values["document_date"] == "2026-06-05"
    with workspace.db.read() as session:
        entry = session.execute(select(LedgerEntry).where(
            LedgerEntry.action == "document.issue",
            LedgerEntry.object_type == "issued_document")).scalars().one()
    assert '\\"document_date\\":\\"2026-06-05\\"' in entry.change  # beside issued_at (6-15)


def test_without_its_step_a_document_is_dated_the_issue_day(penalty_case, clerk, archive,
                                                             advance):
    advance(penalty_case, "filing")
    info = issue_document(clerk, archive, penalty_case.number, "inspection_record")
    assert issued_document(clerk, info.number)[1]["document_date"] == ISSUE_DAY.isoformat()


def test_the_date_chosen_at_issue_is_printed(penalty_case, clerk, archive, advance):
    advance(penalty_case, "filing", "investigation")
    info = issue_document(clerk, archive, penalty_case.number, "rectification_notice",
                          date=date(2026, 6, 7))
    assert "2026年6月7日" in _text(archive.read(info.sha256))
    assert issued_document(clerk, info.number)[1]["document_date"] == "2026-06-07"


def test_a_document_is_never_dated_after_today(penalty_case, clerk, archive, advance):
    advance(penalty_case, "filing", "investigation")
    with pytest.raises(InvalidInput, match="晚于今天"):
        issue_document(clerk, archive, penalty_case.number, "inspection_record",
                       date=date(2026, 6, 16))
    # Today itself is a document's date like any other.
    issue_document(clerk, archive, penalty_case.number, "inspection_record", date=ISSUE_DAY)


@pytest.mark.parametrize(("dated", "refused"), [(date(2026, 6, 9), False),
                                                (date(2026, 6, 10), False),
                                                (date(2026, 6, 11), True)])
def test_a_rectification_deadline_is_never_before_the_notices_date(penalty_case, clerk, advance,
                                                                     dated, refused):
    """Deadline 2026-06-10: a notice dated the day before or that day orders a correction
    still to come; one dated after it would order one already past."""
    advance(penalty_case, "filing", "investigation")
    if refused:
        with pytest.raises(InvalidInput) as error:
            preview_document(clerk, penalty_case.number, "rectification_notice", date=dated)
        assert "改正期限" in error.value.message("zh_CN")
        assert "rectify_deadline" in error.value.message("en")
    else:
        assert preview_document(clerk, penalty_case.number, "rectification_notice", date=dated)


def test_the_cli_takes_a_date_and_refuses_a_bad_one(bureau, cli_here, tmp_path):
    """lawdesk doc render … --date YYYY-MM-DD (the CLI reads the real clock)."""
    def run(*args: str):  # noqa: ANN202
        return cli_here(*args, user="admin")
    number = run("case", "new", "--json-file", str(EXAMPLE)).stdout.strip()
    for step, day in (("filing", "2026-06-04"), ("investigation", "2026-06-05")):
        assert run("case", "step", number, step, "--date", day).returncode == 0
    out = tmp_path / "通知.pdf"
    bad = run("doc", "render", "rectification_notice", "--case", number, "--out", str(out),
              "--date", "2026-06-31")
    assert bad.returncode == 1 and "--date" in bad.stderr and not out.exists()
    done = run("doc", "render", "rectification_notice", "--case", number, "--out", str(out),
               "--date", "2026-06-06", "--json")
    assert done.returncode == 0, done.stderr
    assert "2026年6月6日" in _text(out.read_bytes())
    answer = json.loads(done.stdout)
    assert answer["number"] in _text(out.read_bytes())
    assert answer["document_date"] == "2026-06-06"
    preview = run("doc", "render", "rectification_notice", "--case", number,
                  "--out", str(tmp_path / "p.pdf"), "--preview")
    assert preview.returncode == 0, preview.stderr
    assert "2026年6月5日" in _text((tmp_path / "p.pdf").read_bytes())  # its step's day
