"""The list of case types: shipped as defaults, then edited by admins.

Types are deactivated, never deleted: old cases keep pointing at them.
"""
from __future__ import annotations


from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from core.type_names import TypeRow, clean_type_names
from db.models import CaseType



CaseTypeRow = TypeRow  # the same shape for every editable type list


def _row(t: CaseType) -> CaseTypeRow:
    return CaseTypeRow(t.code, t.name_zh, t.name_en, t.active)


def find_case_type(session: Session, key: str) -> CaseType:
    """A type by code or by its Chinese or English name."""
    key = key.strip()
    found = session.execute(select(CaseType).where(or_(
        CaseType.code == key, CaseType.name_zh == key, CaseType.name_en == key))).scalars().first()
    if found is None:
        raise NotFound("案件类型", "case type", key)
    return found


def list_case_types(ctx: Context, *, include_inactive: bool = False) -> list[CaseTypeRow]:
    query = select(CaseType).order_by(CaseType.code)
    if not include_inactive:
        query = query.where(CaseType.active.is_(True))
    with ctx.read() as session:
        return [_row(t) for t in session.execute(query).scalars()]


def set_case_type(ctx: Context, code: str, name_zh: str, name_en: str, *,
                  active: bool = True) -> CaseTypeRow:
    """Add a case type, or rename, deactivate or reactivate one (an admin's setting)."""
    require(ctx.actor, Permission.CHANGE_SETTINGS)
    code, name_zh, name_en = clean_type_names(code, name_zh, name_en)
    with ctx.write("case_type.set") as session:
        taken = session.execute(select(CaseType.code).where(
            CaseType.code != code,
            or_(CaseType.name_zh == name_zh, CaseType.name_en == name_en))).first()
        if taken:
            # Names are accepted wherever a type is typed, so they must stay unambiguous.
            raise InvalidInput(f"名称已被类型 {taken[0]} 使用",
                               f"the name is already used by type {taken[0]}")
        existing = session.get(CaseType, code)
        if existing is None:
            existing = CaseType(code=code, name_zh=name_zh, name_en=name_en, active=active)
            session.add(existing)
        else:
            existing.name_zh, existing.name_en, existing.active = name_zh, name_en, active
        session.flush()
        return _row(existing)
