"""A bureau where legal review happens: the casework bureau (units, officers 张伟 and 李娜
handling the example case, 赵强 whose certificate expired, 孙丽 whose runs out on
2026-06-30) plus reviewer accounts, the bureau head, and cases the catalogue matches.

The clock stands at 2026-06-15 10:00 in Beijing (a Monday); ``on(ctx, day)`` is the same
actor on another day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from accounts.users import add_user
from casework.inputs import PartyInput
from core.actor import Actor
from core.clock import BUREAU_ZONE, fixed_clock
from core.context import Context
from organisation.officers import CertificateInput, add_officer
from review.materials import attach_material, material_items
from review.reviewers import qualify_reviewer
from tests.casework.conftest import (admin_ctx, advance, archive, bureau,  # noqa: F401
                                     case_input, clerk, example_data, example_input,
                                     penalty_case, pdf_text)
from tests.review.reviewed_case import tiny_pdf

PASSWORD = "review-pass-1"
PERSON = PartyInput("person", "刘某", "11010519491231002X", address="农安县农安镇")
OPINION = "事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当。"
ALL_PASS = {code: {"result": "pass", "text": ""} for code in (
    "subject", "procedure", "facts_evidence", "law_discretion", "authority", "documents",
    "criminal_transfer", "other")}


def on(ctx: Context, day: date) -> Context:
    """``ctx`` acting at 10:00 Beijing time on ``day``."""
    from zoneinfo import ZoneInfo
    instant = datetime.combine(day, time(10), tzinfo=ZoneInfo(BUREAU_ZONE))
    return Context(ctx.db, ctx.actor, fixed_clock(instant))


@dataclass(frozen=True)
class People:
    reviewer: Context      # 王审: reviewer, certified, qualified, handles nothing
    handler: Context       # 张伟: reviewer too, but the example cases' lead handler
    unqualified: Context   # 钱审: reviewer and certified, no legal qualification on record
    expired: Context       # 赵强: reviewer, qualified, certificate expired
    head: Context          # the bureau head (局负责人)
    second: Context        # 吴审: another qualified reviewer


@pytest.fixture
def people(workspace, bureau, admin_ctx) -> People:  # noqa: F811
    add_officer(admin_ctx, "王审", "执一", CertificateInput("22010009", date(2028, 12, 31),
                                                          valid_from=date(2020, 1, 1)))
    add_officer(admin_ctx, "钱审", "执一", CertificateInput("22010010", date(2028, 12, 31),
                                                          valid_from=date(2020, 1, 1)))
    add_officer(admin_ctx, "吴审", "执一", CertificateInput("22010011", date(2028, 12, 31),
                                                          valid_from=date(2020, 1, 1)))

    def account(name: str, certificate: str | None, roles: tuple[str, ...],
                qualification: str | None) -> Context:
        info = add_user(admin_ctx, name, PASSWORD, list(roles),
                        officer_certificate=certificate)
        if qualification:
            qualify_reviewer(admin_ctx, name, legal_certificate=qualification)
        return workspace.context(Actor(name, frozenset(roles), info.id, info.officer_id))

    return People(
        account("wangshen", "22010009", ("reviewer",), "A20152201234567"),
        account("zhangwei", "22010001", ("reviewer", "officer"), "A20182201000001"),
        account("qianshen", "22010010", ("reviewer",), None),
        account("zhaoqiang", "22010003", ("reviewer",), "A20162201000002"),
        workspace.context(Actor("head", frozenset({"head"}))),
        account("wushen", "22010011", ("reviewer",), "A20192201000003"))


@pytest.fixture
def fined(bureau, clerk, case_input):  # noqa: F811
    """``fined(amount, person=False, **changes)``: a case like the example one (an
    organisation, ordinary procedure) fined ``amount`` yuan."""
    from casework.cases import create_case

    def make(amount: str | None, *, person: bool = False, **changes):  # noqa: ANN003
        if person:
            changes["parties"] = (PERSON,)
        return create_case(clerk, case_input(
            penalty_amount=None if amount is None else Decimal(amount), **changes))
    return make


@pytest.fixture
def major(fined, advance):  # noqa: F811
    """A case the catalogue matches (¥150,000 on a company: large_fine), at its notice."""
    case = fined("150000.00")
    advance(case, "filing", "investigation", "notice")
    return case


@pytest.fixture
def attach_all(clerk, archive):  # noqa: F811
    """``attach_all(case, skip=())``: every item the checklist always needs, as PDFs."""
    def run(case, skip: tuple[str, ...] = ()) -> None:  # noqa: ANN001
        for item in material_items():
            if item.required == "always" and item.code not in skip:
                attach_material(clerk, archive, case.number, item.code, tiny_pdf(item.code),
                                f"{item.code}.pdf")
    return run


@pytest.fixture
def submitted(major, attach_all, clerk):  # noqa: F811
    """The major case with its materials, submitted for review on 2026-06-15."""
    from review.workflow import submit_review
    attach_all(major)
    submit_review(clerk, major.number)
    return major
