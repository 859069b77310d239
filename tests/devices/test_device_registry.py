"""The device registry: registering, editing, listing, and the status a custodian changes by
hand (repair, loss, retirement), each step in the device's history and the ledger."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from audit.verify import verify_ledger
from core.errors import AlreadyExists, InvalidInput, NotFound
from devices.custody import PreUseCheck, checkin, checkout
from devices.defaults import default_device_types, default_ratio_standards, ensure_defaults
from devices.errors import DeviceTypeInactive, DeviceUnavailable, StatusChangeRefused
from devices.holder import holder_at
from devices.registry import (
    DeviceFilter,
    add_device,
    device_history,
    get_device,
    list_devices,
    set_device_status,
    update_device,
)
from devices.status import STATUSES, TRANSITIONS
from devices.types import list_device_types, set_device_type
from organisation.units import list_units

NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)
PASS = PreUseCheck()


def ledger_rows(raw_db, object_type: str) -> list[tuple[str, str, dict]]:
    with raw_db() as connection:
        rows = connection.execute(
            "SELECT actor, action, change FROM ledger_entry WHERE object_type = ? ORDER BY seq",
            [object_type]).fetchall()
    return [(actor, action, json.loads(change)) for actor, action, change in rows]


# ----------------------------------------------------------------------------- defaults
def test_a_new_folder_has_the_default_types_and_standards(bureau, keeper, raw_db):
    types = list_device_types(keeper)
    assert [t.code for t in types] == sorted(t["code"] for t in default_device_types())
    assert {t.code: t.name_zh for t in types}["body_camera"] == "执法记录仪"
    assert {t.code: t.name_zh for t in types}["document_camera"] == "高拍仪"
    seeded = ledger_rows(raw_db, "device_type")
    assert {(actor, action) for actor, action, _ in seeded} == {("system", "devices.defaults")}
    assert len(ledger_rows(raw_db, "ratio_standard")) == len(default_ratio_standards())


def test_defaults_are_seeded_only_once(workspace, ledger_length):
    length = ledger_length()
    assert ensure_defaults(workspace.db) is False
    assert ledger_length() == length


# ----------------------------------------------------------------------------- registering
def test_register_a_device(bureau, keeper, raw_db):
    # (Also shows the copied-in bureau is a whole, signed ledger that goes on growing.)
    row = add_device(keeper, "  BC-9 ", "执法记录仪", "法制", model="DSJ-V9", vendor="海康",
                     purchase_date=date(2025, 3, 1), notes="新购")
    assert (row.serial, row.type_code, row.unit_name, row.status) == (
        "BC-9", "body_camera", "法制科", "in_store")
    assert (row.model, row.vendor, row.purchase_date, row.notes) == (
        "DSJ-V9", "海康", date(2025, 3, 1), "新购")
    assert row.holder_name is None and get_device(keeper, "BC-9") == row
    [event] = device_history(keeper, "BC-9")
    assert (event.seq, event.kind, event.status, event.actor, event.at) == (
        1, "registered", "in_store", "keeper", NOW)
    actor, action, change = ledger_rows(raw_db, "device")[-1]
    assert (actor, action, change["values"]["serial"]) == ("keeper", "device.add", "BC-9")
    assert verify_ledger(bureau.db, head_file=bureau.head_file).intact


@pytest.mark.parametrize("serial,type_code,unit,error", [
    ("BC-1", "body_camera", "综合", AlreadyExists),
    ("BC-9", "drone", "综合", NotFound),
    ("BC-9", "body_camera", "无此科", NotFound),
    ("   ", "body_camera", "综合", InvalidInput),
    ("X" * 61, "body_camera", "综合", InvalidInput),
], ids=["duplicate-serial", "unknown-type", "unknown-unit", "empty-serial", "long-serial"])
def test_registering_is_refused(bureau, keeper, unchanged, serial, type_code, unit, error):
    with unchanged(), pytest.raises(error):
        add_device(keeper, serial, type_code, unit)


def test_a_future_purchase_date_is_refused(bureau, keeper, unchanged):
    with unchanged(), pytest.raises(InvalidInput) as refused:
        add_device(keeper, "BC-9", "body_camera", "综合", purchase_date=date(2026, 6, 16))
    assert "2026-06-16" in refused.value.message("en")


def test_a_type_no_longer_in_use_takes_no_new_devices(bureau, manager, keeper):
    set_device_type(manager, "camera", "照相机", "camera", active=False)
    assert "camera" not in {t.code for t in list_device_types(keeper)}
    assert "camera" in {t.code for t in list_device_types(keeper, include_inactive=True)}
    with pytest.raises(DeviceTypeInactive) as refused:
        add_device(keeper, "CAM-1", "camera", "综合")
    assert "照相机" in str(refused.value)


def test_device_types_are_editable(bureau, manager, keeper):
    row = set_device_type(manager, "drone", "无人机", "drone")
    assert row.active and row.name("en") == "drone"
    add_device(keeper, "UAV-1", "无人机", "综合")
    set_device_type(manager, "drone", "执法无人机", "enforcement drone")
    assert get_device(keeper, "UAV-1").type_name() == "执法无人机"
    with pytest.raises(InvalidInput):
        set_device_type(manager, "cam2", "照相机", "second camera")  # a name in use
    with pytest.raises(InvalidInput):
        set_device_type(manager, "Bad Code", "x", "y")


def test_update_a_device(bureau, keeper, raw_db):
    row = update_device(keeper, "BC-1", type_code="audio_recorder", unit="法制科", model="M2",
                        vendor=" ", purchase_date=date(2024, 1, 2), notes=None)
    assert (row.type_code, row.unit_short_name, row.model, row.vendor) == (
        "audio_recorder", "法制", "M2", None)
    _, action, change = ledger_rows(raw_db, "device")[-1]
    assert action == "device.update"
    assert change["before"]["type_code"] == "body_camera"
    assert change["after"]["type_code"] == "audio_recorder"


def test_list_and_filter_devices(bureau, manager, keeper, workspace):
    add_device(manager, "CAM-1", "camera", "法制", model="EOS 90D", vendor="Canon")
    checkout(keeper, "BC-2", "C-WANG", checks=PASS, signature_png=None)
    units = {u.short_name: u.id for u in list_units(keeper)}

    def serials(**criteria) -> list[str]:
        return [row.serial for row in list_devices(keeper, DeviceFilter(**criteria))]

    assert serials() == ["AR-1", "BC-1", "BC-2", "CAM-1"]
    assert serials(type_code="body_camera") == ["BC-1", "BC-2"]
    assert serials(unit_id=units["法制"]) == ["CAM-1"]
    assert serials(status="checked_out") == ["BC-2"]
    assert serials(text="eos") == ["CAM-1"]   # model, any case (SQLite LIKE on ASCII)
    assert serials(text="canon") == ["CAM-1"]
    assert serials(text="BC") == ["BC-1", "BC-2"]
    assert serials(text="%") == []            # a character to find, not a wildcard
    out = next(r for r in list_devices(keeper) if r.serial == "BC-2")
    assert (out.holder_name, out.holder_certificate) == ("王五", "C-WANG")
    assert out.due_at == datetime(2026, 6, 15, 16, 0, tzinfo=timezone.utc)
    assert out.as_json("en")["holder"]["certificate"] == "C-WANG"
    assert out.as_json("en")["status_text"] == "checked out"


def test_unknown_serial(bureau, keeper):
    with pytest.raises(NotFound):
        get_device(keeper, "NOPE")
    with pytest.raises(NotFound):
        device_history(keeper, "NOPE")
    with pytest.raises(NotFound):
        set_device_status(keeper, "NOPE", "repair", "坏了")


# ----------------------------------------------------------------------------- status changes
def put_in(status: str, ctx, serial: str = "BC-1") -> None:
    """Bring BC-1 to ``status`` through the services."""
    if status == "checked_out":
        checkout(ctx, serial, "C-WANG", checks=PASS, signature_png=None)
    elif status == "in_repair":
        set_device_status(ctx, serial, "repair", "屏幕不亮")
    elif status == "lost":
        set_device_status(ctx, serial, "lost", "外勤遗失")
    elif status == "retired":
        set_device_status(ctx, serial, "retire", "超过使用年限")


CASES = [(status, action) for status in STATUSES for action in TRANSITIONS]


@pytest.mark.parametrize("status,action", CASES, ids=[f"{s}-{a}" for s, a in CASES])
def test_the_transition_table(bureau, keeper, unchanged, status, action):
    put_in(status, keeper)
    transition = TRANSITIONS[action]
    if status in transition.allowed_from:
        row = set_device_status(keeper, "BC-1", action, "原因")
        assert row.status == transition.to
        last = device_history(keeper, "BC-1")[-1]
        assert (last.kind, last.status, last.notes, last.actor) == (
            action, transition.to, "原因", "keeper")
    else:
        with unchanged(), pytest.raises(StatusChangeRefused) as refused:
            set_device_status(keeper, "BC-1", action, "原因")
        assert "BC-1" in refused.value.message("en")
        assert transition.en in refused.value.message("en")


def test_a_checked_out_device_cannot_be_retired_until_it_is_back(bureau, keeper):
    put_in("checked_out", keeper)
    with pytest.raises(StatusChangeRefused) as refused:
        set_device_status(keeper, "BC-1", "retire", "老化")
    assert refused.value.message("en") == (
        "Device BC-1 is checked out; it cannot be retired; check it in first (checked in as "
        "damaged, it goes to repair)")
    assert "请先办理归还" in refused.value.message("zh_CN")
    checkin(keeper, "BC-1", signature_png=None)
    assert set_device_status(keeper, "BC-1", "retire", "老化").status == "retired"


@pytest.mark.parametrize("action", [a for a, t in TRANSITIONS.items() if t.needs_reason])
def test_repair_loss_and_retirement_need_a_reason(bureau, keeper, unchanged, action):
    with unchanged(), pytest.raises(InvalidInput):
        set_device_status(keeper, "BC-1", action, "  ")


def test_an_unknown_action_is_refused(bureau, keeper):
    with pytest.raises(InvalidInput) as refused:
        set_device_status(keeper, "BC-1", "explode", "x")
    assert "repair" in refused.value.message("en")


def test_a_device_lost_while_out_closes_its_custody_at_the_report(bureau, acting):
    out_at = NOW
    reported = NOW + timedelta(hours=3)
    checkout(acting(out_at), "BC-1", "C-WANG", checks=PASS, signature_png=None)
    row = set_device_status(acting(reported), "BC-1", "lost", "执法现场遗失")
    assert row.status == "lost" and row.holder_name is None
    assert holder_at(acting(reported), "BC-1", reported - timedelta(microseconds=1)).\
        certificate_number == "C-WANG"
    assert holder_at(acting(reported), "BC-1", reported) is None
    history = device_history(acting(reported), "BC-1")
    assert [(e.kind, e.status) for e in history] == [
        ("registered", "in_store"), ("checked_out", "checked_out"), ("lost", "lost")]
    assert history[-1].officer_name == "王五"
    with pytest.raises(DeviceUnavailable):
        checkout(acting(reported), "BC-1", "C-ZHAO", checks=PASS, signature_png=None)
    set_device_status(acting(reported), "BC-1", "found")
    assert checkout(acting(reported), "BC-1", "C-ZHAO", checks=PASS,
                    signature_png=None).officer_name == "赵六"


def test_history_lists_every_step_in_order(bureau, acting):
    steps = [NOW + timedelta(hours=h) for h in range(5)]
    checkout(acting(steps[0]), "BC-1", "C-WANG", checks=PASS, signature_png=None)
    checkin(acting(steps[1]), "BC-1", condition="damaged", notes="镜头破裂", signature_png=None)
    set_device_status(acting(steps[2]), "BC-1", "repaired", "更换镜头")
    set_device_status(acting(steps[3]), "BC-1", "retire", "型号淘汰")
    history = device_history(acting(steps[4]), "BC-1")
    assert [(e.seq, e.kind, e.status) for e in history] == [
        (1, "registered", "in_store"), (2, "checked_out", "checked_out"),
        (3, "checked_in", "in_repair"), (4, "repaired", "in_store"), (5, "retire", "retired")]
    assert [e.at for e in history[1:]] == steps[:4]
    assert history[2].notes == "镜头破裂" and history[2].certificate_number == "C-WANG"
    assert history[2].kind_label("zh_CN") == "归还" and history[4].kind_label("en") == "retired"
