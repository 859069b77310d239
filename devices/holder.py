"""Who held a device at a given instant, from the custody history.

The footage offload (issue 3) asks this when a recording's file name carries no officer
number: the device's serial and the recording's start time name the officer.

The rule: a custody covers the half-open interval [checked_out_at, checked_in_at).

- At the exact checkout instant the new holder holds the device.
- At the exact check-in instant nobody does (unless the next checkout is that same
  instant, in which case the next holder does).
- An open custody (not yet checked in) covers every instant from its checkout on.
- A device reported lost while out stays with the officer until the report.

Custodies of one device never overlap (checkout refuses a device that is out), so at most
one covers an instant; should a stepped-back clock ever make two overlap, the later
checkout wins.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from core.errors import InvalidInput, NotFound
from db.models import Custody, Device, Officer


@dataclass(frozen=True)
class HolderInfo:
    serial: str
    officer_id: str
    officer_name: str
    certificate_number: str          # the certificate the officer was issued the device under
    custody_id: str
    checked_out_at: datetime
    checked_in_at: datetime | None   # None: still out

    def as_json(self) -> dict:
        return {"serial": self.serial, "officer": self.officer_name,
                "certificate": self.certificate_number, "custody_id": self.custody_id,
                "checked_out_at": self.checked_out_at.isoformat(),
                "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None}


def _covering_custody(instant: datetime):  # noqa: ANN202
    """The id of the custody of Device covering ``instant``: the latest checkout at or before
    it that was not yet checked in by then. Walks ix_custody_device_id_checked_out_at
    backwards from the instant."""
    other = aliased(Custody)
    return (select(other.id)
            .where(other.device_id == Device.id, other.checked_out_at <= instant,
                   or_(other.checked_in_at.is_(None), other.checked_in_at > instant))
            .order_by(other.checked_out_at.desc()).limit(1)
            .correlate(Device).scalar_subquery())


def holder_at(ctx_or_db, serial: str, instant: datetime) -> HolderInfo | None:  # noqa: ANN001
    """The officer who held ``serial`` at ``instant`` (timezone-aware), or None when nobody
    did. Raises NotFound for an unknown serial. Takes a Context or a Database: reading
    custody needs no permission, and the offload may run without a signed-in user."""
    if instant.tzinfo is None:
        raise InvalidInput("查询时间须带时区", "the instant needs a time zone")
    db = getattr(ctx_or_db, "db", ctx_or_db)
    # One query: the device by its unique serial, and its covering custody by the index.
    query = (select(Device.serial, Officer.id, Officer.name, Custody.certificate_number,
                    Custody.id, Custody.checked_out_at, Custody.checked_in_at)
             .select_from(Device)
             .outerjoin(Custody, and_(Custody.device_id == Device.id,
                                      Custody.id == _covering_custody(instant)))
             .outerjoin(Officer, Officer.id == Custody.officer_id)
             .where(Device.serial == serial.strip()))
    with db.read() as session:
        row = session.execute(query).first()
    if row is None:
        raise NotFound("设备", "device", serial.strip())
    if row[4] is None:
        return None
    return HolderInfo(*row)
