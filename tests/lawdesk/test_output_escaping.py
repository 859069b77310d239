"""What an admin's terminal receives from data it did not write: control characters shown
as visible escapes (a pushed record cannot clear the screen, retitle the window or reverse
a file name), Chinese text and punctuation as they are, --json output that still reads
back to the same values."""
from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import date

import pytest

from casework.cases import create_case
from casework.inputs import parse_case
from core.control_text import escape_controls, escape_json
from db.models import HqRecord, HqWorkstation
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.conftest import ADMIN, ADMIN_PASSWORD, REPO

# ESC sequences (clear screen, set the window title), a C1 CSI, DEL, a bidi override and
# an isolate, a tab and a newline that would forge a column and a row.
HOSTILE = "\x1b[2J\x1b]0;owned\x07\x9b31m\x7f\u202egpj.exe\u2066x\u2069\tcol\nrow"
SHOWN = "\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\x7f\\u202egpj.exe\\u2066x\\u2069\\tcol\\nrow"
RAW = [chr(c) for c in (*range(0x00, 0x20), *range(0x7f, 0xa0))] + [
    "\u061c", "\u200e", "\u200f", *map(chr, range(0x202a, 0x202f)), *map(chr, range(0x2066, 0x206a))]


def no_controls(text: str, allowed: str = "\n") -> bool:
    return not any(char in text for char in RAW if char not in allowed)


def test_control_characters_become_visible_escapes_and_text_stays():
    assert escape_controls(HOSTILE) == SHOWN
    text = "销售超过保质期的食品（“北原”牌）；罚款 5,000.00 元！ — é ü"
    assert escape_controls(text) == text
    assert escape_controls("a\tb\x1b", keep="\t") == "a\tb\\x1b"


def test_json_keeps_every_value_and_no_raw_control_character():
    # json.dumps escapes C0 itself; DEL, C1 and the bidi controls it leaves raw.
    value = {"k\u202e": "".join(RAW) + "中文"}
    dumped = json.dumps(value, ensure_ascii=False)
    assert "\x9b" in dumped and "\u202e" in dumped
    safe = escape_json(dumped)
    assert no_controls(safe, allowed="") and json.loads(safe) == value
    assert "中文" in safe


@pytest.fixture
def lawdesk(cli_here):
    """``lawdesk(*args)``: the command in this process as the admin, in English;
    (code, out, err)."""
    def run(*args: str) -> tuple[int, str, str]:
        result = cli_here(*args, user=ADMIN, env={"LAWDESK_LANG": "en"})
        return result.returncode, result.stdout, result.stderr
    return run


@pytest.fixture
def hq_with_pushed_records(workspace, as_role, clock):
    """This folder as HQ, with a workstation enrolled under a hostile name and records as
    a forged workstation's pushed ledger would have left them."""
    from hq.enrollment import enroll, issue_code
    admin = as_role("admin", username=ADMIN)
    add_unit(admin, "执法一科", "一科")
    code = issue_code(admin, "一科").code
    workstation = uuid.uuid4().hex
    enroll(workspace.db, clock.now(), code=code, workstation_id=workstation,
           public_key=workspace.audit.signer.public_hex, name="ws" + HOSTILE[:14])
    with workspace.db.write(actor="hq", action="test.pushed") as session:
        unit_id = session.get(HqWorkstation, workstation).unit_id
        for number, object_id in enumerate(("a" * 32, HOSTILE), start=1):
            session.add(HqRecord(workstation_id=workstation, object_type="device",
                                 object_id=object_id, unit_id=unit_id, values="{}",
                                 seq=number, deleted=False))
    return workstation


def test_hq_records_shows_pushed_control_characters_as_text(hq_with_pushed_records, data_dir,
                                                           lawdesk_env):
    # The reported case, as a real process writes it to the admin's terminal.
    result = subprocess.run([sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir),
                             "--user", ADMIN, "hq", "records"], capture_output=True, cwd=REPO,
                            timeout=60, stdin=subprocess.DEVNULL,
                            env=lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert no_controls(out, allowed="\n\t")
    lines = out.splitlines()  # one line per record, as many columns as the plain one
    assert len(lines) == 2 and lines[0].count("\t") == lines[1].count("\t")
    assert SHOWN in out and "执法一科" in out


def test_hq_workstations_and_json_output(hq_with_pushed_records, lawdesk):
    code, out, err = lawdesk("hq", "workstations")
    assert code == 0, err
    assert no_controls(out, allowed="\n\t")
    assert ("ws" + escape_controls(HOSTILE[:14])) in out
    code, out, err = lawdesk("hq", "records", "--json")
    assert code == 0, err
    assert no_controls(out, allowed="\n")
    assert {r["object_id"] for r in json.loads(out)} == {"a" * 32, HOSTILE}


@pytest.fixture
def hostile_case(workspace, as_role):
    admin = as_role("admin", username=ADMIN)
    add_unit(admin, "执法一中队", "执一")
    for name, number in (("张三", "22010001"), ("王五", "22010002")):
        add_officer(admin, name, "执一", CertificateInput(number, date(2099, 12, 31)))
    cause = "销售\x1b[31m过期\u202e食品\tX"
    detail = create_case(admin, parse_case({
        "type": "administrative_penalty", "procedure": "ordinary", "unit": "执一",
        "officers": ["22010001", "22010002"], "cause": cause,
        "parties": [{"kind": "person", "name": "李四\x9b", "id_number": "X1",
                     "id_type": "other"}]}))
    return detail.number, cause


def test_every_printed_line_escapes_data(hostile_case, lawdesk):
    number, cause = hostile_case
    code, out, err = lawdesk("case", "show", number)    # free-form lines
    assert code == 0, err
    assert no_controls(out, allowed="\n\t")
    assert "销售\\x1b[31m过期\\u202e食品" in out and "李四\\x9b" in out
    code, out, err = lawdesk("case", "list")            # a table: the value's tab escaped
    assert code == 0, err
    [line] = out.splitlines()
    assert line.count("\t") == 6 and "食品\\tX" in line and no_controls(line, allowed="\t")
    code, out, err = lawdesk("case", "show", number, "--json")
    assert code == 0, err
    assert no_controls(out, allowed="\n") and json.loads(out)["cause"] == cause


def test_a_refusal_naming_hostile_data_is_one_escaped_line(workspace, lawdesk):
    code, out, err = lawdesk("officer", "list", "--unit", "无\x1b[2J此\n科")
    assert (code, out) == (1, "")
    assert err == "lawdesk: No unit found: 无\\x1b[2J此\\n科\n"


def test_a_windowed_build_without_standard_output_still_runs(monkeypatch):
    import argparse

    from lawdesk.commands.common import run_command
    monkeypatch.setattr(sys, "stdout", None)  # pythonw / a PyInstaller windowed build
    assert run_command(lambda args: print("shown nowhere"), argparse.Namespace()) == 0
    assert sys.stdout is None
