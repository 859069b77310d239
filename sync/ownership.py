"""Who owns what, enforced on the workstation: once it is enrolled at HQ, the data HQ owns
(units, officers, certificates, device types, standards, case types) changes only as HQ
sends it down.

A check in every service would be one more thing to forget, so it sits below them: a
``before_flush`` hook on the write session factory, like the ledger's own hook, refuses any
change to an HQ-owned table unless the transaction is the reference-data apply
(action sync.protocol.REFERENCE_ACTION). Before enrollment the workstation owns everything
and nothing is refused.
"""
from __future__ import annotations

from itertools import chain

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from core.errors import DomainError
from db.models import SyncLink
from sync.protocol import HQ_OWNED_TABLES, REFERENCE_ACTION

LABELS = {
    "unit": ("科室", "Units"),
    "officer": ("执法人员", "Officers"),
    "certificate": ("执法证件", "Enforcement certificates"),
    "device_type": ("设备类型", "Device types"),
    "ratio_standard": ("配备标准", "Ratio standards"),
    "case_type": ("案件类型", "Case types"),
    "workday_calendar_year": ("工作日历", "Working-day calendars"),
    "disclosure_rule": ("公示规则", "Disclosure rules"),
    "benchmark_version": ("裁量基准", "Discretion benchmarks"),
    "benchmark_circumstance": ("裁量基准", "Discretion benchmarks"),
    "benchmark_offence": ("裁量基准", "Discretion benchmarks"),
    "benchmark_tier": ("裁量基准", "Discretion benchmarks"),
    "review_rule": ("重大执法决定目录", "The major-decision catalogue's rules"),
    "public_list_version": ("事前公示清单", "Public lists"),
    "public_list_row": ("事前公示清单", "Public lists"),
    "recording_item_version": ("音像记录事项清单", "The audio-video item list"),
    "recording_item": ("音像记录事项清单", "The audio-video item list"),
}


class ManagedByHq(DomainError):
    code = "managed_by_hq"
    zh = ("这类数据由总部统一管理（{what_zh}），本工作站不能修改：请联系总部管理员，"
          "总部的更改在下次同步时送达")
    en = ("{what_en} are managed by HQ and cannot be changed on this workstation: ask the HQ "
          "administrator; their changes arrive with the next sync")


def _table(obj: object) -> str:
    return inspect(obj).mapper.local_table.name


class _Enrollment:
    """Whether the workstation is enrolled. "Yes" never changes back (there is no
    un-enrolling), so it is remembered; "no" is asked again, inside the writing
    transaction, each time a flush touches HQ-owned data, which is rare."""

    def __init__(self) -> None:
        self.known = False

    def enrolled(self, session: Session) -> bool:
        if not self.known:
            found = session.connection().execute(select(SyncLink.id).limit(1)).first()
            self.known = found is not None
        return self.known


def install(factory: sessionmaker) -> None:
    """Refuse writes to HQ-owned tables on every session the factory makes, once enrolled."""
    enrollment = _Enrollment()

    @event.listens_for(factory, "before_flush")
    def _before_flush(session: Session, _context, _instances) -> None:  # noqa: ANN001
        if session.info.get("action") == REFERENCE_ACTION:
            return
        if any(isinstance(obj, SyncLink) for obj in session.deleted):
            enrollment.known = False  # un-enrolled: ask again next time
            return
        touched = [obj for obj in chain(session.new, session.deleted, session.dirty)
                   if _table(obj) in HQ_OWNED_TABLES
                   and (obj not in session.dirty or session.is_modified(obj))]
        if touched and enrollment.enrolled(session):
            zh, en = LABELS.get(_table(touched[0]), (_table(touched[0]),) * 2)
            raise ManagedByHq(what_zh=zh, what_en=en)
