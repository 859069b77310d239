"""The public lists are HQ's once a workstation is enrolled: each version imported at HQ
reaches the workstation with the next sync, the older versions with it, and the
workstation may not import one of its own."""
from __future__ import annotations

from datetime import date

import pytest

from public_lists.service import compare_versions, import_list, list_versions, show_list
from sync.engine import run_pass
from sync.ownership import ManagedByHq
from tests.conftest import REPO
from tests.sync.sync_helpers import admin_of

pytestmark = pytest.mark.slow
SUBJECTS = REPO / "resources" / "examples" / "lists" / "subjects.csv"


@pytest.mark.parametrize("hq_backend", ["sqlite"], indirect=True)  # the rows are plain text
def test_versions_imported_at_hq_reach_the_workstation_which_cannot_import(
        hq, enrolled, tmp_path):
    workspace = enrolled()
    changed = tmp_path / "subjects-2.csv"
    changed.write_text(SUBJECTS.read_text("utf-8-sig").replace("王建国", "刘洋"), "utf-8")
    with hq.open() as server_side:
        admin = hq.admin(server_side)
        import_list(admin, "subjects", SUBJECTS, effective_from=date(2026, 1, 1),
                    approved_by="局长办公会")
        import_list(admin, "subjects", changed, effective_from=date(2026, 3, 1))

    assert run_pass(workspace).ok

    here = admin_of(workspace)
    assert [(v.number, v.approved_by) for v in list_versions(here, "subjects")] == [
        (2, "admin"), (1, "局长办公会")]
    assert show_list(here, "subjects").rows[0]["legal_representative"] == "刘洋"
    assert [c.columns for c in compare_versions(here, "subjects", 1, 2).changed] == [
        ("legal_representative",)]
    with pytest.raises(ManagedByHq, match="事前公示清单"):
        import_list(here, "subjects", SUBJECTS)
    assert len(list_versions(here, "subjects")) == 2
