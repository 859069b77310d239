"""Devices at county scale: the ratio report and "who held device S at time T".

Target (issue 4): with 50 units, 2,000 officers, 5,000 devices and 200,000 custody records,
the ratio report and a holder lookup each answer within 200 ms. One device is given 500
custodies, the worst case a busy body camera reaches in a few years.

The rows are bulk-inserted straight into the tables: this measures reading, not the
services (which write a ledger entry per row).
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from core.actor import Actor  # noqa: E402
from core.clock import fixed_clock  # noqa: E402
from db.models import Certificate, Custody, Device, Officer, Unit  # noqa: E402
from devices.holder import holder_at  # noqa: E402
from devices.ratio import ratio_report  # noqa: E402
from lawdesk.workspace import Workspace  # noqa: E402

UNITS, OFFICERS, DEVICES, CUSTODIES = 50, 2_000, 5_000, 200_000
HOT_DEVICE_CUSTODIES = 500
TARGET_MS = 200
NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)
START = datetime(2022, 1, 3, 0, 30, tzinfo=timezone.utc)   # 08:30 in Beijing
TYPES = ("body_camera", "body_camera", "body_camera", "audio_recorder", "camera",
         "document_camera")


def seed(workspace: Workspace) -> None:
    rng = random.Random(4)
    with workspace.db.engine.begin() as connection:
        connection.execute(insert(Unit), [
            {"id": f"u{u:02d}", "name": f"执法{u:02d}科", "short_name": f"执{u:02d}",
             "created_at": START} for u in range(UNITS)])
        connection.execute(insert(Officer), [
            {"id": f"o{i:05d}", "name": f"执法员{i:05d}", "unit_id": f"u{i % UNITS:02d}",
             "created_at": START} for i in range(OFFICERS)])
        certificates = []
        for i in range(OFFICERS):
            roll = rng.random()  # most valid; some expired, suspended; some renewed
            until = date(2025, 12, 31) if roll < 0.08 else date(2028, 12, 31)
            status = "suspended" if 0.08 <= roll < 0.11 else "active"
            certificates.append({"id": f"c{i:05d}", "officer_id": f"o{i:05d}",
                                 "number": f"22{i:08d}", "valid_from": date(2021, 1, 1),
                                 "valid_until": until, "status": status, "created_at": START})
            if roll > 0.9:
                certificates.append({"id": f"r{i:05d}", "officer_id": f"o{i:05d}",
                                     "number": f"23{i:08d}", "valid_from": date(2026, 1, 1),
                                     "valid_until": date(2031, 12, 31), "status": "active",
                                     "created_at": START})
        connection.execute(insert(Certificate), certificates)
        statuses = ["in_store"] * 90 + ["in_repair"] * 5 + ["lost"] * 2 + ["retired"] * 3
        connection.execute(insert(Device), [
            {"id": f"d{d:04d}", "serial": f"SN{d:06d}", "type_code": TYPES[d % len(TYPES)],
             "unit_id": f"u{d % UNITS:02d}",
             # The devices whose last custody is open (see _custodies) are out.
             "status": "checked_out" if d % 10 == 0 else rng.choice(statuses),
             "created_at": START} for d in range(DEVICES)])
        connection.execute(insert(Custody), list(_custodies(rng)))


def _custodies(rng: random.Random):  # noqa: ANN202
    """Non-overlapping custodies per device, a working day each, every few days; device 0
    is the hot one. The last custody of every tenth device is still open."""
    counts = [0] * DEVICES
    for i in range(CUSTODIES):
        d = 0 if i < HOT_DEVICE_CUSTODIES else 1 + (i % (DEVICES - 1))
        n = counts[d]
        counts[d] += 1
        out = START + timedelta(days=3 * n, minutes=rng.randrange(0, 120))
        officer = rng.randrange(OFFICERS)
        last = (d == 0 and n == HOT_DEVICE_CUSTODIES - 1) or (
            d and d % 10 == 0 and i + DEVICES - 1 >= CUSTODIES)
        yield {"id": f"k{i:06d}", "device_id": f"d{d:04d}", "officer_id": f"o{officer:05d}",
               "certificate_number": f"22{officer:08d}", "checked_out_at": out,
               "due_at": out + timedelta(hours=10), "checked_out_by": "keeper",
               "battery_ok": True, "storage_ok": True, "clock_ok": True, "undamaged": True,
               "checked_in_at": None if last else out + timedelta(hours=9),
               "checked_in_by": None if last else "keeper",
               "checkin_condition": None if last else "good"}


def timed(function, runs: int) -> tuple[float, float, object]:  # noqa: ANN001
    """(first run ms, median ms of ``runs`` further runs, last result)."""
    start = time.perf_counter()
    result = function()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(samples), result


def verdict(ms: float) -> str:
    return "ok" if ms <= TARGET_MS else "OVER TARGET"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.open(Path(scratch) / "data", clock=fixed_clock(NOW), create=True)
        workspace.initialise("admin", "bench-pass-1")
        start = time.perf_counter()
        seed(workspace)
        print(f"seeded {UNITS} units, {OFFICERS} officers, {DEVICES} devices, {CUSTODIES} "
              f"custodies in {time.perf_counter() - start:.1f} s")
        ctx = workspace.context(Actor("admin", frozenset({"admin"})))

        first, median, rows = timed(lambda: ratio_report(ctx), 9)
        short = sum(r.shortfall for r in rows)
        print(f"ratio report ({len(rows)} rows, {short} devices short): first {first:.1f} ms, "
              f"median {median:.1f} ms (target {TARGET_MS} ms: {verdict(median)})")

        rng = random.Random(7)
        lookups = [(f"SN{rng.randrange(1, DEVICES):06d}",
                    START + timedelta(seconds=rng.randrange(0, 160 * 86400)))
                   for _ in range(200)]
        samples, found = [], 0
        for serial, instant in lookups:
            begin = time.perf_counter()
            found += holder_at(workspace.db, serial, instant) is not None
            samples.append((time.perf_counter() - begin) * 1000)
        print(f"holder lookup, 200 random devices and times ({found} held): median "
              f"{statistics.median(samples):.2f} ms, worst {max(samples):.2f} ms "
              f"(target {TARGET_MS} ms: {verdict(max(samples))})")

        hot = [START + timedelta(days=3 * n, hours=4) for n in (0, 250, 499)]
        hot += [START + timedelta(days=3 * 250, hours=20),     # between two custodies
                START + timedelta(days=3 * 600)]               # after the last: still out
        for instant in hot:
            first, median, holder = timed(
                lambda at=instant: holder_at(workspace.db, "SN000000", at), 15)
            who = holder.certificate_number if holder else "nobody"
            print(f"holder of the device with {HOT_DEVICE_CUSTODIES} custodies at "
                  f"{instant:%Y-%m-%d %H:%M}Z ({who}): first {first:.2f} ms, median "
                  f"{median:.2f} ms ({verdict(median)})")
        workspace.close()


if __name__ == "__main__":
    main()
