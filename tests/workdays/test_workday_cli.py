"""`lawdesk calendar …` the date on standard output, the fallback
warning on standard error (exit 0), imports refused with one line (exit 1)."""
from __future__ import annotations

import json

import pytest

from accounts.users import add_user

EN = {"LAWDESK_LANG": "en"}


@pytest.fixture
def cli(cli_here):
    """The commands through lawdesk.cli.main in this process (tests/conftest.py
    ``cli_here``): what a script sees, without a child's start-up on every command
    (tests/lawdesk/test_cli.py keeps the real child process)."""
    return cli_here


def refused(result) -> str:  # noqa: ANN001
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lawdesk: "), result.stderr
    return lines[0]


@pytest.fixture
def year_file(tmp_path):
    path = tmp_path / "2031.toml"
    path.write_text('year = 2031\nsource = "国务院办公厅关于2031年部分节假日安排的通知"\n'
                    'holidays = ["2031-01-01"]\nworkdays = []\n', encoding="utf-8")
    return path


def test_the_nth_working_day_is_printed(workspace, cli):
    result = cli("calendar", "workdays", "--from", "2025-09-30", "--add", "7")
    assert (result.returncode, result.stdout, result.stderr) == (0, "2025-10-16\n", "")


def test_a_fallback_year_warns_on_stderr_and_still_prints_the_date(workspace, cli):
    result = cli("calendar", "workdays", "--from", "2030-12-31", "--add", "3")
    assert (result.returncode, result.stdout) == (0, "2031-01-03\n")
    assert result.stderr.startswith("lawdesk: ") and "2031" in result.stderr
    assert "周一至周五" in result.stderr
    english = cli("calendar", "workdays", "--from", "2030-12-31", "--add", "3", "--json",
                  env=EN)
    answer = json.loads(english.stdout)
    assert answer["date"] == "2031-01-03" and 2031 in answer["fallback_years"]
    assert "Monday to Friday" in english.stderr and answer["warning"] in english.stderr


def test_bad_options_are_refused(workspace, cli):
    assert "--from" in refused(cli("calendar", "workdays", "--from", "2025-02-30",
                                   "--add", "1"))
    assert "-1" in refused(cli("calendar", "workdays", "--from", "2025-09-30", "--add", "-1"))


def test_an_admin_imports_a_year_and_it_is_used(workspace, cli, year_file):
    result = cli("--user", "admin", "calendar", "import", str(year_file), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"year": 2031, "holidays": 1, "workdays": 0,
                                         "replaced": False}
    # 2030 is still no one's, so only 2030 falls back now.
    counted = cli("calendar", "workdays", "--from", "2030-12-31", "--add", "1")
    assert counted.stdout == "2031-01-02\n" and "2031" not in counted.stderr
    years = {row["year"]: row for row in
             json.loads(cli("calendar", "years", "--json").stdout)}
    assert years[2031]["coverage"] == "imported" and years[2031]["imported_by"] == "admin"
    assert years[2031]["source"] == "国务院办公厅关于2031年部分节假日安排的通知"
    assert years[2030]["coverage"] == "fallback" and years[2025]["coverage"] == "library"
    text = cli("calendar", "years", env=EN).stdout.splitlines()
    assert "2031\timported\t国务院办公厅关于2031年部分节假日安排的通知" in text


def test_a_clerk_may_not_import(workspace, admin, cli, year_file):
    add_user(admin, "clerk1", "clerk-pass-1", ["clerk"])
    line = refused(cli("--user", "clerk1", "calendar", "import", str(year_file),
                       password="clerk-pass-1"))
    assert "clerk1" in line and "导入工作日历" in line
    years = json.loads(cli("calendar", "years", "--json").stdout)
    assert all(row["coverage"] != "imported" for row in years)


def test_a_bad_file_is_refused_naming_the_problem(workspace, cli, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"year": 2031, "source": "x", "holidays": ["2031-01-01"], '
                    '"workdays": ["2031-01-02"]}', encoding="utf-8")
    line = refused(cli("--user", "admin", "calendar", "import", str(path), env=EN))
    assert "the make-up working day 2031-01-02 is a Thursday" in line
    assert "No such file" in refused(cli("--user", "admin", "calendar", "import",
                                         str(tmp_path / "missing.toml"), env=EN))
