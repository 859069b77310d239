"""User accounts and logging in: what a user meets at the login box and an admin in the
accounts view."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from accounts.users import (
    AccountDisabled, LastAdmin, LoginFailed, LoginThrottled, MAX_LOCK, add_user,
    change_own_password, list_users, lock_delay, reset_password, set_active, set_roles,
)
from core.clock import fixed_clock
from core.errors import AlreadyExists, InvalidInput, NotFound
from db.models import User
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit

WRONG = "not-the-password"
# The first admin of the `workspace` fixture, whose clock stands at NOW.
ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"
NOW = datetime(2026, 6, 15, 2, 0, tzinfo=timezone.utc)


def last_entry(raw_db) -> dict:
    with raw_db() as connection:
        row = connection.execute("SELECT seq, actor, action, object_type, object_id, change "
                                 "FROM ledger_entry ORDER BY seq DESC LIMIT 1").fetchone()
    return dict(zip(("seq", "actor", "action", "object_type", "object_id", "change"), row))


def user_row(workspace, username: str) -> User:
    with workspace.db.read() as session:
        return session.execute(select(User).where(User.username == username)).scalar_one()


def opened_at(workspace, instant) -> Workspace:
    """The same data folder seen by a later run of the program, whose clock says ``instant``."""
    return Workspace.open(workspace.data_dir, clock=fixed_clock(instant))


@pytest.fixture
def manager(as_role):
    return as_role("admin", username=ADMIN)


@pytest.fixture
def officer_cert(manager) -> str:
    add_unit(manager, "综合科", "综合")
    add_officer(manager, "王五", "综合", CertificateInput("22010000001", date(2028, 12, 31)))
    return "22010000001"


# ------------------------------------------------------------------------- logging in
def test_login_gives_the_users_roles(workspace):
    assert workspace.clock.now() == NOW
    ctx = workspace.login(ADMIN, ADMIN_PASSWORD)
    assert ctx.actor.username == ADMIN
    assert ctx.actor.roles == frozenset({"admin"})
    assert ctx.actor.user_id == user_row(workspace, ADMIN).id


def test_wrong_password_is_refused_and_audited(workspace, raw_db, ledger_length):
    length = ledger_length()
    with pytest.raises(LoginFailed):
        workspace.login(ADMIN, WRONG)
    assert ledger_length() == length + 1
    entry = last_entry(raw_db)
    assert (entry["actor"], entry["action"], entry["object_type"]) == (
        ADMIN, "login.failed", "user_account")
    assert json.loads(entry["change"])["after"] == {"failed_logins": 1}
    assert WRONG not in entry["change"]


def test_unknown_user_is_refused_the_same_way_and_audited(workspace, raw_db):
    with pytest.raises(LoginFailed) as refused:
        workspace.login("nobody", WRONG)
    assert refused.value.message("en") == LoginFailed().message("en")  # no name probing
    entry = last_entry(raw_db)
    assert (entry["action"], entry["object_type"], entry["object_id"]) == (
        "login.failed", "login", "nobody")
    assert json.loads(entry["change"]) == {"reason": "unknown user"}


def test_three_failures_throttle_the_account_until_the_lock_passes(workspace, raw_db):
    for _ in range(3):
        with pytest.raises(LoginFailed):
            workspace.login(ADMIN, WRONG)
    locked_until = user_row(workspace, ADMIN).locked_until
    assert locked_until == NOW + timedelta(seconds=10)

    with pytest.raises(LoginThrottled) as throttled:  # even with the right password
        workspace.login(ADMIN, ADMIN_PASSWORD)
    assert throttled.value.params["seconds"] == 11
    assert last_entry(raw_db)["action"] == "login.throttled"

    with opened_at(workspace, locked_until - timedelta(seconds=1)) as early:
        with pytest.raises(LoginThrottled):
            early.login(ADMIN, ADMIN_PASSWORD)
    with opened_at(workspace, locked_until) as later:
        assert later.login(ADMIN, ADMIN_PASSWORD).actor.username == ADMIN
    row = user_row(workspace, ADMIN)
    assert (row.failed_logins, row.locked_until) == (0, None)


def test_each_further_failure_doubles_the_wait(workspace):
    for _ in range(3):
        with pytest.raises(LoginFailed):
            workspace.login(ADMIN, WRONG)
    with opened_at(workspace, NOW + timedelta(seconds=10)) as later:
        with pytest.raises(LoginFailed):
            later.login(ADMIN, WRONG)
    assert user_row(workspace, ADMIN).locked_until == NOW + timedelta(seconds=30)


def test_lock_delay_grows_and_is_capped():
    assert [lock_delay(n) for n in range(3)] == [timedelta(0)] * 3
    assert [lock_delay(n).total_seconds() for n in (3, 4, 5)] == [10, 20, 40]
    assert lock_delay(50) == MAX_LOCK


def test_an_account_with_many_failures_stays_throttled_and_audited(workspace, raw_db):
    with raw_db() as connection:
        connection.execute("UPDATE user_account SET failed_logins = 60 WHERE username = ?",
                           [ADMIN])
    with pytest.raises(LoginFailed):
        workspace.login(ADMIN, WRONG)
    assert last_entry(raw_db)["action"] == "login.failed"
    row = user_row(workspace, ADMIN)
    assert (row.failed_logins, row.locked_until) == (61, NOW + MAX_LOCK)


def test_a_successful_login_resets_the_failure_count(workspace):
    for _ in range(2):
        with pytest.raises(LoginFailed):
            workspace.login(ADMIN, WRONG)
    assert user_row(workspace, ADMIN).failed_logins == 2
    workspace.login(ADMIN, ADMIN_PASSWORD)
    assert user_row(workspace, ADMIN).failed_logins == 0
    with pytest.raises(LoginFailed):  # would be the third failure in a row without the reset
        workspace.login(ADMIN, WRONG)
    assert user_row(workspace, ADMIN).locked_until is None
    workspace.login(ADMIN, ADMIN_PASSWORD)


def test_resetting_the_password_lifts_a_lock(workspace, manager):
    add_user(manager, "clerk1", "clerk-pass-1", ["clerk"])
    for _ in range(3):
        with pytest.raises(LoginFailed):
            workspace.login("clerk1", WRONG)
    reset_password(manager, "clerk1", "clerk-pass-2")
    assert workspace.login("clerk1", "clerk-pass-2").actor.roles == frozenset({"clerk"})


def test_a_disabled_account_is_refused(workspace, manager, raw_db):
    add_user(manager, "clerk1", "clerk-pass-1", ["clerk"])
    set_active(manager, "clerk1", False)
    with pytest.raises(AccountDisabled):
        workspace.login("clerk1", "clerk-pass-1")
    assert last_entry(raw_db)["action"] == "login.disabled"
    with pytest.raises(LoginFailed):  # a wrong password does not reveal the account is off
        workspace.login("clerk1", WRONG)
    set_active(manager, "clerk1", True)
    workspace.login("clerk1", "clerk-pass-1")


# --------------------------------------------------------------------- administering
def test_the_last_active_admin_cannot_be_disabled_or_demoted(workspace, manager):
    with pytest.raises(LastAdmin):
        set_active(manager, ADMIN, False)
    with pytest.raises(LastAdmin):
        set_roles(manager, ADMIN, ["clerk"])
    row = user_row(workspace, ADMIN)
    assert row.active
    assert [u.roles for u in list_users(manager)] == [("admin",)]


def test_a_disabled_admin_does_not_count(workspace, manager):
    add_user(manager, "admin2", "admin-pass-2", ["admin", "clerk"])
    set_active(manager, "admin2", False)
    with pytest.raises(LastAdmin):
        set_roles(manager, ADMIN, ["clerk"])
    set_active(manager, "admin2", True)
    assert set_roles(manager, ADMIN, ["clerk"]).roles == ("clerk",)
    with pytest.raises(LastAdmin):
        set_active(manager, "admin2", False)


def test_the_officer_role_needs_a_linked_officer(workspace, manager, officer_cert):
    with pytest.raises(InvalidInput):
        add_user(manager, "wang", "officer-pass-1", ["officer"])
    with pytest.raises(NotFound):
        add_user(manager, "wang", "officer-pass-1", ["officer"], officer_certificate="nope")
    info = add_user(manager, "wang", "officer-pass-1", ["officer"],
                    officer_certificate=officer_cert)
    assert (info.officer_name, info.certificate_number) == ("王五", officer_cert)
    with pytest.raises(AlreadyExists):  # one account per officer
        add_user(manager, "wang2", "officer-pass-1", ["clerk"], officer_certificate=officer_cert)
    add_user(manager, "clerk1", "clerk-pass-1", ["clerk"])
    with pytest.raises(InvalidInput):
        set_roles(manager, "clerk1", ["clerk", "officer"])


@pytest.mark.parametrize("password", ["short", "1234567", " leading-space", "trailing-space "])
def test_a_weak_password_is_refused(workspace, manager, ledger_length, password):
    length = ledger_length()
    with pytest.raises(InvalidInput):
        add_user(manager, "clerk1", password, ["clerk"])
    with pytest.raises(InvalidInput):
        reset_password(manager, ADMIN, password)
    assert ledger_length() == length


def test_a_weak_first_admin_password_is_refused(tmp_path, clock):
    with Workspace.open(tmp_path / "new", clock=clock, create=True) as ws:
        with pytest.raises(InvalidInput):
            ws.initialise(ADMIN, "short")
        assert not ws.initialised


def test_a_duplicate_user_name_is_refused(workspace, manager):
    with pytest.raises(AlreadyExists):
        add_user(manager, ADMIN, "other-pass-1", ["clerk"])


@pytest.mark.parametrize("name", ["a", "has space", "semi;colon", "x" * 51])
def test_a_bad_user_name_is_refused(workspace, manager, name):
    with pytest.raises(InvalidInput):
        add_user(manager, name, "clerk-pass-1", ["clerk"])


def test_unknown_role_and_no_role_are_refused(workspace, manager):
    with pytest.raises(InvalidInput):
        add_user(manager, "clerk1", "clerk-pass-1", ["boss"])
    with pytest.raises(InvalidInput):
        add_user(manager, "clerk1", "clerk-pass-1", [])


def test_changing_ones_own_password_needs_the_old_one(workspace, as_role):
    me = as_role("admin", username=ADMIN)
    with pytest.raises(LoginFailed):
        change_own_password(me, WRONG, "brand-new-pass")
    with pytest.raises(InvalidInput):
        change_own_password(me, ADMIN_PASSWORD, "short")
    change_own_password(me, ADMIN_PASSWORD, "brand-new-pass")
    with pytest.raises(LoginFailed):
        workspace.login(ADMIN, ADMIN_PASSWORD)
    workspace.login(ADMIN, "brand-new-pass")


def test_passwords_are_never_stored_in_clear(workspace, manager):
    secrets = ["clerk-secret-1", "clerk-secret-2", "admin-secret-3"]
    add_user(manager, "clerk1", secrets[0], ["clerk"])
    reset_password(manager, "clerk1", secrets[1])
    change_own_password(manager, ADMIN_PASSWORD, secrets[2])
    with pytest.raises(LoginFailed):
        workspace.login("clerk1", "typo-secret-4")
    # Every file of the folder, the database's write-ahead log included.
    files = [p for p in workspace.data_dir.rglob("*") if p.is_file()]
    assert {"lawdesk.sqlite", "lawdesk.sqlite-wal"} <= {p.name for p in files}
    for path in files:
        content = path.read_bytes()
        for secret in [*secrets, "typo-secret-4", ADMIN_PASSWORD]:
            assert secret.encode() not in content, path
            assert secret.encode("utf-16-le") not in content, path
    assert user_row(workspace, "clerk1").password_hash.startswith("$argon2id$")
