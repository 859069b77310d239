"""Evidence links: files of the footage store, by SHA-256, each tied to a step."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.cases import get_case
from casework.errors import EvidenceAlreadyLinked, EvidenceNotInStore
from casework.evidence_links import link_evidence, unlink_evidence
from core.errors import InvalidInput, NotFound
from core.permissions import PermissionDenied
from db.models import LedgerEntry


def test_offloaded_footage_is_linked_to_the_investigation_by_default(penalty_case, clerk,
                                                                     footage):
    first, second = footage(2)
    info = link_evidence(clerk, penalty_case.number, first.upper())
    assert (info.sha256, info.step) == (first, "investigation")
    assert info.file.original_name == "J001234_22010001_20260603093000_0001.MP4"
    assert info.file.officer_label() == "张伟（22010001）"
    assert info.file.device_serial == "J001234"
    link_evidence(clerk, penalty_case.number, second, "立案", note="举报人提供")
    detail = get_case(clerk, penalty_case.number)
    assert [(e.sha256, e.step) for e in detail.evidence] == [(first, "investigation"),
                                                             (second, "filing")]
    assert detail.evidence[1].note == "举报人提供"


def test_linking_is_in_the_ledger(penalty_case, clerk, footage, workspace):
    (digest,) = footage(1)
    link_evidence(clerk, penalty_case.number, digest)
    with workspace.db.read() as session:
        # (the same transaction also records the recording check's findings: compliance)
        entry = session.execute(select(LedgerEntry).where(
            LedgerEntry.action == "case.link", LedgerEntry.object_type == "evidence_link")
        ).scalars().one()
    assert digest in entry.change and entry.object_type == "evidence_link"


def test_a_hash_not_in_the_store_is_refused(penalty_case, clerk):
    with pytest.raises(EvidenceNotInStore, match="音视频资料库中没有 SHA-256 为 " + "ab" * 32):
        link_evidence(clerk, penalty_case.number, "ab" * 32)


def test_a_value_that_is_not_a_sha256_is_refused(penalty_case, clerk):
    with pytest.raises(InvalidInput, match="不是 64 位十六进制"):
        link_evidence(clerk, penalty_case.number, "abc123")


def test_one_file_twice_on_one_step_is_refused_but_another_step_may_use_it(penalty_case,
                                                                            clerk, footage):
    (digest,) = footage(1)
    link_evidence(clerk, penalty_case.number, digest)
    with pytest.raises(EvidenceAlreadyLinked, match="调查取证"):
        link_evidence(clerk, penalty_case.number, digest, "investigation")
    assert link_evidence(clerk, penalty_case.number, digest, "execution").step == "execution"


def test_a_step_of_another_procedure_is_refused(penalty_case, clerk, footage):
    (digest,) = footage(1)
    with pytest.raises(InvalidInput, match="没有“复核”环节"):
        link_evidence(clerk, penalty_case.number, digest, "复核")


def test_a_link_made_by_mistake_can_be_removed(penalty_case, clerk, footage):
    (digest,) = footage(1)
    link_evidence(clerk, penalty_case.number, digest)
    unlink_evidence(clerk, penalty_case.number, digest, "investigation")
    assert get_case(clerk, penalty_case.number).evidence == ()
    with pytest.raises(NotFound):
        unlink_evidence(clerk, penalty_case.number, digest, "investigation")


def test_a_reviewer_may_not_link(penalty_case, as_role, footage):
    (digest,) = footage(1)
    with pytest.raises(PermissionDenied):
        link_evidence(as_role("reviewer"), penalty_case.number, digest)
