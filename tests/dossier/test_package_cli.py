"""`lawdesk package export` and `lawdesk package verify`: what a script sees. The command's verdict is the verifier's own, word for word; a bad
argument exits 1 with one line on standard error and no traceback."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from accounts.users import add_user
from tests.dossier.conftest import REASON, problems, run_verifier

PASSWORD = "clerk-pass-1"
EN = {"LAWDESK_LANG": "en"}


@pytest.fixture
def cli(cli_here):
    """The commands through lawdesk.cli.main in this process (tests/conftest.py
    ``cli_here``): what a script sees, without a child's start-up on every command
    (tests/lawdesk/test_cli.py keeps the real child process)."""
    return cli_here


def assert_refused(result: subprocess.CompletedProcess) -> str:
    """Exit 1, nothing on standard output, one line on standard error; returns it."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lawdesk: "), result.stderr
    return lines[0]


@pytest.fixture
def clerk_user(admin_ctx):
    """The clerk as a user who can log in (the cases are made in the clerk's name)."""
    add_user(admin_ctx, "clerk", PASSWORD, ["clerk"])


def test_export_then_verify_from_the_command_line(linked, clerk_user, cli, tmp_path,
                                                  clean_python):
    made = linked
    out = tmp_path / "执一案1号证据包.zip"
    result = cli("package", "export", made.number, "--out", str(out), "--exclude",
                 made.footage[1], "--reason", REASON, "--json", user="clerk",
                 password=PASSWORD)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["case"], answer["footage"], answer["documents"], answer["excluded"]) == (
        made.number, 1, 0, 1)
    assert answer["out"] == str(out) and answer["size"] == out.stat().st_size
    mine = cli("package", "verify", str(out), password=None)
    court = run_verifier(clean_python, out)
    assert mine.returncode == court.returncode == 0, mine.stdout
    assert mine.stdout == court.stdout               # the same report, line for line
    assert REASON in mine.stdout and "Verdict: PASSED" in mine.stdout


def test_the_command_names_the_same_problems_as_the_verifier(built, cli, tmp_path,
                                                             clean_python):
    package = Path(shutil.copy(built.full, tmp_path / "p.zip"))
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("documents/03_补充.pdf", b"%PDF-1.4 added later")
    mine = cli("package", "verify", str(package), "--json", password=None)
    court = run_verifier(clean_python, package, "--json")
    assert mine.returncode == court.returncode == 1
    assert problems(mine) == problems(court) == [{
        "code": "file_added", "where": "documents/03_补充.pdf",
        "zh": "证据包中的 documents/03_补充.pdf 不在清单中：文件是后来加入的",
        "en": "documents/03_补充.pdf is in the package but not in the manifest: the file was "
              "added"}]
    text = cli("package", "verify", str(package), password=None, env=EN)
    assert text.returncode == 1 and "[file_added] documents/03_补充.pdf" in text.stdout
    assert text.stderr == "lawdesk: the package failed verification: 1 problem(s)\n"


def test_bad_arguments_are_refused_in_one_line(penalty_case, clerk_user, cli, tmp_path):
    """(The service's own refusals, an existing file among them, are in
    test_package_export: here, that they reach the command line as one line.)"""
    out, one, two = str(tmp_path / "p.zip"), "ab" * 32, "cd" * 32

    def export(*args: str) -> subprocess.CompletedProcess:
        return cli("package", "export", penalty_case.number, "--out", out, *args,
                   user="clerk", password=PASSWORD, env=EN)
    assert "--reason must follow the --exclude it explains" in assert_refused(
        export("--reason", REASON, "--exclude", one))
    assert f"--exclude {two} has no --reason after it" in assert_refused(
        export("--exclude", one, "--reason", "x", "--exclude", two))
    assert "No case found: 执一案〔2026〕7号" in assert_refused(
        cli("package", "export", "执一案〔2026〕7号", "--out", out, user="clerk",
            password=PASSWORD, env=EN))
    assert "does not exist" in assert_refused(
        cli("package", "verify", str(tmp_path / "none.zip"), password=None, env=EN))
