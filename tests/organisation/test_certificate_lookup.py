"""One rule for certificate numbers, however they arrive: surrounding whitespace goes (the
full-width space of a Chinese input method too), what is inside stays."""
from __future__ import annotations

from datetime import date

import pytest

from accounts.users import add_user
from core.errors import NotFound
from devices.offload import records
from organisation import lookup
from organisation.officers import (
    CertificateInput, add_officer, officer_by_certificate, set_certificate_status,
)
from organisation.units import add_unit

NUMBER = "22010000001"
SPACED = "2201 0000002"        # stored as issued, with its inner space
PADDINGS = {"ascii": " {} ", "full-width": "\u3000{}\u3000", "tab-cr": "\t{}\r\n",
            "no-break": "\u00a0{}", "mixed": " \u3000{} "}


@pytest.fixture
def manager(workspace, as_role):
    ctx = as_role("admin")
    add_unit(ctx, "综合科", "综合")
    return ctx


@pytest.fixture
def wang(manager):
    # Typed with full-width spaces around it: stored without them.
    return add_officer(manager, "王五", "综合",
                       CertificateInput(f"\u3000{NUMBER}\u3000", date(2028, 12, 31)))


@pytest.mark.parametrize("padding", PADDINGS.values(), ids=PADDINGS.keys())
def test_surrounding_whitespace_is_dropped(padding):
    assert lookup.clean_certificate_number(padding.format(NUMBER)) == NUMBER


@pytest.mark.parametrize("number", [SPACED, "２２０１００００００１", "22-01"],
                         ids=["inner-space", "full-width-digits", "hyphen"])
def test_what_is_inside_the_number_stays(number):
    assert lookup.clean_certificate_number(f" {number}\u3000") == number


def test_no_number_is_empty():
    assert lookup.clean_certificate_number(None) == lookup.clean_certificate_number(" ") == ""


def test_a_number_is_stored_as_it_is_looked_up(wang):
    assert wang.certificate_number == NUMBER


@pytest.mark.parametrize("padding", PADDINGS.values(), ids=PADDINGS.keys())
def test_every_lookup_finds_a_padded_number(workspace, manager, wang, padding):
    typed = padding.format(NUMBER)
    with workspace.db.read() as session:
        assert lookup.officer_by_certificate(session, typed).id == wang.id
        assert lookup.officer_id_by_certificate(session, typed) == wang.id
        assert lookup.certificate_by_number(session, typed).number == NUMBER
    assert officer_by_certificate(manager, typed).id == wang.id
    assert records.officer_id_by_certificate(manager, typed) == wang.id
    assert set_certificate_status(manager, typed, "active").id == wang.id


def test_an_account_links_to_a_padded_number(manager, wang):
    user = add_user(manager, "wangwu", "officer-pass-1", ["officer"],
                    officer_certificate=f"\u3000{NUMBER} ")
    assert user.officer_name == "王五"


def test_inner_spaces_must_match(workspace, manager):
    li = add_officer(manager, "李四", "综合", CertificateInput(SPACED, date(2028, 12, 31)))
    with workspace.db.read() as session:
        assert lookup.officer_id_by_certificate(session, f"\u3000{SPACED}") == li.id
        assert lookup.officer_id_by_certificate(session, SPACED.replace(" ", "")) is None


@pytest.mark.parametrize("typed", [" 99999999\u3000", "", None])
def test_an_unknown_number_is_named_as_looked_for(workspace, manager, wang, typed):
    with workspace.db.read() as session:
        assert lookup.officer_id_by_certificate(session, typed) is None
        with pytest.raises(NotFound) as refused:
            lookup.officer_by_certificate(session, typed)
    expected = lookup.clean_certificate_number(typed)
    assert refused.value.message("zh_CN") == f"未找到执法证号：{expected}"
    assert refused.value.message("en") == f"No certificate number found: {expected}"
    with pytest.raises(NotFound):
        officer_by_certificate(manager, typed or "")
