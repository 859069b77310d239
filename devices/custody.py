"""Custody: a custodian checks a device out to a certified officer and takes it back.

Checkout refuses, with the reason: an unknown serial or certificate number; a device that
is out, in repair, lost or retired; a failed pre-use check; an officer who is not certified
today (持证上岗, organisation.certification); an officer who already holds the most devices
of that type the setting ``custody.max_per_type`` allows.

Signatures: the officer signs on the pad at checkout and at check-in, and the PNG is kept
(devices.signatures). ``signature_png=None`` records honestly that no pad was used (the
command line at a terminal): the custody then says unsigned, and nothing pretends otherwise.

Times: a custody covers [checked_out_at, checked_in_at) (see devices.holder). If the
machine's clock stepped back between checkout and check-in, the check-in is recorded at
the checkout instant rather than before it, so the interval is never negative.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import Select, func, select

from audit.recorder import hold_ledger
from config.settings import get_setting
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import Custody, Device, DeviceType, Officer, Unit, new_id
from devices.errors import (
    CustodyLimitReached,
    DeviceNotCheckedOut,
    DeviceUnavailable,
    PreUseCheckFailed,
)
from devices.fields import optional_text
from devices.lookup import device_by_serial
from devices.signatures import check_png, store_signature
from devices.status import CHECKED_OUT, IN_REPAIR, IN_STORE, move, status_label
from organisation.certification import require_certified
from organisation.lookup import officer_by_certificate

CONDITIONS = ("good", "damaged")
CONDITION_LABELS = {"good": ("完好", "good"), "damaged": ("损坏", "damaged"),
                    "lost": ("丢失", "lost")}
_CHECK_ITEMS = (  # field, what a failure is called in Chinese and in English
    ("battery_ok", "电量不足", "battery low"),
    ("storage_ok", "存储空间不足", "storage full"),
    ("clock_ok", "时钟不准", "clock wrong"),
    ("undamaged", "外观损坏", "damaged"),
)


@dataclass(frozen=True)
class PreUseCheck:
    """The custodian's check before handing a device out (使用前检查)."""

    battery_ok: bool = True
    storage_ok: bool = True
    clock_ok: bool = True
    undamaged: bool = True

    @property
    def passed(self) -> bool:
        return not self.failed_items()

    def failed_items(self, language: str = "zh_CN") -> list[str]:
        index = 2 if language.startswith("en") else 1
        return [item[index] for item in _CHECK_ITEMS if not getattr(self, item[0])]

    def as_json(self) -> dict:
        return {"battery_ok": self.battery_ok, "storage_ok": self.storage_ok,
                "clock_ok": self.clock_ok, "undamaged": self.undamaged}


@dataclass(frozen=True)
class CustodyRow:
    id: str
    device_id: str
    serial: str
    type_code: str
    type_name_zh: str
    type_name_en: str
    device_unit_name: str
    officer_id: str
    officer_name: str
    certificate_number: str
    checked_out_at: datetime
    due_at: datetime
    checked_out_by: str
    checks: PreUseCheck
    checkout_notes: str | None
    checkout_signature_sha256: str | None   # None: no signature pad was used
    checked_in_at: datetime | None
    checked_in_by: str | None
    checkin_condition: str | None            # good | damaged | lost (reported lost)
    checkin_notes: str | None
    checkin_signature_sha256: str | None

    @property
    def is_open(self) -> bool:
        return self.checked_in_at is None

    @property
    def checkout_signed(self) -> bool:
        return self.checkout_signature_sha256 is not None

    @property
    def checkin_signed(self) -> bool:
        return self.checkin_signature_sha256 is not None

    def is_overdue(self, now: datetime) -> bool:
        return self.is_open and now > self.due_at

    def type_name(self, language: str = "zh_CN") -> str:
        return self.type_name_en if language.startswith("en") else self.type_name_zh

    def as_json(self, language: str = "zh_CN") -> dict:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None
        return {
            "id": self.id, "serial": self.serial, "device_type": self.type_code,
            "device_type_name": self.type_name(language), "device_unit": self.device_unit_name,
            "officer": self.officer_name, "certificate": self.certificate_number,
            "checked_out_at": iso(self.checked_out_at), "due_at": iso(self.due_at),
            "checked_out_by": self.checked_out_by, "checks": self.checks.as_json(),
            "checkout_notes": self.checkout_notes, "checkout_signed": self.checkout_signed,
            "checkout_signature_sha256": self.checkout_signature_sha256,
            "checked_in_at": iso(self.checked_in_at), "checked_in_by": self.checked_in_by,
            "checkin_condition": self.checkin_condition, "checkin_notes": self.checkin_notes,
            "checkin_signed": self.checkin_signed,
            "checkin_signature_sha256": self.checkin_signature_sha256,
        }


# ----------------------------------------------------------------------------- reading
def _row_query() -> Select:
    return (select(Custody.id, Custody.device_id, Device.serial, Device.type_code,
                   DeviceType.name_zh, DeviceType.name_en, Unit.name, Custody.officer_id,
                   Officer.name, Custody.certificate_number, Custody.checked_out_at,
                   Custody.due_at, Custody.checked_out_by, Custody.battery_ok,
                   Custody.storage_ok, Custody.clock_ok, Custody.undamaged,
                   Custody.checkout_notes, Custody.checkout_signature_sha256,
                   Custody.checked_in_at, Custody.checked_in_by, Custody.checkin_condition,
                   Custody.checkin_notes, Custody.checkin_signature_sha256)
            .join(Device, Device.id == Custody.device_id)
            .join(DeviceType, DeviceType.code == Device.type_code)
            .join(Unit, Unit.id == Device.unit_id)
            .join(Officer, Officer.id == Custody.officer_id))


def _to_row(row) -> CustodyRow:  # noqa: ANN001
    values = list(row)
    checks = PreUseCheck(*values[13:17])
    return CustodyRow(*values[:13], checks, *values[17:])


def _one(ctx: Context, custody_id: str) -> CustodyRow:
    with ctx.read() as session:
        return _to_row(session.execute(_row_query().where(Custody.id == custody_id)).one())


def custody_history(ctx: Context, serial: str | None = None,
                    officer_certificate: str | None = None, *,
                    since: datetime | None = None, until: datetime | None = None,
                    open_only: bool = False, limit: int | None = None) -> list[CustodyRow]:
    """Custody records, newest checkout first: of one device, of one officer (by any
    certificate number they held), or all; ``since``/``until`` bound the checkout time
    (the use register for a date range: since <= checked_out_at < until)."""
    query = _row_query().order_by(Custody.checked_out_at.desc(), Custody.id)
    with ctx.read() as session:
        if serial is not None:
            query = query.where(Custody.device_id == device_by_serial(session, serial).id)
        if officer_certificate is not None:
            officer = officer_by_certificate(session, officer_certificate)
            query = query.where(Custody.officer_id == officer.id)
        if since is not None:
            query = query.where(Custody.checked_out_at >= since)
        if until is not None:
            query = query.where(Custody.checked_out_at < until)
        if open_only:
            query = query.where(Custody.checked_in_at.is_(None))
        if limit is not None:
            query = query.limit(limit)
        return [_to_row(row) for row in session.execute(query)]


def overdue(ctx: Context) -> list[CustodyRow]:
    """Devices still out after their due time, the longest overdue first."""
    query = (_row_query().where(Custody.checked_in_at.is_(None),
                                Custody.due_at < ctx.clock.now())
             .order_by(Custody.due_at, Custody.id))
    with ctx.read() as session:
        return [_to_row(row) for row in session.execute(query)]


# ----------------------------------------------------------------------------- writing
def default_due_at(ctx: Context) -> datetime:
    """The end of the checkout's day in the bureau's zone (the next local midnight).

    Devices go out for a working day and come back the same day; a night shift or a
    multi-day operation gives its own due time."""
    local_today = ctx.clock.today()
    midnight = datetime.combine(local_today + timedelta(days=1), time(0), ctx.clock.zone)
    return midnight.astimezone(timezone.utc)


def _check_due(due_at: datetime, now: datetime) -> datetime:
    if due_at.tzinfo is None:
        raise InvalidInput("归还时间须带时区", "the due time needs a time zone")
    if due_at <= now:
        raise InvalidInput("应归还时间须晚于领用时间", "the due time must be after the checkout")
    return due_at


def _unavailable(session, device: Device) -> DeviceUnavailable:  # noqa: ANN001
    if device.status == CHECKED_OUT:
        holder = session.execute(
            select(Officer.name, Custody.certificate_number)
            .join(Custody, Custody.officer_id == Officer.id)
            .where(Custody.device_id == device.id, Custody.checked_in_at.is_(None))).first()
        name, number = holder if holder else ("?", "?")
        return DeviceUnavailable(serial=device.serial, state_zh=f"已由{name}（{number}）领用、尚未归还",
                                 state_en=f"is already checked out to {name} ({number})")
    words = {IN_REPAIR: ("正在维修", "is in repair"), "lost": ("已报失", "is reported lost"),
             "retired": ("已报废", "is retired")}
    zh, en = words.get(device.status, (status_label(device.status),
                                       f"is {status_label(device.status, 'en')}"))
    return DeviceUnavailable(serial=device.serial, state_zh=zh, state_en=en)


def _held_of_type(session, officer_id: str, type_code: str) -> int:  # noqa: ANN001
    return session.execute(
        select(func.count()).select_from(Custody).join(Device, Device.id == Custody.device_id)
        .where(Custody.officer_id == officer_id, Custody.checked_in_at.is_(None),
               Device.type_code == type_code)).scalar_one()


def checkout(ctx: Context, serial: str, officer_certificate: str, *, checks: PreUseCheck,
             signature_png: bytes | None, due_at: datetime | None = None,
             notes: str | None = None) -> CustodyRow:
    """Hand a device to an officer. ``due_at`` defaults to ``default_due_at``;
    ``signature_png`` is the officer's signature from the pad, or None when no pad was used
    (recorded as unsigned)."""
    require(ctx.actor, Permission.DEVICE_CUSTODY)
    if signature_png is not None:
        check_png(signature_png, "checkout")
    notes = optional_text(notes, 500, "备注", "notes")
    now = ctx.clock.now()
    due = _check_due(due_at or default_due_at(ctx), now)
    limit = get_setting(ctx.db, "custody.max_per_type")
    with ctx.write("device.checkout") as session:
        # The device's status and the officer's holdings are checked under the ledger lock
        # (PostgreSQL; SQLite's write lock does it there): two checkouts cannot both pass.
        hold_ledger(session)
        device = device_by_serial(session, serial)
        officer = officer_by_certificate(session, officer_certificate)
        if device.status != IN_STORE:
            raise _unavailable(session, device)
        if not checks.passed:
            raise PreUseCheckFailed(serial=device.serial,
                                    items_zh="、".join(checks.failed_items("zh_CN")),
                                    items_en=", ".join(checks.failed_items("en")))
        certification = require_certified(session, officer.id, ctx.clock.today())
        held = _held_of_type(session, officer.id, device.type_code)
        if held >= limit:
            device_type = session.get(DeviceType, device.type_code)
            raise CustodyLimitReached(name=officer.name, held=held, limit=limit,
                                      type_zh=device_type.name_zh, type_en=device_type.name_en)
        signature = store_signature(session, signature_png) if signature_png else None
        custody = Custody(
            id=new_id(), device_id=device.id, officer_id=officer.id,
            certificate_number=certification.certificate_number, checked_out_at=now,
            due_at=due, checked_out_by=ctx.actor.username, battery_ok=checks.battery_ok,
            storage_ok=checks.storage_ok, clock_ok=checks.clock_ok,
            undamaged=checks.undamaged, checkout_notes=notes,
            checkout_signature_sha256=signature)
        session.add(custody)
        session.flush()  # the custody row exists before the event that refers to it
        move(session, device, kind="checked_out", to=CHECKED_OUT, actor=ctx.actor.username,
             at=now, custody_id=custody.id, notes=notes)
    return _one(ctx, custody.id)


def checkin(ctx: Context, serial: str, *, condition: str = "good", notes: str | None = None,
            signature_png: bytes | None) -> CustodyRow:
    """Take a device back. A damaged device goes to repair instead of the store."""
    require(ctx.actor, Permission.DEVICE_CUSTODY)
    if condition not in CONDITIONS:
        raise InvalidInput(f"归还状况须为：{', '.join(CONDITIONS)}",
                           f"the condition must be one of: {', '.join(CONDITIONS)}")
    if signature_png is not None:
        check_png(signature_png, "checkin")
    notes = optional_text(notes, 500, "备注", "notes")
    with ctx.write("device.checkin") as session:
        hold_ledger(session)  # see checkout
        device = device_by_serial(session, serial)
        custody = session.execute(select(Custody).where(
            Custody.device_id == device.id, Custody.checked_in_at.is_(None))).scalar_one_or_none()
        if device.status != CHECKED_OUT or custody is None:
            raise DeviceNotCheckedOut(serial=device.serial,
                                      status_zh=status_label(device.status),
                                      status_en=status_label(device.status, "en"))
        signature = store_signature(session, signature_png) if signature_png else None
        at = max(ctx.clock.now(), custody.checked_out_at)
        custody.checked_in_at, custody.checked_in_by = at, ctx.actor.username
        custody.checkin_condition, custody.checkin_notes = condition, notes
        custody.checkin_signature_sha256 = signature
        move(session, device, kind="checked_in",
             to=IN_REPAIR if condition == "damaged" else IN_STORE, actor=ctx.actor.username,
             at=at, custody_id=custody.id, notes=notes)
        custody_id = custody.id
    return _one(ctx, custody_id)


def condition_label(condition: str | None, language: str = "zh_CN") -> str:
    if condition is None:
        return ""
    zh, en = CONDITION_LABELS.get(condition, (condition, condition))
    return en if language.startswith("en") else zh
