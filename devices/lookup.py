"""Finding records by what people type: a serial, a type's code or name (officers by their
certificate number: organisation.lookup).

Session-level helpers the device services share; each refuses with NotFound.
"""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, NotFound
from db.models import Device, DeviceType

SERIAL_MAX = 60


def clean_serial(serial: str) -> str:
    """A serial as stored: surrounding blanks (a scanner's trailing tab or CR) removed."""
    text = (serial or "").strip()
    if not text:
        raise InvalidInput("设备序列号不能为空", "the device serial is empty")
    if len(text) > SERIAL_MAX or any(ord(ch) < 32 for ch in text):
        raise InvalidInput(f"设备序列号最多 {SERIAL_MAX} 个字符，且不能含控制字符",
                           f"a device serial has at most {SERIAL_MAX} characters and no "
                           "control characters")
    return text


def device_by_serial(session: Session, serial: str) -> Device:
    key = (serial or "").strip()
    device = session.execute(select(Device).where(Device.serial == key)).scalar_one_or_none()
    if device is None:
        raise NotFound("设备", "device", key)
    return device


def find_device_type(session: Session, key: str) -> DeviceType:
    """A device type by its code or either of its names (as a CSV file may spell it)."""
    text = (key or "").strip()
    found = session.execute(select(DeviceType).where(or_(
        DeviceType.code == text, DeviceType.name_zh == text, DeviceType.name_en == text))
    ).scalars().first()
    if found is None:
        raise NotFound("设备类型", "device type", text)
    return found
