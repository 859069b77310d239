"""Every change of a list is a new version: the old ones stay viewable, the version in force
on a day is the newest that has taken effect, and a diff says which rows were added,
removed and changed. Only admins import, and once enrolled only HQ."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import InvalidInput
from core.permissions import PermissionDenied
from db.models import SyncLink
from public_lists.errors import ListIsGenerated, ListVersionNotFound, NoListInForce
from public_lists.service import (compare_versions, export_list, import_list, list_versions,
                                  show_list)
from public_lists.versions import current, versions
from sync.ownership import ManagedByHq
from tests.public_lists.conftest import TODAY, example, example_text

NEXT_MONTH = date(2026, 7, 1)


def second_version(write):  # noqa: ANN001, ANN201
    """The example inspection list with S-JG's ratio changed, S-GS removed, S-NEW added."""
    text = example_text("inspection_items")
    text = text.replace("零售经营者,明码标价执行情况,现场检查、书面检查,3%",
                        "零售经营者,明码标价执行情况,现场检查、书面检查,5%")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("SJ-GS-001"))
    text += ("\nSJ-TZ-001,农安县市场监督管理局,《特种设备安全法》第五十七条,特种设备使用单位,"
             "使用登记、定期检验,现场检查,5%,每年一次\n")
    return write("inspection_items-2.csv", text)


def test_a_new_version_keeps_the_old_one_and_takes_effect_on_its_day(workspace, admin_ctx,
                                                                     write):
    import_list(admin_ctx, "inspection_items", example("inspection_items"),
                effective_from=date(2026, 1, 1), approved_by="2025年第12次局长办公会")
    info = import_list(admin_ctx, "inspection_items", second_version(write),
                       effective_from=NEXT_MONTH, approved_by="2026年第6次局长办公会",
                       note="调整价格检查比例")

    assert (info.number, info.in_force) == (2, False)
    history = list_versions(admin_ctx, "inspection_items")
    assert [(v.number, v.in_force, v.approved_by, v.created_by) for v in history] == [
        (2, False, "2026年第6次局长办公会", "admin"), (1, True, "2025年第12次局长办公会", "admin")]
    with workspace.db.read() as session:
        today, rows = current(session, "inspection_items", TODAY)
        later, later_rows = current(session, "inspection_items", NEXT_MONTH)
        assert current(session, "inspection_items", date(2025, 12, 31)) == (None, [])
        assert [v.number for v in versions(session, "inspection_items")] == [2, 1]
    assert (today.number, later.number) == (1, 2)
    assert [r["code"] for r in rows] == ["SJ-SP-001", "SJ-JG-001", "SJ-GS-001"]
    assert [r["code"] for r in later_rows] == ["SJ-SP-001", "SJ-JG-001", "SJ-TZ-001"]
    # The old version stays viewable by its number, and so does the new one before its day.
    assert len(show_list(admin_ctx, "inspection_items", 1).rows) == 3
    assert show_list(admin_ctx, "inspection_items", 2).version.note == "调整价格检查比例"
    assert show_list(admin_ctx, "inspection_items", on=NEXT_MONTH).version.number == 2

    found = compare_versions(admin_ctx, "inspection_items", 1, 2)
    assert [r["code"] for r in found.added] == ["SJ-TZ-001"]
    assert [r["code"] for r in found.removed] == ["SJ-GS-001"]
    assert [(c.key, c.columns, c.before["ratio"], c.after["ratio"])
            for c in found.changed] == [("SJ-JG-001", ("ratio",), "3%", "5%")]
    assert compare_versions(admin_ctx, "inspection_items", 2, 2).empty


def test_versions_and_lists_that_do_not_exist_are_refused_plainly(workspace, admin_ctx,
                                                                  tmp_path):
    with pytest.raises(NoListInForce, match="没有已生效的行政执法事项清单"):
        export_list(admin_ctx, "items", tmp_path / "items.csv")
    assert show_list(admin_ctx, "items").version is None
    with pytest.raises(ListVersionNotFound, match="没有第 3 版"):
        show_list(admin_ctx, "items", 3)
    with pytest.raises(InvalidInput, match="没有“draws”这种清单"):
        list_versions(admin_ctx, "draws")
    with pytest.raises(ListIsGenerated, match="由执法人员和执法证件记录生成"):
        import_list(admin_ctx, "personnel", example("items"))
    with pytest.raises(InvalidInput, match="只能导出为 .csv 或 .xlsx"):
        export_list(admin_ctx, "personnel", tmp_path / "p.txt")


def test_only_an_admin_may_import_a_list(workspace, as_role, ledger_length):
    before = ledger_length()
    for role in ("clerk", "officer", "reviewer", "head", "custodian"):
        with pytest.raises(PermissionDenied, match="无权修改事前公示清单"):
            import_list(as_role(role), "items", example("items"))
    assert ledger_length() == before
    # Anyone logged in may look: the lists are what the bureau publishes.
    assert list_versions(as_role("clerk"), "items") == []


def test_once_enrolled_only_hq_changes_the_lists(workspace, admin_ctx, ledger_length):
    import_list(admin_ctx, "subjects", example("subjects"))
    with workspace.db.write(actor="admin", action="sync.enroll") as session:
        session.add(SyncLink(id=1, server_url="http://127.0.0.1:9", unit_id="u" * 32,
                             server_id="s" * 32, enrolled_at=workspace.clock.now(),
                             enrolled_by="admin", enrolled_at_seq=0))
    before = ledger_length()
    text = example_text("subjects").replace("王建国", "刘洋")
    path = workspace.data_dir.parent / "subjects-2.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(ManagedByHq) as refused:
        import_list(admin_ctx, "subjects", path, effective_from=TODAY + timedelta(days=1))
    assert "事前公示清单" in str(refused.value)
    assert "Public lists are managed by HQ" in refused.value.message("en")
    assert ledger_length() == before
    assert [v.number for v in list_versions(admin_ctx, "subjects")] == [1]
