"""A bureau where legal review happens, as its people would set it up: a unit, two
handling officers (张伟, 李娜) and a reviewer (王芳) with enforcement certificates, the
reviewer's account with its legal qualification, and the example case made major by a fine
of ¥150,000 on a company (the catalogue's large_fine rule), taken to its notice step.

Plain functions over service contexts, shared by the document tests (tests/review) and the
window's tests (tests/desktop), so both drive the same story through the real services.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from accounts.users import add_user
from casework.cases import CaseDetail, create_case, record_step
from casework.inputs import read_case_file
from config.settings import set_setting
from core.actor import Actor
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from review.materials import attach_generated, attach_material, material_items
from review.reviewers import qualify_reviewer
from tests.casework.conftest import BUREAU, EXAMPLE

PASSWORD = "review-pass-1"
REVIEWER, REVIEWER_NAME, REVIEWER_CERT = "wangfang", "王芳", "22010009"
LEGAL_CERT = "A20152201234567"
CLERK_NAME = "周敏"
# The handler 张伟 also holds the reviewer role: he may review others' cases, never his own.
HANDLER_REVIEWER = "zhangwei"
MAJOR_FINE = "150000.00"
POINTS_ALL_PASS = {code: {"result": "pass", "text": ""} for code in
                   ("subject", "procedure", "facts_evidence", "authority", "documents",
                    "criminal_transfer", "other")}
POINTS = {**POINTS_ALL_PASS, "law_discretion": {
    "result": "problem", "text": "罚款数额在裁量基准“一般”阶次内，但决定书说理不够充分，建议补充。"}}
OPINION = "本案事实清楚，证据确实充分，适用依据正确，程序合法，处罚适当。同意承办机构意见。"


def tiny_pdf(text: str = "material") -> bytes:
    """A PDF a reader opens: one empty page (ISO 32000-1's minimal structure)."""
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n")
    return body + f"% {text}\n".encode() + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def set_up_bureau(workspace: Workspace) -> None:
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    add_unit(admin, "综合执法一科", "执一")
    for name, number in (("张伟", "22010001"), ("李娜", "22010002"),
                         (REVIEWER_NAME, REVIEWER_CERT)):
        add_officer(admin, name, "执一", CertificateInput(number, date(2028, 12, 31),
                                                         valid_from=date(2020, 1, 1)))
    set_setting(admin, "bureau.name", BUREAU)
    add_user(admin, "clerk", PASSWORD, ["clerk"], display_name=CLERK_NAME)
    add_user(admin, REVIEWER, PASSWORD, ["reviewer"], officer_certificate=REVIEWER_CERT)
    qualify_reviewer(admin, REVIEWER, legal_certificate=LEGAL_CERT)
    add_user(admin, HANDLER_REVIEWER, PASSWORD, ["reviewer", "officer"],
             officer_certificate="22010001")
    qualify_reviewer(admin, HANDLER_REVIEWER, legal_certificate="A20182201000001")


def contexts(workspace: Workspace):  # noqa: ANN201
    """The clerk, the reviewer, the handler who is a reviewer too, and the bureau head."""
    def ctx(name: str, *roles: str):  # noqa: ANN202
        return workspace.context(Actor(name, frozenset(roles)))
    return (ctx("clerk", "clerk"), ctx(REVIEWER, "reviewer"),
            ctx(HANDLER_REVIEWER, "reviewer", "officer"), ctx("head", "head"))


def major_case(workspace: Workspace) -> CaseDetail:
    """The example case with a fine that makes it a major decision, at its notice step."""
    clerk = contexts(workspace)[0]
    data = read_case_file(EXAMPLE)
    case = create_case(clerk, replace(data, penalty_amount=Decimal(MAJOR_FINE),
                                      penalty=data.penalty.replace("50000.00", MAJOR_FINE)))
    for step, day in (("filing", 4), ("investigation", 5), ("notice", 8)):
        record_step(clerk, case.number, step, date(2026, 6, day))
    return case


def agreed_major_case(workspace: Workspace) -> CaseDetail:
    """The bureau set up, the major case submitted with its materials and agreed by the
    reviewer (one point found with a problem): what the review's documents print."""
    from review.workflow import decide_review, submit_review
    set_up_bureau(workspace)
    case = major_case(workspace)
    clerk, reviewer, _handler, _head = contexts(workspace)
    attach_everything(workspace, case.number)
    submit_review(clerk, case.number)
    decide_review(reviewer, case.number, "agreed", OPINION, POINTS)
    return case


def attach_everything(workspace: Workspace, number: str, *, skip: tuple[str, ...] = ()) -> None:
    """Hand in each required material: the draft decision generated, the rest as PDFs."""
    from casework.documents import DocumentArchive
    clerk = contexts(workspace)[0]
    archive = DocumentArchive(workspace.documents_dir)
    for item in material_items():
        if item.code in skip or item.required != "always":
            continue
        if item.generate:
            attach_generated(clerk, archive, number, item.code)
        else:
            attach_material(clerk, archive, number, item.code, tiny_pdf(item.code),
                            f"{item.title_zh}.pdf")
