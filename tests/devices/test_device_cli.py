"""`lawdesk device …` and `lawdesk ratio …`: what a kiosk or a script sees. Exit 0 done;
exit 1 refused, with nothing on standard output and one line on standard error; --json
output on standard output only.

Two commands of issue 4's contract run as real child processes (`cli`): a registration
that succeeds (--json on standard output only, exit 0) and an import that is refused (exit
1, one line on standard error), which is what a kiosk or a script sees of the entry point.
Every other command runs in this process through the same entry point (`lawdesk_main`): a
child process costs over a second, most of it starting Python.

Commands run on the real clock, so officers here are certified from 2000 to 2099 and times
are read back from the command's own output.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from accounts.users import add_user
from core.actor import Actor
from core.clock import fixed_clock
from core.context import Context
from devices.custody import PreUseCheck, checkout
from devices.registry import add_device, get_device, list_devices
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.conftest import ADMIN, ADMIN_PASSWORD  # the `workspace` fixture's first admin

EN = {"LAWDESK_LANG": "en"}
BEIJING = ZoneInfo("Asia/Shanghai")


def assert_refused(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lawdesk: "), result.stderr
    return lines[0]


def ok_json(result: subprocess.CompletedProcess):  # noqa: ANN201
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture
def lawdesk_main(cli_here):
    """Run `lawdesk ARGS…` in this process (``cli_here``) as the admin unless told."""
    def run(*args: str, user: str = ADMIN, password: str = ADMIN_PASSWORD,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return cli_here(*args, user=user, password=password, env=env)
    return run


@pytest.fixture
def stocked(workspace, as_role):
    """Made in-process (a child process costs over a second): two units, two certified
    officers, one body camera in store."""
    admin = as_role("admin", username=ADMIN)
    add_unit(admin, "综合科", "综合")
    add_unit(admin, "法制科", "法制")
    for name, number in (("王五", "C-WANG"), ("赵六", "C-ZHAO")):
        add_officer(admin, name, "综合", CertificateInput(number, date(2099, 12, 31),
                                                          date(2000, 1, 1)))
    add_device(admin, "BC-1", "body_camera", "综合")
    return workspace


def test_register_check_out_find_the_holder_and_check_in(stocked, cli, lawdesk_main, tmp_path,
                                                        png):
    signature = tmp_path / "signature.png"
    signature.write_bytes(png(3))
    # A real child process: what a kiosk sees of `lawdesk device add --json`.
    added = ok_json(cli("device", "add", "--serial", "BC-7", "--type", "body_camera",
                        "--unit", "综合", "--model", "DSJ-V9", "--purchase-date", "2025-01-02",
                        "--json", user=ADMIN))
    assert (added["serial"], added["status"], added["purchase_date"]) == (
        "BC-7", "in_store", "2025-01-02")

    out = ok_json(lawdesk_main("device", "checkout", "--serial", "BC-7", "--officer",
                               "C-WANG", "--signature", str(signature), "--json"))
    assert (out["officer"], out["certificate"], out["checkout_signed"]) == (
        "王五", "C-WANG", True)
    assert out["checkout_signature_sha256"] == hashlib.sha256(png(3)).hexdigest()
    checked_out_at = datetime.fromisoformat(out["checked_out_at"])

    # The exact checkout instant, typed without a zone: Beijing time.
    local = checked_out_at.astimezone(BEIJING).replace(tzinfo=None).isoformat()
    result = lawdesk_main("device", "holder", "--serial", "BC-7", "--at", local)
    assert (result.returncode, result.stdout, result.stderr) == (0, "C-WANG\n", "")
    # A microsecond earlier, with an explicit zone: nobody held it.
    before = (checked_out_at - timedelta(microseconds=1)).isoformat()
    line = assert_refused(lawdesk_main("device", "holder", "--serial", "BC-7", "--at", before,
                                       env=EN))
    assert "Nobody held device BC-7" in line

    listed = ok_json(lawdesk_main("device", "list", "--json"))
    assert [(d["serial"], d["status"]) for d in listed] == [
        ("BC-1", "in_store"), ("BC-7", "checked_out")]
    assert listed[1]["holder"]["certificate"] == "C-WANG"

    line = assert_refused(lawdesk_main("device", "checkout", "--serial", "BC-7", "--officer",
                                       "C-ZHAO", env=EN))
    assert "already checked out to 王五 (C-WANG)" in line

    back = ok_json(lawdesk_main("device", "checkin", "--serial", "BC-7", "--condition",
                                "damaged", "--notes", "镜头裂", "--json"))
    assert (back["checkin_condition"], back["checkin_notes"], back["checkin_signed"]) == (
        "damaged", "镜头裂", False)
    history = ok_json(lawdesk_main("device", "history", "--serial", "BC-7", "--json"))
    assert [(e["kind"], e["status"]) for e in history] == [
        ("registered", "in_store"), ("checked_out", "checked_out"), ("checked_in", "in_repair")]


def test_checkout_options_and_refusals(stocked, lawdesk_main, workspace):
    line = assert_refused(lawdesk_main("device", "checkout", "--serial", "BC-1", "--officer",
                                       "C-WANG", "--failed-check", "battery", "--failed-check",
                                       "clock", env=EN))
    assert "failed its pre-use check (battery low, clock wrong)" in line
    assert get_device(workspace.context(Actor.system()), "BC-1").status == "in_store"

    # No --signature: recorded, and said, as unsigned. A due time without a zone is Beijing.
    result = lawdesk_main("device", "checkout", "--serial", "BC-1", "--officer", "C-WANG",
                          "--due", "2099-01-01T18:00", env=EN)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "(unsigned)" in result.stdout and "due 2099-01-01 18:00" in result.stdout
    row = list_devices(workspace.context(Actor.system()))[0]
    assert row.due_at == datetime(2099, 1, 1, 10, 0, tzinfo=timezone.utc)


def test_import_all_or_nothing(stocked, cli, lawdesk_main, tmp_path, workspace):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("序列号,类型,科室\r\nAR-1,录音笔/执法记录仪（音频）,综合\r\n"
                    "AR-2,无人机,综合\r\nBC-1,camera,法制\r\n".encode("gbk"))
    # A real child process: what a script sees of a refusal.
    line = assert_refused(cli("device", "import", str(bad), user=ADMIN))
    assert "第 3 行：未知设备类型“无人机”" in line and "第 4 行：序列号 BC-1 已登记" in line
    assert [d.serial for d in list_devices(workspace.context(Actor.system()))] == ["BC-1"]

    good = tmp_path / "good.csv"
    good.write_text("\ufeffserial,type,unit\nAR-1,audio_recorder,综合\nDC-1,高拍仪,法制\n",
                    "utf-8")
    assert ok_json(lawdesk_main("device", "import", str(good), "--json")) == {
        "imported": 2, "serials": ["AR-1", "DC-1"]}


def test_ratio_report_and_standards(stocked, lawdesk_main, workspace):
    admin_result = ok_json(lawdesk_main("ratio", "set", "--type", "body_camera", "--unit",
                                        "综合", "--officers-per-device", "1", "--json"))
    assert (admin_result["unit"], admin_result["officers_per_device"]) == ("综合科", 1)
    rows = ok_json(lawdesk_main("ratio", "report", "--json"))
    assert isinstance(rows, list)
    for row in rows:
        assert {"unit", "device_type", "officers", "required", "in_service",
                "shortfall"} <= set(row)
    body = {(r["unit"], r["device_type"]): r for r in rows}
    assert {k: body[("综合科", "body_camera")][k] for k in (
        "officers", "required", "in_service", "shortfall")} == {
        "officers": 2, "required": 2, "in_service": 1, "shortfall": 1}
    assert body[("法制科", "camera")]["required"] == 1

    # A custodian keeps devices but does not set the standards (admins do).
    admin = workspace.context(Actor(ADMIN, frozenset({"admin"})))
    add_user(admin, "keeper", "keeper-pass-1", ["custodian"])
    line = assert_refused(lawdesk_main("ratio", "set", "--type", "camera", "--minimum", "2",
                                       user="keeper", password="keeper-pass-1", env=EN))
    assert line == ("lawdesk: User keeper may not change device types and ratio standards")


def test_overdue(stocked, lawdesk_main, workspace):
    # Checked out long ago (in-process, on a clock set back), so it is overdue now.
    past = Context(db=workspace.db, actor=Actor("keeper", frozenset({"custodian"})),
                   clock=fixed_clock(datetime(2001, 3, 1, 1, 0, tzinfo=timezone.utc)))
    checkout(past, "BC-1", "C-ZHAO", checks=PreUseCheck(), signature_png=None)
    rows = ok_json(lawdesk_main("device", "overdue", "--json"))
    assert [(r["serial"], r["certificate"], r["due_at"]) for r in rows] == [
        ("BC-1", "C-ZHAO", "2001-03-01T16:00:00+00:00")]
