"""Recording statistics and the footage library at scale (issue 19, item 5).

Generates, in a real data folder made by the project's own workspace code (so the migrations
and indexes are the real ones), 1,000,000 footage rows over two years, 50,000 cases (with
lead officers, open findings, issued documents, reviews and disclosures), 200 officers in 8
units and 400 recorders; then times every statistic for a year and the footage library's
filters. Targets: each statistic for a year within 500 ms, each library filter within
100 ms. Rows go in by bulk INSERT through sqlite3: this measures reading, not the services.

    .venv/bin/python benchmarks/stats_scale.py [--footage N] [--cases N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sqlite3
import statistics as pystats
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.models.footage import offload_delay  # noqa: E402
from lawdesk.workspace import DB_NAME, Workspace  # noqa: E402

UNITS, OFFICERS, DEVICES = 8, 200, 400
YEARS = (2024, 2025)
FMT = "%Y-%m-%d %H:%M:%S.%f"     # SQLAlchemy's SQLite DATETIME text


def _sha(i: int) -> str:
    """A hash as random as a real one: a prefix of a few digits picks out one file."""
    return hashlib.sha256(str(i).encode()).hexdigest()


def _t(instant: datetime) -> str:
    return instant.astimezone(timezone.utc).strftime(FMT)


def seed(db_path: Path, footage: int, cases: int, rng: random.Random) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA synchronous=OFF")
    now = _t(datetime(2026, 1, 1, tzinfo=timezone.utc))
    units = [(f"u{u}", f"执法{u}科", f"执{u}", now) for u in range(UNITS)]
    con.executemany("INSERT INTO unit (id, name, short_name, created_at) VALUES (?,?,?,?)",
                    units)
    officers = [(f"o{i:03d}", f"执法员{i:03d}", f"u{i % UNITS}", now) for i in range(OFFICERS)]
    con.executemany("INSERT INTO officer (id, name, unit_id, created_at) VALUES (?,?,?,?)",
                    officers)
    con.executemany(
        "INSERT INTO certificate (id, officer_id, number, valid_from, valid_until, status, "
        "created_at) VALUES (?,?,?,?,?,?,?)",
        [(f"c{i:03d}", f"o{i:03d}", f"22{i:08d}", "2020-01-01", "2030-12-31", "active", now)
         for i in range(OFFICERS)])
    types = [row[0] for row in con.execute("SELECT code FROM device_type")] or ["recorder"]
    con.executemany(
        "INSERT INTO device (id, serial, type_code, unit_id, status, created_at) "
        "VALUES (?,?,?,?,?,?)",
        [(f"d{i:03d}", f"SN{i:05d}", types[i % len(types)], f"u{i % UNITS}",
          "checked_out" if i % 5 else "in_store", now) for i in range(DEVICES)])
    con.execute("INSERT INTO ratio_standard (id, unit_id, device_type, officers_per_device, "
                "minimum, updated_at) VALUES ('r0', NULL, ?, 1, NULL, ?)", (types[0], now))
    start = datetime(YEARS[0], 1, 1, tzinfo=timezone(timedelta(hours=8)))
    span = (datetime(YEARS[-1] + 1, 1, 1, tzinfo=start.tzinfo) - start).total_seconds()
    sessions = []
    for officer in range(OFFICERS):
        for week in range(105):
            at = start + timedelta(days=7 * week + 6)
            sessions.append((f"s{officer:03d}{week:03d}", _t(at), "bench", "generic", "/media",
                             "finished", f"SN{(officer * 2) % DEVICES:05d}", 0, 0, 0, 0, 0))
    con.executemany("INSERT INTO offload_session (id, started_at, username, profile, "
                    "source_root, status, device_serial, files_total, files_stored, "
                    "files_duplicate, files_failed, bytes_copied) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    sessions)

    def footage_rows():  # noqa: ANN202
        for i in range(footage):
            officer = i % OFFICERS
            recorded = start + timedelta(seconds=rng.random() * span)
            duration = rng.uniform(30, 1800)
            delay = rng.expovariate(1 / (14 * 3600))      # mean 14 h: some beyond 24 h
            verified = recorded + timedelta(seconds=duration + delay)
            week = min(104, int((recorded - start).days // 7))
            seconds, hour = offload_delay(recorded, duration, verified)  # as the model does
            yield (f"f{i:07d}", _sha(i), 50_000_000, "video", f"DSJ_{i:07d}.mp4",
                   f"SN{(officer * 2 + i % 2) % DEVICES:05d}",
                   None if i % 97 == 0 else f"o{officer:03d}", _t(recorded), duration, 1,
                   int(i % 211 == 0), f"s{officer:03d}{week:03d}", _t(verified), seconds, hour)
    con.executemany(
        "INSERT INTO footage (id, sha256, size, kind, original_name, device_serial, "
        "officer_id, recorded_at, duration_s, readable, important, session_id, verified_at, "
        "offload_delay_s, offload_delay_h) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        footage_rows())
    case_types = [row[0] for row in con.execute("SELECT code FROM case_type")]

    def case_rows():  # noqa: ANN202
        for i in range(cases):
            created = start + timedelta(seconds=rng.random() * span)
            yield (f"k{i:06d}", f"执罚〔{created.year}〕{i}号", case_types[i % len(case_types)],
                   "simplified" if i % 3 else "ordinary", f"u{i % UNITS}", "案由", "{}",
                   "open" if i % 4 else "closed", _t(created), "bench")
    con.executemany(
        "INSERT INTO enforcement_case (id, number, type_code, procedure, unit_id, cause, "
        "fields, status, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?)", case_rows())
    con.executemany(
        "INSERT INTO case_officer (case_id, officer_id, seq, certificate_number) "
        "VALUES (?,?,1,?)",
        ((f"k{i:06d}", f"o{(i * 7) % OFFICERS:03d}", f"22{(i * 7) % OFFICERS:08d}")
         for i in range(cases)))
    con.executemany(
        "INSERT INTO recording_finding (id, case_id, kind, key, status, detail, found_at, "
        "changed_at) VALUES (?,?,?,?,?,?,?,?)",
        ((f"g{i:06d}", f"k{i:06d}", "missing_recording", f"missing:{i}",
          "open" if i % 3 else "resolved", "{}", now, now) for i in range(0, cases, 9)))
    con.executemany(
        "INSERT INTO issued_document (id, case_id, kind, title, unit_id, year, seq, number, "
        "sha256, size, pages, font, fields, issued_at, issued_by) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ((f"x{i:06d}", f"k{i:06d}", "decision", "行政处罚决定书", f"u{i % UNITS}",
          YEARS[i % 2], i, f"文{i}", f"{i:064x}", 1000, 2, "font", "{}",
          _t(start + timedelta(seconds=rng.random() * span)), "bench")
         for i in range(0, cases, 2)))
    con.commit()
    con.execute("ANALYZE")
    con.close()


def timed(label: str, call, target_ms: float, runs: int = 3) -> float:  # noqa: ANN001
    """The best of ``runs``: wall time, and the process's CPU time beside it (on a shared
    machine the CPU time is what the query itself cost; SQLite runs in this process)."""
    walls, cpus = [], []
    for _ in range(runs):
        begin, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - begin) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    best = min(walls)
    verdict = "ok" if best <= target_ms else "OVER"
    print(f"  {label:<56} {best:8.1f} ms (cpu {min(cpus):7.1f}; median "
          f"{pystats.median(walls):.1f}; target {target_ms:.0f}) {verdict}", flush=True)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--footage", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="keep the data folder here (reused if there)")
    parser.add_argument("--only", choices=("statistics", "library"), help="time only these")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    folder = args.keep or scratch / "data"
    fresh = not (folder / DB_NAME).exists()
    workspace = Workspace.open(folder, create=fresh)
    if fresh:
        workspace.initialise("admin", "bench-pass-1")
        begin = time.perf_counter()
        seed(folder / DB_NAME, args.footage, args.cases, random.Random(19))
        print(f"seeded {args.footage:,} footage rows, {args.cases:,} cases, {OFFICERS} "
              f"officers in {time.perf_counter() - begin:.1f} s")
    ctx = workspace.login("admin", "bench-pass-1")
    year = (date(2025, 1, 1), date(2025, 12, 31))
    if args.only != "library":
        statistics_figures(ctx, year)
    if args.only != "statistics":
        library_filters(ctx)
    workspace.close()
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)


def statistics_figures(ctx, year: tuple[date, date]) -> None:  # noqa: ANN001
    from collections import defaultdict

    from compliance import statistics as st
    from compliance.statistics_lists import drill_down
    unit = "u3"
    print(f"statistics for {year[0]}..{year[1]} (target 500 ms each):")
    timed("all figures, whole bureau (compute_statistics)",
          lambda: st.compute_statistics(ctx, *year), 500)
    timed("all figures, one unit", lambda: st.compute_statistics(ctx, *year, unit), 500)
    scope = st.check_scope(*year)

    def months():  # noqa: ANN202
        return {m: st.Month(m) for m in st._months_between(*year)}
    look_rows = {}
    with ctx.read() as session:
        look = st._lookups(session, "zh_CN")
        for name, call in (
            ("footage: counts, hours, late, delay median/p95, by month",
             lambda: st._footage_figures(session, ctx, scope, look, 86400.0,
                                         defaultdict(st.Figures), months())),
            ("  of which footage by month (count, hours, late)",
             lambda: st._footage_months(session, ctx, scope, look, 86400.0, months())),
            ("cases by type/procedure, compliance rate, findings open",
             lambda: st._case_figures(session, ctx, scope, look, defaultdict(st.Figures),
                                      months(), {})),
            ("documents issued", lambda: st._document_figures(
                session, ctx, scope, defaultdict(st.Figures), months())),
            ("review counts and timeliness",
             lambda: st._review_figures(session, ctx, scope, defaultdict(st.Figures))),
            ("disclosure timeliness",
             lambda: st._disclosure_figures(session, ctx, scope, defaultdict(st.Figures))),
        ):
            look_rows[name] = timed(name, call, 500)
    timed("devices in service vs ratio standard",
          lambda: st._device_figures(ctx, scope, defaultdict(st.Figures)), 500)
    for figure in ("late_offloads", "cases_noncomplying", "findings_open"):
        timed(f"drill-down: {figure} (first 500)",
              lambda figure=figure: drill_down(ctx, scope, figure), 500)


def library_filters(ctx) -> None:  # noqa: ANN001
    from evidence.library import FootageFilter, count_footage, footage_page
    print("footage library (target 100 ms each: count + first page of 100):")
    filters = {
        "no filter": FootageFilter(),
        "officer": FootageFilter(officer_id="o017"),
        "certificate number": FootageFilter(officer_certificate="2200000017"),
        "device": FootageFilter(device_serial="SN00034"),
        "one month": FootageFilter(recorded_from=date(2025, 3, 1),
                                   recorded_until=date(2025, 3, 31)),
        "officer + month": FootageFilter(officer_id="o017", recorded_from=date(2025, 3, 1),
                                         recorded_until=date(2025, 3, 31)),
        "important": FootageFilter(important=True),
        "SHA-256 prefix": FootageFilter(text=_sha(999_999)[:20]),
        "file name part": FootageFilter(text="DSJ_0999"),
    }
    for name, flt in filters.items():
        timed(f"{name}", lambda flt=flt: (count_footage(ctx, flt),
                                          footage_page(ctx, flt, limit=100)), 100)


if __name__ == "__main__":
    main()
