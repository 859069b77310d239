"""How many bytes open uploads may declare at once: per workstation, per unit, and what
HQ's disk can still take.

A tus upload declares its length when it is created, long before its bytes arrive, and
stays open (its part file on HQ's disk) until it completes, is ended or expires
(UPLOAD_EXPIRY_S). Without a bound, one workstation (lost, stolen, or just broken) could
declare terabytes in a few requests and keep every other workstation's footage out. So a
new upload is refused when the lengths declared by the open uploads of its workstation, or
of its workstation's unit, would pass the quota (the settings below, in GiB), and when HQ's
disk could not take what every open upload still has to send plus this one.

An upload that resumes one of its own (the same file, offered again) declares nothing new.
A workstation sends its files one after another, so a working one never comes near the
quota; one that does gets 507 "upload_quota" (413 when this one upload alone is over it)
and sends the file in a later pass, once its open uploads finished or expired."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from db.models import HqUpload, HqWorkstation
from hq.errors import HqError
from hq.upload_errors import HqDiskFull

if TYPE_CHECKING:
    from db.database import Database
    from hq.service import Caller

GIB = 1 << 30
# The quotas are the settings hq.upload_quota_workstation_gib (default 64) and
# hq.upload_quota_unit_gib (default 256): far above what a workstation has open at once
# (one file at a time; a body camera records some 2-4 GiB an hour).
# Room HQ keeps free on its disk beyond what the open uploads still have to send.
DISK_RESERVE = 256 << 20


class UploadQuota(HqError):
    status = 507
    code = "upload_quota"
    zh = ("{scope_zh}同时进行中的上传已声明 {open} 字节，再加这个 {length} 字节的文件将超过"
          "上限 {limit} 字节（{limit_gib} GiB，总部设置项 {setting}）：请待已开始的上传完成"
          "或过期后再发送")
    en = ("Open uploads of {scope_en} already declare {open} bytes; this file's {length} "
          "bytes would pass the limit of {limit} bytes ({limit_gib} GiB, HQ setting "
          "{setting}): send it once the uploads under way finished or expired")

    def __init__(self, *, scope: str, open_bytes: int, length: int, limit_gib: int) -> None:
        if length > limit_gib * GIB:
            self.status = 413  # type: ignore[misc] - this upload alone can never fit
        zh, en = (("本工作站", "this workstation") if scope == "workstation"
                  else ("本科室各工作站", "this workstation's unit"))
        super().__init__(scope_zh=zh, scope_en=en, open=open_bytes, length=length,
                         limit=limit_gib * GIB, limit_gib=limit_gib,
                         setting=f"hq.upload_quota_{scope}_gib")
        self.scope = scope


@dataclass(frozen=True)
class OpenUploads:
    """What the open (unexpired) uploads declare: the caller's, its unit's, and what all
    of them still have to send."""

    workstation: int
    unit: int
    outstanding: int


def open_uploads(db: "Database", caller: "Caller", now: datetime) -> OpenUploads:
    with db.read() as session:
        rows = session.execute(
            select(HqUpload.workstation_id, HqWorkstation.unit_id, func.sum(HqUpload.length),
                   func.sum(HqUpload.length - HqUpload.offset))
            .join(HqWorkstation, HqWorkstation.id == HqUpload.workstation_id)
            .where(HqUpload.expires_at > now)
            .group_by(HqUpload.workstation_id, HqWorkstation.unit_id)).all()
    workstation = sum(int(total) for ws, _unit, total, _left in rows
                      if ws == caller.workstation_id)
    unit = sum(int(total) for _ws, unit_id, total, _left in rows if unit_id == caller.unit_id)
    return OpenUploads(workstation, unit, sum(int(left) for *_rest, left in rows))


def quotas_gib(db: "Database") -> tuple[int, int]:
    """(per workstation, per unit), as HQ's settings say now."""
    from config.settings import get_setting
    return (int(get_setting(db, "hq.upload_quota_workstation_gib")),
            int(get_setting(db, "hq.upload_quota_unit_gib")))


def check_room(db: "Database", caller: "Caller", now: datetime, length: int,
               folder: Path) -> None:
    """Refuse a new upload of ``length`` bytes past a quota or past HQ's free disk."""
    workstation_gib, unit_gib = quotas_gib(db)
    used = open_uploads(db, caller, now)
    if used.workstation + length > workstation_gib * GIB:
        raise UploadQuota(scope="workstation", open_bytes=used.workstation, length=length,
                          limit_gib=workstation_gib)
    if used.unit + length > unit_gib * GIB:
        raise UploadQuota(scope="unit", open_bytes=used.unit, length=length,
                          limit_gib=unit_gib)
    if shutil.disk_usage(folder).free < used.outstanding + length + DISK_RESERVE:
        raise HqDiskFull(length=length)
