"""The `lawdesk` command, run as a real child process: what a script or a kiosk sees.

Exit codes: 0 done, 1 refused (with a one-line reason on standard error), 2 credentials.
Each exit code and stream is shown by a real child process; the variations of a refusal
already shown that way, and flows of several commands, call the same entry point in this
process (``cli_here``), which spares each the second or more a child spends starting.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from accounts.users import add_user
from audit.verify import verify_ledger
from lawdesk import __version__
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"  # the `workspace` fixture's first admin
REPO = Path(__file__).resolve().parents[2]
EN = {"LAWDESK_LANG": "en"}


def assert_refused(result: subprocess.CompletedProcess, code: int) -> str:
    """Exit ``code``, nothing on standard output, one line on standard error; returns it."""
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lawdesk: ")
    return lines[0]


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60, input="")


@pytest.fixture
def organised(workspace, as_role):
    """An initialised folder with a unit and one certified officer (made in-process: a
    child process costs most of a second, and test_units_and_officers covers the CLI way)."""
    admin = as_role("admin", username=ADMIN)
    add_unit(admin, "综合科", "综合")
    add_officer(admin, "王五", "综合", CertificateInput("22010000001", date(2099, 12, 31)))
    return workspace


# --------------------------------------------------------------------------- set-up
def test_version(cli):
    result = cli("--version", password=None)
    assert (result.returncode, result.stdout.strip()) == (0, f"lawdesk {__version__}")


def test_init_with_the_password_in_the_environment(cli, data_dir):
    result = cli("init", "--admin", "boss", "--bureau", "某县综合行政执法局",
                 password="boss-pass-1", env=EN)
    assert result.returncode == 0, result.stderr
    assert "boss" in result.stdout
    with Workspace.open(data_dir) as ws:
        ctx = ws.login("boss", "boss-pass-1")
        assert ctx.actor.roles == frozenset({"admin"})
        from config.settings import get_setting
        assert get_setting(ws.db, "bureau.name") == "某县综合行政执法局"
        assert verify_ledger(ws.db, head_file=ws.head_file).intact


def test_init_with_the_password_on_standard_input(cli, data_dir):
    result = cli("init", "--admin", "boss", password=None, stdin="stdin-pass-1\n")
    assert result.returncode == 0, result.stderr
    with Workspace.open(data_dir) as ws:
        assert ws.login("boss", "stdin-pass-1").actor.username == "boss"


def test_init_without_a_password_is_refused(cli, data_dir):
    assert_refused(cli("init", "--admin", "boss", password=None), 2)
    with Workspace.open(data_dir) as ws:
        assert not ws.initialised


def test_init_with_a_weak_password_is_refused(cli, data_dir):
    line = assert_refused(cli("init", "--admin", "boss", password="short", env=EN), 1)
    assert "8 characters" in line


def test_a_second_init_changes_nothing(workspace, cli, ledger_length, data_dir):
    length = ledger_length()
    result = cli("init", "--admin", "intruder", password="intruder-pass-1", env=EN)
    assert result.returncode == 0, result.stderr
    assert "already set up" in result.stdout and "nothing changed" in result.stdout
    assert ledger_length() == length
    result = cli("user", "list", "--json", user=ADMIN)
    assert [u["username"] for u in json.loads(result.stdout)] == [ADMIN]


# ---------------------------------------------------------------------------- work
def test_units_and_officers(workspace, cli_here):
    """Many commands: run in this process (the child's start-up is the other tests' part)."""
    cli = cli_here
    result = cli("unit", "add", "综合科", "--short", "综合", user=ADMIN)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "综合科" in result.stdout
    result = cli("officer", "add", "--name", "王五", "--unit", "综合", "--cert", "22010000001",
                 "--valid-until", "2099-12-31", "--category", "综合执法", user=ADMIN)
    assert result.returncode == 0, result.stderr
    result = cli("officer", "add", "--name", "赵六", "--unit", "综合科", "--cert", "22010000002",
                 "--valid-from", "2000-01-01", "--valid-until", "2001-01-01", "--json",
                 user=ADMIN)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["certification"] == "expired"

    result = cli("officer", "list", "--json", user=ADMIN)
    assert result.returncode == 0 and result.stderr == ""
    rows = json.loads(result.stdout)
    assert [(r["name"], r["certified"], r["certificate"]["number"]) for r in rows] == [
        ("王五", True, "22010000001"), ("赵六", False, "22010000002")]
    assert rows[0]["unit_short"] == "综合"
    assert rows[0]["certificate"]["valid_until"] == "2099-12-31"
    assert rows[0]["certificate"]["category"] == "综合执法"

    result = cli("unit", "list", "--json", user=ADMIN)
    assert [(u["short"], u["officers"]) for u in json.loads(result.stdout)] == [("综合", 2)]
    result = cli("officer", "list", "--json", "--search", "赵", user=ADMIN)
    assert [r["name"] for r in json.loads(result.stdout)] == ["赵六"]


def test_a_new_user_can_log_in(organised, cli_here):
    result = cli_here("user", "add", "wang", "--role", "officer", "--officer", "22010000001",
                      user=ADMIN, new_password="wang-pass-1")
    assert result.returncode == 0, result.stderr
    result = cli_here("officer", "show", "22010000001", "--json", user="wang",
                      password="wang-pass-1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "王五"
    users = {u["username"]: u for u in json.loads(
        cli_here("user", "list", "--json", user=ADMIN).stdout)}
    assert users["wang"]["roles"] == ["officer"]
    assert users["wang"]["certificate"] == "22010000001"


def test_audit_log_json(organised, cli, ledger_length):
    result = cli("log", "--json", "--limit", "3", user=ADMIN)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [e["seq"] for e in entries] == list(range(ledger_length(), ledger_length() - 3, -1))
    assert [e["action"] for e in entries] == ["officer.add", "officer.add", "unit.add"]


# ------------------------------------------------------------------------ refusals
@pytest.mark.parametrize("user,password", [(ADMIN, "wrong-password"), ("nobody", ADMIN_PASSWORD)],
                         ids=["wrong-password", "unknown-user"])
def test_wrong_credentials_exit_2(workspace, cli_here, user, password):
    line = assert_refused(cli_here("unit", "list", user=user, password=password, env=EN), 2)
    assert "Wrong user name or password" in line


def test_a_command_without_a_user_exits_2(workspace, cli):
    line = assert_refused(cli("unit", "list", env=EN), 2)
    assert "--user" in line


def test_a_missing_password_exits_2(workspace, cli):
    assert_refused(cli("unit", "list", user=ADMIN, password=None), 2)


@pytest.fixture
def clerk(organised, as_role):
    add_user(as_role("admin"), "clerk1", "clerk-pass-1", ["clerk"])
    return "clerk1", "clerk-pass-1"


def test_a_permission_refusal_exits_1(clerk, cli, ledger_length):
    length = ledger_length()
    line = assert_refused(cli("unit", "add", "法制科", "--short", "法制", user=clerk[0],
                              password=clerk[1], env=EN), 1)
    assert "may not manage units" in line
    assert ledger_length() == length


@pytest.mark.parametrize("args,words", [
    (["--unit", "综合", "--cert", "1", "--valid-until", "2026-13-01"], "2026-13-01"),
    (["--unit", "综合", "--cert", "1", "--valid-until", "2030-01-01",
      "--valid-from", "yesterday"], "yesterday"),
    (["--unit", "无此科", "--cert", "1", "--valid-until", "2030-01-01"], "无此科"),
    (["--unit", "综合", "--cert", "22010000001", "--valid-until", "2030-01-01"], "22010000001"),
    (["--unit", "综合", "--cert", "1", "--valid-from", "2030-01-01",
      "--valid-until", "2029-01-01"], "2029-01-01"),
], ids=["bad-date", "not-a-date", "unknown-unit", "duplicate-certificate", "ends-before-start"])
def test_a_refused_officer_exits_1(organised, cli_here, ledger_length, args, words):
    length = ledger_length()
    line = assert_refused(cli_here("officer", "add", "--name", "赵六", *args, user=ADMIN,
                                   env=EN), 1)
    assert words in line
    assert ledger_length() == length


def test_a_folder_that_is_not_set_up_exits_1(cli):
    line = assert_refused(cli("verify", password=None, env=EN), 1)
    assert "init" in line


# ---------------------------------------------------------------------- environment
def test_the_data_folder_comes_from_lawdesk_home(workspace, data_dir, tmp_path, lawdesk_env):
    command = [sys.executable, "-m", "lawdesk", "verify", "--json"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60,
                            input="", env=lawdesk_env(LAWDESK_HOME=str(data_dir)))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["intact"] is True
    # --data-dir wins over the environment.
    elsewhere = tmp_path / "elsewhere"
    result = subprocess.run([*command[:3], "--data-dir", str(elsewhere), *command[3:]],
                            capture_output=True, text=True, cwd=REPO, timeout=60, input="",
                            env=lawdesk_env(LAWDESK_HOME=str(data_dir), LAWDESK_LANG="en"))
    assert result.returncode == 1
    assert str(elsewhere) in result.stderr


def test_commands_other_than_gui_never_import_qt(organised, data_dir, lawdesk_env):
    result = run_python(f"""
        import sys
        from lawdesk.cli import main
        assert main(["--data-dir", {str(data_dir)!r}, "verify"]) == 0
        assert main(["--data-dir", {str(data_dir)!r}, "--user", "admin",
                     "officer", "list", "--json"]) == 0
        qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
        assert not qt, qt
        assert "desktop" not in sys.modules
        print("no Qt")
    """, lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("no Qt")


def test_opening_a_workspace_loads_no_package_behind_a_hook(organised, data_dir, lawdesk_env):
    """Every command opens the workspace, which installs every package's casework hooks;
    their modules (and the PDF stack some pull in) load only when a transaction calls
    them: a fifth to a third of a second of every command's start-up (issue 22)."""
    result = run_python(f"""
        import sys
        from lawdesk.cli import main
        assert main(["--data-dir", {str(data_dir)!r}, "--user", "admin",
                     "officer", "list", "--json"]) == 0
        loaded = sorted(m for m in ("review.workflow", "review.gate", "review.document_context",
                                    "disclosure.drafting", "compliance.checks", "reportlab")
                        if m in sys.modules)
        assert not loaded, loaded
        print("lazy")
    """, lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("lazy")


def test_a_list_filtered_by_an_unknown_unit_is_refused_naming_it(cli_here, workspace):
    result = cli_here("officer", "list", "--unit", "不存在科", user="admin")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "lawdesk: 未找到科室：不存在科"


def test_a_reader_that_stops_reading_ends_the_command_quietly(organised, data_dir, lawdesk_env):
    # `lawdesk log | head -1`: head exits; the command must not answer with a traceback.
    reader, writer = os.pipe()
    os.close(reader)  # gone before the first line is written: no race with the pipe buffer
    try:
        result = subprocess.run([sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir),
                                 "--user", ADMIN, "log"], stdout=writer, stderr=subprocess.PIPE,
                                text=True, cwd=REPO, timeout=60, stdin=subprocess.DEVNULL,
                                env=lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD))
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (141, "")


def test_a_broken_pipe_that_is_not_standard_outputs_is_a_fault(lawdesk_env):
    # E.g. a socket to HQ: its traceback must not be swallowed as "the reader left".
    result = run_python("""
        import argparse
        from lawdesk.commands.common import run_command
        def upload(args):
            raise BrokenPipeError(32, "Broken pipe")
        run_command(upload, argparse.Namespace())
    """, lawdesk_env())
    assert result.returncode == 1
    assert "BrokenPipeError" in result.stderr
