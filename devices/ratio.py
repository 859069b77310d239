"""Ratio standards (配备比例) and the report of how each unit measures up to them.

A standard says, for a device type, how many devices a unit needs: one per N certified
officers, a fixed minimum, or both (the larger wins). A standard without a unit is the
default for every unit; a unit's own standard for a type replaces the default for that
type (minimum 0 and no ratio: that unit needs none).

The report counts, per unit and per type that has a standard:
- officers: officers of the unit certified today (持证上岗: expired, suspended, revoked and
  not-yet-valid certificates do not count), the rule of organisation.certification;
- required = max(ceil(officers / officers_per_device) if set, minimum if set, 0);
- in_service: the unit's devices of that type in store or checked out (in repair, lost and
  retired ones do not count);
- shortfall = max(0, required - in_service), surplus = max(0, in_service - required).
Types that are no longer in use (deactivated) are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import Certificate, Device, DeviceType, Officer, RatioStandard, Unit
from devices.lookup import find_device_type
from devices.status import IN_SERVICE
from organisation.officers import (
    certified_condition,
    certified_officers_by_unit,
    with_current_certificate,
)
from organisation.units import find_unit, unit_order

LIMIT = 10_000  # far above any real standard; stops a typo of 30000 for 3


@dataclass(frozen=True)
class RatioRow:
    unit_id: str
    unit_name: str
    unit_short_name: str
    device_type: str
    device_type_zh: str
    device_type_en: str
    officers: int
    officers_per_device: int | None
    minimum: int | None
    required: int
    in_service: int
    shortfall: int
    surplus: int
    scope: str                       # "unit": the unit's own standard; "default"

    def device_type_name(self, language: str = "zh_CN") -> str:
        return self.device_type_en if language.startswith("en") else self.device_type_zh

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"unit": self.unit_name, "unit_short": self.unit_short_name,
                "device_type": self.device_type,
                "device_type_name": self.device_type_name(language),
                "officers": self.officers, "officers_per_device": self.officers_per_device,
                "minimum": self.minimum, "required": self.required,
                "in_service": self.in_service, "shortfall": self.shortfall,
                "surplus": self.surplus, "standard": self.scope}


@dataclass(frozen=True)
class StandardRow:
    id: str
    unit_id: str | None              # None: the default for every unit
    unit_name: str | None
    device_type: str
    device_type_zh: str
    device_type_en: str
    officers_per_device: int | None
    minimum: int | None
    updated_at: datetime

    def describe(self, language: str = "zh_CN") -> str:
        en = language.startswith("en")
        parts = []
        if self.officers_per_device:
            parts.append(f"1 per {self.officers_per_device} certified officers" if en
                         else f"每 {self.officers_per_device} 名持证执法人员 1 台")
        if self.minimum is not None:
            parts.append(f"at least {self.minimum}" if en else f"至少 {self.minimum} 台")
        return ("; " if en else "，").join(parts)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"unit": self.unit_name, "device_type": self.device_type,
                "device_type_name": self.device_type_en if language.startswith("en")
                else self.device_type_zh,
                "officers_per_device": self.officers_per_device, "minimum": self.minimum,
                "description": self.describe(language), "updated_at": self.updated_at.isoformat()}


@dataclass(frozen=True)
class ExpiringCertificate:
    officer_id: str
    officer_name: str
    unit_name: str
    certificate_number: str
    valid_until: date
    days_left: int                   # 0: the certificate's last valid day is today

    def as_json(self) -> dict:
        return {"officer": self.officer_name, "unit": self.unit_name,
                "certificate": self.certificate_number,
                "valid_until": self.valid_until.isoformat(), "days_left": self.days_left}


def required_devices(officers: int, officers_per_device: int | None,
                     minimum: int | None) -> int:
    by_ratio = -(-officers // officers_per_device) if officers_per_device else 0  # ceiling
    return max(by_ratio, minimum or 0)


# ----------------------------------------------------------------------------- the report
def ratio_report(ctx: Context) -> list[RatioRow]:
    """Every unit against every standard that applies to it, by unit name then type code.

    Four bulk queries (units, standards, certified officers per unit, devices in service
    per unit and type), whatever the number of officers or devices."""
    today = ctx.clock.today()
    with ctx.read() as session:
        units = session.execute(select(Unit.id, Unit.name, Unit.short_name)
                                .order_by(unit_order())).all()
        standards = session.execute(
            select(RatioStandard.unit_id, RatioStandard.device_type,
                   RatioStandard.officers_per_device, RatioStandard.minimum,
                   DeviceType.name_zh, DeviceType.name_en)
            .join(DeviceType, DeviceType.code == RatioStandard.device_type)
            .where(DeviceType.active.is_(True))).all()
        officers = certified_officers_by_unit(session, today)
        in_service = {(unit_id, code): n for unit_id, code, n in session.execute(
            select(Device.unit_id, Device.type_code, func.count())
            .where(Device.status.in_(IN_SERVICE))
            .group_by(Device.unit_id, Device.type_code))}
    defaults = {s.device_type: s for s in standards if s.unit_id is None}
    own = {(s.unit_id, s.device_type): s for s in standards if s.unit_id is not None}
    codes = sorted({s.device_type for s in standards})
    rows = []
    for unit_id, unit_name, short_name in units:
        for code in codes:
            standard = own.get((unit_id, code)) or defaults.get(code)
            if standard is None:
                continue
            count = officers.get(unit_id, 0)
            required = required_devices(count, standard.officers_per_device, standard.minimum)
            have = in_service.get((unit_id, code), 0)
            rows.append(RatioRow(
                unit_id, unit_name, short_name, code, standard.name_zh, standard.name_en,
                count, standard.officers_per_device, standard.minimum, required, have,
                max(0, required - have), max(0, have - required),
                "unit" if standard.unit_id else "default"))
    return rows


def expiring_certificates(ctx: Context, days: int = 30) -> list[ExpiringCertificate]:
    """Officers certified today whose current certificate ends within ``days`` days (the
    last valid day counted), soonest first. An officer whose renewal is already on file (a
    later certificate, not suspended or revoked, starting after today) is not listed."""
    if days < 0:
        raise InvalidInput("天数不能为负", "the number of days cannot be negative")
    today = ctx.clock.today()
    later = aliased(Certificate)
    renewal = (select(later.id).where(
        later.officer_id == Officer.id, later.valid_from > today,
        later.status.not_in(("suspended", "revoked"))).correlate(Officer).exists())
    query = (with_current_certificate(
        select(Officer.id, Officer.name, Unit.name, Certificate.number,
               Certificate.valid_until).join(Unit, Unit.id == Officer.unit_id), today)
        .where(and_(certified_condition(today),
                    Certificate.valid_until <= today + timedelta(days=days), ~renewal))
        .order_by(Certificate.valid_until, Officer.name))
    with ctx.read() as session:
        rows = session.execute(query).all()
    return [ExpiringCertificate(oid, name, unit, number, until, (until - today).days)
            for oid, name, unit, number, until in rows]


# ----------------------------------------------------------------------------- standards
def _standard_rows(session, where=None) -> list[StandardRow]:  # noqa: ANN001
    query = (select(RatioStandard.id, RatioStandard.unit_id, Unit.name,
                    RatioStandard.device_type, DeviceType.name_zh, DeviceType.name_en,
                    RatioStandard.officers_per_device, RatioStandard.minimum,
                    RatioStandard.updated_at)
             .join(DeviceType, DeviceType.code == RatioStandard.device_type)
             .outerjoin(Unit, Unit.id == RatioStandard.unit_id)
             # The defaults first, then each unit's own, by type.
             .order_by(RatioStandard.unit_id.is_not(None), Unit.name, RatioStandard.device_type))
    if where is not None:
        query = query.where(where)
    return [StandardRow(*row) for row in session.execute(query)]


def list_standards(ctx: Context) -> list[StandardRow]:
    with ctx.read() as session:
        return _standard_rows(session)


def _check_number(value: int | None, low: int, zh: str, en: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= LIMIT:
        raise InvalidInput(f"{zh}须为 {low} 至 {LIMIT} 的整数",
                           f"{en} must be a whole number from {low} to {LIMIT}")
    return value


def set_standard(ctx: Context, unit: str | None, device_type: str, *,
                 officers_per_device: int | None = None,
                 minimum: int | None = None) -> StandardRow:
    """Set the standard of a unit (by name or short name), or with ``unit`` None the default
    for every unit, for one device type. Replaces what was there."""
    require(ctx.actor, Permission.MANAGE_STANDARDS)
    officers_per_device = _check_number(officers_per_device, 1, "每台设备对应的人数",
                                        "officers per device")
    minimum = _check_number(minimum, 0, "最低配备数", "the minimum")
    if officers_per_device is None and minimum is None:
        raise InvalidInput("请给出每台设备对应的人数或最低配备数（不需要配备时最低数填 0）",
                           "give officers per device or a minimum (a minimum of 0 when "
                           "none is needed)")
    with ctx.write("ratio_standard.set") as session:
        code = find_device_type(session, device_type).code
        unit_id = find_unit(session, unit).id if unit is not None else None
        same_unit = (RatioStandard.unit_id.is_(None) if unit_id is None
                     else RatioStandard.unit_id == unit_id)
        standard = session.execute(select(RatioStandard).where(
            same_unit, RatioStandard.device_type == code)).scalar_one_or_none()
        if standard is None:
            standard = RatioStandard(unit_id=unit_id, device_type=code)
            session.add(standard)
        standard.officers_per_device, standard.minimum = officers_per_device, minimum
        standard.updated_at = ctx.clock.now()
        session.flush()
        return _standard_rows(session, RatioStandard.id == standard.id)[0]


def remove_standard(ctx: Context, unit: str | None, device_type: str) -> None:
    """Remove a standard: a unit's own one (the default applies again), or the default."""
    require(ctx.actor, Permission.MANAGE_STANDARDS)
    with ctx.write("ratio_standard.remove") as session:
        code = find_device_type(session, device_type).code
        unit_id = find_unit(session, unit).id if unit is not None else None
        same_unit = (RatioStandard.unit_id.is_(None) if unit_id is None
                     else RatioStandard.unit_id == unit_id)
        standard = session.execute(select(RatioStandard).where(
            same_unit, RatioStandard.device_type == code)).scalar_one_or_none()
        if standard is None:
            raise NotFound("配备标准", "ratio standard", f"{unit or '*'}/{code}")
        session.delete(standard)
