"""Looking at both ends of a sync: what HQ holds for a workstation, what the workstation
holds of HQ's reference data, and the real `lawdesk` command on any data folder."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core.actor import Actor
from db.models import (
    HqCheckpoint,
    HqLedgerEntry,
    HqRecord,
    HqWorkstation,
    LedgerEntry,
)
from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO, child_env

CERT_VALID_UNTIL = date(2099, 12, 31)


def hq_counts(hq, workstation_id: str) -> dict[str, int]:  # noqa: ANN001
    """How many entries, checkpoints and records HQ holds for a workstation."""
    with hq.open() as server_side, server_side.db.read() as session:
        return {name: session.execute(select(func.count()).select_from(model).where(
                    model.workstation_id == workstation_id)).scalar_one()
                for name, model in (("entries", HqLedgerEntry), ("checkpoints", HqCheckpoint),
                                    ("records", HqRecord))}


def hq_records(hq, workstation_id: str, object_type: str) -> dict[str, dict[str, Any]]:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        rows = session.execute(select(HqRecord).where(
            HqRecord.workstation_id == workstation_id,
            HqRecord.object_type == object_type)).scalars().all()
    return {r.object_id: {"unit_id": r.unit_id, "deleted": r.deleted, "seq": r.seq,
                          **json.loads(r.values)} for r in rows}


def hq_workstation(hq, workstation_id: str) -> HqWorkstation:  # noqa: ANN001
    with hq.open() as server_side, server_side.db.read() as session:
        return session.get(HqWorkstation, workstation_id)


def ledger_length(workspace) -> int:  # noqa: ANN001
    with workspace.db.read() as session:
        return session.execute(select(func.count()).select_from(LedgerEntry)).scalar_one()


def admin_of(workspace):  # noqa: ANN001, ANN201
    """The admin's context without a login: a password hash costs half a second here, and
    permissions look only at the actor."""
    return workspace.context(Actor(username=ADMIN, roles=frozenset({"admin"})))


def hq_add_officer(hq, name: str, unit: str, number: str) -> str:  # noqa: ANN001
    """An HQ admin adds an officer with a certificate; returns HQ's officer id."""
    from organisation.officers import CertificateInput, add_officer
    with hq.open() as server_side:
        return add_officer(admin_of(server_side), name, unit,
                           CertificateInput(number, CERT_VALID_UNTIL)).id


def lawdesk(folder: Path, *args: str, db_url: str | None = None, user: str | None = ADMIN,
            **env: str) -> subprocess.CompletedProcess:
    """The real command on ``folder`` (and its PostgreSQL database, for an HQ on one)."""
    command = [sys.executable, "-m", "lawdesk", "--data-dir", str(folder)]
    if db_url:
        command += ["--db", db_url]
    if user:
        command += ["--user", user]
    return subprocess.run(command + list(args), capture_output=True, text=True, cwd=REPO,
                          env=child_env(LAWDESK_PASSWORD=ADMIN_PASSWORD, **env), timeout=120)
