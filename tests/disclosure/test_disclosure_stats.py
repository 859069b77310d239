"""Annual statistics for the disclosure report: counts by kind, on-time rate, withdrawals;
as CSV (read back with the csv module) and as PDF (read back with pypdf)."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from core.errors import InvalidInput
from disclosure.stats import annual_stats, write_stats
from disclosure.workflow import (approve_disclosure, note_decision_changed,
                                 publish_disclosure, withdraw_disclosure)
from tests.disclosure.conftest import MINOR_ID, context_on


@pytest.fixture
def year_2025(decide, workspace, reviewer, person_party):
    """2025: three penalty decisions (one published on time, one late, one never, past its
    deadline), one inspection result on time, a minor's decision withheld; the on-time one
    withdrawn within its 3 working days."""
    def clerk_on(day: date):  # noqa: ANN202
        return context_on(workspace, day, "clerk", username="clerk")

    on_time = decide(date(2025, 3, 3))                  # due 12 March
    late = decide(date(2025, 3, 3))
    decide(date(2025, 3, 3))                            # never published
    inspection = decide(date(2025, 3, 3), type="inspection", penalty=None,
                        penalty_amount=None, step_note="未发现违法行为")
    decide(date(2025, 3, 3), parties=(person_party(MINOR_ID, name="小明"),))
    for record in (on_time, late, inspection):
        approve_disclosure(reviewer, record)
    publish_disclosure(clerk_on(date(2025, 3, 10)), on_time)
    publish_disclosure(clerk_on(date(2025, 3, 10)), inspection)
    publish_disclosure(clerk_on(date(2025, 3, 20)), late)
    note_decision_changed(clerk_on(date(2025, 5, 6)), on_time, date(2025, 5, 6), "复议撤销")
    withdraw_disclosure(clerk_on(date(2025, 5, 8)), on_time, "复议撤销")


def test_the_years_figures_by_kind(year_2025, clerk):
    stats = annual_stats(clerk, 2025)
    kinds = {k.kind: k for k in stats.kinds}
    penalty = kinds["penalty_decision"]
    assert (penalty.to_publish, penalty.published, penalty.on_time, penalty.late,
            penalty.overdue, penalty.withheld) == (3, 2, 1, 1, 1, 1)
    assert penalty.on_time_rate == pytest.approx(1 / 3)
    assert (penalty.withdrawn, penalty.withdrawn_on_time) == (1, 1)
    assert (kinds["inspection_result"].published, kinds["inspection_result"].on_time) == (1, 1)
    total = stats.total
    assert (total.to_publish, total.published, total.on_time, total.withdrawn) == (4, 3, 2, 1)
    assert total.rate_text() == "50.0%"
    # Another year holds none of it.
    assert annual_stats(clerk, 2024).total.to_publish == 0


def test_the_csv_opens_in_excel_with_its_headings(year_2025, clerk, tmp_path):
    path = tmp_path / "2025.csv"
    write_stats(clerk, 2025, path)
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["类别", "应公示", "已公示"]
    by_kind = {row[0]: row for row in rows[1:]}
    assert by_kind["行政处罚决定"][1:7] == ["3", "2", "1", "1", "1", "33.3%"]
    assert by_kind["合计"][-2:] == ["1", "1"]


def test_the_pdf_reads_back(year_2025, clerk, tmp_path, pdf_text):
    path = tmp_path / "2025.pdf"
    write_stats(clerk, 2025, path)
    text = pdf_text(path)
    assert "2025年度行政执法结果公示情况统计" in text
    assert "按时公示率50.0%" in text and "行政处罚决定" in text


def test_only_a_past_or_current_year_and_a_pdf_or_csv(clerk, tmp_path):
    with pytest.raises(InvalidInput):
        annual_stats(clerk, 2027)
    with pytest.raises(InvalidInput):
        write_stats(clerk, 2025, tmp_path / "2025.xlsx")
