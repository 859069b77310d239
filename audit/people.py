"""The name a person is known by, for a login the records carry (an audit entry's actor,
a case's recorder, who offloaded footage, who handed a device out): the linked officer's
name, else the account's display name, else the login itself. The window shows names;
logins stay in the records, which must not change when a person is renamed."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.actor import SYSTEM
from core.context import Context
from db.models import Officer, User

SYSTEM_NAME = ("系统", "the system")


def names_for_logins(session: Session, logins: Iterable[str],
                     language: str = "zh_CN") -> dict[str, str]:
    """login → name for every login given; a login with no account keeps its login."""
    wanted = {login for login in logins if login}
    result = {login: login for login in wanted}
    if SYSTEM in wanted:
        result[SYSTEM] = SYSTEM_NAME[1] if language.startswith("en") else SYSTEM_NAME[0]
    if wanted:
        query = (select(User.username, User.display_name, Officer.name)
                 .outerjoin(Officer, Officer.id == User.officer_id)
                 .where(User.username.in_(sorted(wanted))))
        for login, display_name, officer_name in session.execute(query):
            result[login] = officer_name or display_name or login
    return result


def logins_named(session: Session, text: str) -> list[str]:
    """The logins whose name (officer's or display name) or login contains ``text``."""
    text = text.strip()
    if not text:
        return []
    query = (select(User.username).outerjoin(Officer, Officer.id == User.officer_id)
             .where(or_(User.username.contains(text, autoescape=True),
                        User.display_name.contains(text, autoescape=True),
                        Officer.name.contains(text, autoescape=True))))
    return list(session.execute(query).scalars())


def person_names(ctx: Context, logins: Iterable[str], language: str = "zh_CN"
                 ) -> dict[str, str]:
    """``names_for_logins`` in its own read (for a view that holds logins)."""
    with ctx.read() as session:
        return names_for_logins(session, logins, language)
