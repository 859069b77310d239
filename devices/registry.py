"""The device registry: registering and editing devices, listing them, their status history,
and the status changes a custodian records by hand (repair, loss, retirement).

Checkout and check-in are in devices.custody; both move status through devices.status.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from core.context import Context
from core.errors import AlreadyExists, InvalidInput, NotFound
from core.permissions import Permission, require
from db.models import Custody, Device, DeviceEvent, DeviceType, Officer, Unit
from devices.errors import DeviceTypeInactive, StatusChangeRefused
from devices.fields import optional_text, purchase_date_ok
from devices.lookup import clean_serial, device_by_serial, find_device_type
from devices.status import CHECKED_OUT, STATUSES, TRANSITIONS, event_label, move, status_label
from organisation.units import find_unit


@dataclass(frozen=True)
class DeviceRow:
    """A device as lists show it, with who holds it when it is out."""

    id: str
    serial: str
    type_code: str
    type_name_zh: str
    type_name_en: str
    model: str | None
    vendor: str | None
    unit_id: str
    unit_name: str
    unit_short_name: str
    purchase_date: date | None
    status: str
    notes: str | None
    created_at: datetime
    holder_name: str | None          # only while checked out
    holder_certificate: str | None
    checked_out_at: datetime | None
    due_at: datetime | None

    def type_name(self, language: str = "zh_CN") -> str:
        return self.type_name_en if language.startswith("en") else self.type_name_zh

    def status_label(self, language: str = "zh_CN") -> str:
        return status_label(self.status, language)

    def is_overdue(self, now: datetime) -> bool:
        return self.due_at is not None and now > self.due_at

    def as_json(self, language: str = "zh_CN") -> dict:
        return {
            "serial": self.serial, "type": self.type_code,
            "type_name": self.type_name(language), "model": self.model,
            "vendor": self.vendor, "unit": self.unit_name, "unit_short": self.unit_short_name,
            "purchase_date": self.purchase_date.isoformat() if self.purchase_date else None,
            "status": self.status, "status_text": self.status_label(language),
            "notes": self.notes,
            "holder": None if self.holder_certificate is None else {
                "name": self.holder_name, "certificate": self.holder_certificate,
                "checked_out_at": self.checked_out_at.isoformat(),
                "due_at": self.due_at.isoformat()},
        }


@dataclass(frozen=True)
class DeviceFilter:
    text: str = ""                   # part of the serial, model or vendor
    type_code: str | None = None
    unit_id: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class DeviceEventRow:
    """One step of a device's history."""

    seq: int
    at: datetime
    kind: str
    status: str                      # the device's status after this step
    actor: str
    notes: str | None
    custody_id: str | None
    officer_name: str | None         # for checkouts and check-ins
    certificate_number: str | None

    def kind_label(self, language: str = "zh_CN") -> str:
        return event_label(self.kind, language)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"seq": self.seq, "at": self.at.isoformat(), "kind": self.kind,
                "kind_text": self.kind_label(language), "status": self.status,
                "actor": self.actor, "notes": self.notes, "officer": self.officer_name,
                "certificate": self.certificate_number}


# ----------------------------------------------------------------------------- reading
def _row_query() -> Select:
    open_custody = and_(Custody.device_id == Device.id, Custody.checked_in_at.is_(None))
    return (select(Device.id, Device.serial, Device.type_code, DeviceType.name_zh,
                   DeviceType.name_en, Device.model, Device.vendor, Device.unit_id, Unit.name,
                   Unit.short_name, Device.purchase_date, Device.status, Device.notes,
                   Device.created_at, Officer.name, Custody.certificate_number,
                   Custody.checked_out_at, Custody.due_at)
            .join(DeviceType, DeviceType.code == Device.type_code)
            .join(Unit, Unit.id == Device.unit_id)
            # At most one open custody per device (checkout refuses a device that is out).
            .outerjoin(Custody, open_custody)
            .outerjoin(Officer, Officer.id == Custody.officer_id))


def list_devices(ctx: Context, flt: DeviceFilter = DeviceFilter()) -> list[DeviceRow]:
    """Devices matching the filter, by serial. Reading needs no permission."""
    query = _row_query().order_by(Device.serial)
    if flt.type_code:
        query = query.where(Device.type_code == flt.type_code)
    if flt.unit_id:
        query = query.where(Device.unit_id == flt.unit_id)
    if flt.status:
        query = query.where(Device.status == flt.status)
    text = flt.text.strip()
    if text:
        query = query.where(or_(Device.serial.contains(text, autoescape=True),
                                Device.model.contains(text, autoescape=True),
                                Device.vendor.contains(text, autoescape=True)))
    with ctx.read() as session:
        return [DeviceRow(*row) for row in session.execute(query)]


def get_device(ctx: Context, serial: str) -> DeviceRow:
    with ctx.read() as session:
        row = session.execute(_row_query().where(Device.serial == serial.strip())).first()
    if row is None:
        raise NotFound("设备", "device", serial.strip())
    return DeviceRow(*row)


def device_history(ctx: Context, serial: str) -> list[DeviceEventRow]:
    """Every status step of one device, oldest first."""
    with ctx.read() as session:
        device = device_by_serial(session, serial)
        rows = session.execute(
            select(DeviceEvent.seq, DeviceEvent.at, DeviceEvent.kind, DeviceEvent.status,
                   DeviceEvent.actor, DeviceEvent.notes, DeviceEvent.custody_id, Officer.name,
                   Custody.certificate_number)
            .outerjoin(Custody, Custody.id == DeviceEvent.custody_id)
            .outerjoin(Officer, Officer.id == Custody.officer_id)
            .where(DeviceEvent.device_id == device.id).order_by(DeviceEvent.seq)).all()
    return [DeviceEventRow(*row) for row in rows]


# ----------------------------------------------------------------------------- writing
@dataclass(frozen=True)
class DeviceFields:
    model: str | None
    vendor: str | None
    purchase_date: date | None
    notes: str | None


def clean_fields(model: str | None, vendor: str | None, purchase_date: date | None,
                 notes: str | None, today: date) -> DeviceFields:
    return DeviceFields(optional_text(model, 100, "型号", "model"),
                        optional_text(vendor, 100, "厂商", "vendor"),
                        purchase_date_ok(purchase_date, today),
                        optional_text(notes, 500, "备注", "notes"))


def usable_type(session: Session, key: str) -> DeviceType:
    device_type = find_device_type(session, key)
    if not device_type.active:
        raise DeviceTypeInactive(name_zh=device_type.name_zh, name_en=device_type.name_en)
    return device_type


def add_device(ctx: Context, serial: str, type_code: str, unit: str, *,
               model: str | None = None, vendor: str | None = None,
               purchase_date: date | None = None, notes: str | None = None) -> DeviceRow:
    """Register a device, in store. ``type_code``: a type's code or name; ``unit``: a unit's
    name or short name."""
    require(ctx.actor, Permission.MANAGE_DEVICES)
    serial = clean_serial(serial)
    fields = clean_fields(model, vendor, purchase_date, notes, ctx.clock.today())
    with ctx.write("device.add") as session:
        if session.execute(select(Device.id).where(Device.serial == serial)).first():
            raise AlreadyExists("设备序列号", "device serial", serial)
        device = Device(serial=serial, type_code=usable_type(session, type_code).code,
                        unit_id=find_unit(session, unit).id, model=fields.model,
                        vendor=fields.vendor, purchase_date=fields.purchase_date,
                        notes=fields.notes, status="in_store", created_at=ctx.clock.now())
        session.add(device)
        session.flush()
        move(session, device, kind="registered", to=device.status, actor=ctx.actor.username,
             at=ctx.clock.now(), first=True)
    return get_device(ctx, serial)


def update_device(ctx: Context, serial: str, *, type_code: str, unit: str,
                  model: str | None, vendor: str | None, purchase_date: date | None,
                  notes: str | None) -> DeviceRow:
    """Correct a device's details. The serial is its identity (footage names carry it) and
    the status moves only through custody and ``set_device_status``."""
    require(ctx.actor, Permission.MANAGE_DEVICES)
    fields = clean_fields(model, vendor, purchase_date, notes, ctx.clock.today())
    with ctx.write("device.update") as session:
        hold_ledger(session)  # PostgreSQL: no concurrent change between read and write
        device = device_by_serial(session, serial)
        wanted = find_device_type(session, type_code)
        if wanted.code != device.type_code:
            wanted = usable_type(session, type_code)
        device.type_code, device.unit_id = wanted.code, find_unit(session, unit).id
        device.model, device.vendor = fields.model, fields.vendor
        device.purchase_date, device.notes = fields.purchase_date, fields.notes
        serial = device.serial
    return get_device(ctx, serial)


def _refusal(device: Device, action: str) -> StatusChangeRefused:
    transition = TRANSITIONS[action]
    hint_zh = hint_en = ""
    if device.status == CHECKED_OUT:
        hint_zh = "，请先办理归还（归还时登记“损坏”即转入维修）"
        hint_en = "; check it in first (checked in as damaged, it goes to repair)"
    return StatusChangeRefused(serial=device.serial, status_zh=status_label(device.status),
                               status_en=status_label(device.status, "en"),
                               action_zh=transition.zh, action_en=transition.en,
                               hint_zh=hint_zh, hint_en=hint_en)


def set_device_status(ctx: Context, serial: str, action: str,
                      reason: str | None = None) -> DeviceRow:
    """Record a repair, a return from repair, a loss, a find or a retirement (see
    devices.status.TRANSITIONS for which status each is allowed from).

    A device lost while checked out closes its open custody at the report, with condition
    "lost": the officer held it until then, nobody after."""
    require(ctx.actor, Permission.MANAGE_DEVICES)
    if action not in TRANSITIONS:
        names = ", ".join(TRANSITIONS)
        raise InvalidInput(f"未知操作“{action}”，可选：{names}",
                           f"unknown action '{action}'; choose from {names}")
    transition = TRANSITIONS[action]
    reason = optional_text(reason, 500, "原因", "reason")
    if transition.needs_reason and not reason:
        raise InvalidInput(f"{transition.zh}须注明原因", f"say why the device is being "
                           f"{transition.en}")
    now = ctx.clock.now()
    with ctx.write(f"device.{action}") as session:
        # The status is checked under the ledger lock (PostgreSQL; SQLite's write lock does
        # it there), so a concurrent checkout or status change cannot slip in between.
        hold_ledger(session)
        device = device_by_serial(session, serial)
        if device.status not in transition.allowed_from:
            raise _refusal(device, action)
        custody_id = None
        if device.status == CHECKED_OUT:
            custody = session.execute(select(Custody).where(
                Custody.device_id == device.id, Custody.checked_in_at.is_(None))).scalar_one()
            custody.checked_in_at = max(now, custody.checked_out_at)
            custody.checked_in_by, custody.checkin_condition = ctx.actor.username, "lost"
            custody.checkin_notes, custody_id = reason, custody.id
        move(session, device, kind=action, to=transition.to, actor=ctx.actor.username,
             at=now, custody_id=custody_id, notes=reason)
        serial = device.serial
    return get_device(ctx, serial)


def check_status(status: str | None) -> str | None:
    """A status typed in a filter (the command line's --status)."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"未知设备状态“{status}”，可选：{', '.join(STATUSES)}",
                           f"unknown device status '{status}'; choose from "
                           f"{', '.join(STATUSES)}")
    return status
