"""Templates are data: every shipped one loads, names only fields it declares, and fills
from the case; a document missing required fields lists them."""
from __future__ import annotations

from pathlib import Path

import pytest

from casework.documents import document_form, list_templates, preview_document
from casework.documents.fields import case_context, resolve
from casework.documents.templates import find_template, load_template
from casework.errors import MissingFields, TemplateInvalid, TemplateNotApplicable, UnknownTemplate
from config.settings import set_setting
from core.errors import InvalidInput

from tests.casework.conftest import TODAY

REQUIRED_TITLES = {"立案审批表", "现场检查（勘验）笔录", "询问笔录", "责令（限期）改正通知书",
                   "行政处罚事先告知书", "听证告知书", "行政处罚决定书", "送达回证",
                   "结案审批表", "电子数据提取固定清单"}
# Legal review's documents (tests/review/test_review_documents_pdf.py).
REVIEW_TITLES = {"行政处罚决定审批表", "重大执法决定法制审核意见书", "集体讨论记录"}


def test_the_ten_standard_documents_ship():
    templates = list_templates()
    assert {t.title for t in templates} == REQUIRED_TITLES | REVIEW_TITLES
    assert len({t.id for t in templates}) == len(templates)
    assert all("{n}" in t.number_pattern and "{year}" in t.number_pattern for t in templates)
    assert len({t.number_pattern.split("〔")[0] for t in templates}) == len(templates)


def test_templates_are_found_by_id_or_title():
    assert find_template("penalty_decision").title == "行政处罚决定书"
    assert find_template("《行政处罚决定书》").id == "penalty_decision"
    with pytest.raises(UnknownTemplate,
                       match="没有文书模板“罚单”；可用：filing_approval（立案审批表）"):
        find_template("罚单")


def test_every_case_key_a_template_reads_exists(penalty_case, footage, clerk, advance):
    from casework.cases import get_case
    detail = get_case(clerk, penalty_case.number)
    context = case_context(detail, bureau="某局", today=TODAY)
    # Present once a step is recorded, a document issued or the case reviewed.
    dynamic = ("step.", "issued.", "review.")
    for template in list_templates():
        for spec in template.fields:
            if spec.source and not spec.source.startswith(dynamic):
                assert spec.source in context, f"{template.id}.{spec.key}: {spec.source}"


def test_a_broken_template_is_refused_with_the_reason(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad"\ntitle = "坏模板"\nnumber_pattern = "{unit_short}〔{year}〕{n}号"\n'
                    '[fields]\nx = { label = "甲", input = "text" }\n'
                    '[[blocks]]\nkind = "paragraph"\ntext = "{x}{y}"\n', encoding="utf-8")
    with pytest.raises(TemplateInvalid, match=r"引用了未声明的字段 \{y\}"):
        load_template(path)
    path.write_text(path.read_text(encoding="utf-8").replace('id = "bad"', 'id = "other"'),
                    encoding="utf-8")
    with pytest.raises(TemplateInvalid, match="须与文件名相同"):
        load_template(path)


def test_fields_come_from_the_case_the_kept_values_and_what_is_typed(penalty_case, clerk):
    form = document_form(clerk, penalty_case.number, "penalty_decision",
                         {"court": "长春铁路运输法院"})
    values = {v.spec.key: v for v in form.values}
    assert (values["party_name"].value, values["party_name"].origin) == (
        "农安县鑫源商贸有限公司", "case")
    assert values["review_body"].origin == "case_fields"
    assert (values["court"].value, values["court"].origin) == ("长春铁路运输法院", "typed")
    assert values["payment_days"].origin == "default"
    assert values["penalty_amount"].value == "50000.00"
    assert values["penalty_amount_capital"].value == "伍万元整"
    assert form.complete


def test_typed_dates_times_and_amounts_are_written_out(penalty_case, clerk):
    form = document_form(clerk, penalty_case.number, "penalty_decision",
                         {"penalty_amount": "10005.2", "filing_date": "2026-06-04"})
    values = {v.spec.key: v.value for v in form.values}
    assert values["penalty_amount"] == "10005.20"
    assert values["penalty_amount_capital"] == "壹万零伍元贰角整"
    assert values["filing_date"] == "2026年6月4日"
    inspection = document_form(clerk, penalty_case.number, "inspection_record")
    times = {v.spec.key: v.value for v in inspection.values}
    # The end on the same day is written without its date: "…9时30分至10时40分".
    assert (times["inspection_start"], times["inspection_end"]) == ("2026年6月3日9时30分",
                                                                    "10时40分")
    overnight = document_form(clerk, penalty_case.number, "inspection_record",
                              {"inspection_end": "2026-06-04T01:10"})
    end = next(v for v in overnight.values if v.spec.key == "inspection_end")
    assert end.value == "2026年6月4日1时10分"


def test_a_wrong_amount_or_an_unknown_field_is_refused(penalty_case, clerk):
    with pytest.raises(InvalidInput, match="罚款金额（元）”须为金额"):
        document_form(clerk, penalty_case.number, "penalty_decision", {"penalty_amount": "五千"})
    with pytest.raises(InvalidInput, match="没有字段：courts；可填："):
        document_form(clerk, penalty_case.number, "penalty_decision", {"courts": "某法院"})


def test_a_document_missing_required_fields_is_not_produced_and_lists_them(
        bureau, clerk, case_input, admin_ctx):
    set_setting(admin_ctx, "bureau.name", "")
    from casework.cases import create_case
    bare = create_case(clerk, case_input(fields={}, legal_basis=None))
    with pytest.raises(MissingFields) as refused:
        preview_document(clerk, bare.number, "penalty_decision")
    assert refused.value.missing == (
        ("bureau", "执法机关名称"), ("evidence_text", "证据"),
        ("violated_provision", "违反的规定"), ("legal_basis", "处罚依据"),
        ("review_body", "行政复议机关"), ("court", "人民法院"))
    assert str(refused.value) == (
        "《行政处罚决定书》缺少必填项，未生成文书：执法机关名称（bureau）、证据（evidence_text）、"
        "违反的规定（violated_provision）、处罚依据（legal_basis）、行政复议机关（review_body）、"
        "人民法院（court）")
    assert "review_body (行政复议机关)" in refused.value.message("en")


def test_the_evidence_list_needs_linked_evidence(penalty_case, clerk):
    with pytest.raises(MissingFields, match="关联的电子数据"):
        preview_document(clerk, penalty_case.number, "evidence_list")


def test_a_draft_may_leave_fields_blank(bureau, clerk, case_input):
    from casework.cases import create_case
    bare = create_case(clerk, case_input(fields={}))
    pdf = preview_document(clerk, bare.number, "penalty_decision", allow_missing=True)
    assert pdf.startswith(b"%PDF")


def test_documents_of_the_ordinary_procedure_only(bureau, clerk, case_input):
    from casework.cases import create_case
    simple = create_case(clerk, case_input(procedure="simplified", officers=("22010001",)))
    for kind in ("filing_approval", "hearing_notice"):
        with pytest.raises(TemplateNotApplicable, match="不适用于简易程序案件"):
            document_form(clerk, simple.number, kind)


def test_resolution_is_a_pure_function(penalty_case):
    template = find_template("service_receipt")
    values = resolve(template, {"party.name": "甲公司", "bureau.name": "乙局"}, {}, {})
    missing = [v.spec.key for v in values if v.missing]
    assert missing == ["case_number", "cause", "served_document", "service_place",
                       "officer_names"]
