"""Document numbers: per unit, kind and year after a pattern; never reused or skipped, also
when two processes issue at the same moment or an issue fails half-way."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from casework.cases import create_case, set_case_fields
from casework.documents import issue_document
from casework.errors import MissingFields
from config.number_patterns import InvalidNumberPattern, check_pattern, format_number
from config.settings import set_setting
from core.clock import fixed_clock
from core.context import Context
from core.errors import InvalidInput
from db.models import DocumentCounter, IssuedDocument
from reports import GlyphsMissing
from tests.conftest import REPO, child_env

PER_PROCESS = 30


def numbers_of(workspace, kind: str) -> list[int]:  # noqa: ANN001
    with workspace.db.read() as session:
        return sorted(session.execute(select(IssuedDocument.seq)
                                      .where(IssuedDocument.kind == kind)).scalars())


@pytest.mark.parametrize("pattern,reason", [
    ("罚决字〔{year}〕{n}号", "缺少 {unit_short}"),
    ("{unit_short}罚决字{n}号", "缺少 {year}"),
    ("{unit_short}罚决字〔{year}〕号", "缺少 {n}"),
    ("{unit_short}{bureau}〔{year}〕{n}号", "未知占位符 {bureau}"),
    ("{unit_short}〔{year}〕{n号", "花括号不成对"),
    ("{unit_short}〔{year}〕{n:x}号", None),
    ("{unit_short}〔{year}〕{n:Q}号", "格式说明有误"),
])
def test_patterns_are_checked(pattern: str, reason: str | None):
    if reason is None:
        check_pattern(pattern)
        return
    with pytest.raises(InvalidNumberPattern) as refused:
        check_pattern(pattern)
    assert reason in str(refused.value)


def test_format():
    assert format_number("{unit_short}罚决字〔{year}〕{n:03d}号", "执一", 2026, 7) == (
        "执一罚决字〔2026〕007号")


# A notice may not set a rectification deadline before its own date (casework.documents),
# and these cases record no step, so their notices are dated the day they are issued, up
# to January 2027: the example's deadline (06-10) moves past that. Numbering is what these
# tests are about.
LATER = {"rectify_deadline": "2027-06-30"}


@pytest.fixture
def penalty_case(bureau, clerk, example_input):  # noqa: ANN001
    return create_case(clerk, replace(example_input,
                                      fields={**example_input.fields, **LATER}))


def test_numbers_run_per_unit_kind_and_year(bureau, clerk, case_input, example_input, archive,
                                            workspace):
    fields = {**example_input.fields, **LATER}
    one = create_case(clerk, case_input(fields=fields))
    two = create_case(clerk, case_input(unit="执二", fields=fields))
    issued = [issue_document(clerk, archive, case.number, kind).number for case, kind in (
        (one, "rectification_notice"), (one, "rectification_notice"),
        (two, "rectification_notice"), (one, "inquiry_record"))]
    next_year = Context(workspace.db, clerk.actor,
                        fixed_clock(datetime(2027, 1, 4, 2, 0, tzinfo=timezone.utc)))
    issued.append(issue_document(next_year, archive, one.number, "rectification_notice").number)
    assert issued == ["执一责改字〔2026〕1号", "执一责改字〔2026〕2号", "执二责改字〔2026〕1号",
                      "执一询字〔2026〕1号", "执一责改字〔2027〕1号"]


def test_the_pattern_of_a_document_is_a_setting(penalty_case, clerk, admin_ctx, archive):
    set_setting(admin_ctx, "documents.number_patterns",
                {"rectification_notice": "{unit_short}责改〔{year}〕{n:04d}号"})
    info = issue_document(clerk, archive, penalty_case.number, "rectification_notice")
    assert info.number == "执一责改〔2026〕0001号"
    with pytest.raises(InvalidInput, match="没有文书模板“fine”"):
        set_setting(admin_ctx, "documents.number_patterns", {"fine": "{unit_short}{year}{n}"})
    with pytest.raises(InvalidNumberPattern):
        set_setting(admin_ctx, "documents.number_patterns", {"penalty_decision": "第{n}号"})


def test_a_failed_issue_takes_no_number(penalty_case, clerk, archive, workspace,
                                        monkeypatch):
    set_case_fields(clerk, penalty_case.number, {"rectify_requirement": ""})
    with pytest.raises(MissingFields):
        issue_document(clerk, archive, penalty_case.number, "rectification_notice")
    set_case_fields(clerk, penalty_case.number, {"rectify_requirement": "立即停止销售"})
    from casework.documents import issue as issuing

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003
        raise GlyphsMissing(font="某字体", chars="𠀀")
    monkeypatch.setattr(issuing, "render_pdf", broken)
    with pytest.raises(GlyphsMissing):
        issue_document(clerk, archive, penalty_case.number, "rectification_notice")
    monkeypatch.undo()
    info = issue_document(clerk, archive, penalty_case.number, "rectification_notice")
    assert info.number == "执一责改字〔2026〕1号"
    with workspace.db.read() as session:
        counter = session.get(DocumentCounter, (session.execute(
            select(IssuedDocument.unit_id)).scalar_one(), "rectification_notice", 2026))
    assert counter.last == 1


CHILD = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timezone
    from pathlib import Path
    from core.actor import Actor
    from core.clock import fixed_clock
    from casework.documents import DocumentArchive, issue_document
    from lawdesk.workspace import Workspace

    data, case, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    noon = datetime(2026, 6, 15, 2, tzinfo=timezone.utc)  # 10:00 in Beijing
    workspace = Workspace.open(data, clock=fixed_clock(noon))
    ctx = workspace.context(Actor("clerk", frozenset({"clerk"})))
    archive = DocumentArchive(workspace.documents_dir)
    issue_document(ctx, archive, case, "rectification_notice")  # warm up: font, templates
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for _ in range(count - 1):
        print(issue_document(ctx, archive, case, "rectification_notice").number, flush=True)
    workspace.close()
""")


@pytest.mark.slow
def test_two_processes_issuing_at_once_get_every_number_once(penalty_case, workspace,
                                                             data_dir, tmp_path):
    go = tmp_path / "go"
    command = [sys.executable, "-c", CHILD, str(data_dir), penalty_case.number,
               str(PER_PROCESS), str(go)]
    children = [subprocess.Popen(command, cwd=REPO, env=child_env(PYTHONPATH=str(REPO)),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    go.touch()  # both start issuing at the same moment
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        outputs.append(out.split())
    assert all(len(numbers) == PER_PROCESS - 1 for numbers in outputs)
    # Both were released together; whether their numbers interleave depends on the
    # scheduler, so only what must hold either way is asserted: no gap, no repeat.
    assert numbers_of(workspace, "rectification_notice") == list(range(1, 2 * PER_PROCESS + 1))
    with workspace.db.read() as session:
        numbers = session.execute(select(IssuedDocument.number)).scalars().all()
    assert len(set(numbers)) == 2 * PER_PROCESS
