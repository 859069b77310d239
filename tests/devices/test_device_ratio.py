"""Ratio standards (配备比例) and the report: certified officers counted, devices required
(rounded up), devices in service, shortfall and surplus; certificates about to expire."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import InvalidInput, NotFound
from devices.custody import PreUseCheck, checkout
from devices.ratio import (
    expiring_certificates,
    list_standards,
    ratio_report,
    remove_standard,
    required_devices,
    set_standard,
)
from devices.registry import add_device, set_device_status
from devices.types import set_device_type
from organisation.officers import CertificateInput, add_officer, set_certificate_status
from organisation.units import add_unit

TODAY = date(2026, 6, 15)
SINCE = date(2020, 1, 1)


@pytest.mark.parametrize("officers,per,minimum,required", [
    (0, 3, None, 0), (1, 3, None, 1), (3, 3, None, 1), (4, 3, None, 2), (7, 3, None, 3),
    (9, 3, None, 3), (10, 5, None, 2), (0, None, 1, 1), (2, 3, 2, 2), (9, 3, 2, 3),
    (5, None, 0, 0),
])
def test_required_devices_round_up_and_respect_the_minimum(officers, per, minimum, required):
    assert required_devices(officers, per, minimum) == required


@pytest.fixture
def squad(workspace, manager):
    """综合科: 7 certified officers and 5 who must not count; 法制科: 2 certified officers."""
    add_unit(manager, "综合科", "综合")
    add_unit(manager, "法制科", "法制")
    for i in range(7):
        until = TODAY if i == 0 else date(2099, 1, 1)        # one expires today: still counts
        add_officer(manager, f"持证{i}", "综合", CertificateInput(f"Z-{i}", until, SINCE))
    add_officer(manager, "过期", "综合", CertificateInput("X-OLD", TODAY - timedelta(days=1),
                                                          SINCE))
    add_officer(manager, "暂扣", "综合", CertificateInput("X-SUSP", date(2099, 1, 1), SINCE))
    set_certificate_status(manager, "X-SUSP", "suspended")
    add_officer(manager, "吊销", "综合", CertificateInput("X-REV", date(2099, 1, 1), SINCE))
    set_certificate_status(manager, "X-REV", "revoked")
    add_officer(manager, "未生效", "综合", CertificateInput("X-SOON", date(2099, 1, 1),
                                                            TODAY + timedelta(days=1)))
    add_officer(manager, "无证", "综合", None)
    for i in range(2):
        add_officer(manager, f"法制{i}", "法制", CertificateInput(f"F-{i}", date(2099, 1, 1),
                                                                 SINCE))
    return workspace


def report(ctx) -> dict[tuple[str, str], object]:
    return {(row.unit_short_name, row.device_type): row for row in ratio_report(ctx)}


def test_only_certified_officers_count(squad, manager):
    rows = report(manager)
    assert rows[("综合", "body_camera")].officers == 7
    assert rows[("法制", "body_camera")].officers == 2


def test_the_default_standards_give_one_row_per_unit_and_type(squad, manager):
    rows = ratio_report(manager)
    assert [(r.unit_short_name, r.device_type) for r in rows] == [
        (unit, code) for unit in ("法制", "综合")  # by unit name: 法制科 sorts before 综合科
        for code in ("audio_recorder", "body_camera", "camera", "document_camera")]
    body = report(manager)[("综合", "body_camera")]
    assert (body.officers, body.officers_per_device, body.required, body.in_service,
            body.shortfall, body.surplus, body.scope) == (7, 3, 3, 0, 3, 0, "default")
    camera = report(manager)[("法制", "camera")]
    assert (camera.minimum, camera.required, camera.shortfall) == (1, 1, 1)
    assert body.as_json("en")["device_type_name"] == "body camera"
    assert set(body.as_json()) >= {"unit", "device_type", "officers", "required", "in_service",
                                   "shortfall"}


def test_only_devices_in_service_count(squad, manager, keeper):
    for i in range(5):  # BC-0 out, BC-1 in repair, BC-2 lost, BC-3 retired, BC-4 in store
        add_device(manager, f"BC-{i}", "body_camera", "综合")
    checkout(keeper, "BC-0", "Z-1", checks=PreUseCheck(), signature_png=None)  # out: counts
    set_device_status(keeper, "BC-1", "repair", "坏了")
    set_device_status(keeper, "BC-2", "lost", "丢了")
    set_device_status(keeper, "BC-3", "retire", "老了")
    body = report(manager)[("综合", "body_camera")]
    assert (body.required, body.in_service, body.shortfall, body.surplus) == (3, 2, 1, 0)
    set_device_status(keeper, "BC-1", "repaired")
    add_device(manager, "BC-9", "body_camera", "综合")
    add_device(manager, "BC-10", "body_camera", "综合")
    body = report(manager)[("综合", "body_camera")]
    assert (body.in_service, body.shortfall, body.surplus) == (5, 0, 2)
    assert report(manager)[("法制", "body_camera")].in_service == 0  # devices of another unit


def test_a_suspension_today_changes_the_count(squad, manager):
    set_certificate_status(manager, "Z-3", "suspended")
    body = report(manager)[("综合", "body_camera")]
    assert (body.officers, body.required) == (6, 2)


def test_a_unit_standard_overrides_the_default_for_that_unit(squad, manager):
    own = set_standard(manager, "综合", "body_camera", officers_per_device=2)
    assert (own.unit_name, own.officers_per_device, own.minimum) == ("综合科", 2, None)
    rows = report(manager)
    assert (rows[("综合", "body_camera")].required, rows[("综合", "body_camera")].scope) == (
        4, "unit")                                   # ceil(7 / 2)
    assert (rows[("法制", "body_camera")].required, rows[("法制", "body_camera")].scope) == (
        1, "default")                                # ceil(2 / 3)
    set_standard(manager, "法制科", "camera", minimum=0)   # this unit needs no camera
    assert report(manager)[("法制", "camera")].required == 0
    assert report(manager)[("综合", "camera")].required == 1
    remove_standard(manager, "综合", "body_camera")
    assert report(manager)[("综合", "body_camera")].required == 3


def test_a_standard_with_both_a_ratio_and_a_minimum(squad, manager):
    set_standard(manager, None, "audio_recorder", officers_per_device=5, minimum=2)
    rows = report(manager)
    assert rows[("综合", "audio_recorder")].required == 2   # ceil(7/5) = 2, minimum 2
    assert rows[("法制", "audio_recorder")].required == 2   # ceil(2/5) = 1 < minimum 2
    set_standard(manager, None, "audio_recorder", officers_per_device=2, minimum=1)
    assert report(manager)[("综合", "audio_recorder")].required == 4


def test_setting_the_default_replaces_it(squad, manager):
    before = len(list_standards(manager))
    set_standard(manager, None, "执法记录仪", officers_per_device=2)
    assert len(list_standards(manager)) == before
    [body] = [s for s in list_standards(manager) if s.device_type == "body_camera"]
    assert (body.unit_id, body.officers_per_device) == (None, 2)
    assert body.describe("en") == "1 per 2 certified officers"
    assert body.describe("zh_CN") == "每 2 名持证执法人员 1 台"


def test_a_type_with_a_standard_and_no_longer_in_use_is_left_out(squad, manager):
    set_device_type(manager, "document_camera", "高拍仪", "document camera", active=False)
    assert "document_camera" not in {row.device_type for row in ratio_report(manager)}


def test_a_new_type_without_a_standard_is_not_reported(squad, manager):
    set_device_type(manager, "drone", "无人机", "drone")
    assert "drone" not in {row.device_type for row in ratio_report(manager)}
    set_standard(manager, "综合", "drone", minimum=1)
    rows = report(manager)
    assert rows[("综合", "drone")].required == 1 and ("法制", "drone") not in rows


@pytest.mark.parametrize("kwargs", [
    {}, {"officers_per_device": 0}, {"minimum": -1}, {"officers_per_device": True},
    {"officers_per_device": 2.5}, {"minimum": 100_000},
], ids=["nothing", "zero-ratio", "negative-minimum", "bool", "fraction", "huge"])
def test_a_bad_standard_is_refused(squad, manager, unchanged, kwargs):
    with unchanged(), pytest.raises(InvalidInput):
        set_standard(manager, None, "body_camera", **kwargs)


@pytest.mark.parametrize("unit,device_type", [("无此科", "body_camera"), (None, "drone")])
def test_a_standard_for_an_unknown_unit_or_type_is_refused(squad, manager, unchanged, unit,
                                                            device_type):
    with unchanged(), pytest.raises(NotFound):
        set_standard(manager, unit, device_type, minimum=1)


def test_removing_a_missing_standard_is_refused(squad, manager):
    with pytest.raises(NotFound):
        remove_standard(manager, "综合", "body_camera")


# ----------------------------------------------------------------------------- certificates
def test_certificates_expiring_within_30_days(squad, manager):
    add_unit(manager, "审批科", "审批")
    for number, until in (("E-30", TODAY + timedelta(days=30)), ("E-31", TODAY + timedelta(days=31)),
                          ("E-10", TODAY + timedelta(days=10))):
        add_officer(manager, f"官{number}", "审批", CertificateInput(number, until, SINCE))
    add_officer(manager, "暂扣将到期", "审批", CertificateInput("E-SUSP", TODAY + timedelta(days=5),
                                                                  SINCE))
    set_certificate_status(manager, "E-SUSP", "suspended")
    # A renewal already on file: the officer is not reminded.
    renewed = add_officer(manager, "已换证", "审批", CertificateInput(
        "E-OLD", TODAY + timedelta(days=3), SINCE))
    from organisation.officers import renew_certificate
    renew_certificate(manager, renewed.id, CertificateInput(
        "E-NEW", date(2031, 1, 1), TODAY + timedelta(days=4)))
    rows = expiring_certificates(manager)
    assert [(r.certificate_number, r.days_left) for r in rows] == [
        ("Z-0", 0), ("E-10", 10), ("E-30", 30)]
    assert rows[1].unit_name == "审批科" and rows[1].as_json()["valid_until"] == "2026-06-25"
    assert [r.certificate_number for r in expiring_certificates(manager, days=10)] == [
        "Z-0", "E-10"]
    with pytest.raises(InvalidInput):
        expiring_certificates(manager, days=-1)
