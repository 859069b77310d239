"""Who may give a legal-review opinion (measures 21 and 22).

An opinion is recorded only by an account that (all of them, checked on the day):
- holds the reviewer role (法制审核员);
- is linked to an officer whose enforcement certificate is valid (持证上岗);
- has a legal-qualification record: a 法律职业资格 certificate number, which
  《中华人民共和国行政处罚法》第五十八条第二款 requires of anyone doing this work for the first
  time, or the training and appointment the bureau's rules accept instead for a reviewer
  appointed before that (a local rule: the text of the appointment is recorded);
- is not a handling officer (办案人员) of the case (a local rule: handling and review are
  kept apart).
Training records (date, hours, subject, provider) add up to a yearly hours report, and the
staffing check warns when the bureau has no qualified reviewer (measure 21 asks for one
or two).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from accounts.users import user_order
from core.actor import Actor
from core.context import Context
from core.errors import InvalidInput, NotFound
from core.permissions import Permission, Role, require
from db.models import Case, Officer, ReviewerQualification, ReviewerTraining, User
from organisation.certification import certification
from review.case_view import handler_officer_ids
from review.errors import HandlerMayNotReview, NotQualifiedReviewer

MIN_QUALIFIED = 1          # measure 21: one or two qualified reviewers
MAX_HOURS = Decimal("200")  # far above one training; stops a typo of 350 for 3.5


@dataclass(frozen=True)
class Problem:
    zh: str
    en: str


@dataclass(frozen=True)
class ReviewerInfo:
    username: str
    display_name: str | None
    officer_name: str | None
    certificate: str | None
    legal_certificate: str | None
    appointment: str | None
    problems: tuple[Problem, ...]
    hours_this_year: Decimal

    @property
    def qualified(self) -> bool:
        return not self.problems

    def as_json(self, language: str = "zh_CN") -> dict:
        en = language.startswith("en")
        return {"user": self.username, "display_name": self.display_name,
                "officer": self.officer_name, "certificate": self.certificate,
                "legal_certificate": self.legal_certificate, "appointment": self.appointment,
                "qualified": self.qualified,
                "problems": [p.en if en else p.zh for p in self.problems],
                "training_hours_this_year": str(self.hours_this_year)}


@dataclass(frozen=True)
class TrainingRecord:
    username: str
    held_on: date
    hours: Decimal
    subject: str
    provider: str | None

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"user": self.username, "date": self.held_on.isoformat(),
                "hours": str(self.hours), "subject": self.subject, "provider": self.provider}


@dataclass(frozen=True)
class TrainingHours:
    username: str
    year: int
    sessions: int
    hours: Decimal

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"user": self.username, "year": self.year, "sessions": self.sessions,
                "hours": str(self.hours)}


@dataclass(frozen=True)
class Staffing:
    qualified: tuple[str, ...]

    @property
    def short(self) -> bool:
        return len(self.qualified) < MIN_QUALIFIED

    def warning(self, language: str = "zh_CN") -> str | None:
        if not self.short:
            return None
        if language.startswith("en"):
            return ("The bureau has no qualified legal reviewer: major decisions cannot be "
                    "reviewed (measure 21 asks for one or two). Record a reviewer's "
                    "qualification with `lawdesk reviewer qualify`.")
        return ("本局没有符合条件的法制审核人员，重大执法决定无法审核（应配备一至二名）；"
                "请以 lawdesk reviewer qualify 登记审核人员的法律职业资格。")

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"qualified": list(self.qualified), "warning": self.warning(language)}


def _user(session: Session, username: str) -> User:
    user = session.execute(select(User).options(selectinload(User.roles))
                           .where(User.username == username.strip())).scalar_one_or_none()
    if user is None:
        raise NotFound("用户", "user", username)
    return user


def _problems(session: Session, user: User | None, today: date) -> list[Problem]:
    if user is None or not user.active:
        return [Problem("没有启用的账号", "has no active account")]
    problems = []
    if Role.REVIEWER.value not in user.role_names:
        problems.append(Problem("没有法制审核员角色", "does not hold the reviewer role"))
    officer = session.get(Officer, user.officer_id) if user.officer_id else None
    if officer is None:
        problems.append(Problem("账号未关联执法人员", "is not linked to an officer"))
    else:
        result = certification(officer.certificates, today)
        if not result.certified:
            problems.append(Problem(f"{officer.name}{result.message('zh_CN')}",
                                    f"{officer.name} {result.message('en')}"))
    if session.get(ReviewerQualification, user.id) is None:
        problems.append(Problem(
            "没有法律职业资格或本局认可的培训任命记录（《中华人民共和国行政处罚法》第五十八条第二款）",
            "has no legal qualification or appointment on record (Administrative Penalty "
            "Law, art. 58 para. 2)"))
    return problems


def require_reviewer(session: Session, actor: Actor, case: Case, today: date) -> None:
    """Refuse anyone but a qualified reviewer who is not a handler of ``case``."""
    if Role.REVIEWER.value not in actor.roles:
        raise NotQualifiedReviewer(user=actor.username, reason_zh="没有法制审核员角色",
                                   reason_en="does not hold the reviewer role")
    user = session.execute(select(User).options(selectinload(User.roles))
                           .where(User.username == actor.username)).scalar_one_or_none()
    problems = _problems(session, user, today)
    if problems:
        raise NotQualifiedReviewer(user=actor.username,
                                   reason_zh="；".join(p.zh for p in problems),
                                   reason_en="; ".join(p.en for p in problems))
    handlers = handler_officer_ids(session, case.id)
    if user.officer_id in handlers:
        raise HandlerMayNotReview(user=actor.username, officer=handlers[user.officer_id],
                                  case=case.number)


def _hours(session: Session, user_id: str, year: int) -> tuple[int, Decimal]:
    rows = session.execute(select(ReviewerTraining.hours).where(
        ReviewerTraining.user_id == user_id, ReviewerTraining.held_on >= date(year, 1, 1),
        ReviewerTraining.held_on <= date(year, 12, 31))).scalars().all()
    return len(rows), sum((Decimal(h) for h in rows), Decimal("0"))


def _info(session: Session, user: User, today: date) -> ReviewerInfo:
    officer = session.get(Officer, user.officer_id) if user.officer_id else None
    qualification = session.get(ReviewerQualification, user.id)
    number = None
    if officer is not None:
        number = certification(officer.certificates, today).certificate_number
    return ReviewerInfo(
        user.username, user.display_name, officer.name if officer else None, number,
        qualification.legal_certificate if qualification else None,
        qualification.appointment if qualification else None,
        tuple(_problems(session, user, today)), _hours(session, user.id, today.year)[1])


def qualify_reviewer(ctx: Context, username: str, *, legal_certificate: str | None = None,
                     appointment: str | None = None) -> ReviewerInfo:
    """Record (or replace) the reviewer's legal qualification: a 法律职业资格 certificate
    number, or the text of the appointment the bureau's rules accept."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    number = (legal_certificate or "").strip() or None
    text = (appointment or "").strip() or None
    if (number is None) == (text is None):
        raise InvalidInput("须给出法律职业资格证书编号或任命文件二者之一",
                           "give either the legal-qualification certificate number or the "
                           "appointment, not both and not neither")
    if number is not None and len(number) > 40:
        raise InvalidInput("法律职业资格证书编号不超过 40 个字符",
                           "the certificate number has at most 40 characters")
    if text is not None and len(text) > 2000:
        raise InvalidInput("任命文件内容不超过 2000 个字符",
                           "the appointment has at most 2000 characters")
    with ctx.write("reviewer.qualify") as session:
        user = _user(session, username)
        row = session.get(ReviewerQualification, user.id)
        if row is None:
            row = ReviewerQualification(user_id=user.id)
            session.add(row)
        row.legal_certificate, row.appointment = number, text
        row.recorded_at, row.recorded_by = ctx.clock.now(), ctx.actor.username
        session.flush()
        return _info(session, user, ctx.clock.today())


def _hours_value(hours: str | Decimal | float) -> Decimal:
    try:
        value = Decimal(str(hours).strip())
    except InvalidOperation:
        raise InvalidInput(f"学时“{hours}”不是数", f"hours '{hours}' is not a number") from None
    if not value.is_finite() or value <= 0 or value > MAX_HOURS \
            or value.as_tuple().exponent < -1:
        raise InvalidInput(f"学时须大于 0、不超过 {MAX_HOURS}，最多一位小数",
                           f"hours must be above 0 and at most {MAX_HOURS}, with at most "
                           "one decimal")
    return value


def add_training(ctx: Context, username: str, held_on: date, hours: str | Decimal,
                 subject: str, provider: str | None = None) -> TrainingRecord:
    """Record a training a reviewer attended (measure 22)."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    value = _hours_value(hours)
    subject = (subject or "").strip()
    provider = (provider or "").strip() or None
    if not subject or len(subject) > 200 or (provider and len(provider) > 100):
        raise InvalidInput("培训主题不能为空且不超过 200 字，举办单位不超过 100 字",
                           "a training needs a subject of at most 200 characters; the "
                           "provider has at most 100")
    if held_on > ctx.clock.today():
        raise InvalidInput(f"培训日期 {held_on} 晚于今天", f"the training date {held_on} "
                           "is in the future")
    with ctx.write("reviewer.training") as session:
        user = _user(session, username)
        if Role.REVIEWER.value not in user.role_names:
            raise InvalidInput(f"{user.username} 不是法制审核员", f"{user.username} is not "
                               "a reviewer")
        session.add(ReviewerTraining(user_id=user.id, held_on=held_on, hours=str(value),
                                     subject=subject, provider=provider,
                                     recorded_at=ctx.clock.now(),
                                     recorded_by=ctx.actor.username))
        return TrainingRecord(user.username, held_on, value, subject, provider)


def _reviewer_accounts(session: Session) -> list[User]:
    users = session.execute(select(User).options(selectinload(User.roles))
                            .order_by(user_order(), User.username)).scalars().all()
    return [u for u in users if Role.REVIEWER.value in u.role_names]


def list_reviewers(ctx: Context) -> list[ReviewerInfo]:
    """Every account with the reviewer role, qualified or with what is missing."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    with ctx.read() as session:
        return [_info(session, u, ctx.clock.today()) for u in _reviewer_accounts(session)]


def training_report(ctx: Context, year: int) -> list[TrainingHours]:
    """Each reviewer's trainings and hours in ``year``."""
    require(ctx.actor, Permission.MANAGE_REVIEW_RULES)
    with ctx.read() as session:
        return [TrainingHours(u.username, year, *_hours(session, u.id, year))
                for u in _reviewer_accounts(session)]


def staffing_check(ctx: Context) -> Staffing:
    """The qualified reviewers today; ``short`` (and a warning) below one (measure 21)."""
    require(ctx.actor, Permission.VIEW_CASES)
    today = ctx.clock.today()
    with ctx.read() as session:
        return Staffing(tuple(u.username for u in _reviewer_accounts(session)
                              if not _problems(session, u, today)))
