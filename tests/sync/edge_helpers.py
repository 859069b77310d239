"""A real HQ with chosen settings, and a workstation enrolled at it, for a whole test module.

The edge tests (test_hq_limits, test_hq_fuzz) need an HQ whose limits are set before it
starts (they are read at start-up) and one enrolled workstation whose token they use; made
once per module, they cost one server start and one enrollment, not one per test."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from core.clock import Clock
from lawdesk.workspace import Workspace
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.sync.conftest import UNIT_A, UNIT_B, HqServer, _new_identity, admin_context, open_folder


def start_hq(folder: Path, settings: dict[str, Any] | None = None, *,
             fresh_interpreter: bool = False) -> HqServer:
    """An HQ data folder on SQLite with an admin and two units, these settings, served (by
    `python -m lawdesk hq serve` with ``fresh_interpreter``: see HqServer)."""
    from config.settings import set_setting
    from organisation.units import add_unit
    with open_folder(folder, None, create=True) as workspace:
        workspace.initialise(ADMIN, ADMIN_PASSWORD)
        admin = admin_context(workspace)
        for name, short in (UNIT_A, UNIT_B):
            add_unit(admin, name, short)
        for key, value in (settings or {}).items():
            set_setting(admin, key, value)
    return HqServer(folder, None, fresh_interpreter=fresh_interpreter).start()


def enroll_copy(hq: HqServer, template: Path, folder: Path, unit: str = UNIT_A[1]) -> Workspace:
    """A copy of the initialised template with its own identity, enrolled at ``hq``."""
    from sync.link import enroll
    shutil.copytree(template, folder)
    _new_identity(folder)
    workspace = Workspace.open(folder, clock=Clock())
    enroll(admin_context(workspace), workspace, server_url=hq.url, code=hq.enroll_code(unit))
    return workspace


def token_of(workspace: Workspace) -> str:
    """A bearer token, obtained as a sync pass does (a signed, time-stamped request)."""
    from sync.link import client_for, get_link
    with client_for(workspace, get_link(workspace.db)) as client:
        return client.token()


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """A process's resident memory (or its peak, "VmHWM") in KiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")
