"""The permission matrix: every role against every permission, through real services.

Each permission has one service call in ACTIONS that needs it. A role without the
permission is refused with PermissionDenied and nothing changes; a role with it succeeds.
A new Permission member fails test_every_permission_has_an_action until it gets one here.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from sqlalchemy import func, select

from core.permissions import GRANTS, Permission, PermissionDenied, Role, allowed
from accounts.users import add_user, list_users
from audit.log import recent_entries
from config.settings import get_setting, set_setting
from core.actor import Actor
from core.context import Context
from db.models import Base, LedgerEntry
from devices.custody import PreUseCheck, checkin, checkout
from devices.csv_import import import_devices
from devices.ratio import set_standard
from devices.registry import add_device, set_device_status
from devices.types import set_device_type
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit, list_units


def _add_unit(ctx: Context) -> None:
    add_unit(ctx, "法制科", "法制")


def _add_officer(ctx: Context) -> None:
    add_officer(ctx, "王五", "综合", CertificateInput("22010000001", date(2028, 12, 31)))


def _add_user(ctx: Context) -> None:
    add_user(ctx, "newclerk", "clerk-pass-1", ["clerk"])


def _list_users(ctx: Context) -> None:
    assert list_users(ctx)


def _set_bureau_name(ctx: Context) -> None:
    set_setting(ctx, "bureau.name", "某县综合行政执法局")


def _view_audit_log(ctx: Context) -> None:
    assert recent_entries(ctx, limit=5)


def _add_device(ctx: Context) -> None:
    add_device(ctx, "BC-NEW", "body_camera", "综合")


def _import_devices(ctx: Context) -> None:
    import_devices(ctx, "serial,type,unit\nAR-NEW,audio_recorder,综合\n")


def _send_for_repair(ctx: Context) -> None:
    set_device_status(ctx, "BC-0001", "repair", "屏幕不亮")


def _check_out(ctx: Context) -> None:
    checkout(ctx, "BC-0001", "22019999999", checks=PreUseCheck(), signature_png=None)


def _check_in(ctx: Context) -> None:
    checkin(ctx, "BC-OUT", signature_png=None)


def _set_ratio_standard(ctx: Context) -> None:
    set_standard(ctx, "综合", "body_camera", officers_per_device=2)


def _add_device_type(ctx: Context) -> None:
    set_device_type(ctx, "drone", "无人机", "drone")


def _set_custody_limit(ctx: Context) -> None:
    set_setting(ctx, "custody.max_per_type", 2)


def _ingest_footage(ctx: Context) -> None:
    from devices.offload.pipeline import offload
    from evidence.store import FootageStore
    data = Path(ctx.db.engine.url.database).parent
    card = data.parent / "permission-card"
    card.mkdir(exist_ok=True)
    (card / "clip.mp4").write_bytes(b"not really a video")
    assert offload(ctx, FootageStore(data / "store"), card).ok


def _list_footage(ctx: Context) -> None:
    from evidence.library import footage_page
    assert footage_page(ctx) == []  # nothing offloaded yet: an empty library, not a refusal


ACTIONS: dict[Permission, list[Callable[[Context], None]]] = {
    Permission.MANAGE_UNITS: [_add_unit],
    Permission.MANAGE_OFFICERS: [_add_officer],
    Permission.MANAGE_ACCOUNTS: [_add_user, _list_users],
    Permission.CHANGE_SETTINGS: [_set_bureau_name],
    Permission.VIEW_AUDIT_LOG: [_view_audit_log],
    Permission.MANAGE_DEVICES: [_add_device, _import_devices, _send_for_repair],
    Permission.DEVICE_CUSTODY: [_check_out, _check_in],
    Permission.MANAGE_STANDARDS: [_set_ratio_standard, _add_device_type, _set_custody_limit],
}

# The matrix as the bureau agreed it, spelt out rather than read from GRANTS, so a change
# to GRANTS shows up here as a failing test that someone has to look at.
EXPECTED: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset(),
    # Devices (issue 4): custodians keep the registry and custody; standards are admins'.
    Role.CUSTODIAN: frozenset({Permission.MANAGE_DEVICES, Permission.DEVICE_CUSTODY}),
    Role.OFFICER: frozenset(),
    Role.REVIEWER: frozenset(),
    Role.HEAD: frozenset(),
}
# Footage (issue 3): who offloads recorders, and who sees the library (legal review weighs
# the recorded evidence, so reviewers see it but never offload).
ACTIONS[Permission.INGEST_FOOTAGE] = [_ingest_footage]
ACTIONS[Permission.VIEW_FOOTAGE] = [_list_footage]
_FOOTAGE = frozenset({Permission.INGEST_FOOTAGE, Permission.VIEW_FOOTAGE})
EXPECTED[Role.CLERK] = EXPECTED[Role.CLERK] | _FOOTAGE
EXPECTED[Role.CUSTODIAN] = EXPECTED[Role.CUSTODIAN] | _FOOTAGE
EXPECTED[Role.OFFICER] = EXPECTED[Role.OFFICER] | _FOOTAGE
EXPECTED[Role.REVIEWER] = EXPECTED[Role.REVIEWER] | {Permission.VIEW_FOOTAGE}
EXPECTED[Role.HEAD] = EXPECTED[Role.HEAD] | {Permission.VIEW_FOOTAGE}

# Cases (issue 5): clerks and officers handle cases; numbered documents are the clerk's;
# reviewers read cases for legal review.
CASE = "综合案〔2026〕1号"  # opened by the `prepared` fixture


def _case_input():  # noqa: ANN202
    from casework.inputs import CaseInput, PartyInput
    return CaseInput(type="行政检查", procedure="simplified", unit="综合",
                     officers=("22019999999",), cause="未按规定公示营业执照",
                     parties=(PartyInput("person", "刘某", "11010519491231002X"),))


def _view_case(ctx: Context) -> None:
    from casework.cases import get_case
    assert get_case(ctx, CASE).number == CASE


def _new_case(ctx: Context) -> None:
    from casework.cases import create_case
    create_case(ctx, _case_input())


def _record_step(ctx: Context) -> None:
    from casework.cases import record_step
    record_step(ctx, CASE, "investigation")


def _issue_document(ctx: Context) -> None:
    from casework.documents import DocumentArchive, issue_document
    archive = DocumentArchive(Path(ctx.db.engine.url.database).parent / "documents")
    issue_document(ctx, archive, CASE, "rectification_notice", {
        "bureau": "某县综合行政执法局", "violated_provision": "某条例第五条",
        "rectify_requirement": "公示营业执照", "rectify_deadline": "2026-06-30",
        "review_body": "某县人民政府", "court": "某县人民法院"})


ACTIONS[Permission.VIEW_CASES] = [_view_case]
ACTIONS[Permission.EDIT_CASES] = [_new_case, _record_step]
ACTIONS[Permission.ISSUE_DOCUMENTS] = [_issue_document]
EXPECTED[Role.CLERK] = EXPECTED[Role.CLERK] | {
    Permission.VIEW_CASES, Permission.EDIT_CASES, Permission.ISSUE_DOCUMENTS}
EXPECTED[Role.OFFICER] = EXPECTED[Role.OFFICER] | {Permission.VIEW_CASES, Permission.EDIT_CASES}
EXPECTED[Role.REVIEWER] = EXPECTED[Role.REVIEWER] | {Permission.VIEW_CASES}
EXPECTED[Role.HEAD] = EXPECTED[Role.HEAD] | {Permission.VIEW_CASES}


# Sync (issue 6): everyone but reviewers syncs ("sync now", its status); enrolling this
# workstation and administering HQ are admins'.
def _sync_status(ctx: Context) -> None:
    from lawdesk.workspace import Workspace
    from sync.status import sync_status
    with Workspace.open(Path(ctx.db.engine.url.database).parent) as workspace:
        assert sync_status(workspace, ctx).enrolled is False


def _enroll(ctx: Context) -> None:
    from lawdesk.workspace import Workspace
    from sync.client import HqUnreachable
    from sync.link import enroll
    with Workspace.open(Path(ctx.db.engine.url.database).parent) as workspace:
        with pytest.raises(HqUnreachable):  # the permission is checked before any network
            enroll(ctx, workspace, server_url="http://127.0.0.1:9", code="AAAA-BBBB")


def _issue_enrollment_code(ctx: Context) -> None:
    from hq.enrollment import issue_code
    assert issue_code(ctx, "综合").code


ACTIONS[Permission.RUN_SYNC] = [_sync_status]
ACTIONS[Permission.MANAGE_SYNC] = [_enroll]
ACTIONS[Permission.MANAGE_HQ] = [_issue_enrollment_code]
for _role in (Role.CLERK, Role.CUSTODIAN, Role.OFFICER):
    EXPECTED[_role] = EXPECTED[_role] | {Permission.RUN_SYNC}

# Legal review (issue 15): handlers submit, qualified reviewers give opinions, the bureau
# head decides disagreements; the catalogue, benchmarks, reviewers' records and the
# working-day calendar are admins'. (ACTIONS for them: the review and calendar sections.)
for _role in (Role.CLERK, Role.OFFICER):
    EXPECTED[_role] = EXPECTED[_role] | {Permission.SUBMIT_REVIEW}
EXPECTED[Role.REVIEWER] = EXPECTED[Role.REVIEWER] | {Permission.REVIEW_CASES}
EXPECTED[Role.HEAD] = EXPECTED[Role.HEAD] | {Permission.DECIDE_REVIEW_DISPUTE}
# Results disclosure (issue 16): clerks prepare, publish and withdraw; reviewers and the
# head approve before release (measure 1); the rules are admins'.
EXPECTED[Role.CLERK] = EXPECTED[Role.CLERK] | {Permission.VIEW_DISCLOSURE,
                                               Permission.PREPARE_DISCLOSURE}
for _role in (Role.REVIEWER, Role.HEAD):
    EXPECTED[_role] = EXPECTED[_role] | {Permission.VIEW_DISCLOSURE,
                                         Permission.APPROVE_DISCLOSURE}
# >>> ACTIONS / RECORDED for the new permissions: one block per area below.
# Working-day calendar (issue 15): importing a year is the admin's.
def _import_calendar_year(ctx: Context) -> None:
    from workdays.imports import import_calendar_year
    import_calendar_year(ctx, {"year": 2027, "source": "测试", "holidays": ["2027-01-01"],
                               "workdays": []})


ACTIONS[Permission.MANAGE_CALENDAR] = [_import_calendar_year]


# Legal review (issue 15). Each passes the permission and then meets the review's own rule
# (the case has no materials yet; nothing waits in the queues): it changes nothing. The
# writes and their ledger entries are tested in tests/review.
def _submit_for_review(ctx: Context) -> None:
    from review.errors import MaterialsIncomplete
    from review.workflow import submit_review
    with pytest.raises(MaterialsIncomplete, match="送审报告"):
        submit_review(ctx, CASE)


def _review_queue(ctx: Context) -> None:
    from review.queries import review_queue
    assert review_queue(ctx) == []


def _review_disputes(ctx: Context) -> None:
    from review.queries import disputes
    assert disputes(ctx) == []


def _list_reviewers(ctx: Context) -> None:
    from review.reviewers import list_reviewers
    assert list_reviewers(ctx) == []


ACTIONS[Permission.SUBMIT_REVIEW] = [_submit_for_review]
ACTIONS[Permission.REVIEW_CASES] = [_review_queue]
ACTIONS[Permission.DECIDE_REVIEW_DISPUTE] = [_review_disputes]
ACTIONS[Permission.MANAGE_REVIEW_RULES] = [_list_reviewers]


# Discretion benchmarks (issue 15): importing the bureau's list is the admin's.
def _import_benchmarks(ctx: Context) -> None:
    from review.benchmark_files import import_benchmarks
    path = Path(ctx.db.engine.url.database).parent / "benchmarks.csv"
    path.write_text("违法行为编码,违法行为,违法依据（法律）,违法依据（条）,处罚依据（法律）,"
                    "处罚依据（条）,法定最高,裁量阶次,幅度下限,幅度上限\n"
                    "P-1,违反明码标价规定,价格法,第十三条,价格法,第四十二条,5000,一般,0,5000\n",
                    "utf-8")
    assert import_benchmarks(ctx, path).version == 2


ACTIONS[Permission.MANAGE_REVIEW_RULES].append(_import_benchmarks)


# Results disclosure (issue 16): nothing is drafted yet, so the list and the reviewer's
# queue are empty; an export writes an (empty) site and is in the ledger; an admin changes
# a rule's withdrawal limit. The workflow itself: tests/disclosure.
def _list_disclosures(ctx: Context) -> None:
    from disclosure.records import list_disclosures
    assert list_disclosures(ctx) == []


def _export_disclosures(ctx: Context) -> None:
    from disclosure.portal import export_portal
    out = Path(ctx.db.engine.url.database).parent.parent / "portal"
    assert export_portal(ctx, out).records == 0


def _disclosures_to_approve(ctx: Context) -> None:
    from disclosure.records import pending_review
    assert pending_review(ctx) == []


def _set_disclosure_rule(ctx: Context) -> None:
    from disclosure.rules import set_rule
    set_rule(ctx, "penalty_decision", withdrawal_workdays=5)


ACTIONS[Permission.VIEW_DISCLOSURE] = [_list_disclosures]
ACTIONS[Permission.PREPARE_DISCLOSURE] = [_export_disclosures]
ACTIONS[Permission.APPROVE_DISCLOSURE] = [_disclosures_to_approve]
ACTIONS[Permission.MANAGE_DISCLOSURE_RULES] = [_set_disclosure_rule]


# Evidence packages (issue 20): the clerk who issues the documents, and the legal reviewer
# who answers 行政复议 and 行政诉讼, hand a case's package over. The package and its
# verifier: tests/dossier.
def _export_evidence_package(ctx: Context) -> None:
    from dossier.package.export import export_package
    from lawdesk.workspace import Workspace
    folder = Path(ctx.db.engine.url.database).parent
    with Workspace.open(folder) as workspace:
        result = export_package(ctx, workspace, CASE,
                                folder.parent / f"{ctx.actor.username}-package.zip")
    assert result.out.is_file() and (result.footage, result.documents) == (0, 0)


ACTIONS[Permission.EXPORT_EVIDENCE] = [_export_evidence_package]
for _role in (Role.CLERK, Role.REVIEWER):
    EXPECTED[_role] = EXPECTED[_role] | {Permission.EXPORT_EVIDENCE}


# Double-random inspections (issue 17): the bureau head (or an admin) runs the witnessed
# draw; only an admin redraws, with a reason; officers record what they found. Each passes
# the permission and meets the draw's own rule (no list imported, no such task): nothing
# changes. The draws themselves: tests/inspections.
def _prepare_draw_task(ctx: Context) -> None:
    from inspections.errors import NoInspectionList
    from inspections.tasks import TaskSpec, create_task
    from inspections.targets import parse_targets
    targets = parse_targets("name,uscc\n某公司,91350100M000100Y43\n")
    with pytest.raises(NoInspectionList):
        create_task(ctx, TaskSpec("SJ-001", targets, "targets.csv", count=1))


def _redraw_task(ctx: Context) -> None:
    from core.errors import NotFound
    from inspections.tasks import draw_task
    with pytest.raises(NotFound, match="DR-2026-999"):
        draw_task(ctx, "DR-2026-999", "见证人张三", redraw_reason="抽取时停电")


def _record_inspection(ctx: Context) -> None:
    from core.errors import NotFound
    from inspections.results import record_result
    with pytest.raises(NotFound, match="DR-2026-999"):
        record_result(ctx, "DR-2026-999", "91350100M000100Y43", outcome="no_problem",
                      officer="22019999999")


ACTIONS[Permission.RUN_DRAWS] = [_prepare_draw_task]
ACTIONS[Permission.REDRAW] = [_redraw_task]
ACTIONS[Permission.RECORD_INSPECTIONS] = [_record_inspection]
EXPECTED[Role.HEAD] = EXPECTED[Role.HEAD] | {Permission.RUN_DRAWS}
EXPECTED[Role.OFFICER] = EXPECTED[Role.OFFICER] | {Permission.RECORD_INSPECTIONS}


# Public lists (issue 17): importing a new version of a list is the admin's; looking at
# them needs no permission (they are published). The lists themselves: tests/public_lists.
def _import_public_list(ctx: Context) -> None:
    from public_lists.service import import_list
    path = Path(ctx.db.engine.url.database).parent / "subjects.csv"
    path.write_text("主体名称,机构性质,主体类别,执法职权\n"
                    "某县市场监督管理局,行政机关,法定行政机关,行政处罚\n", "utf-8")
    assert import_list(ctx, "subjects", path).number == 1


ACTIONS[Permission.MANAGE_PUBLIC_LISTS] = [_import_public_list]


# Recording compliance and retention (issue 19): a section head (the head role) approves
# reasons and accepts findings; holds are the legal desk's (reviewer) and the head's;
# purges and the item list are admins'. The rules themselves: tests/compliance and
# tests/evidence/test_retention*.py.
def _accept_findings(ctx: Context) -> None:
    from compliance.decisions import acknowledge
    from compliance.errors import NothingToAcknowledge
    with pytest.raises(NothingToAcknowledge):
        acknowledge(ctx, CASE, "现场记录仪故障")


def _place_hold(ctx: Context) -> None:
    from evidence.holds import add_hold
    assert add_hold(ctx, case=CASE, reason="行政诉讼").case == CASE


def _retention_due(ctx: Context) -> None:
    from evidence.retention import due
    assert due(ctx) == []


ACTIONS[Permission.ACCEPT_RECORDING_FINDINGS] = [_accept_findings]
ACTIONS[Permission.PLACE_LEGAL_HOLDS] = [_place_hold]
ACTIONS[Permission.MANAGE_RETENTION] = [_retention_due]
EXPECTED[Role.HEAD] = EXPECTED[Role.HEAD] | {Permission.ACCEPT_RECORDING_FINDINGS,
                                             Permission.PLACE_LEGAL_HOLDS}
EXPECTED[Role.REVIEWER] = EXPECTED[Role.REVIEWER] | {Permission.PLACE_LEGAL_HOLDS}
# <<<


# What each action that changes something puts on the record (ledger action, object type);
# the others only look, and must change nothing.
RECORDED: dict[Callable[[Context], None], tuple[str, str]] = {
    _add_unit: ("unit.add", "unit"),
    _add_officer: ("officer.add", "officer"),
    _add_user: ("user.add", "user_account"),
    _set_bureau_name: ("setting.bureau.name", "setting"),
    _add_device: ("device.add", "device"),
    _import_devices: ("device.import", "device"),
    _send_for_repair: ("device.repair", "device"),
    _check_out: ("device.checkout", "custody"),
    _check_in: ("device.checkin", "custody"),
    _set_ratio_standard: ("ratio_standard.set", "ratio_standard"),
    _add_device_type: ("device_type.set", "device_type"),
    _set_custody_limit: ("setting.custody.max_per_type", "setting"),
    _ingest_footage: ("offload.store", "footage"),
    _new_case: ("case.new", "enforcement_case"),
    _record_step: ("case.step", "case_step"),
    _issue_document: ("document.issue", "issued_document"),
    _issue_enrollment_code: ("hq.enroll_code", "hq_enrollment_code"),
}
RECORDED[_import_calendar_year] = ("calendar.import", "workday_calendar_year")
RECORDED[_export_disclosures] = ("disclosure.export", "disclosure_export")
RECORDED[_set_disclosure_rule] = ("disclosure_rule.set", "disclosure_rule")
RECORDED[_import_benchmarks] = ("benchmark.import", "benchmark_version")
RECORDED[_export_evidence_package] = ("package.export", "evidence_package")
RECORDED[_import_public_list] = ("public_list.import", "public_list_version")
RECORDED[_place_hold] = ("hold.add", "legal_hold")

CASES = [(role, permission, action)
         for role in Role for permission in Permission for action in ACTIONS.get(permission, [])]
FORBIDDEN = [pytest.param(role, action, id=f"{role.value}-{action.__name__.lstrip('_')}")
             for role, permission, action in CASES if permission not in EXPECTED[role]]
GRANTED = [pytest.param(role, action, id=f"{role.value}-{action.__name__.lstrip('_')}")
           for role, permission, action in CASES if permission in EXPECTED[role]]


@pytest.fixture
def prepared(workspace, as_role):
    """A data folder with a unit for new officers to join, a certified officer, a device in
    store and one checked out to them, and a case they handle."""
    setup = as_role("admin", username="setup")
    add_unit(setup, "综合科", "综合")
    add_officer(setup, "赵六", "综合", CertificateInput("22019999999", date(2099, 12, 31)))
    add_device(setup, "BC-0001", "body_camera", "综合")
    add_device(setup, "BC-OUT", "audio_recorder", "综合")
    checkout(setup, "BC-OUT", "22019999999", checks=PreUseCheck(), signature_png=None)
    from casework.cases import create_case
    create_case(setup, _case_input())  # CASE, for the case actions
    return workspace


def entries_after(workspace, seq: int) -> list[LedgerEntry]:
    with workspace.db.read() as session:
        return list(session.execute(select(LedgerEntry).where(LedgerEntry.seq > seq)
                                    .order_by(LedgerEntry.seq)).scalars())


def last_seq(workspace) -> int:
    with workspace.db.read() as session:
        return session.execute(select(func.max(LedgerEntry.seq))).scalar_one()


def snapshot(workspace) -> dict[str, int]:
    """Row counts of every table: "nothing changed" means none of them moved."""
    with workspace.db.read() as session:
        return {table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in Base.metadata.sorted_tables}


def test_every_permission_has_an_action():
    assert set(ACTIONS) == set(Permission)
    assert all(ACTIONS[p] for p in Permission)


def test_every_role_is_in_the_matrix():
    assert set(EXPECTED) == set(Role) == set(GRANTS)


def test_the_matrix_is_the_agreed_one():
    assert GRANTS == EXPECTED


@pytest.mark.parametrize("role,action", FORBIDDEN)
def test_forbidden(prepared, as_role, ledger_length, role, action):
    ctx = as_role(role.value)
    before, length = snapshot(prepared), ledger_length()
    with pytest.raises(PermissionDenied) as refused:
        action(ctx)
    assert ledger_length() == length
    assert snapshot(prepared) == before
    assert role.value in str(refused.value)  # names the user, who is named after the role


@pytest.mark.parametrize("role,action", GRANTED)
def test_granted(prepared, as_role, role, action):
    before, seq = snapshot(prepared), last_seq(prepared)
    action(as_role(role.value))
    entries = entries_after(prepared, seq)
    recorded = RECORDED.get(action)
    if recorded is None:  # a look: it showed what it should (asserted in the action)
        assert entries == [] and snapshot(prepared) == before
    else:  # the change went through, and the audit log says who made it
        assert recorded in {(e.action, e.object_type) for e in entries}, entries
        assert {e.actor for e in entries} == {role.value}


def test_granted_actions_really_changed_something(prepared, as_role, ledger_length):
    ctx = as_role(Role.ADMIN.value)
    length = ledger_length()
    _add_unit(ctx)
    _add_officer(ctx)
    _add_user(ctx)
    _set_bureau_name(ctx)
    assert ledger_length() > length
    assert {u.short_name for u in list_units(ctx)} == {"综合", "法制"}
    assert "newclerk" in {u.username for u in list_users(ctx)}
    assert get_setting(prepared.db, "bureau.name") == "某县综合行政执法局"


@pytest.mark.parametrize("roles", [(), ("superuser",), ("ADMIN",)],
                         ids=["no-role", "unknown-role", "wrong-case"])
def test_unknown_or_missing_roles_grant_nothing(prepared, as_role, ledger_length, roles):
    ctx = as_role(*roles, username="someone")
    length = ledger_length()
    for permission in Permission:
        assert not allowed(ctx.actor, permission)
        for action in ACTIONS[permission]:
            with pytest.raises(PermissionDenied):
                action(ctx)
    assert ledger_length() == length


def test_the_system_actor_has_no_permissions():
    actor = Actor.system()
    assert not any(allowed(actor, p) for p in Permission)


def test_a_personal_setting_needs_no_permission(prepared, as_role):
    assert get_setting(prepared.db, "ui.language") != "en"
    seq = last_seq(prepared)
    set_setting(as_role(Role.CLERK.value), "ui.language", "en")
    assert get_setting(prepared.db, "ui.language") == "en"
    assert [(e.actor, e.action) for e in entries_after(prepared, seq)] == [
        ("clerk", "setting.ui.language")]
