"""Recording statistics against the hand-counted bureau of test_statistics_bureau.py: every
figure per unit, officer and device type, the range's edges in Beijing time, the late-offload
boundary, the exact percentiles, the drill-down lists; who may see them; bad ranges."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from compliance.statistics import check_scope, compute_statistics
from compliance.statistics_lists import drill_down
from core.actor import Actor
from core.clock import fixed_clock
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from lawdesk.workspace import Workspace
from tests.compliance.test_statistics_bureau import SINCE, UNTIL, make_template
from tests.conftest import NOW


@pytest.fixture(scope="module")
def bureau(initialised_template: Path, tmp_path_factory):  # noqa: ANN001
    """Read-only: every test of this module reads the same folder."""
    folder = make_template(initialised_template, tmp_path_factory.mktemp("stats") / "data", NOW)
    workspace = Workspace.open(folder, clock=fixed_clock(NOW))
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def head(bureau):  # noqa: ANN001
    return bureau.context(Actor("head", frozenset({"head"})))


@pytest.fixture(scope="module")
def stats(head):  # noqa: ANN001
    return compute_statistics(head, SINCE, UNTIL)


def by_name(rows):  # noqa: ANN001, ANN201
    return {r.name: r.figures for r in rows}


def test_footage_figures_counted_by_hand(stats):  # noqa: ANN001
    total = stats.total.figures
    # F1 F2 F3 F4 F5 F9: F6 is June in Beijing (May in UTC), F7 February, F8 has no time.
    assert total.footage_count == 6
    assert total.footage_hours == pytest.approx(8100 / 3600)
    # Delays 1 2 6 24 25 30 h: nearest rank 3 (median) and 6 (95th).
    assert (total.offload_delay_median_h, total.offload_delay_p95_h) == pytest.approx((6, 30))
    # Late: more than 24 h. F9 at exactly 24 h is not; F4 at 25 h and F2 at 30 h are.
    assert total.late_offloads == 2
    assert stats.late_offload_hours == 24


def test_footage_by_unit_officer_and_device_type(stats):  # noqa: ANN001
    units = by_name(stats.units)
    # F5 has no officer: its recorder AR-1 is 综合科's.
    assert (units["综合科"].footage_count, units["综合科"].late_offloads) == (5, 1)
    assert units["综合科"].footage_hours == pytest.approx(4500 / 3600)
    assert (units["综合科"].offload_delay_median_h, units["综合科"].offload_delay_p95_h) == (
        pytest.approx(6), pytest.approx(30))
    assert (units["法制科"].footage_count, units["法制科"].offload_delay_median_h,
            units["法制科"].late_offloads) == (1, pytest.approx(25), 1)
    officers = by_name(stats.officers)
    assert (officers["王五"].footage_count, officers["王五"].late_offloads) == (2, 1)
    assert (officers["王五"].offload_delay_median_h, officers["王五"].offload_delay_p95_h) == (
        pytest.approx(6), pytest.approx(30))
    assert (officers["赵六"].offload_delay_median_h, officers["赵六"].offload_delay_p95_h,
            officers["赵六"].late_offloads) == (pytest.approx(2), pytest.approx(24), 0)
    types = {r.key: r.figures for r in stats.device_types}
    assert (types["body_camera"].footage_count, types["audio_recorder"].footage_count) == (5, 1)


def test_cases_compliance_and_findings(stats):  # noqa: ANN001
    total = stats.total.figures
    # C1 C2 C3 C5 (C3 at 23:00 on the last day; C4 is June); C1 and C5 have open findings.
    assert (total.cases, total.cases_complying, total.findings_open) == (4, 2, 3)
    assert total.compliance_rate == pytest.approx(0.5)
    units = by_name(stats.units)
    assert (units["综合科"].cases, units["综合科"].cases_complying,
            units["综合科"].findings_open) == (3, 1, 3)
    assert units["综合科"].compliance_rate == pytest.approx(1 / 3)
    assert units["法制科"].compliance_rate == pytest.approx(1.0)
    officers = by_name(stats.officers)
    assert (officers["王五"].cases, officers["王五"].cases_complying) == (2, 0)
    assert (officers["李四"].cases, officers["李四"].compliance_rate) == (1, pytest.approx(1))
    assert {(t.type_code, t.procedure): t.cases for t in stats.cases_by_type} == {
        ("administrative_penalty", "ordinary"): 2, ("administrative_penalty", "simplified"): 1,
        ("inspection", "ordinary"): 1}


def test_documents_reviews_disclosures_and_devices(stats):  # noqa: ANN001
    total = stats.total.figures
    assert total.documents_issued == 2
    # R1 decided on its due day at 23:30 Beijing time: on time; R3 a day late; R2 overdue.
    assert (total.reviews_submitted, total.reviews_decided, total.reviews_on_time,
            total.reviews_overdue) == (3, 2, 1, 1)
    # P1 published on its deadline, P2 a day after, P3 never; P4 withheld is not counted.
    assert (total.disclosures_due, total.disclosures_published, total.disclosures_on_time,
            total.disclosures_overdue) == (3, 2, 1, 1)
    units = by_name(stats.units)
    assert (units["法制科"].reviews_submitted, units["法制科"].reviews_on_time,
            units["法制科"].disclosures_overdue) == (1, 0, 1)
    # The shipped standards (an audio recorder per 5 officers, a camera and a document
    # camera at least) and ours, a body camera per certified officer. 综合科 (2 officers)
    # needs 2+1+1+1 and has BC-1 and AR-1; 法制科 (1 officer) needs 1+1+1+1 and has BC-2.
    assert (total.devices_in_service, total.devices_required, total.devices_shortfall) == (
        3, 9, 6)
    assert (units["综合科"].devices_in_service, units["综合科"].devices_required,
            units["综合科"].devices_shortfall) == (2, 5, 3)
    assert (units["法制科"].devices_in_service, units["法制科"].devices_shortfall) == (1, 3)
    types = {r.key: r.figures for r in stats.device_types}
    assert (types["body_camera"].devices_in_service, types["body_camera"].devices_required,
            types["body_camera"].devices_shortfall) == (2, 3, 1)


def test_months_in_beijing_time(stats):  # noqa: ANN001
    months = {m.month: m for m in stats.months}
    assert list(months) == ["2026-03", "2026-04", "2026-05"]
    assert [months[m].footage_count for m in months] == [2, 2, 2]
    assert [months[m].late_offloads for m in months] == [1, 1, 0]
    assert [months[m].cases for m in months] == [1, 2, 1]
    assert [months[m].documents_issued for m in months] == [1, 0, 1]


def test_one_unit_and_the_json_contract(head, stats):  # noqa: ANN001
    unit_id = next(r.key for r in stats.units if r.name == "法制科")
    one = compute_statistics(head, SINCE, UNTIL, unit_id)
    assert [u.name for u in one.units] == ["法制科"]
    assert [o.name for o in one.officers] == ["李四"]
    assert (one.total.figures.footage_count, one.total.figures.cases) == (1, 1)
    assert [(m.footage_count, m.late_offloads) for m in one.months] == [(0, 0), (1, 1), (0, 0)]
    zonghe = next(r.key for r in stats.units if r.name == "综合科")
    # F5 (no officer) counts for 综合科 by its recorder AR-1, in May.
    assert [m.footage_count for m in compute_statistics(head, SINCE, UNTIL, zonghe).months] == [
        2, 1, 2]
    data = stats.as_json()
    assert set(data) == {"from", "to", "unit", "as_of", "late_offload_hours", "totals",
                         "units", "officers", "device_types", "cases_by_type", "months"}
    assert data["totals"]["compliance_rate"] == 0.5
    assert set(data["units"][0]) >= {"id", "name", "footage_count", "offload_delay_p95_h"}


def test_a_shorter_late_limit_and_a_day_at_each_edge(head):  # noqa: ANN001
    assert compute_statistics(head, SINCE, UNTIL, late_hours=6).total.figures.late_offloads == 3
    # The last day alone: F5 at 23:30 and C3 at 23:00 Beijing time (15:30 and 15:00 UTC).
    day = compute_statistics(head, UNTIL, UNTIL).total.figures
    assert (day.footage_count, day.cases) == (1, 1)
    empty = compute_statistics(head, date(2025, 1, 1), date(2025, 1, 31)).total.figures
    assert (empty.footage_count, empty.cases, empty.compliance_rate,
            empty.offload_delay_median_h) == (0, 0, None, None)


def test_drill_down_lists_the_rows_behind_a_figure(head, stats):  # noqa: ANN001
    scope = check_scope(SINCE, UNTIL)
    late = drill_down(head, scope, "late_offloads")
    assert late.total == 2 and {r[1] for r in late.rows} == {"F2.mp4", "F4.mp4"}
    wang = next(r.key for r in stats.officers if r.name == "王五")
    assert drill_down(head, scope, "footage_count", ("officer", wang)).total == 2
    zonghe = next(r.key for r in stats.units if r.name == "综合科")
    assert drill_down(head, scope, "footage_count", ("unit", zonghe)).total == 5
    assert drill_down(head, scope, "footage_count", ("device_type", "audio_recorder")).total == 1
    assert {r[0] for r in drill_down(head, scope, "cases_noncomplying").rows} == {"案-C1",
                                                                                   "案-C5"}
    assert drill_down(head, scope, "findings_open").total == 3
    assert drill_down(head, scope, "reviews_overdue").rows[0][0] == "案-C5"
    assert drill_down(head, scope, "disclosures_overdue").rows[0][0] == "案-C3"
    assert drill_down(head, scope, "documents_issued").total == 2
    with pytest.raises(InvalidInput):
        drill_down(head, scope, "nonsense")


def test_who_may_see_statistics_and_bad_ranges(bureau, head):  # noqa: ANN001
    keeper = bureau.context(Actor("keeper", frozenset({"custodian"})))
    with pytest.raises(PermissionDenied):
        compute_statistics(keeper, SINCE, UNTIL)
    with pytest.raises(PermissionDenied):
        drill_down(keeper, check_scope(SINCE, UNTIL), "cases")
    with pytest.raises(InvalidInput) as refused:
        check_scope(UNTIL, SINCE)
    assert "is before the first day" in refused.value.message("en")
    with pytest.raises(InvalidInput):
        compute_statistics(head, None, UNTIL)
    with pytest.raises(InvalidInput):
        compute_statistics(head, SINCE, UNTIL, "no-such-unit")


def plans(workspace, call) -> list[str]:  # noqa: ANN001
    """SQLite's query plan of every statement ``call`` runs (EXPLAIN QUERY PLAN, replayed)."""
    from sqlalchemy import event
    seen = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))
    event.listen(workspace.db.engine, "before_cursor_execute", keep)
    try:
        call()
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", keep)
    out = []
    with workspace.db.engine.connect() as connection:
        for statement, parameters in seen:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            out.append(" | ".join(r[-1] for r in rows))
    return out


def test_the_year_is_read_from_the_indexes_of_migration_0015(bureau, head):  # noqa: ANN001
    """What benchmarks/stats_scale.py measured at 1,000,000 rows rests on these plans."""
    from evidence.library import FootageFilter, footage_page
    footage = [p for p in plans(bureau, lambda: compute_statistics(head, SINCE, UNTIL))
               if "footage" in p and "enforcement_case" not in p]
    # Every read of the year is from one of the two covering indexes, and nothing of it is
    # sorted: the groups come in the grouping index's order (no temporary B-tree).
    assert footage and all("COVERING INDEX ix_footage_stats" in p for p in footage), footage
    assert not any("TEMP B-TREE" in p for p in footage), footage
    assert any("ix_footage_stats_groups" in p for p in footage), footage
    library = plans(bureau, lambda: footage_page(head, FootageFilter(important=True), limit=100))
    assert any("ix_footage_important_recorded_at" in p for p in library), library
