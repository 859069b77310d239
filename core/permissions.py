"""Roles and what each may do. Checked in the services, whatever the UI shows.

The matrix is code, not a settings file: who may change the rules must not itself be a
rule an admin can edit away. It sits in the kernel beside Actor because every domain
package checks it, the audit ledger's reader and the accounts service among them: kept in
accounts it made accounts and audit import each other.
"""
from __future__ import annotations

import enum

from core.actor import Actor
from core.errors import DomainError, InvalidInput


class Role(str, enum.Enum):
    ADMIN = "admin"
    CLERK = "clerk"
    CUSTODIAN = "custodian"
    OFFICER = "officer"
    REVIEWER = "reviewer"
    HEAD = "head"            # 局负责人: decides when reviewer and handler disagree


ROLE_LABELS_ZH = {
    Role.ADMIN: "系统管理员", Role.CLERK: "案件文书员", Role.CUSTODIAN: "设备管理员",
    Role.OFFICER: "执法人员", Role.REVIEWER: "法制审核员", Role.HEAD: "局负责人",
}


class Permission(str, enum.Enum):
    MANAGE_UNITS = "manage_units"
    MANAGE_OFFICERS = "manage_officers"
    MANAGE_ACCOUNTS = "manage_accounts"
    CHANGE_SETTINGS = "change_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_DEVICES = "manage_devices"        # register, import, edit; repair, lost, retire
    DEVICE_CUSTODY = "device_custody"        # check devices out to officers and back in
    MANAGE_STANDARDS = "manage_standards"    # device types, ratio standards, custody limits
    INGEST_FOOTAGE = "ingest_footage"        # offload recorders into the footage store
    VIEW_FOOTAGE = "view_footage"            # the footage library: list, details, thumbnails
    VIEW_CASES = "view_cases"                # case list and details, document previews
    EDIT_CASES = "edit_cases"                # new cases, parties, officers, steps, evidence links
    ISSUE_DOCUMENTS = "issue_documents"      # numbered case documents (文书) as PDF
    MANAGE_SYNC = "manage_sync"              # enroll this workstation at HQ
    RUN_SYNC = "run_sync"                    # start a sync pass ("sync now"), see its status
    MANAGE_HQ = "manage_hq"                  # at HQ: enrollment codes, workstations, checks
    MANAGE_CALENDAR = "manage_calendar"      # import the working-day calendar of a year
    SUBMIT_REVIEW = "submit_review"          # attach review materials, submit a case for review
    REVIEW_CASES = "review_cases"            # record a legal-review opinion (also needs the
                                             # reviewer's qualification, checked by review/)
    DECIDE_REVIEW_DISPUTE = "decide_review_dispute"  # the head's coordination (协调) decision
    MANAGE_REVIEW_RULES = "manage_review_rules"  # catalogue, benchmarks, reviewers' records
    VIEW_DISCLOSURE = "view_disclosure"      # disclosure records and their deadlines
    PREPARE_DISCLOSURE = "prepare_disclosure"  # edit drafts, publish approved ones, withdraw
    APPROVE_DISCLOSURE = "approve_disclosure"  # the review step before release (measure 1)
    MANAGE_DISCLOSURE_RULES = "manage_disclosure_rules"  # what is disclosed, how, by when
    EXPORT_EVIDENCE = "export_evidence"      # case files and evidence packages (review, court)
    RUN_DRAWS = "run_draws"                  # inspection tasks, recusals, the witnessed draw
    REDRAW = "redraw"                        # a second draw of a task, with a recorded reason
    RECORD_INSPECTIONS = "record_inspections"  # the result of inspecting a drawn target
    MANAGE_PUBLIC_LISTS = "manage_public_lists"  # import new versions of the public lists
    # Recording compliance and retention (issue 19): a section head approves why a step has
    # no recording and accepts a case's findings at closing; holds stop purges; only admins
    # purge (two of them, compliance.purge) and change the audio-video item list.
    ACCEPT_RECORDING_FINDINGS = "accept_recording_findings"
    PLACE_LEGAL_HOLDS = "place_legal_holds"
    MANAGE_RETENTION = "manage_retention"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset({Permission.INGEST_FOOTAGE, Permission.VIEW_FOOTAGE,
                           Permission.VIEW_CASES, Permission.EDIT_CASES,
                           Permission.ISSUE_DOCUMENTS, Permission.RUN_SYNC,
                           Permission.SUBMIT_REVIEW, Permission.VIEW_DISCLOSURE,
                           Permission.PREPARE_DISCLOSURE, Permission.EXPORT_EVIDENCE}),
    Role.CUSTODIAN: frozenset({Permission.MANAGE_DEVICES, Permission.DEVICE_CUSTODY,
                               Permission.INGEST_FOOTAGE, Permission.VIEW_FOOTAGE,
                               Permission.RUN_SYNC}),
    # Officers record the steps they take and link what they recorded; numbered documents
    # are the clerk's (案件文书员), so one desk keeps each number series.
    Role.OFFICER: frozenset({Permission.INGEST_FOOTAGE, Permission.VIEW_FOOTAGE,
                             Permission.VIEW_CASES, Permission.EDIT_CASES,
                             Permission.RUN_SYNC, Permission.SUBMIT_REVIEW,
                             Permission.RECORD_INSPECTIONS}),
    # Legal review weighs the recorded evidence, so reviewers see footage (never offload)
    # and read cases (never change them).
    # They also give the disclosure's review before release (measure 1), and, as the
    # legal affairs desk that answers 行政复议 and 行政诉讼, hand evidence packages over.
    Role.REVIEWER: frozenset({Permission.VIEW_FOOTAGE, Permission.VIEW_CASES,
                              Permission.REVIEW_CASES, Permission.VIEW_DISCLOSURE,
                              Permission.APPROVE_DISCLOSURE, Permission.EXPORT_EVIDENCE,
                              Permission.PLACE_LEGAL_HOLDS}),
    # The bureau head reads what is disputed and decides it; approves disclosures too.
    Role.HEAD: frozenset({Permission.VIEW_FOOTAGE, Permission.VIEW_CASES,
                          Permission.DECIDE_REVIEW_DISPUTE, Permission.VIEW_DISCLOSURE,
                          Permission.APPROVE_DISCLOSURE, Permission.RUN_DRAWS,
                          Permission.ACCEPT_RECORDING_FINDINGS, Permission.PLACE_LEGAL_HOLDS}),
}

PERMISSION_LABELS_ZH = {
    Permission.MANAGE_UNITS: "管理科室",
    Permission.MANAGE_OFFICERS: "管理执法人员及证件",
    Permission.MANAGE_ACCOUNTS: "管理用户账号",
    Permission.CHANGE_SETTINGS: "修改系统设置",
    Permission.VIEW_AUDIT_LOG: "查看审计日志",
    Permission.MANAGE_DEVICES: "管理执法记录设备",
    Permission.DEVICE_CUSTODY: "办理设备领用和归还",
    Permission.MANAGE_STANDARDS: "修改设备类型和配备标准",
    Permission.INGEST_FOOTAGE: "导入执法记录仪音视频",
    Permission.VIEW_FOOTAGE: "查看音视频资料",
    Permission.VIEW_CASES: "查看案件",
    Permission.EDIT_CASES: "办理案件（立案、当事人、办案环节、证据关联）",
    Permission.ISSUE_DOCUMENTS: "出具编号执法文书",
    Permission.MANAGE_SYNC: "将本工作站注册到总部",
    Permission.RUN_SYNC: "与总部同步",
    Permission.MANAGE_HQ: "管理总部服务（注册码、工作站、核验）",
    Permission.MANAGE_CALENDAR: "导入工作日历",
    Permission.SUBMIT_REVIEW: "提交法制审核",
    Permission.REVIEW_CASES: "出具法制审核意见",
    Permission.DECIDE_REVIEW_DISPUTE: "协调决定审核分歧",
    Permission.MANAGE_REVIEW_RULES: "管理重大执法决定目录、裁量基准和审核人员",
    Permission.VIEW_DISCLOSURE: "查看执法公示",
    Permission.PREPARE_DISCLOSURE: "编辑、发布和撤回执法公示",
    Permission.APPROVE_DISCLOSURE: "审核执法公示",
    Permission.MANAGE_DISCLOSURE_RULES: "管理公示规则",
    Permission.EXPORT_EVIDENCE: "导出案卷和电子证据包",
    Permission.RUN_DRAWS: "组织双随机抽查（建立任务、登记回避、抽取）",
    Permission.REDRAW: "重新抽取双随机抽查任务",
    Permission.RECORD_INSPECTIONS: "登记抽查检查结果",
    Permission.MANAGE_PUBLIC_LISTS: "修改事前公示清单",
    Permission.ACCEPT_RECORDING_FINDINGS: "批准音像记录缺失理由、确认结案时的音像记录问题",
    Permission.PLACE_LEGAL_HOLDS: "设置和解除音视频资料的保全（法律冻结）",
    Permission.MANAGE_RETENTION: "清理到期音视频资料、修改音像记录事项清单",
}
PERMISSION_LABELS_EN = {
    Permission.MANAGE_UNITS: "manage units",
    Permission.MANAGE_OFFICERS: "manage officers and certificates",
    Permission.MANAGE_ACCOUNTS: "manage user accounts",
    Permission.CHANGE_SETTINGS: "change settings",
    Permission.VIEW_AUDIT_LOG: "view the audit log",
    Permission.MANAGE_DEVICES: "manage recording devices",
    Permission.DEVICE_CUSTODY: "check devices out and in",
    Permission.MANAGE_STANDARDS: "change device types and ratio standards",
    Permission.INGEST_FOOTAGE: "offload recorder footage",
    Permission.VIEW_FOOTAGE: "view footage",
    Permission.VIEW_CASES: "view cases",
    Permission.EDIT_CASES: "handle cases (new cases, parties, steps, evidence links)",
    Permission.ISSUE_DOCUMENTS: "issue numbered case documents",
    Permission.MANAGE_SYNC: "enroll this workstation at HQ",
    Permission.RUN_SYNC: "sync with HQ",
    Permission.MANAGE_HQ: "administer HQ (enrollment codes, workstations, checks)",
    Permission.MANAGE_CALENDAR: "import the working-day calendar",
    Permission.SUBMIT_REVIEW: "submit cases for legal review",
    Permission.REVIEW_CASES: "record legal-review opinions",
    Permission.DECIDE_REVIEW_DISPUTE: "decide disagreements over a legal review",
    Permission.MANAGE_REVIEW_RULES: "manage the major-decision catalogue, discretion "
                                    "benchmarks and reviewers",
    Permission.VIEW_DISCLOSURE: "view enforcement disclosures",
    Permission.PREPARE_DISCLOSURE: "prepare, publish and withdraw disclosures",
    Permission.APPROVE_DISCLOSURE: "approve disclosures for release",
    Permission.MANAGE_DISCLOSURE_RULES: "manage the disclosure rules",
    Permission.EXPORT_EVIDENCE: "export case files and evidence packages",
    Permission.RUN_DRAWS: "run random-inspection draws (tasks, recusals, the draw)",
    Permission.REDRAW: "redraw a random-inspection task",
    Permission.RECORD_INSPECTIONS: "record inspection results",
    Permission.MANAGE_PUBLIC_LISTS: "change the public lists",
    Permission.ACCEPT_RECORDING_FINDINGS: "approve reasons for missing recordings and accept "
                                          "recording findings at closing",
    Permission.PLACE_LEGAL_HOLDS: "place and release legal holds on footage",
    Permission.MANAGE_RETENTION: "purge footage past its retention and change the "
                                 "audio-video item list",
}


class PermissionDenied(DomainError):
    code = "permission_denied"
    zh = "用户 {user} 无权{what_zh}"
    en = "User {user} may not {what_en}"


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise InvalidInput(f"未知角色“{text}”，可选：{names}",
                           f"unknown role '{text}'; choose from {names}") from None


def permissions_of(roles: frozenset[str]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        if role in Role._value2member_map_:
            granted |= GRANTS[Role(role)]
    return frozenset(granted)


def allowed(actor: Actor, permission: Permission) -> bool:
    return permission in permissions_of(actor.roles)


def require(actor: Actor, permission: Permission) -> None:
    if not allowed(actor, permission):
        raise PermissionDenied(user=actor.username, what_zh=PERMISSION_LABELS_ZH[permission],
                               what_en=PERMISSION_LABELS_EN[permission])
