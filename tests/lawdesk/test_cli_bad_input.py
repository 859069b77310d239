"""Hostile or broken input on the command line: each one ends with one line on standard
error naming the problem, exit 1, no traceback, and nothing written.

Most run through lawdesk.cli.main in this process (a child costs most of a second); the
ones where the operating system's own handling matters (the process's stderr, argv
bytes) run as real child processes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from core.csv_safe import FIELD_LIMIT
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO

EN = {"LAWDESK_LANG": "en"}
CASE = {"type": "administrative_penalty", "procedure": "ordinary", "unit": "执一",
        "officers": ["22010001", "22010002"], "cause": "销售超过保质期的食品",
        "parties": [{"kind": "person", "name": "李四", "id_number": "X1", "id_type": "other"}]}


@pytest.fixture
def lawdesk(cli_here):
    """``lawdesk(*args)``: the command in this process (``cli_here``), as the admin, in
    English."""
    def run(*args: str, user: str | None = ADMIN) -> subprocess.CompletedProcess:
        return cli_here(*args, user=user, env={"LAWDESK_LANG": "en"})
    return run


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 1, nothing on standard output, one line on standard error naming the problem."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lawdesk: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def organised(workspace, as_role):
    admin = as_role("admin", username=ADMIN)
    add_unit(admin, "执法一中队", "执一")
    for name, number in (("张三", "22010001"), ("王五", "22010002")):
        add_officer(admin, name, "执一", CertificateInput(number, date(2099, 12, 31)))
    return workspace


def case_count(workspace) -> int:
    from sqlalchemy import func, select

    from db.models import Case
    with workspace.db.read() as session:
        return session.execute(select(func.count()).select_from(Case)).scalar_one()


# ------------------------------------------------------------------------ case JSON
def _case_with(**changes) -> str:  # noqa: ANN003
    return json.dumps({**CASE, **changes}, ensure_ascii=False)


BAD_CASE_FILES = {
    "amount_1e309": (_case_with(penalty_amount="1e309").encode(), ("penalty_amount", "1e309",
                                                                   "out of range")),
    "amount_40_digits": (_case_with(penalty_amount="1" * 40).encode(),
                         ("penalty_amount", "out of range")),
    "amount_40_digit_number": (_case_with(penalty_amount=0).replace(
        '"penalty_amount": 0', '"penalty_amount": ' + "9" * 40).encode(),
        ("penalty_amount", "out of range")),
    "amount_5000_digit_number": (_case_with(penalty_amount=0).replace(
        '"penalty_amount": 0', '"penalty_amount": ' + "9" * 5000).encode(),
        ("digits",)),
    "gbk": (_case_with().encode("gbk"), ("not UTF-8", "save it as UTF-8")),
    "invalid_utf8": (b'{"cause": "\xff\xfe"}', ("not UTF-8", "byte 12")),
    "nested_brackets": (b"[" * 100_000 + b"]" * 100_000, ("too deeply",)),
    "lone_surrogate": (_case_with().replace('"销售超过保质期的食品"', '"\\ud800abc"').encode(),
                       ("cause", "unpaired surrogate")),
    "not_json": (b'{"cause": ', ("not valid JSON", "line 1")),
}


@pytest.mark.parametrize("name", BAD_CASE_FILES)
def test_a_bad_case_file_is_refused_in_one_line(organised, lawdesk, tmp_path, ledger_length,
                                                name):
    data, words = BAD_CASE_FILES[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(data)
    before = ledger_length()
    refused(lawdesk("case", "new", "--json-file", str(path)), *words)
    assert ledger_length() == before and case_count(organised) == 0


def test_a_case_file_over_the_size_limit_is_refused_unread(organised, lawdesk, tmp_path):
    from core.user_files import JSON_FILE_LIMIT
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(JSON_FILE_LIMIT + 1)  # sparse: no disk written
    refused(lawdesk("case", "new", "--json-file", str(path)), "larger than 16 MiB")


def test_the_largest_amount_is_accepted(organised, lawdesk, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(_case_with(penalty_amount="999999999999999.99"), "utf-8")
    result = lawdesk("case", "new", "--json-file", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["penalty_amount"] == "999999999999999.99"


@pytest.mark.parametrize("content,words", [
    (b"[" * 100_000, ("too deeply",)),
    ('{"a": "\\udc80"}'.encode(), ("unpaired surrogate",)),
    ('{"a": "案由"}'.encode("gbk"), ("not UTF-8",))])
def test_bad_document_fields_are_refused_in_one_line(organised, lawdesk, tmp_path, content,
                                                     words):
    path = tmp_path / "fields.json"
    path.write_bytes(content)
    refused(lawdesk("doc", "render", "notice", "--case", "X", "--out",
                    str(tmp_path / "x.pdf"), "--fields", str(path), "--preview"), *words)


def test_a_review_rule_file_nested_too_deeply_is_refused(organised, lawdesk, tmp_path):
    path = tmp_path / "rule.json"
    path.write_text("{\"a\": " + "[" * 100_000, "utf-8")
    refused(lawdesk("review", "rule-set", "--file", str(path)), "too deeply")


def test_a_lone_surrogate_in_a_child_process(organised, cli, tmp_path):
    # The real process: its standard error holds the one line and no traceback (this used
    # to end in a 57-line SQLite error).
    path = tmp_path / "surrogate.json"
    path.write_text(_case_with().replace('"销售超过保质期的食品"', '"\\ud800"'), "utf-8")
    refused(cli("case", "new", "--json-file", str(path), user=ADMIN, env=EN),
            "unpaired surrogate")


# ------------------------------------------------------------------------ CSV and other files
def _long_field_csv(header: str, row: str) -> str:
    return f"{header}\n{row}\"{'x' * (FIELD_LIMIT + 1)}\"\n"


def test_a_device_csv_field_over_the_limit_names_its_row(organised, lawdesk, tmp_path):
    path = tmp_path / "devices.csv"
    path.write_text(_long_field_csv("serial,type,unit\nA1,body_camera,执一\nA2,body_camera,执一",
                                    "A3,body_camera,"), "utf-8")
    refused(lawdesk("device", "import", str(path)), "row 4", f"longer than {FIELD_LIMIT}")


def test_a_benchmark_csv_field_over_the_limit_names_its_row(organised, lawdesk, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(_long_field_csv("违法行为编码,裁量阶次", "X,"), "utf-8")
    refused(lawdesk("benchmark", "import", str(path)), "row 2", f"longer than {FIELD_LIMIT}")


def test_a_benchmark_amount_out_of_range_is_refused(organised, lawdesk, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("违法行为编码,违法行为,法定最低,法定最高,裁量阶次,幅度下限,幅度上限\n"
                    "X-1,某违法行为,0,1e309,一般,1,2\n", "utf-8")
    refused(lawdesk("benchmark", "import", str(path)), "'statutory_high': '1e309'",
            "out of range")
    refused(lawdesk("benchmark", "suggest", "--offence", "FSL-122-B", "--base-amount",
                    "1" * 40), "--base-amount", "out of range")


@pytest.mark.parametrize("name,content,words", [
    ("nested.json", "{\"year\": " + "[" * 100_000, ("too deeply",)),
    ("nested.toml", "year = " + "[" * 100_000 + "]" * 100_000, ("too deeply",)),
    ("surrogate.json", '{"year": 2027, "source": "\\ud800", "holidays": ["2027-01-01"]}',
     ("source", "unpaired surrogate"))])
def test_a_bad_calendar_file_is_refused_in_one_line(organised, lawdesk, tmp_path, name, content,
                                                    words):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    refused(lawdesk("calendar", "import", str(path)), *words)


# ------------------------------------------------------------------------ options
@pytest.mark.parametrize("args,words", [
    (("hq", "records", "--limit", str(10 ** 30)), ("--limit", "1 to 1000000")),
    (("hq", "records", "--limit", "-5"), ("--limit", "-5")),
    (("hq", "serve", "--port", "99999"), ("--port", "0 to 65535")),
    (("sync", "enroll", "--server", "http://[::1", "--code", "ABCD"),
     ("--server", "http://[::1", "not a server address")),
    (("sync", "enroll", "--server", "http://hq:99999", "--code", "ABCD"), ("--server",)),
    (("log", "--limit", str(10 ** 30)), ("--limit",)),
    (("footage", "list", "--limit", "0"), ("--limit",)),
    (("case", "list", "--year", str(10 ** 20)), ("--year", "1 to 9999")),
    (("ratio", "expiring", "--days", str(10 ** 30)), ("--days",)),
    (("benchmark", "list", "--version", str(10 ** 30)), ("--version",)),
    (("disclosure", "stats", "--year", "1" * 30, "--out", "x.csv"), ("--year",)),
    (("hq", "records", "--limit", "ten"), ("--limit", "ten"))])
def test_an_option_out_of_range_is_refused_before_anything_opens(lawdesk, data_dir, args,
                                                                 words):
    refused(lawdesk(*args), *words)
    assert not data_dir.exists()  # refused while parsing: no folder opened or made


def test_a_code_of_undecodable_bytes_is_refused_naming_the_option(data_dir, lawdesk_env):
    # Bytes as a shell passes them; Python decodes argv with surrogateescape.
    command = [os.fsencode(sys.executable), b"-m", b"lawdesk", b"--data-dir",
               os.fsencode(data_dir), b"--user", ADMIN.encode(), b"sync", b"enroll",
               b"--server", b"http://127.0.0.1:9", b"--code", b"\xff\xfeABCD"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60,
                            stdin=subprocess.DEVNULL,
                            env=lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD, **EN))
    refused(result, "--code", "not text")


def test_a_file_name_of_undecodable_bytes_is_still_a_file_name(organised, lawdesk, tmp_path):
    # File and folder names may hold any bytes their file system allows (a GBK name on a
    # UTF-8 system); where a name is kept, its undecodable bytes are kept as \\x escapes.
    folder = os.fsencode(str(tmp_path))
    devices = Path(os.fsdecode(folder + b"/\xff.csv"))
    devices.write_text("serial,type,unit\nA9,body_camera,执一\n", "utf-8")
    result = lawdesk("device", "import", str(devices))
    assert result.returncode == 0, result.stderr
    exported = tmp_path / "list.csv"
    assert lawdesk("benchmark", "export", "--out", str(exported)).returncode == 0
    renamed = Path(os.fsdecode(folder + b"/\xfe\xff.csv"))
    exported.rename(renamed)
    result = lawdesk("benchmark", "import", str(renamed))
    assert result.returncode == 0, result.stderr
    result = lawdesk("benchmark", "versions", "--json")
    assert json.loads(result.stdout)[0]["title"] == "\\xfe\\xff"
