"""The list of device types: shipped as defaults, then edited by admins.

Types are deactivated, never deleted: devices, custody history and standards keep
pointing at them.
"""
from __future__ import annotations


from sqlalchemy import select

from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from core.type_names import TypeRow, clean_type_names
from db.models import DeviceType



DeviceTypeRow = TypeRow  # the same shape for every editable type list


def _row(t: DeviceType) -> DeviceTypeRow:
    return DeviceTypeRow(t.code, t.name_zh, t.name_en, t.active)


def list_device_types(ctx: Context, *, include_inactive: bool = False) -> list[DeviceTypeRow]:
    query = select(DeviceType).order_by(DeviceType.code)
    if not include_inactive:
        query = query.where(DeviceType.active.is_(True))
    with ctx.read() as session:
        return [_row(t) for t in session.execute(query).scalars()]


def set_device_type(ctx: Context, code: str, name_zh: str, name_en: str, *,
                    active: bool = True) -> DeviceTypeRow:
    """Add a device type, or rename, deactivate or reactivate one."""
    require(ctx.actor, Permission.MANAGE_STANDARDS)
    code, name_zh, name_en = clean_type_names(code, name_zh, name_en)
    with ctx.write("device_type.set") as session:
        existing = session.get(DeviceType, code)
        taken = session.execute(select(DeviceType.code).where(
            DeviceType.code != code,
            (DeviceType.name_zh == name_zh) | (DeviceType.name_en == name_en))).first()
        if taken:
            # Names are looked up like codes (CSV files), so they must stay unambiguous.
            raise InvalidInput(f"名称已被类型 {taken[0]} 使用",
                               f"the name is already used by type {taken[0]}")
        if existing is None:
            existing = DeviceType(code=code, name_zh=name_zh, name_en=name_en, active=active)
            session.add(existing)
        else:
            existing.name_zh, existing.name_en, existing.active = name_zh, name_en, active
        session.flush()
        return _row(existing)
