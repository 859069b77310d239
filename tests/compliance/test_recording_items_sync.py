"""The audio-video item list is HQ's once a workstation is enrolled: a version imported at
HQ reaches the workstation with the next sync and is the one in force there; the
workstation may not import one of its own."""
from __future__ import annotations

from datetime import date

import pytest

from compliance.items import import_items, list_items
from sync.engine import run_pass
from sync.ownership import ManagedByHq
from tests.sync.conftest import enrolled, hq, hq_backend, new_workstation  # noqa: F401
from tests.compliance.recording_setup import STRICT_LIST
from tests.sync.sync_helpers import admin_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("hq_backend", ["sqlite"], indirect=True)
def test_a_version_imported_at_hq_reaches_the_workstation_which_cannot_import(
        hq, enrolled, tmp_path):  # noqa: F811
    workspace = enrolled()
    strict = tmp_path / "items.toml"
    strict.write_text(STRICT_LIST, encoding="utf-8")
    with hq.open() as server_side:
        import_items(hq.admin(server_side), strict, effective_from=date(2099, 1, 1),
                     approved_by="局长办公会")
    assert run_pass(workspace).ok
    here = admin_of(workspace)
    assert list_items(here).number == 0       # not in force yet
    arrived = list_items(here, date(2099, 1, 1))
    assert (arrived.number, arrived.approved_by, arrived.items[0].mode) == (
        1, "局长办公会", "required")
    with pytest.raises(ManagedByHq, match="音像记录事项清单"):
        import_items(here, strict, effective_from=date(2099, 1, 1))
