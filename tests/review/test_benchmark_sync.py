"""Discretion benchmarks are HQ's: a version imported at HQ reaches an enrolled workstation
with the next sync, the workstation may not import its own once enrolled, and versions it
imported before enrolling give way to HQ's. The example set seeded on both sides is the
same rows (ids derived from content), so it is not replaced."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db.models import BenchmarkVersion, LedgerEntry
from review.benchmark_files import import_benchmarks
from review.benchmarks import list_versions, suggest
from sync.engine import run_pass
from sync.link import enroll
from sync.ownership import ManagedByHq
from sync.protocol import REFERENCE_ACTION
from tests.sync.conftest import enrolled, hq, hq_backend, new_workstation  # noqa: F401
from tests.sync.sync_helpers import admin_of

pytestmark = pytest.mark.slow

LAW = "《中华人民共和国价格法》"
HEADER = ("违法行为编码,违法行为,违法依据（法律）,违法依据（条）,处罚依据（法律）,处罚依据（条）,"
          "法定最高,裁量阶次,适用情形,幅度下限,幅度上限\n")


def price_list(tmp_path, name: str, general_high: str):  # noqa: ANN001, ANN201
    path = tmp_path / name
    path.write_text(HEADER + f"PRICE-42,经营者违反明码标价规定,{LAW},第十三条,{LAW},第四十二条,"
                    f"5000,一般,,0,{general_high}\n", "utf-8")
    return path


def test_a_version_imported_at_hq_reaches_an_enrolled_workstation(hq, enrolled,  # noqa: F811
                                                                   tmp_path):
    workspace = enrolled()
    assert run_pass(workspace).ok
    with workspace.db.read() as session:
        seeded = session.execute(select(BenchmarkVersion.id)).scalars().all()
        mirrored = session.execute(select(LedgerEntry).where(
            LedgerEntry.object_type.like("benchmark_%"),
            LedgerEntry.action == REFERENCE_ACTION)).scalars().all()
    # HQ's version 1 is the workstation's own rows: only when and by whom it was seeded
    # differ, and nothing of it is deleted or inserted again.
    [entry] = mirrored
    change = json.loads(entry.change)
    assert (entry.object_type, entry.object_id, change["op"]) == (
        "benchmark_version", seeded[0], "update")
    assert set(change["after"]) <= {"imported_at", "imported_by"}
    with hq.open() as server_side:
        import_benchmarks(hq.admin(server_side), price_list(tmp_path, "hq.csv", "4000"))

    assert run_pass(workspace).ok

    admin = admin_of(workspace)
    assert [(v.number, v.source) for v in list_versions(admin)] == [
        (2, "hq.csv"), (1, "resources/review/benchmarks")]
    found = suggest(admin, "PRICE-42")
    assert (found.version, found.range_high) == (2, 4000)
    with workspace.db.read() as session:
        assert seeded[0] in session.execute(select(BenchmarkVersion.id)).scalars().all()
        actions = set(session.execute(select(LedgerEntry.action).where(
            LedgerEntry.object_type.like("benchmark_%"),
            LedgerEntry.action != "benchmark.defaults")).scalars())
    assert actions == {REFERENCE_ACTION}

    with pytest.raises(ManagedByHq) as refused:
        import_benchmarks(admin, price_list(tmp_path, "local.csv", "3000"))
    assert "裁量基准" in refused.value.message("zh_CN")


def test_versions_imported_before_enrolling_give_way_to_hqs(hq, new_workstation,  # noqa: F811
                                                            tmp_path):
    with hq.open() as server_side:
        import_benchmarks(hq.admin(server_side), price_list(tmp_path, "hq.csv", "4000"))
    workspace = new_workstation()
    import_benchmarks(admin_of(workspace), price_list(tmp_path, "local.csv", "3000"))
    import_benchmarks(admin_of(workspace), price_list(tmp_path, "local-3.csv", "2000"))
    enroll(admin_of(workspace), workspace, server_url=hq.url, code=hq.enroll_code())

    assert run_pass(workspace).ok

    admin = admin_of(workspace)
    assert [(v.number, v.source) for v in list_versions(admin)] == [
        (2, "hq.csv"), (1, "resources/review/benchmarks")]
    assert suggest(admin, "PRICE-42").range_high == 4000
