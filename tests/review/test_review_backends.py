"""A review on either database: SQLite in the folder and PostgreSQL as at HQ. Materials
handed in at the same moment each keep their place, and only one of two reviewers deciding
at once gets the case."""
from __future__ import annotations

from datetime import date

import pytest

from accounts.users import add_user
from casework.documents import DocumentArchive, issue_document
from core.actor import Actor
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from review.errors import ReviewRequired, ReviewTakenByOther, WrongReviewState
from review.materials import attach_material
from review.queries import review_detail
from review.reviewers import qualify_reviewer
from review.workflow import decide_review, start_review, submit_review
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.db.test_postgres import race
from tests.review.conftest import OPINION
from tests.review.reviewed_case import (PASSWORD, attach_everything, contexts, major_case,
                                        set_up_bureau, tiny_pdf)


@pytest.fixture
def folder(db_backend, data_dir, clock):
    with Workspace.open(data_dir, clock=clock, create=True, db_url=db_backend) as ws:
        ws.initialise(ADMIN, ADMIN_PASSWORD)
        set_up_bureau(ws)
        yield ws


@pytest.fixture
def second_reviewer(folder):
    """Another qualified reviewer in the folder (吴审)."""
    admin = folder.context(Actor("admin", frozenset({"admin"})))
    add_officer(admin, "吴审", "执一", CertificateInput("22010011", date(2028, 12, 31),
                                                      valid_from=date(2020, 1, 1)))
    add_user(admin, "wushen", PASSWORD, ["reviewer"], officer_certificate="22010011")
    qualify_reviewer(admin, "wushen", legal_certificate="A20192201000003")
    return folder.context(Actor("wushen", frozenset({"reviewer"})))


def test_the_hard_rule_and_the_review_on_either_database(folder):
    clerk, reviewer, _handler, _head = contexts(folder)
    case = major_case(folder)
    archive = DocumentArchive(folder.documents_dir)
    with pytest.raises(ReviewRequired):
        issue_document(clerk, archive, case.number, "penalty_decision")
    attach_everything(folder, case.number)
    submit_review(clerk, case.number)
    decide_review(reviewer, case.number, "agreed", OPINION)
    assert issue_document(clerk, archive, case.number,
                          "penalty_decision").number == "执一罚决字〔2026〕1号"


def test_materials_handed_in_at_once_each_keep_their_place(folder):
    clerk = contexts(folder)[0]
    case = major_case(folder)
    archive = DocumentArchive(folder.documents_dir)
    results = race(4, lambda i: attach_material(clerk, archive, case.number, "report",
                                                tiny_pdf(f"v{i}"), f"v{i}.pdf"))
    assert not [r for r in results if isinstance(r, Exception)], results
    (report,) = [m for m in review_detail(clerk, case.number).materials
                 if m.item.code == "report"]
    assert report.present and report.file_name in {f"v{i}.pdf" for i in range(4)}


def test_two_reviewers_at_once_one_gets_the_case(folder, second_reviewer):
    clerk, reviewer, _handler, _head = contexts(folder)
    case = major_case(folder)
    attach_everything(folder, case.number)
    submit_review(clerk, case.number)
    results = race(2, lambda i: start_review((reviewer, second_reviewer)[i], case.number))
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(losers) == 1 and isinstance(losers[0], (WrongReviewState, ReviewTakenByOther))
