"""Reviewers' legal qualifications, their training and its yearly hours, and the staffing
check of measure 21."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from accounts.users import add_user
from core.errors import InvalidInput, NotFound
from core.permissions import PermissionDenied
from db.models import LedgerEntry
from review.reviewers import (add_training, list_reviewers, qualify_reviewer,
                              staffing_check, training_report)
from tests.review.conftest import PASSWORD


def test_a_qualification_is_a_certificate_number_or_an_appointment(admin_ctx, people,
                                                                   workspace):
    info = qualify_reviewer(admin_ctx, "qianshen", appointment=(
        "2019年3月经县司法局法制审核业务培训合格，局党组会议决定任命为法制审核人员"))
    assert info.qualified and info.appointment.startswith("2019年3月")
    again = qualify_reviewer(admin_ctx, "qianshen", legal_certificate="A20202201000009")
    assert (again.legal_certificate, again.appointment) == ("A20202201000009", None)
    with workspace.db.read() as session:
        assert session.execute(select(LedgerEntry.action).where(
            LedgerEntry.object_type == "reviewer_qualification",
            LedgerEntry.actor == "admin")).scalars().all()[-2:] == ["reviewer.qualify"] * 2


@pytest.mark.parametrize("kwargs", [{}, {"legal_certificate": "A1", "appointment": "任命"},
                                    {"legal_certificate": "  "}])
def test_exactly_one_basis_is_given(admin_ctx, people, kwargs):
    with pytest.raises(InvalidInput, match="二者之一"):
        qualify_reviewer(admin_ctx, "qianshen", **kwargs)


def test_an_unknown_user_is_named(admin_ctx, people):
    with pytest.raises(NotFound, match="nobody"):
        qualify_reviewer(admin_ctx, "nobody", legal_certificate="A1")


def test_the_list_says_who_is_qualified_and_what_the_others_lack(admin_ctx, people):
    rows = {r.username: r for r in list_reviewers(admin_ctx)}
    assert set(rows) == {"wangshen", "zhangwei", "qianshen", "zhaoqiang", "wushen"}
    assert rows["wangshen"].qualified and rows["wangshen"].certificate == "22010009"
    assert [p.zh for p in rows["qianshen"].problems] == [
        "没有法律职业资格或本局认可的培训任命记录（《中华人民共和国行政处罚法》第五十八条第二款）"]
    assert rows["zhaoqiang"].as_json("en")["problems"] == [
        "赵强 certificate 22010003 expired on 2026-03-31"]


def test_training_adds_up_to_a_yearly_report(admin_ctx, people, workspace):
    add_training(admin_ctx, "wangshen", date(2026, 3, 10), "6", "新修订《行政处罚法》解读",
                 "省司法厅")
    add_training(admin_ctx, "wangshen", date(2026, 5, 20), "3.5", "重大执法决定法制审核实务")
    add_training(admin_ctx, "wangshen", date(2025, 11, 2), "8", "行政复议应诉")
    add_training(admin_ctx, "wushen", date(2026, 4, 1), "2", "裁量基准")
    report = {r.username: (r.sessions, str(r.hours)) for r in training_report(admin_ctx, 2026)}
    assert report["wangshen"] == (2, "9.5") and report["wushen"] == (1, "2")
    assert report["qianshen"] == (0, "0")
    assert {r.username: str(r.hours) for r in training_report(admin_ctx, 2025)
            }["wangshen"] == "8"
    rows = {r.username: r for r in list_reviewers(admin_ctx)}
    assert rows["wangshen"].as_json()["training_hours_this_year"] == "9.5"


@pytest.mark.parametrize("hours", ["0", "-1", "201", "1.25", "abc"])
def test_training_hours_are_checked(admin_ctx, people, hours):
    with pytest.raises(InvalidInput):
        add_training(admin_ctx, "wangshen", date(2026, 3, 10), hours, "培训")


def test_training_is_for_reviewers_and_not_in_the_future(admin_ctx, people):
    with pytest.raises(InvalidInput, match="晚于今天"):
        add_training(admin_ctx, "wangshen", date(2026, 6, 16), "2", "培训")
    add_user(admin_ctx, "clerk2", PASSWORD, ["clerk"])
    with pytest.raises(InvalidInput, match="clerk2 不是法制审核员"):
        add_training(admin_ctx, "clerk2", date(2026, 6, 1), "2", "培训")


def test_reviewers_records_are_the_admins(people):
    with pytest.raises(PermissionDenied):
        qualify_reviewer(people.reviewer, "qianshen", legal_certificate="A1")
    with pytest.raises(PermissionDenied):
        add_training(people.reviewer, "wangshen", date(2026, 6, 1), "1", "自学")


def test_the_staffing_check_warns_without_a_qualified_reviewer(workspace, admin_ctx, bureau):
    staffing = staffing_check(admin_ctx)
    assert staffing.short and staffing.qualified == ()
    assert "本局没有符合条件的法制审核人员" in staffing.warning()
    assert "measure 21" in staffing.as_json("en")["warning"]


def test_one_qualified_reviewer_is_enough(admin_ctx, people):
    staffing = staffing_check(admin_ctx)
    # 钱审 lacks a qualification and 赵强's certificate expired: they do not count.
    assert staffing.qualified == ("wangshen", "wushen", "zhangwei")
    assert not staffing.short and staffing.warning() is None
