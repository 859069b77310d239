"""Officers and their certificates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from core.context import Context
from core.errors import AlreadyExists, InvalidInput, NotFound
from core.name_order import name_sort_key
from core.permissions import Permission, require
from db.models import Certificate, Officer, Unit
from organisation.certification import Certification, Reason, judge
from organisation.lookup import (
    certificate_by_number, certificate_not_found, clean_certificate_number,
    officer_id_by_certificate,
)
from organisation.units import find_unit

STATUSES = ("active", "suspended", "revoked")
# A certificate this close to its end is pointed out in the lists (the same window as the
# device area's expiring-certificates list, devices.ratio.expiring_certificates).
EXPIRING_DAYS = 30


@dataclass(frozen=True)
class CertificateInput:
    number: str
    valid_until: date
    valid_from: date | None = None
    category: str | None = None
    area: str | None = None


@dataclass(frozen=True)
class OfficerRow:
    """One officer as lists show them, with the current certificate and what it allows."""

    id: str
    name: str
    unit_name: str
    unit_short_name: str
    post: str | None
    phone: str | None
    certificate_number: str | None
    category: str | None
    area: str | None
    valid_from: date | None
    valid_until: date | None
    certificate_status: str | None
    certification: Certification
    expires_in: int | None = None    # days the current certificate has left, if certified

    @property
    def expiring(self) -> bool:
        """Certified, but the certificate runs out within EXPIRING_DAYS: renew it now."""
        return self.expires_in is not None and self.expires_in <= EXPIRING_DAYS

    @property
    def status_text_code(self) -> str:
        """One status for the lists, consistent with the 持证上岗 verdict: the stored status
        (active, suspended, revoked) unless the dates say otherwise (an "active" certificate
        past its end is expired, not active), or no_certificate."""
        if self.certificate_number is None:
            return "no_certificate"
        if self.certificate_status == "active" and not self.certification.certified:
            return self.certification.reason.value
        return self.certificate_status or "active"

    def as_json(self, language: str = "zh_CN") -> dict:
        return {
            "id": self.id, "name": self.name, "unit": self.unit_name,
            "unit_short": self.unit_short_name, "post": self.post, "phone": self.phone,
            "certificate": None if self.certificate_number is None else {
                "number": self.certificate_number, "category": self.category,
                "area": self.area,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_until": self.valid_until.isoformat() if self.valid_until else None,
                "status": self.certificate_status,
            },
            "certified": self.certification.certified,
            "certification": self.certification.reason.value,
            "certification_text": self.certification.message(language),
            "expires_in": self.expires_in, "expiring": self.expiring,
        }


@dataclass(frozen=True)
class OfficerFilter:
    text: str = ""
    unit_id: str | None = None


SORT_KEYS = ("name", "unit", "certificate", "valid_until", "status")


def _clean_certificate(cert: CertificateInput, today: date) -> CertificateInput:
    number = clean_certificate_number(cert.number)
    if not number:
        raise InvalidInput("执法证号不能为空", "the certificate number is empty")
    valid_from = cert.valid_from or today
    if cert.valid_until < valid_from:
        raise InvalidInput(f"执法证有效期止（{cert.valid_until}）早于起始日（{valid_from}）",
                           f"the certificate is valid until {cert.valid_until}, before it "
                           f"starts on {valid_from}")
    return CertificateInput(number, cert.valid_until, valid_from,
                            (cert.category or "").strip() or None, (cert.area or "").strip() or None)


def _check_number_free(session: Session, number: str) -> None:
    if officer_id_by_certificate(session, number) is not None:
        raise AlreadyExists("执法证号", "certificate number", number)


def _new_certificate(cert: CertificateInput) -> Certificate:
    return Certificate(number=cert.number, valid_from=cert.valid_from,
                       valid_until=cert.valid_until, category=cert.category, area=cert.area,
                       status="active")


def add_officer(ctx: Context, name: str, unit: str, certificate: CertificateInput | None,
                *, post: str | None = None, phone: str | None = None) -> OfficerRow:
    require(ctx.actor, Permission.MANAGE_OFFICERS)
    name = name.strip()
    if not name:
        raise InvalidInput("姓名不能为空", "the officer's name is empty")
    cert = _clean_certificate(certificate, ctx.clock.today()) if certificate else None
    with ctx.write("officer.add") as session:
        if cert:
            _check_number_free(session, cert.number)
        officer = Officer(name=name, name_sort_key=name_sort_key(name),
                          unit=find_unit(session, unit), post=post, phone=phone)
        session.add(officer)
        if cert:
            officer.certificates.append(_new_certificate(cert))
        session.flush()
        officer_id = officer.id
    return get_officer(ctx, officer_id)


def update_officer(ctx: Context, officer_id: str, *, name: str, unit: str,
                   post: str | None, phone: str | None) -> OfficerRow:
    require(ctx.actor, Permission.MANAGE_OFFICERS)
    if not name.strip():
        raise InvalidInput("姓名不能为空", "the officer's name is empty")
    with ctx.write("officer.update") as session:
        officer = _officer(session, officer_id)
        officer.name, officer.unit = name.strip(), find_unit(session, unit)
        officer.name_sort_key = name_sort_key(officer.name)
        officer.post, officer.phone = post or None, phone or None
    return get_officer(ctx, officer_id)


def renew_certificate(ctx: Context, officer_id: str, cert: CertificateInput) -> OfficerRow:
    """Issue a new certificate; it becomes the current one. Old numbers stay on record."""
    require(ctx.actor, Permission.MANAGE_OFFICERS)
    cert = _clean_certificate(cert, ctx.clock.today())
    with ctx.write("certificate.issue") as session:
        officer = _officer(session, officer_id)
        _check_number_free(session, cert.number)
        officer.certificates.append(_new_certificate(cert))
    return get_officer(ctx, officer_id)


def set_certificate_status(ctx: Context, number: str, status: str,
                           reason: str | None = None) -> OfficerRow:
    require(ctx.actor, Permission.MANAGE_OFFICERS)
    if status not in STATUSES:
        raise InvalidInput(f"未知证件状态“{status}”，可选：{', '.join(STATUSES)}",
                           f"unknown certificate status '{status}'; choose from "
                           f"{', '.join(STATUSES)}")
    with ctx.write(f"certificate.{status}") as session:
        certificate = certificate_by_number(session, number)
        if certificate.status == "revoked" and status != "revoked":
            raise InvalidInput("已吊销的执法证不能恢复，请换发新证",
                               "a revoked certificate cannot be restored; issue a new one")
        certificate.status, certificate.status_reason = status, reason
        officer_id = certificate.officer_id
    return get_officer(ctx, officer_id)


def _officer(session: Session, officer_id: str) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotFound("执法人员", "officer", officer_id)
    return officer


def _current_certificate_id(officer_id_column, today: date):  # noqa: ANN001, ANN202
    """SQL for organisation.certification.current_certificate: the latest started on or
    before ``today``, else the earliest not yet started."""
    other = aliased(Certificate)
    started = other.valid_from <= today
    return (select(other.id).where(other.officer_id == officer_id_column)
            .order_by(case((started, 0), else_=1),
                      case((started, other.valid_from), else_=None).desc(),
                      other.valid_from.asc(), other.created_at.desc())
            .limit(1).correlate_except(other).scalar_subquery())


def _with_current_certificate(query: Select, today: date) -> Select:
    return query.outerjoin(Certificate,
                           Certificate.id == _current_certificate_id(Officer.id, today))


def with_current_certificate(query: Select, today: date) -> Select:
    """Outer-join each officer's current certificate on ``today`` to a query over Officer,
    for reports that count or list officers in bulk (one query, not one per officer)."""
    return _with_current_certificate(query, today)


def certified_condition(today: date) -> ColumnElement[bool]:
    """SQL for "certified on ``today``" on the joined current certificate: the same rule as
    organisation.certification.judge (not suspended or revoked, and valid on the day)."""
    return and_(Certificate.id.is_not(None),
                Certificate.status.not_in(("suspended", "revoked")),
                Certificate.valid_from <= today, Certificate.valid_until >= today)


def certified_officers_by_unit(session: Session, today: date) -> dict[str, int]:
    """How many officers of each unit are certified on ``today``."""
    query = (with_current_certificate(select(Officer.unit_id, func.count(Officer.id)), today)
             .where(certified_condition(today)).group_by(Officer.unit_id))
    return {unit_id: count for unit_id, count in session.execute(query)}


def _filtered(query: Select, flt: OfficerFilter) -> Select:
    if flt.unit_id:
        query = query.where(Officer.unit_id == flt.unit_id)
    text = flt.text.strip()
    if text:
        # Any certificate number matches, old ones too: a file name may carry an old one.
        # autoescape: a typed % or _ is a character to find, not a LIKE wildcard.
        any_number = select(Certificate.officer_id).where(
            Certificate.number.contains(text, autoescape=True))
        query = query.where(or_(Officer.name.contains(text, autoescape=True),
                                Officer.id.in_(any_number)))
    return query


def _row_query(flt: OfficerFilter, today: date) -> Select:
    query = (
        select(Officer.id, Officer.name, Unit.name, Unit.short_name, Officer.post, Officer.phone,
               Certificate.number, Certificate.category, Certificate.area,
               Certificate.valid_from, Certificate.valid_until, Certificate.status)
        .join(Unit, Unit.id == Officer.unit_id)
    )
    return _filtered(_with_current_certificate(query, today), flt)


def _to_row(row, today: date) -> OfficerRow:  # noqa: ANN001
    (officer_id, name, unit_name, unit_short, post, phone, number, category, area,
     valid_from, valid_until, status) = row
    if number is None:
        cert = Certification(Reason.NO_CERTIFICATE)
    else:
        cert = judge(number, status, valid_from, valid_until, today)
    expires_in = (valid_until - today).days if cert.certified else None
    return OfficerRow(officer_id, name, unit_name, unit_short, post, phone, number, category,
                      area, valid_from, valid_until, status, cert, expires_in)


def count_officers(ctx: Context, flt: OfficerFilter = OfficerFilter()) -> int:
    # Every officer has at most one current certificate, so counting needs no join.
    with ctx.read() as session:
        return session.execute(_filtered(select(func.count(Officer.id)), flt)).scalar_one()


# Names in pinyin order (core.name_order); a row synced without a key sorts by its name.
_SORT_COLUMNS = {"name": func.coalesce(Officer.name_sort_key, Officer.name), "unit": Unit.name,
                 "certificate": Certificate.number, "valid_until": Certificate.valid_until,
                 "status": Certificate.status}


def officer_page(ctx: Context, flt: OfficerFilter = OfficerFilter(), *, sort: str = "name",
                 descending: bool = False, offset: int = 0,
                 limit: int | None = None) -> list[OfficerRow]:
    """One page of officers in the given order.

    Two steps, so a page deep in a long list stays cheap: first the page's ids, found with
    only the joins the sort needs; then the full rows for just those ids."""
    if sort not in _SORT_COLUMNS:
        raise InvalidInput(f"不能按“{sort}”排序", f"cannot sort by '{sort}'")
    column = _SORT_COLUMNS[sort]
    order = (column.desc() if descending else column.asc(), Officer.id)
    today = ctx.clock.today()
    if limit is None:  # the whole list (exports): one query, no id list to pass around
        with ctx.read() as session:
            rows = session.execute(_row_query(flt, today).order_by(*order).offset(offset)
                                   ).all()
        return [_to_row(row, today) for row in rows]
    ids = select(Officer.id)
    if sort == "unit":
        ids = ids.join(Unit, Unit.id == Officer.unit_id)
    elif getattr(column, "table", None) is Certificate.__table__:
        ids = _with_current_certificate(ids, today)
    ids = _filtered(ids, flt).order_by(*order).offset(offset).limit(limit)
    with ctx.read() as session:
        page_ids = list(session.execute(ids).scalars())
        wanted = _row_query(OfficerFilter(), today).where(Officer.id.in_(page_ids))
        rows = session.execute(wanted).all() if page_ids else []
    by_id = {row[0]: row for row in rows}
    return [_to_row(by_id[officer_id], today) for officer_id in page_ids]


def get_officer(ctx: Context, officer_id: str) -> OfficerRow:
    today = ctx.clock.today()
    with ctx.read() as session:
        row = session.execute(_row_query(OfficerFilter(), today)
                              .where(Officer.id == officer_id)).first()
    if row is None:
        raise NotFound("执法人员", "officer", officer_id)
    return _to_row(row, today)


def officer_by_certificate(ctx: Context, number: str) -> OfficerRow:
    """Look an officer up by any certificate number they ever held (人员资格查询)."""
    with ctx.read() as session:
        officer_id = officer_id_by_certificate(session, number)
    if officer_id is None:
        raise certificate_not_found(number)
    return get_officer(ctx, officer_id)
