"""User accounts: creation, roles, activation, passwords, and logging in."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from accounts.passwords import check_strength, hash_password, needs_rehash, verify_password
from audit.recorder import hold_ledger, record
from core.actor import Actor
from core.clock import Clock
from core.context import Context
from core.errors import AlreadyExists, DomainError, InvalidInput, NotFound
from core.name_order import name_sort_key
from core.permissions import Permission, Role, parse_role, require
from db.database import Database
from db.models import Officer, User, UserRole
from organisation.lookup import officer_by_certificate

USERNAME = re.compile(r"^[\w.\-]{2,50}$")
FREE_FAILURES = 3          # attempts before the account slows down
MAX_LOCK = timedelta(minutes=10)


class LoginFailed(DomainError):
    code = "login_failed"
    zh = "用户名或密码错误"
    en = "Wrong user name or password"


class LoginThrottled(DomainError):
    code = "login_throttled"
    zh = "登录失败次数过多，请 {seconds} 秒后再试"
    en = "Too many failed logins; try again in {seconds} seconds"


class AccountDisabled(DomainError):
    code = "account_disabled"
    zh = "账号 {user} 已停用"
    en = "The account {user} is disabled"


class LastAdmin(DomainError):
    code = "last_admin"
    zh = "至少要保留一个启用的系统管理员账号"
    en = "At least one active administrator account must remain"


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str | None
    roles: tuple[str, ...]
    active: bool
    officer_id: str | None
    officer_name: str | None
    certificate_number: str | None


def lock_delay(failures: int) -> timedelta:
    """How long an account waits after ``failures`` consecutive failed logins."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    # Bound the exponent: 10 s * 2**16 is far past MAX_LOCK, and a much larger power would
    # overflow timedelta after some 46 failures, crashing (and so un-auditing) every login.
    doublings = min(failures - FREE_FAILURES, 16)
    return min(timedelta(seconds=10 * 2 ** doublings), MAX_LOCK)


def _actor_of(user: User) -> Actor:
    return Actor(username=user.username, roles=user.role_names, user_id=user.id,
                 officer_id=user.officer_id)


def _load(session: Session, username: str) -> User | None:
    return session.execute(
        select(User).options(selectinload(User.roles)).where(User.username == username)
    ).scalar_one_or_none()


def _get(session: Session, username: str) -> User:
    user = _load(session, username)
    if user is None:
        raise NotFound("用户", "user", username)
    return user


def authenticate(db: Database, clock: Clock, username: str, password: str) -> Actor:
    """Log in. Every failure is audited; repeated failures make the account wait."""
    now = clock.now()
    # The typed name is who tried; cut to the column's width so a long one cannot break
    # the ledger (PostgreSQL at HQ enforces the length SQLite ignores).
    with db.write(actor=username[:50], action="login") as session:
        user = _load(session, username)
        if user is None:
            verify_password(None, password)  # same time as a real check: no name probing
            session.info["action"] = "login.failed"
            record(session, action="login.failed", object_type="login", object_id=username,
                   change={"reason": "unknown user"})
            failure: DomainError = LoginFailed()
        elif user.locked_until is not None and user.locked_until > now:
            wait = int((user.locked_until - now).total_seconds()) + 1
            session.info["action"] = "login.throttled"
            record(session, action="login.throttled", object_type="user_account",
                   object_id=user.id, change={"username": username})
            failure = LoginThrottled(seconds=wait)
        elif not verify_password(user.password_hash, password):
            session.info["action"] = "login.failed"
            # PostgreSQL: count from the latest committed value, under the ledger lock, so
            # failures at the same moment are all counted (SQLite's write lock does it there).
            hold_ledger(session)
            session.refresh(user)
            user.failed_logins += 1
            delay = lock_delay(user.failed_logins)
            user.locked_until = now + delay if delay else None
            failure = LoginFailed()
        elif not user.active:
            session.info["action"] = "login.disabled"
            record(session, action="login.disabled", object_type="user_account",
                   object_id=user.id, change={"username": username})
            failure = AccountDisabled(user=username)
        else:
            if user.failed_logins or user.locked_until:
                session.info["action"] = "login.succeeded"
                user.failed_logins, user.locked_until = 0, None
            if needs_rehash(user.password_hash):
                session.info["action"] = "login.rehash"
                user.password_hash = hash_password(password)
            return _actor_of(user)
    # Raised after the transaction committed, so the failure stays on record.
    raise failure


def _check_username(username: str) -> None:
    if not USERNAME.match(username):
        raise InvalidInput("用户名须为 2 至 50 个字母、数字、汉字或 . _ -",
                           "a user name has 2 to 50 letters, digits, '.', '_' or '-'")


def _roles(roles: list[str] | tuple[str, ...]) -> list[Role]:
    parsed = sorted({parse_role(r) for r in roles}, key=lambda r: r.value)
    if not parsed:
        raise InvalidInput("至少要选择一个角色", "choose at least one role")
    return parsed


def _active_admins(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(User).join(UserRole)
        .where(User.active.is_(True), UserRole.role == Role.ADMIN.value)
    ).scalar_one()


def user_sort_key(username: str, display_name: str | None) -> str:
    """Accounts in the pinyin order of their display names (the user name when none)."""
    return name_sort_key(display_name or username)


def user_order():  # noqa: ANN201 - an SQL expression
    """(Rows written before migration 0022 filled the key fall back to the user name.)"""
    return func.coalesce(User.name_sort_key, User.username)


def create_first_admin(db: Database, username: str, password: str) -> None:
    """The first account of a new data folder. Only ever called by workspace set-up."""
    _check_username(username)
    with db.write(actor="system", action="init.admin") as session:
        if session.execute(select(func.count()).select_from(User)).scalar_one():
            raise AlreadyExists("用户", "user", username)
        session.add(User(username=username, password_hash=hash_password(password),
                         name_sort_key=user_sort_key(username, None),
                         roles=[UserRole(role=Role.ADMIN.value)]))


def add_user(ctx: Context, username: str, password: str, roles: list[str], *,
             officer_certificate: str | None = None, display_name: str | None = None) -> UserInfo:
    require(ctx.actor, Permission.MANAGE_ACCOUNTS)
    _check_username(username)
    parsed = _roles(roles)
    password_hash = hash_password(password)
    with ctx.write("user.add") as session:
        if _load(session, username) is not None:
            raise AlreadyExists("用户", "user", username)
        officer_id = None
        if officer_certificate:
            officer = officer_by_certificate(session, officer_certificate)
            taken = session.execute(select(User).where(User.officer_id == officer.id)).first()
            if taken:
                raise AlreadyExists("执法人员的账号", "an account for officer", officer.name)
            officer_id = officer.id
        elif Role.OFFICER in parsed:
            raise InvalidInput("执法人员账号必须关联一名执法人员（执法证号）",
                               "an officer account must be linked to an officer "
                               "(certificate number)")
        user = User(username=username, display_name=display_name, password_hash=password_hash,
                    name_sort_key=user_sort_key(username, display_name),
                    officer_id=officer_id, roles=[UserRole(role=r.value) for r in parsed])
        session.add(user)
        session.flush()
        return _info(session, user)


def set_roles(ctx: Context, username: str, roles: list[str]) -> UserInfo:
    require(ctx.actor, Permission.MANAGE_ACCOUNTS)
    parsed = {r.value for r in _roles(roles)}
    with ctx.write("user.roles") as session:
        user = _get(session, username)
        if Role.OFFICER.value in parsed and user.officer_id is None:
            raise InvalidInput("执法人员角色需要先关联执法人员",
                               "the officer role needs a linked officer")
        keep = [r for r in user.roles if r.role in parsed]
        added = [UserRole(role=r) for r in sorted(parsed - {r.role for r in keep})]
        user.roles = keep + added
        session.flush()
        if _active_admins(session) == 0:
            raise LastAdmin()
        return _info(session, user)


def set_active(ctx: Context, username: str, active: bool) -> UserInfo:
    require(ctx.actor, Permission.MANAGE_ACCOUNTS)
    with ctx.write("user.enable" if active else "user.disable") as session:
        user = _get(session, username)
        user.active = active
        session.flush()
        if _active_admins(session) == 0:
            raise LastAdmin()
        return _info(session, user)


def reset_password(ctx: Context, username: str, new_password: str) -> None:
    require(ctx.actor, Permission.MANAGE_ACCOUNTS)
    password_hash = hash_password(new_password)
    with ctx.write("user.reset_password") as session:
        user = _get(session, username)
        user.password_hash = password_hash
        user.failed_logins, user.locked_until = 0, None


def change_own_password(ctx: Context, old_password: str, new_password: str) -> None:
    """Any user may change their own password, proving the old one first."""
    check_strength(new_password)
    with ctx.write("user.change_password") as session:
        user = _get(session, ctx.actor.username)
        if not verify_password(user.password_hash, old_password):
            raise LoginFailed()
        user.password_hash = hash_password(new_password)


def list_users(ctx: Context) -> list[UserInfo]:
    require(ctx.actor, Permission.MANAGE_ACCOUNTS)
    with ctx.read() as session:
        users = session.execute(
            select(User).options(selectinload(User.roles)).order_by(user_order(), User.username)
        ).scalars().all()
        return [_info(session, u) for u in users]


def _info(session: Session, user: User) -> UserInfo:
    officer_name = certificate = None
    if user.officer_id:
        officer = session.get(Officer, user.officer_id)
        officer_name = officer.name if officer else None
        if officer and officer.certificates:
            certificate = officer.certificates[-1].number
    return UserInfo(id=user.id, username=user.username, display_name=user.display_name,
                    roles=tuple(sorted(user.role_names)), active=user.active,
                    officer_id=user.officer_id, officer_name=officer_name,
                    certificate_number=certificate)


def has_users(db: Database) -> bool:
    with db.read() as session:
        return bool(session.execute(select(func.count()).select_from(User)).scalar_one())
