"""Who held a device at an instant: custodies cover [checked_out_at, checked_in_at)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from core.errors import InvalidInput, NotFound
from devices.custody import PreUseCheck, checkin, checkout
from devices.holder import holder_at

T0 = datetime(2026, 6, 15, 1, 0, tzinfo=timezone.utc)
HOUR, TICK = timedelta(hours=1), timedelta(microseconds=1)
PASS = PreUseCheck()


@pytest.fixture
def handed_around(bureau, acting):
    """BC-1: 王五 [T0, T0+2h); nobody [T0+2h, T0+3h); 赵六 [T0+3h, T0+5h); 王五 again from
    T0+5h, checked out at the very instant 赵六 checked it in, and still out."""
    checkout(acting(T0), "BC-1", "C-WANG", checks=PASS, signature_png=None)
    checkin(acting(T0 + 2 * HOUR), "BC-1", signature_png=None)
    checkout(acting(T0 + 3 * HOUR), "BC-1", "C-ZHAO", checks=PASS, signature_png=None)
    checkin(acting(T0 + 5 * HOUR), "BC-1", signature_png=None)
    checkout(acting(T0 + 5 * HOUR), "BC-1", "C-WANG", checks=PASS, signature_png=None,
             due_at=T0 + 30 * HOUR)
    return bureau


@pytest.mark.parametrize("instant,certificate", [
    (T0 - TICK, None),                     # before the first checkout
    (T0, "C-WANG"),                        # the exact checkout instant: the new holder
    (T0 + HOUR, "C-WANG"),
    (T0 + 2 * HOUR - TICK, "C-WANG"),
    (T0 + 2 * HOUR, None),                 # the exact check-in instant: nobody
    (T0 + 3 * HOUR - TICK, None),
    (T0 + 3 * HOUR, "C-ZHAO"),
    (T0 + 5 * HOUR - TICK, "C-ZHAO"),
    (T0 + 5 * HOUR, "C-WANG"),             # checked in and out again at one instant
    (T0 + 1000 * HOUR, "C-WANG"),          # an open custody covers everything after
], ids=["before", "checkout-instant", "during", "just-before-checkin", "checkin-instant",
        "gap", "second-checkout", "second-last-tick", "handover-instant", "still-out"])
def test_holder_across_several_checkouts(handed_around, workspace, instant, certificate):
    holder = holder_at(workspace.db, "BC-1", instant)
    assert (holder.certificate_number if holder else None) == certificate


def test_the_holder_says_which_custody(handed_around, keeper):
    holder = holder_at(keeper, "BC-1", T0 + 4 * HOUR)
    assert (holder.officer_name, holder.serial) == ("赵六", "BC-1")
    assert (holder.checked_out_at, holder.checked_in_at) == (T0 + 3 * HOUR, T0 + 5 * HOUR)
    assert holder.as_json()["certificate"] == "C-ZHAO"
    assert holder_at(keeper, "BC-1", T0 + 6 * HOUR).checked_in_at is None


def test_any_time_zone_names_the_same_instant(handed_around, keeper):
    beijing = (T0 + 3 * HOUR).astimezone(ZoneInfo("Asia/Shanghai"))
    assert beijing.hour == 12
    assert holder_at(keeper, "BC-1", beijing).certificate_number == "C-ZHAO"


def test_a_device_never_checked_out_has_no_holder(bureau, keeper):
    assert holder_at(keeper, "BC-2", T0) is None


def test_unknown_serial_and_naive_instant_are_refused(bureau, keeper):
    with pytest.raises(NotFound):
        holder_at(keeper, "NOPE", T0)
    with pytest.raises(InvalidInput):
        holder_at(keeper, "BC-1", datetime(2026, 6, 15, 9, 0))


def test_the_lookup_is_one_query_on_the_custody_index(handed_around, workspace):
    """One statement, answered through ix_custody_device_id_checked_out_at rather than a
    scan of every custody record (the 200 ms target at 200,000 records is measured by
    benchmarks/devices.py)."""
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements.append((statement, parameters))

    event.listen(workspace.db.engine, "before_cursor_execute", capture)
    try:
        assert holder_at(workspace.db, "BC-1", T0 + HOUR).certificate_number == "C-WANG"
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", capture)
    queries = [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 1
    statement, parameters = queries[0]
    with workspace.db.engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters)]
    assert any("ix_custody_device_id_checked_out_at" in step for step in plan), plan
    assert not any(step.startswith("SCAN") and "custody" in step for step in plan), plan
