"""Is the recorder's clock right? Judged at each offload from the times in its files.

A recorder stamps its files with its own clock, and evidence lists print those times, so a
clock that ran fast or slow puts every file at the wrong moment. Two facts of real time
bound the recorder's offset (its clock minus the workstation's), without asking the device:

- nothing can have finished recording after the offload began: a file whose recorded end
  lies past the offload's start shows the clock is *ahead* by at least the difference;
- a file that was not on the device at its previous finished offload was recorded after
  that offload began: one whose recorded start lies before it shows the clock *behind*.

The allowance grows with time since the custodian last checked the clock at a checkout
(custody.clock_ok): GA/T 947 (单警执法视音频记录系统) holds a recorder's clock to 3 s per
day (setting footage.clock_drift_s_per_day), and one day's worth is always allowed, since
file names carry whole seconds. With no check on record the allowance counts from the
device's registration; a device LawDesk does not know is "unchecked".

The verdict is written on the offload session, in the same transaction that finishes it
(so it is in the ledger), printed by `lawdesk ingest --json` and carried in the offload's
JSON manifest.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from config.settings import get_setting
from core.context import Context
from db.models import Custody, Device, Footage, FootageSighting, OffloadSession
from devices.offload.results import STORED

OK, AHEAD, BEHIND, UNCHECKED = "ok", "ahead", "behind", "unchecked"
_DAY = 86400.0


@dataclass(frozen=True)
class ClockVerdict:
    status: str                     # ok | ahead | behind | unchecked
    offset_s: float | None          # the offset shown (+ ahead, - behind); None when ok
    allowance_s: float | None
    checked_since: datetime | None  # the clock check (or registration) counted from

    def as_json(self) -> dict:
        """Whole seconds (file names carry no finer time; and the evidence package's
        canonical JSON keeps no floats)."""
        return {"status": self.status,
                "offset_seconds": None if self.offset_s is None else round(self.offset_s),
                "allowance_seconds": (None if self.allowance_s is None
                                      else round(self.allowance_s)),
                "checked_since": (self.checked_since.isoformat()
                                  if self.checked_since else None)}

    @classmethod
    def from_json(cls, data: dict | None) -> "ClockVerdict | None":
        """The verdict back from ``as_json`` (an offload run in a child process)."""
        if not data:
            return None
        since = data.get("checked_since")
        return cls(data["status"], data.get("offset_seconds"), data.get("allowance_seconds"),
                   datetime.fromisoformat(since) if since else None)

    def describe(self, language: str = "zh_CN") -> str:
        """One line for the offload's summary and the evidence lists."""
        zh = language.startswith("zh")
        if self.status == OK:
            return ("记录仪时钟已核对（误差在允许范围内）" if zh
                    else "recorder clock checked (within the allowance)")
        if self.status == UNCHECKED:
            return ("记录仪未登记，时钟未核对" if zh
                    else "recorder not registered: clock not checked")
        seconds = abs(self.offset_s or 0)
        if zh:
            way = "偏快" if self.status == AHEAD else "偏慢"
            return (f"记录仪时钟{way}至少 {seconds:.0f} 秒"
                    f"（允许 {self.allowance_s:.0f} 秒），文件时间需核实")
        way = "fast" if self.status == AHEAD else "slow"
        return (f"recorder clock {way} by at least {seconds:.0f} s "
                f"(allowed {self.allowance_s:.0f} s): check the file times")


def judge(ctx: Context, session_id: str, serial: str | None) -> ClockVerdict | None:
    """The verdict for one offload of ``serial``, from the files it recorded; None when
    no file carries a time or the session has no single device."""
    if not serial:
        return None
    with ctx.read() as db:
        started = db.execute(select(OffloadSession.started_at).where(
            OffloadSession.id == session_id)).scalar_one()
        rows = db.execute(
            select(Footage.recorded_at, Footage.duration_s, FootageSighting.status,
                   FootageSighting.source_path)
            .join(Footage, Footage.id == FootageSighting.footage_id)
            .where(FootageSighting.session_id == session_id,
                   FootageSighting.device_serial == serial,
                   Footage.recorded_at.is_not(None))).all()
        if not rows:
            return None
        ahead = max(r.recorded_at + timedelta(seconds=r.duration_s or 0) for r in rows) - started
        behind = _behind(db, session_id, serial, started, rows)
        since = _last_check(db, serial, started)
    if since is None:
        return ClockVerdict(UNCHECKED, None, None, None)
    per_day = float(get_setting(ctx.db, "footage.clock_drift_s_per_day"))
    days = max(1.0, (started - since).total_seconds() / _DAY)
    allowance = per_day * days
    if ahead.total_seconds() > allowance:
        return ClockVerdict(AHEAD, ahead.total_seconds(), allowance, since)
    if behind is not None and behind.total_seconds() > allowance:
        return ClockVerdict(BEHIND, -behind.total_seconds(), allowance, since)
    return ClockVerdict(OK, None, allowance, since)


def _behind(db, session_id: str, serial: str, started: datetime,  # noqa: ANN001
            rows) -> timedelta | None:  # noqa: ANN001
    previous = db.execute(
        select(OffloadSession.id, OffloadSession.started_at)
        .where(OffloadSession.device_serial == serial, OffloadSession.status == "finished",
               OffloadSession.started_at < started, OffloadSession.id != session_id)
        .order_by(OffloadSession.started_at.desc()).limit(1)).first()
    if previous is None:
        return None
    seen = set(db.scalars(select(FootageSighting.source_path).where(
        FootageSighting.session_id == previous.id)))
    new = [r.recorded_at for r in rows if r.status == STORED and r.source_path not in seen]
    if not new:
        return None
    return previous.started_at - min(new)


def _last_check(db, serial: str, before: datetime) -> datetime | None:  # noqa: ANN001
    device = db.execute(select(Device.id, Device.created_at).where(
        Device.serial == serial)).first()
    if device is None:
        return None
    checked = db.execute(select(func.max(Custody.checked_out_at)).where(
        Custody.device_id == device.id, Custody.clock_ok.is_(True),
        Custody.checked_out_at <= before)).scalar_one_or_none()
    return checked or device.created_at
