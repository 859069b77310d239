from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.context import Context
from core.errors import AlreadyExists, InvalidInput, NotFound
from core.name_order import unit_sort_key
from core.permissions import Permission, require
from db.models import Officer, Unit

def unit_order():  # noqa: ANN201 - an SQL expression
    """Units in pinyin order of their names (a row written before 0022 filled its key falls
    back to the name)."""
    return func.coalesce(Unit.name_sort_key, Unit.name)


@dataclass(frozen=True)
class UnitInfo:
    id: str
    name: str
    short_name: str
    officers: int


def _clean(name: str, short_name: str) -> tuple[str, str]:
    name, short_name = name.strip(), short_name.strip()
    if not name:
        raise InvalidInput("科室名称不能为空", "the unit name is empty")
    if not short_name:
        raise InvalidInput("科室简称不能为空（用于文书编号）",
                           "the short name is empty (document numbers use it)")
    if len(short_name) > 20 or any(ch in short_name for ch in "{}〔〕/\\"):
        raise InvalidInput("科室简称最多 20 个字符，且不能含有 {} 〔〕 / \\",
                           "a short name has at most 20 characters and none of {} 〔〕 / \\")
    return name, short_name


def find_unit(session: Session, key: str) -> Unit:
    """A unit by its name or its short name."""
    unit = session.execute(
        select(Unit).where(or_(Unit.name == key, Unit.short_name == key))
    ).scalars().first()
    if unit is None:
        raise NotFound("科室", "unit", key)
    return unit


def _check_unique(session: Session, name: str, short_name: str, exclude: str | None) -> None:
    for column, value, zh, en in ((Unit.name, name, "科室名称", "unit name"),
                                  (Unit.short_name, short_name, "科室简称", "unit short name")):
        query = select(Unit.id).where(column == value)
        if exclude:
            query = query.where(Unit.id != exclude)
        if session.execute(query).first():
            raise AlreadyExists(zh, en, value)


def add_unit(ctx: Context, name: str, short_name: str) -> UnitInfo:
    require(ctx.actor, Permission.MANAGE_UNITS)
    name, short_name = _clean(name, short_name)
    with ctx.write("unit.add") as session:
        _check_unique(session, name, short_name, None)
        unit = Unit(name=name, name_sort_key=unit_sort_key(name), short_name=short_name)
        session.add(unit)
        session.flush()
        return UnitInfo(unit.id, unit.name, unit.short_name, 0)


def update_unit(ctx: Context, unit_id: str, name: str, short_name: str) -> UnitInfo:
    require(ctx.actor, Permission.MANAGE_UNITS)
    name, short_name = _clean(name, short_name)
    with ctx.write("unit.update") as session:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise NotFound("科室", "unit", unit_id)
        _check_unique(session, name, short_name, unit_id)
        unit.name, unit.short_name = name, short_name
        unit.name_sort_key = unit_sort_key(name)
        session.flush()
    return next(u for u in list_units(ctx) if u.id == unit_id)


def list_units(ctx: Context) -> list[UnitInfo]:
    with ctx.read() as session:
        counts = (select(Officer.unit_id, func.count().label("n"))
                  .group_by(Officer.unit_id).subquery())
        rows = session.execute(
            select(Unit, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.unit_id == Unit.id).order_by(unit_order())
        ).all()
        return [UnitInfo(u.id, u.name, u.short_name, n) for u, n in rows]
