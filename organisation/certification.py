"""Certified enforcement only (持证上岗): the single rule every capability asks.

An officer is certified on a day when their current certificate on that day is active and
the day lies within its validity, both ends included: a certificate valid until today still
allows work today.

The current certificate on a day is the one that started most recently on or before that
day; a renewal dated to start next month does not interrupt the certificate still running.
Only when no certificate has started yet is the earliest one current (not yet valid).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from sqlalchemy.orm import Session

from core.errors import DomainError
from db.models import Certificate, Officer


class Reason(str, enum.Enum):
    CERTIFIED = "certified"
    NO_CERTIFICATE = "no_certificate"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Certification:
    reason: Reason
    certificate_number: str | None = None
    valid_until: date | None = None

    @property
    def certified(self) -> bool:
        return self.reason is Reason.CERTIFIED

    def message(self, language: str = "zh_CN") -> str:
        zh, en = _TEXTS[self.reason]
        template = en if language.startswith("en") else zh
        return template.format(number=self.certificate_number, until=self.valid_until)


_TEXTS = {
    Reason.CERTIFIED: ("持有有效执法证 {number}（有效期至 {until}）",
                       "holds valid certificate {number} (valid until {until})"),
    Reason.NO_CERTIFICATE: ("没有执法证", "has no enforcement certificate"),
    Reason.NOT_YET_VALID: ("执法证 {number} 尚未生效", "certificate {number} is not yet valid"),
    Reason.EXPIRED: ("执法证 {number} 已于 {until} 到期", "certificate {number} expired on {until}"),
    Reason.SUSPENDED: ("执法证 {number} 已被暂扣", "certificate {number} is suspended"),
    Reason.REVOKED: ("执法证 {number} 已被吊销", "certificate {number} is revoked"),
}


class NotCertified(DomainError):
    code = "not_certified"
    zh = "{name}不能从事执法工作：{reason_zh}（持证上岗）"
    en = "{name} may not do enforcement work: {reason_en} (certified enforcement only)"


def current_certificate(certificates: Sequence[Certificate], on: date) -> Certificate | None:
    started = [c for c in certificates if c.valid_from <= on]
    if started:
        return max(started, key=lambda c: (c.valid_from, c.created_at))
    return min(certificates, key=lambda c: (c.valid_from, c.created_at), default=None)


def certification(certificates: Sequence[Certificate], on: date) -> Certification:
    certificate = current_certificate(certificates, on)
    if certificate is None:
        return Certification(Reason.NO_CERTIFICATE)
    return judge(certificate.number, certificate.status, certificate.valid_from,
                 certificate.valid_until, on)


def judge(number: str, status: str, valid_from: date, valid_until: date,
          on: date) -> Certification:
    """The rule itself, on one certificate's fields."""
    if status == "revoked":
        reason = Reason.REVOKED
    elif status == "suspended":
        reason = Reason.SUSPENDED
    elif on < valid_from:
        reason = Reason.NOT_YET_VALID
    elif on > valid_until:
        reason = Reason.EXPIRED
    else:
        reason = Reason.CERTIFIED
    return Certification(reason, number, valid_until)


def require_certified(session: Session, officer_id: str, on: date) -> Certification:
    """Refuse enforcement work for an officer who is not certified on ``on``."""
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotCertified(name=officer_id, reason_zh="查无此人", reason_en="no such officer")
    result = certification(officer.certificates, on)
    if not result.certified:
        raise NotCertified(name=officer.name, reason_zh=result.message("zh_CN"),
                           reason_en=result.message("en"))
    return result
