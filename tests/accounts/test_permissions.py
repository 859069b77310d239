"""The permission matrix: every role against every permission, through real services.

Each permission has one service call in ACTIONS that needs it. A role without the
permission is refused with PermissionDenied and nothing changes; a role with it succeeds.
A new Permission member fails test_every_permission_has_an_action until it gets one here.
"""
from __future__ import annotations

from datetime import date
from typing import Callable

import pytest
from sqlalchemy import func, select

from accounts.permissions import GRANTS, Permission, PermissionDenied, Role, allowed
from accounts.users import add_user, list_users
from audit.log import recent_entries
from config.settings import get_setting, set_setting
from core.actor import Actor
from core.context import Context
from db.models import Base
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


ACTIONS: dict[Permission, list[Callable[[Context], None]]] = {
    Permission.MANAGE_UNITS: [_add_unit],
    Permission.MANAGE_OFFICERS: [_add_officer],
    Permission.MANAGE_ACCOUNTS: [_add_user, _list_users],
    Permission.CHANGE_SETTINGS: [_set_bureau_name],
    Permission.VIEW_AUDIT_LOG: [_view_audit_log],
}

# The matrix as the bureau agreed it, spelt out rather than read from GRANTS, so a change
# to GRANTS shows up here as a failing test that someone has to look at.
EXPECTED: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset(),
    Role.CUSTODIAN: frozenset(),
    Role.OFFICER: frozenset(),
    Role.REVIEWER: frozenset(),
}

CASES = [(role, permission, action)
         for role in Role for permission in Permission for action in ACTIONS.get(permission, [])]
FORBIDDEN = [pytest.param(role, action, id=f"{role.value}-{action.__name__.lstrip('_')}")
             for role, permission, action in CASES if permission not in EXPECTED[role]]
GRANTED = [pytest.param(role, action, id=f"{role.value}-{action.__name__.lstrip('_')}")
           for role, permission, action in CASES if permission in EXPECTED[role]]


@pytest.fixture
def prepared(workspace, as_role):
    """A data folder with a unit for new officers to join."""
    add_unit(as_role("admin", username="setup"), "综合科", "综合")
    return workspace


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
    action(as_role(role.value))


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
    set_setting(as_role(Role.CLERK.value), "ui.language", "en")
    assert get_setting(prepared.db, "ui.language") == "en"
