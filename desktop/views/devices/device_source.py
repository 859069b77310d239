"""The register's rows (desktop.models.paged.RowSource): the devices matching the page's
filters, sorted by the column the user chose. Runs on a worker thread.

A bureau keeps hundreds of devices, not hundreds of thousands: the service lists them all
and the page is cut here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.context import Context
from devices.registry import DeviceFilter, DeviceRow, list_devices
from devices.status import STATUSES


def _sort_keys(language: str) -> dict[str, Callable[[DeviceRow], Any]]:
    # (is empty, value): devices without a value sort together, after the others.
    def maybe(value: Any) -> tuple[bool, Any]:  # noqa: ANN401
        return (value is None, value if value is not None else "")
    return {
        "serial": lambda d: d.serial,
        "type": lambda d: d.type_name(language),
        "model": lambda d: maybe(d.model),
        "unit": lambda d: d.unit_name,
        "status": lambda d: STATUSES.index(d.status) if d.status in STATUSES else len(STATUSES),
        "holder": lambda d: maybe(d.holder_name),
        "due": lambda d: maybe(d.due_at),
    }


@dataclass(frozen=True)
class DeviceSource:
    ctx: Context
    flt: DeviceFilter
    language: str

    def count(self) -> int:
        return len(list_devices(self.ctx, self.flt))

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[DeviceRow]:
        keys = _sort_keys(self.language)
        key = keys.get(sort, keys["serial"])
        rows = sorted(list_devices(self.ctx, self.flt), key=lambda d: (key(d), d.serial),
                      reverse=descending)
        return rows[offset:offset + limit]
