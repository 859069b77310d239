"""Opening, editing, listing and reading cases, as the clerk does them."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from casework.cases import (CaseFilter, count_cases, create_case, get_case, list_cases,
                            set_case_fields, update_case)
from casework.errors import CaseTypeInactive, NotEnoughOfficers
from casework.inputs import PartyInput, parse_case, read_case_file
from casework.types import list_case_types, set_case_type
from config.settings import set_setting
from core.errors import InvalidInput, NotFound
from core.permissions import PermissionDenied
from db.models import LedgerEntry
from organisation.certification import NotCertified
from organisation.officers import set_certificate_status

from tests.casework.conftest import EXAMPLE


def test_the_default_case_types_are_there(workspace, clerk):
    names = {t.code: t.name_zh for t in list_case_types(clerk)}
    assert names == {"administrative_penalty": "行政处罚", "inspection": "行政检查",
                     "compulsory_measure": "行政强制", "permit": "行政许可"}


def test_the_example_case_opens_with_the_first_number_of_the_year(penalty_case):
    assert penalty_case.number == "执一案〔2026〕1号"
    assert penalty_case.row.type_name_zh == "行政处罚"
    assert penalty_case.row.procedure == "ordinary"
    assert [o.name for o in penalty_case.officers] == ["张伟", "李娜"]
    assert penalty_case.officers[0].seq == 1 and penalty_case.officers[0].certified
    assert penalty_case.parties[0].name == "农安县鑫源商贸有限公司"
    assert penalty_case.parties[0].id_label() == "统一社会信用代码"
    assert str(penalty_case.penalty_amount) == "50000.00"
    assert penalty_case.next_steps == ("filing",)
    assert penalty_case.fields["court"] == "农安县人民法院"


def test_numbers_run_per_unit_and_the_pattern_is_a_setting(bureau, clerk, admin_ctx,
                                                           case_input):
    first = create_case(clerk, case_input()).number
    second = create_case(clerk, case_input()).number
    other_unit = create_case(clerk, case_input(unit="执二")).number
    set_setting(admin_ctx, "cases.number_pattern", "{unit_short}立〔{year}〕{n:03d}号")
    third = create_case(clerk, case_input()).number
    assert (first, second, other_unit, third) == (
        "执一案〔2026〕1号", "执一案〔2026〕2号", "执二案〔2026〕1号", "执一立〔2026〕003号")


def test_making_a_case_is_in_the_ledger(penalty_case, workspace):
    with workspace.db.read() as session:
        entries = session.execute(select(LedgerEntry).where(LedgerEntry.action == "case.new")
                                  ).scalars().all()
    kinds = {e.object_type for e in entries}
    assert {"enforcement_case", "case_party", "case_officer", "document_counter"} <= kinds
    assert all(e.actor == "clerk" for e in entries)


def test_an_ordinary_case_needs_two_certified_officers(bureau, clerk, case_input):
    with pytest.raises(NotEnoughOfficers) as refused:
        create_case(clerk, case_input(officers=("22010001",)))
    assert str(refused.value) == "普通程序案件至少需要 2 名持有有效执法证的办案人员，现有 1 名"


def test_a_simplified_case_may_have_one_officer(bureau, clerk, case_input):
    detail = create_case(clerk, case_input(procedure="简易", officers=("22010001",)))
    assert detail.row.procedure == "simplified"
    assert [s.code for s in detail.steps][0] == "investigation"


def test_an_officer_whose_certificate_expired_cannot_be_assigned(bureau, clerk, case_input):
    with pytest.raises(NotCertified) as refused:
        create_case(clerk, case_input(officers=("22010001", "22010003")))
    assert "赵强不能从事执法工作：执法证 22010003 已于 2026-03-31 到期（持证上岗）" == str(
        refused.value)


def test_a_suspended_officer_cannot_be_assigned(bureau, clerk, admin_ctx, case_input):
    set_certificate_status(admin_ctx, "22010002", "suspended", "违纪调查")
    with pytest.raises(NotCertified, match="李娜.*暂扣"):
        create_case(clerk, case_input())


def test_unknown_officer_unit_and_type_are_named(bureau, clerk, case_input):
    with pytest.raises(NotFound, match="99999999"):
        create_case(clerk, case_input(officers=("22010001", "99999999")))
    with pytest.raises(NotFound, match="执九"):
        create_case(clerk, case_input(unit="执九"))
    with pytest.raises(NotFound, match="行政奖励"):
        create_case(clerk, case_input(type="行政奖励"))


def test_one_officer_listed_twice_is_refused(bureau, clerk, case_input):
    with pytest.raises(InvalidInput, match="张伟 重复"):
        create_case(clerk, case_input(officers=("22010001", "22010001")))


def test_a_deactivated_case_type_takes_no_new_cases(bureau, clerk, admin_ctx, case_input):
    set_case_type(admin_ctx, "permit", "行政许可", "administrative permit", active=False)
    with pytest.raises(CaseTypeInactive):
        create_case(clerk, case_input(type="permit"))
    set_case_type(admin_ctx, "reward", "行政奖励", "administrative reward")
    assert create_case(clerk, case_input(type="行政奖励")).row.type_code == "reward"


def test_case_types_are_an_admin_setting(bureau, clerk):
    with pytest.raises(PermissionDenied):
        set_case_type(clerk, "reward", "行政奖励", "administrative reward")


def test_the_case_json_is_checked_before_anything_is_written():
    with pytest.raises(InvalidInput, match="未知项：colour"):
        parse_case({"colour": "red"})
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["penalty_amount"] = 5000.5
    with pytest.raises(InvalidInput, match="罚款金额须写成文字"):
        parse_case(data)
    data["penalty_amount"] = "12.345"
    with pytest.raises(InvalidInput, match="不超过两位小数"):
        parse_case(data)
    data["penalty_amount"] = "1,000"
    assert str(parse_case(data).penalty_amount) == "1000.00"
    data["parties"] = [{"kind": "robot", "name": "x", "id_number": "1"}]
    with pytest.raises(InvalidInput, match="person 或 organisation"):
        parse_case(data)


def test_a_case_file_that_is_not_json_is_refused_with_the_line(tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"type": "行政处罚",\n "unit": }', encoding="utf-8")
    with pytest.raises(InvalidInput, match="第 2 行"):
        read_case_file(path)


def test_editing_replaces_details_parties_and_officers(penalty_case, clerk, case_input):
    person = PartyInput("person", "王建国", "220122198305120013", address="农安镇兴华路188号")
    detail = update_case(clerk, penalty_case.number, case_input(
        parties=(person,), officers=("22010002", "22010001"), cause="销售过期食品"))
    assert detail.number == penalty_case.number
    assert [o.name for o in detail.officers] == ["李娜", "张伟"]
    assert detail.parties[0].gender == "男"
    assert detail.row.cause == "销售过期食品"


def test_kept_document_values_merge_and_an_empty_value_removes_one(penalty_case, clerk):
    detail = set_case_fields(clerk, penalty_case.number, {"court": "长春铁路运输法院",
                                                          "review_body": ""})
    assert detail.fields["court"] == "长春铁路运输法院"
    assert "review_body" not in detail.fields
    assert detail.fields["violated_provision"].startswith("《中华人民共和国食品安全法》")


def test_list_search_and_filters(bureau, clerk, case_input):
    create_case(clerk, case_input())
    create_case(clerk, case_input(
        cause="未按规定公示营业执照", procedure="simplified", officers=("22010001",),
        parties=(PartyInput("person", "刘某某", "220122199108270041"),)))
    create_case(clerk, case_input(unit="执二", type="inspection"))
    assert count_cases(clerk) == 3
    assert [r.cause for r in list_cases(clerk, CaseFilter(text="刘某"))] == ["未按规定公示营业执照"]
    assert [r.number for r in list_cases(clerk, CaseFilter(text="执二"))] == ["执二案〔2026〕1号"]
    assert len(list_cases(clerk, CaseFilter(procedure="普通"))) == 2
    assert len(list_cases(clerk, CaseFilter(type_code="inspection"))) == 1
    assert len(list_cases(clerk, CaseFilter(status="open", year=2026))) == 3
    assert list_cases(clerk, CaseFilter(year=2025)) == []
    assert len(list_cases(clerk, limit=2)) == 2


def test_who_may_do_what(penalty_case, as_role, case_input):
    assert get_case(as_role("reviewer"), penalty_case.number).number == penalty_case.number
    assert create_case(as_role("officer"), case_input()).number == "执一案〔2026〕2号"
    for role in ("reviewer", "custodian"):
        with pytest.raises(PermissionDenied):
            create_case(as_role(role), case_input())
    with pytest.raises(PermissionDenied):
        get_case(as_role("custodian"), penalty_case.number)


def test_reading_a_case_shows_the_current_certification(penalty_case, clerk, admin_ctx):
    set_certificate_status(admin_ctx, "22010002", "revoked", "调离执法岗位")
    officer = get_case(clerk, penalty_case.number).officers[1]
    assert (officer.name, officer.certified) == ("李娜", False)
    assert "吊销" in officer.certification_text


def test_an_unknown_case_is_named(bureau, clerk):
    with pytest.raises(NotFound, match="执一案〔2026〕9号"):
        get_case(clerk, "执一案〔2026〕9号")


def test_the_json_view_has_everything_the_editor_shows(penalty_case):
    data = penalty_case.as_json()
    assert data["number"] == penalty_case.number
    assert data["parties"][0]["id_number"] == "91220122MA14CK3D0J"
    assert [s["code"] for s in data["steps"]][:2] == ["filing", "investigation"]
    assert data["officers"][0]["lead"] is True
    assert data["occurred_on"] == date(2026, 6, 3).isoformat()
