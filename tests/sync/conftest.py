"""A real HQ server on 127.0.0.1 and workstations enrolled at it.

``hq`` is an HQ data folder set up with an admin and two units, served by a real
`lawdesk hq serve` child process, on SQLite and on PostgreSQL (the ``hq_backend``
parameter). The child is forked from a process that has already imported LawDesk
(tests/forked.py), which spares every test the seconds a fresh interpreter spends starting;
``HqServer(fresh_interpreter=True)`` starts it as `python -m lawdesk` instead.
Workstations are real data folders (copies of the session's template) enrolled with real
one-time codes. Everything talks over loopback only."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO, child_env
from tests.forked import start_lawdesk
from core.clock import Clock
from lawdesk.workspace import Workspace

UNIT_A = ("执法一科", "一科")
UNIT_B = ("执法二科", "二科")


def admin_context(workspace: Workspace):  # noqa: ANN201
    from core.actor import Actor
    return workspace.context(Actor(username=ADMIN, roles=frozenset({"admin"})))


def open_folder(folder: Path, db_url: str | None, *, create: bool = False) -> Workspace:
    if db_url is None:
        return Workspace.open(folder, clock=Clock(), create=create)
    return Workspace.open(folder, clock=Clock(), create=create, db_url=db_url)


@dataclass
class HqServer:
    """`lawdesk hq serve` in a child process; kill() and start() it at will."""

    folder: Path
    db_url: str | None
    url: str = ""
    port: int = 0
    process: Any = None  # subprocess.Popen, or tests.forked.ForkedLawdesk (the same calls)
    # What the readiness probe trusts: an ssl context for a server with its own certificate.
    verify: Any = True
    # `python -m lawdesk` rather than a child forked with LawDesk already imported.
    fresh_interpreter: bool = False
    log: Path = field(init=False)
    out: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.folder.parent / f"{self.folder.name}-server.log"
        self.out = self.folder.parent / f"{self.folder.name}-server.out"

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "lawdesk", "--data-dir", str(self.folder)]
        if self.db_url:
            command += ["--db", self.db_url]
        # The same port after a restart: workstations keep their upload addresses.
        return command + ["hq", "serve", "--host", "127.0.0.1", "--port", str(self.port)]

    def start(self) -> "HqServer":
        if self.fresh_interpreter:
            with open(self.log, "ab") as log:
                self.process = subprocess.Popen(self.command(), stdout=subprocess.PIPE,
                                                stderr=log, env=child_env(), cwd=REPO)
            line = self.process.stdout.readline().decode().strip()
        else:
            line = self._start_forked()
        if not line.startswith("http"):
            self.process.kill()
            raise RuntimeError(f"HQ did not start: {line!r}; log: {self.log.read_text()}")
        self.url = line
        self.port = int(line.rsplit(":", 1)[1])
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/hello", timeout=2,
                             verify=self.verify).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"HQ at {self.url} never answered; log: {self.log.read_text()}")
            time.sleep(0.05)

    def _start_forked(self) -> str:
        """Start the forked child; its first line of output (the address), or "" when it
        ends first."""
        command = self.command()
        assert command[:3] == [sys.executable, "-m", "lawdesk"], command
        self.out.write_bytes(b"")  # a restarted server's address, not the last one's
        self.process = start_lawdesk(command[3:], stdout=self.out, stderr=self.log,
                                     cwd=REPO)
        deadline = time.monotonic() + 60
        while True:
            written = self.out.read_bytes()
            if b"\n" in written:
                return written.split(b"\n", 1)[0].decode().strip()
            if self.process.poll() is not None or time.monotonic() > deadline:
                return written.decode(errors="replace").strip()
            time.sleep(0.01)

    def kill(self) -> None:
        """Dead at once, as in a power cut: no shutdown handlers run."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def open(self) -> Workspace:
        """HQ's data folder, opened in this process (to look at what the server did)."""
        return open_folder(self.folder, self.db_url)

    def admin(self, workspace: Workspace):  # noqa: ANN201
        # The admin's context without a login: hashing the password costs every test half
        # a second or more, and permissions look only at the actor.
        return admin_context(workspace)

    def enroll_code(self, unit: str = UNIT_A[1], *, valid_hours: int = 72) -> str:
        from hq.enrollment import issue_code
        with self.open() as workspace:
            return issue_code(self.admin(workspace), unit, valid_hours=valid_hours).code


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_backend(request) -> str | None:  # noqa: ANN001
    """None for the embedded SQLite default, else a fresh PostgreSQL database's URL."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_url")


@pytest.fixture
def hq(tmp_path: Path, hq_backend: str | None):
    folder = tmp_path / "hq"
    with open_folder(folder, hq_backend, create=True) as workspace:
        workspace.initialise(ADMIN, ADMIN_PASSWORD)
        from organisation.units import add_unit
        admin = admin_context(workspace)
        for name, short in (UNIT_A, UNIT_B):
            add_unit(admin, name, short)
    server = HqServer(folder, hq_backend).start()
    yield server
    server.stop()


@pytest.fixture
def lawdesk_here(cli_here):
    """``lawdesk_here(folder, *args, db_url=None, user=ADMIN, **env)``: the command of
    sync_helpers.lawdesk (a real child process) through the same entry point in this process
    (``cli_here``), without the seconds a child spends starting Python."""
    def run(folder: Path, *args: str, db_url: str | None = None, user: str | None = ADMIN,
            **env: str) -> subprocess.CompletedProcess:
        return cli_here(*args, folder=folder, db=db_url, user=user, env=env)
    return run


@pytest.fixture
def new_workstation(tmp_path: Path, initialised_template: Path):
    """``new_workstation(name)``: a fresh, initialised workstation data folder (not enrolled)."""
    opened: list[Workspace] = []

    def make(name: str = "ws") -> Workspace:
        folder = tmp_path / name
        shutil.copytree(initialised_template, folder)
        # The template's identity and key are shared by every copy: give each copy its own,
        # as two real workstations would have.
        _new_identity(folder)
        workspace = Workspace.open(folder, clock=Clock())
        opened.append(workspace)
        return workspace

    yield make
    for workspace in opened:
        workspace.close()


def _new_identity(folder: Path) -> None:
    import sqlite3
    import uuid

    from audit.keys import PRIVATE_NAME, PUBLIC_NAME, create_keys
    from lawdesk.workspace import DB_NAME
    keys = folder / "keys"
    for name in (PRIVATE_NAME, PUBLIC_NAME):
        (keys / name).unlink()
    signer = create_keys(keys)
    connection = sqlite3.connect(folder / DB_NAME)
    with connection:
        old = connection.execute("SELECT id FROM workstation").fetchone()[0]
        new = uuid.uuid4().hex
        connection.execute("UPDATE workstation SET id = ?, public_key = ?", (new, signer.public_hex))
        # Re-sign nothing: the template's checkpoints name the old id, so drop the copy's
        # ledger-head file and rebuild checkpoints below with the new key.
        rows = connection.execute(
            "SELECT id, seq, head_hash, at FROM ledger_checkpoint").fetchall()
        from audit.chain import checkpoint_message
        for row_id, seq, head_hash, at in rows:
            connection.execute(
                "UPDATE ledger_checkpoint SET workstation_id = ?, signature = ? WHERE id = ?",
                (new, signer.sign(checkpoint_message(new, seq, head_hash, at)), row_id))
        assert old != new
    connection.close()
    (folder / "ledger-head.json").unlink(missing_ok=True)


@pytest.fixture
def enrolled(hq: HqServer, new_workstation):
    """``enrolled(name, unit=short name)``: a workstation enrolled at ``hq`` for a unit."""
    def make(name: str = "ws", unit: str = UNIT_A[1]) -> Workspace:
        from sync.link import enroll
        workspace = new_workstation(name)
        enroll(admin_context(workspace), workspace, server_url=hq.url,
               code=hq.enroll_code(unit))
        return workspace
    return make
