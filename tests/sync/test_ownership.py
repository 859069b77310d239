"""Ownership: once enrolled, a workstation cannot change what HQ owns (officers,
certificates, units, standards, types); its own data stays its own. A write that slipped
past anyway (an older program, a tampered one) is kept at HQ but never applied."""
from __future__ import annotations

from datetime import date

import pytest

from audit.recorder import install as install_ledger
from db.database import Database, sqlite_url
from devices.ratio import set_standard
from devices.registry import add_device
from lawdesk.workspace import DB_NAME
from organisation.officers import CertificateInput, add_officer, set_certificate_status
from organisation.units import add_unit
from sync.engine import run_pass
from sync.ownership import ManagedByHq
from tests.sync.sync_helpers import (
    admin_of,
    hq_add_officer,
    hq_counts,
    hq_records,
    ledger_length,
)

pytestmark = pytest.mark.slow


def test_hq_owned_data_is_read_only_once_enrolled(hq, new_workstation, enrolled, lawdesk_here):
    # Before enrolling, the workstation owns everything.
    alone = new_workstation("alone")
    add_unit(admin_of(alone), "综合科", "综合")

    hq_add_officer(hq, "张伟", "一科", "22010001")
    workspace = enrolled()
    assert run_pass(workspace).ok
    admin = admin_of(workspace)
    length = ledger_length(workspace)
    refusals = [
        lambda: add_officer(admin, "李四", "一科", CertificateInput("22010009", date(2099, 1, 1))),
        lambda: set_certificate_status(admin, "22010001", "suspended", reason="调查"),
        lambda: add_unit(admin, "法制科", "法制"),
        lambda: set_standard(admin, "一科", "body_camera", officers_per_device=2),
    ]
    for refused in refusals:
        with pytest.raises(ManagedByHq) as error:
            refused()
        assert "由总部统一管理" in str(error.value)
    assert ledger_length(workspace) == length  # nothing was written

    # Its own data is still its own.
    add_device(admin, "DSJ-0001", "body_camera", "一科")

    # The same refusal at the command line, in English on request.
    result = lawdesk_here(workspace.data_dir, "officer", "add", "--name", "李四", "--unit",
                          "一科", "--cert", "22010009", "--valid-until", "2099-01-01",
                          LAWDESK_LANG="en")
    assert result.returncode == 1
    assert "Officers are managed by HQ" in result.stderr


def test_a_write_to_hq_data_that_slipped_through_is_kept_but_not_applied(hq, enrolled):
    workspace = enrolled()
    assert run_pass(workspace).ok
    # An older LawDesk writes the ledger but knows nothing of ownership.
    older = Database(sqlite_url(workspace.data_dir / DB_NAME))
    install_ledger(older.write_sessions, workspace.audit)
    from core.context import Context
    try:
        add_officer(Context(older, admin_of(workspace).actor, workspace.clock), "李四", "一科",
                    CertificateInput("22010009", date(2099, 1, 1)))
    finally:
        older.dispose()

    summary = run_pass(workspace, language="en")

    assert summary.ok  # the pass went through; the refusal is reported, not an error
    assert [r["seq"] for r in summary.refused] and all(
        "managed by HQ" in r["reason"] for r in summary.refused)
    assert hq_counts(hq, workspace.workstation_id)["entries"] == ledger_length(workspace)
    assert hq_records(hq, workspace.workstation_id, "officer") == {}
    with hq.open() as server_side:
        from organisation.officers import officer_page
        names = [o.name for o in officer_page(admin_of(server_side))]
    assert "李四" not in names
