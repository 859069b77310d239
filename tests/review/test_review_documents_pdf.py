"""The legal review's documents, issued from a case that went through review and read back
as a reader would: the 法制审核意见书 with the eight points, the outcome, the opinion and the
reviewer's legal-qualification number; the 集体讨论记录 with who met, what was said and
decided, and the review's opinion; the 行政处罚决定审批表 with the review's outcome and
reviewer (or "未经法制审核" before it). Each page is drawn to a PNG under the test's folder
(and under $LAWDESK_DOC_PNGS when set, to look at by eye)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from casework.documents import DocumentArchive, issue_document, preview_document
from casework.errors import MissingFields
from review.workflow import submit_review
from tests.casework.conftest import BUREAU
from tests.casework.test_case_documents_pdf import (BOTTOM, LEFT, RIGHT, TOLERANCE, TOP,
                                                    page_text)
from tests.reports.conftest import needs_poppler, poppler_words
from tests.review.reviewed_case import (CLERK_NAME, LEGAL_CERT, OPINION, REVIEWER_NAME,
                                        agreed_major_case, attach_everything, contexts,
                                        major_case, set_up_bureau)

DISCUSSION = {
    "held_at": "2026-06-12T09:00", "ended_at": "2026-06-12T10:30",
    "place": "本局三楼会议室", "chair": "刘强（局长）",
    "attendees": "刘强（局长）、陈明（副局长）、赵刚（副局长）、孙红（纪检组长）",
    "observers": "张伟（承办人）、王芳（法制审核人员）", "recorder": "李娜",
    "discussion": "陈明：事实清楚，证据充分，同意。\n赵刚：同意承办机构意见。\n刘强：同意。",
    "conclusion": "经集体讨论，同意承办机构意见，对当事人作出上述行政处罚。",
}


@pytest.fixture
def reviewed(workspace):
    """The major case, submitted with its materials and agreed by the reviewer."""
    case = agreed_major_case(workspace)
    return case, contexts(workspace)[0], DocumentArchive(workspace.documents_dir)


def issued_pdf(tmp_path: Path, archive: DocumentArchive, info) -> Path:  # noqa: ANN001
    path = tmp_path / f"{info.kind}.pdf"
    path.write_bytes(archive.read(info.sha256))
    return path


def flat_text(path: Path) -> str:
    """The PDF's text without the spaces that lay it out."""
    return page_text(path).replace(" ", "").replace("\u3000", "")


def pages_as_png(path: Path) -> list[Path]:
    """Every page drawn at 100 dpi, for a person to look at."""
    if shutil.which("pdftoppm") is None:
        return []
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(path.with_suffix(""))],
                   check=True, timeout=120)
    pngs = sorted(path.parent.glob(f"{path.stem}-*.png"))
    keep = os.environ.get("LAWDESK_DOC_PNGS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for png in pngs:
            shutil.copy(png, Path(keep) / png.name)
    return pngs


def inside_the_text_block(path: Path) -> None:
    words = [w for w in poppler_words(path) if not (w.text in "—" or w.text.isdigit()
                                                    and w.y_min > BOTTOM)]
    assert words
    outside = [w for w in words if w.x_min < LEFT - TOLERANCE or w.x_max > RIGHT + TOLERANCE
               or w.y_min < TOP - TOLERANCE or w.y_max > BOTTOM + TOLERANCE]
    assert not outside, outside


@needs_poppler
def test_the_review_opinion_states_points_outcome_and_the_reviewers_qualification(
        reviewed, tmp_path):
    case, clerk, archive = reviewed
    info = issue_document(clerk, archive, case.number, "review_opinion")
    assert info.number == "执一法审字〔2026〕1号"
    path = issued_pdf(tmp_path, archive, info)
    text = flat_text(path)
    assert "重大执法决定法制审核意见书" in text and BUREAU in text and info.number in text
    assert case.number in text and "农安县鑫源商贸有限公司" in text
    assert f"综合执法一科（送审人：{CLERK_NAME}；送审日期：2026年6月15日）" in text
    assert "较大数额罚款" in text                      # the catalogue rule the case matched
    for name in ("主体资格", "程序", "事实证据", "法律适用与裁量", "权限", "文书",
                 "涉嫌犯罪移送", "其他"):
        assert name in text
    assert text.count("通过") == 7 and "存在问题" in text
    assert "决定书说理不够充分" in text
    assert f"审核结论：同意。{OPINION}" in text
    assert f"{REVIEWER_NAME}（法律职业资格证书编号：{LEGAL_CERT}）" in text
    assert "2026年6月15日" in text
    assert PdfReader(path).get_num_pages() == 1
    inside_the_text_block(path)
    pages_as_png(path)


@needs_poppler
def test_the_collective_discussion_record_names_who_met_and_what_they_decided(
        reviewed, tmp_path):
    case, clerk, archive = reviewed
    info = issue_document(clerk, archive, case.number, "collective_discussion", DISCUSSION)
    assert info.number == "执一集讨字〔2026〕1号"
    path = issued_pdf(tmp_path, archive, info)
    text = flat_text(path)
    assert "集体讨论记录" in text and info.number in text
    assert "时间：2026年6月12日9时00分" in text and "结束时间：10时30分" in text
    assert "地点：本局三楼会议室" in text and "主持人：刘强（局长）" in text
    assert "孙红（纪检组长）" in text and "记录人：李娜" in text
    assert "讨论案件：农安县鑫源商贸有限公司销售超过保质期的食品案" in text
    assert "承办人员张伟、李娜汇报" in text and "罚款人民币150000.00元" in text
    assert f"法制审核人员{REVIEWER_NAME}审核结论：同意。" in text
    assert "赵刚：同意承办机构意见。" in text
    assert "经集体讨论，同意承办机构意见" in text
    for label in ("主持人签名", "参加人员签名", "记录人签名"):
        assert label in text
    inside_the_text_block(path)
    pages_as_png(path)


def test_the_discussion_record_lists_what_the_meeting_must_give(reviewed):
    case, clerk, archive = reviewed
    with pytest.raises(MissingFields) as refused:
        issue_document(clerk, archive, case.number, "collective_discussion")
    for label in ("讨论时间", "讨论地点", "主持人", "参加人员", "记录人", "讨论决定"):
        assert label in refused.value.message("zh_CN")


@needs_poppler
def test_the_decision_approval_form_carries_the_reviews_outcome_and_reviewer(
        reviewed, tmp_path):
    case, clerk, archive = reviewed
    info = issue_document(clerk, archive, case.number, "decision_approval")
    path = issued_pdf(tmp_path, archive, info)
    text = flat_text(path)
    assert "行政处罚决定审批表" in text
    assert f"法制审核意见同意。{OPINION}" in text
    assert f"审核人：{REVIEWER_NAME}审核日期：2026年6月15日" in text
    assert PdfReader(path).get_num_pages() == 1
    inside_the_text_block(path)
    pages_as_png(path)


def test_before_the_review_no_opinion_is_produced_and_the_form_says_so(workspace, tmp_path):
    set_up_bureau(workspace)
    case = major_case(workspace)
    clerk = contexts(workspace)[0]
    archive = DocumentArchive(workspace.documents_dir)
    with pytest.raises(MissingFields) as refused:
        issue_document(clerk, archive, case.number, "review_opinion")
    message = refused.value.message("zh_CN")
    assert "审核结论" in message and "法制审核人员" in message
    path = tmp_path / "approval.pdf"
    path.write_bytes(preview_document(clerk, case.number, "decision_approval"))
    text = flat_text(path)
    assert "法制审核意见未经法制审核。" in text and "审核人：—审核日期：—" in text


def test_a_case_submitted_but_not_decided_shows_its_submission_only(workspace):
    from casework.documents import document_form
    set_up_bureau(workspace)
    case = major_case(workspace)
    clerk = contexts(workspace)[0]
    attach_everything(workspace, case.number)
    submit_review(clerk, case.number)
    values = {v.spec.key: v for v in document_form(clerk, case.number, "review_opinion").values}
    assert values["submitted_on"].value == "2026年6月15日"
    assert values["outcome"].missing and values["reviewers"].missing

