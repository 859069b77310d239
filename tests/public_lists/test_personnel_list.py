"""The personnel list is generated from the officers and certificates: it follows a new
certificate, an expiry and a revocation without anyone typing it again; the lookup by
certificate number shows only what is public."""
from __future__ import annotations

import json
from datetime import date

from organisation.officers import (CertificateInput, add_officer, officer_by_certificate,
                                   renew_certificate, set_certificate_status)
from public_lists.personnel import PUBLIC_FIELDS, lookup, personnel_rows
from public_lists.service import show_list
from tests.public_lists.conftest import TODAY


def numbers(workspace, on: date) -> list[str]:  # noqa: ANN001
    with workspace.db.read() as session:
        return [row["certificate_number"] for row in personnel_rows(session, on)]


def test_the_list_follows_new_expired_and_revoked_certificates(bureau, admin_ctx):
    # 张伟, 李娜 and 孙丽 are certified today; 赵强's certificate expired in March.
    assert numbers(bureau, TODAY) == ["22010001", "22010002", "22010004"]
    row = show_list(admin_ctx, "personnel").rows[0]
    assert row == {"name": "张伟", "unit": "综合执法一科", "certificate_number": "22010001",
                   "category": "", "area": "", "valid_from": "2020-01-01",
                   "valid_until": "2028-12-31"}
    # 孙丽's certificate runs out at the end of June: gone from July's list.
    assert numbers(bureau, date(2026, 7, 1)) == ["22010001", "22010002"]

    # A new certificate for 孙丽 from July; 赵强 renewed today; 李娜's revoked.
    sun = officer_by_certificate(admin_ctx, "22010004")
    renew_certificate(admin_ctx, sun.id, CertificateInput(
        "22010014", date(2031, 6, 30), valid_from=date(2026, 7, 1), category="市场监管",
        area="农安县"))
    zhao = officer_by_certificate(admin_ctx, "22010003")
    renew_certificate(admin_ctx, zhao.id, CertificateInput("22010013", date(2031, 6, 30)))
    set_certificate_status(admin_ctx, "22010002", "revoked", "违法违纪")

    assert numbers(bureau, TODAY) == ["22010001", "22010004", "22010013"]
    assert numbers(bureau, date(2026, 7, 1)) == ["22010001", "22010013", "22010014"]
    with bureau.db.read() as session:
        july = {r["certificate_number"]: r for r in personnel_rows(session, date(2026, 7, 1))}
    assert (july["22010014"]["category"], july["22010014"]["area"]) == ("市场监管", "农安县")


def test_the_lookup_shows_only_public_fields(bureau, admin_ctx):
    add_officer(admin_ctx, "钱程", "执一", CertificateInput("22010021", date(2028, 12, 31),
                                                          category="市场监管", area="农安县"),
                post="科员", phone="13904319999")
    with bureau.db.read() as session:
        found = lookup(session, " 22010021\u3000", TODAY)   # as pasted from a cell
        expired = lookup(session, "22010003", TODAY)
        assert lookup(session, "22019999", TODAY) is None
    assert tuple(found) == PUBLIC_FIELDS
    assert found["name"] == "钱程" and found["unit"] == "综合执法一科"
    assert (found["category"], found["area"], found["valid_until"]) == ("市场监管", "农安县",
                                                                        "2028-12-31")
    assert found["certified"] and found["status"] == "certified"
    assert "13904319999" not in json.dumps(found) and "科员" not in json.dumps(found)
    assert (expired["status"], expired["certified"]) == ("expired", False)
    assert expired["status_text"] == "执法证 22010003 已于 2026-03-31 到期"


def test_a_renewed_number_still_finds_its_holder_and_names_the_new_one(bureau, admin_ctx):
    zhao = officer_by_certificate(admin_ctx, "22010003")
    renew_certificate(admin_ctx, zhao.id, CertificateInput("22010013", date(2031, 6, 30)))
    with bureau.db.read() as session:
        old = lookup(session, "22010003", TODAY)
    assert (old["name"], old["current"], old["current_certificate_number"]) == (
        "赵强", False, "22010013")
