"""Roles and what each may do. Checked in the services, whatever the UI shows.

The matrix is code, not a settings file: who may change the rules must not itself be a
rule an admin can edit away.
"""
from __future__ import annotations

import enum

from core.actor import Actor
from core.errors import DomainError


class Role(str, enum.Enum):
    ADMIN = "admin"
    CLERK = "clerk"
    CUSTODIAN = "custodian"
    OFFICER = "officer"
    REVIEWER = "reviewer"


ROLE_LABELS_ZH = {
    Role.ADMIN: "系统管理员", Role.CLERK: "案件文书员", Role.CUSTODIAN: "设备管理员",
    Role.OFFICER: "执法人员", Role.REVIEWER: "法制审核员",
}


class Permission(str, enum.Enum):
    MANAGE_UNITS = "manage_units"
    MANAGE_OFFICERS = "manage_officers"
    MANAGE_ACCOUNTS = "manage_accounts"
    CHANGE_SETTINGS = "change_settings"
    VIEW_AUDIT_LOG = "view_audit_log"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset(),
    Role.CUSTODIAN: frozenset(),
    Role.OFFICER: frozenset(),
    Role.REVIEWER: frozenset(),
}

PERMISSION_LABELS_ZH = {
    Permission.MANAGE_UNITS: "管理科室",
    Permission.MANAGE_OFFICERS: "管理执法人员及证件",
    Permission.MANAGE_ACCOUNTS: "管理用户账号",
    Permission.CHANGE_SETTINGS: "修改系统设置",
    Permission.VIEW_AUDIT_LOG: "查看审计日志",
}
PERMISSION_LABELS_EN = {
    Permission.MANAGE_UNITS: "manage units",
    Permission.MANAGE_OFFICERS: "manage officers and certificates",
    Permission.MANAGE_ACCOUNTS: "manage user accounts",
    Permission.CHANGE_SETTINGS: "change settings",
    Permission.VIEW_AUDIT_LOG: "view the audit log",
}


class PermissionDenied(DomainError):
    code = "permission_denied"
    zh = "用户 {user} 无权{what_zh}"
    en = "User {user} may not {what_en}"


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        from core.errors import InvalidInput
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
