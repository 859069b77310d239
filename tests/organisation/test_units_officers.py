"""Units (科室) and officers: adding, changing, and the officer list's paging, sorting and
filtering."""
from __future__ import annotations

from datetime import date

import pytest

from core.errors import AlreadyExists, InvalidInput, NotFound
from organisation.officers import (
    CertificateInput, OfficerFilter, add_officer, count_officers, get_officer, officer_page,
    renew_certificate, update_officer,
)
from organisation.units import add_unit, list_units, update_unit


@pytest.fixture
def manager(workspace, as_role):
    return as_role("admin")


# ---------------------------------------------------------------------------- units
def test_add_and_list_units(manager):
    b = add_unit(manager, "  法制科 ", " 法制 ")
    a = add_unit(manager, "综合科", "综合")
    assert (b.name, b.short_name, b.officers) == ("法制科", "法制", 0)
    add_officer(manager, "王五", "综合", None)
    add_officer(manager, "赵六", "综合科", None)  # by full name too
    units = list_units(manager)
    assert [u.name for u in units] == sorted(["法制科", "综合科"])
    assert {u.id: u.officers for u in units} == {a.id: 2, b.id: 0}


def test_update_unit(manager):
    unit = add_unit(manager, "法制科", "法制")
    updated = update_unit(manager, unit.id, "法制审核科", "法审")
    assert (updated.id, updated.name, updated.short_name) == (unit.id, "法制审核科", "法审")
    assert update_unit(manager, unit.id, "法制审核科", "法审").name == "法制审核科"  # unchanged
    with pytest.raises(NotFound):
        update_unit(manager, "0" * 32, "x", "y")


@pytest.mark.parametrize("name,short", [("综合科", "新"), ("新科", "综合")],
                         ids=["same-name", "same-short-name"])
def test_duplicate_unit_names_are_refused(manager, ledger_length, name, short):
    add_unit(manager, "综合科", "综合")
    other = add_unit(manager, "法制科", "法制")
    length = ledger_length()
    with pytest.raises(AlreadyExists):
        add_unit(manager, name, short)
    with pytest.raises(AlreadyExists):
        update_unit(manager, other.id, name if name != "新科" else "法制科", short)
    assert ledger_length() == length


@pytest.mark.parametrize("name,short", [
    ("", "综合"), ("综合科", ""), ("综合科", "   "), ("综合科", "x" * 21), ("综合科", "综/合"),
    ("综合科", "综{合"), ("综合科", "综〔合"), ("综合科", "a\\b")])
def test_bad_unit_names_are_refused(manager, ledger_length, name, short):
    length = ledger_length()
    with pytest.raises(InvalidInput):
        add_unit(manager, name, short)
    assert ledger_length() == length


# ------------------------------------------------------------------------- officers
@pytest.fixture
def unit(manager):
    return add_unit(manager, "综合科", "综合")


def test_add_officer_with_a_certificate(manager, unit):
    row = add_officer(manager, " 王五 ", "综合", CertificateInput(
        " 22010000001 ", date(2028, 12, 31), date(2025, 1, 1), " 综合执法 ", ""),
        post="科员", phone="0431-1234567")
    assert (row.name, row.unit_name, row.unit_short_name) == ("王五", "综合科", "综合")
    assert (row.certificate_number, row.category, row.area) == ("22010000001", "综合执法", None)
    assert (row.valid_from, row.valid_until, row.certificate_status) == (
        date(2025, 1, 1), date(2028, 12, 31), "active")
    assert (row.post, row.phone) == ("科员", "0431-1234567")
    assert get_officer(manager, row.id) == row


def test_update_officer(manager, unit):
    add_unit(manager, "法制科", "法制")
    row = add_officer(manager, "王五", "综合", None, post="科员")
    changed = update_officer(manager, row.id, name="王五五", unit="法制", post="", phone=None)
    assert (changed.name, changed.unit_short_name, changed.post) == ("王五五", "法制", None)
    with pytest.raises(InvalidInput):
        update_officer(manager, row.id, name=" ", unit="法制", post=None, phone=None)
    with pytest.raises(NotFound):
        update_officer(manager, "0" * 32, name="x", unit="法制", post=None, phone=None)
    with pytest.raises(NotFound):
        update_officer(manager, row.id, name="x", unit="无此科", post=None, phone=None)


def test_unknown_unit_is_refused(manager, unit, ledger_length):
    length = ledger_length()
    with pytest.raises(NotFound):
        add_officer(manager, "王五", "无此科", CertificateInput("1", date(2028, 1, 1)))
    assert ledger_length() == length


def test_duplicate_certificate_is_refused(manager, unit, ledger_length):
    add_officer(manager, "王五", "综合", CertificateInput("22010000001", date(2028, 1, 1)))
    length = ledger_length()
    with pytest.raises(AlreadyExists):
        add_officer(manager, "赵六", "综合", CertificateInput("22010000001", date(2029, 1, 1)))
    assert ledger_length() == length
    assert count_officers(manager) == 1


@pytest.mark.parametrize("cert", [
    CertificateInput("1", valid_until=date(2026, 1, 1), valid_from=date(2026, 1, 2)),
    CertificateInput("1", valid_until=date(2026, 6, 14)),  # before today, the default start
    CertificateInput("  ", valid_until=date(2028, 1, 1)),
], ids=["until-before-from", "until-before-today", "empty-number"])
def test_bad_certificate_is_refused(manager, unit, ledger_length, cert):
    length = ledger_length()
    with pytest.raises(InvalidInput):
        add_officer(manager, "王五", "综合", cert)
    assert ledger_length() == length


def test_a_certificate_valid_for_one_day_is_accepted(manager, unit):
    row = add_officer(manager, "王五", "综合",
                      CertificateInput("1", date(2026, 6, 15), date(2026, 6, 15)))
    assert row.certification.certified


def test_empty_officer_name_is_refused(manager, unit):
    with pytest.raises(InvalidInput):
        add_officer(manager, "  ", "综合", None)


# ---------------------------------------------------------- paging, sorting, filtering
PEOPLE = [  # name, unit, certificate number, valid until (None: no certificate)
    ("An", "综合", "C-005", date(2027, 5, 1)),
    ("Bo", "法制", "C-002", date(2026, 1, 1)),
    ("Cai", "综合", "C-007", date(2029, 1, 1)),
    ("Du", "法制", "C-001", date(2028, 3, 1)),
    ("En", "综合", None, None),
    ("Fan", "综合", "C-003", date(2026, 7, 1)),
    ("Gu", "法制", "C-006", date(2030, 1, 1)),
]


@pytest.fixture
def people(manager):
    units = {u.short_name: u for u in (add_unit(manager, "综合科", "综合"),
                                       add_unit(manager, "法制科", "法制"))}
    for name, unit, number, until in PEOPLE:
        cert = CertificateInput(number, until, date(2020, 1, 1)) if number else None
        add_officer(manager, name, unit, cert)
    return units


def names(rows) -> list[str]:
    return [r.name for r in rows]


def test_sorted_by_name_both_ways(manager, people):
    assert names(officer_page(manager)) == [p[0] for p in PEOPLE]
    assert names(officer_page(manager, descending=True)) == [p[0] for p in PEOPLE][::-1]


def test_pages_cover_the_list_once(manager, people):
    full = names(officer_page(manager, sort="certificate"))
    pages = [names(officer_page(manager, sort="certificate", offset=o, limit=3))
             for o in (0, 3, 6, 9)]
    assert [len(p) for p in pages] == [3, 3, 1, 0]
    assert sum(pages, []) == full
    assert count_officers(manager) == len(PEOPLE)


@pytest.mark.parametrize("sort,key", [
    ("certificate", lambda r: r.certificate_number),
    ("valid_until", lambda r: r.valid_until),
    ("unit", lambda r: r.unit_name),
    ("status", lambda r: r.certificate_status),
])
@pytest.mark.parametrize("descending", [False, True])
def test_sorted_by_column(manager, people, sort, key, descending):
    rows = officer_page(manager, sort=sort, descending=descending)
    assert len(rows) == len(PEOPLE)
    values = [key(r) for r in rows if key(r) is not None]
    assert values == sorted(values, reverse=descending)


def test_sort_ties_are_broken_the_same_way_every_time(manager, people):
    first = [r.id for r in officer_page(manager, sort="unit")]
    paged = [r.id for o in range(0, 7, 2)
             for r in officer_page(manager, sort="unit", offset=o, limit=2)]
    assert paged == first


def test_unknown_sort_key_is_refused(manager, people):
    with pytest.raises(InvalidInput):
        officer_page(manager, sort="password")


@pytest.mark.parametrize("flt,expected", [
    (OfficerFilter(text="a"), ["An", "Cai", "Fan"]),
    (OfficerFilter(text="C-00"), ["An", "Bo", "Cai", "Du", "Fan", "Gu"]),
    (OfficerFilter(text=" C-001 "), ["Du"]),
    (OfficerFilter(text="nobody"), []),
    (OfficerFilter(text="%"), []),
    (OfficerFilter(text="C_00"), []),
], ids=["name", "certificate-prefix", "certificate-trimmed", "no-match", "percent-is-literal",
        "underscore-is-literal"])
def test_filter_by_text(manager, people, flt, expected):
    assert names(officer_page(manager, flt)) == expected
    assert count_officers(manager, flt) == len(expected)


def test_filter_by_unit_and_text(manager, people):
    flt = OfficerFilter(unit_id=people["法制"].id)
    assert names(officer_page(manager, flt)) == ["Bo", "Du", "Gu"]
    assert count_officers(manager, flt) == 3
    both = OfficerFilter(text="u", unit_id=people["法制"].id)
    assert names(officer_page(manager, both)) == ["Du", "Gu"]
    assert count_officers(manager, both) == 2


def test_an_old_certificate_number_still_matches(manager, people):
    du = officer_page(manager, OfficerFilter(text="C-001"))[0]
    renew_certificate(manager, du.id, CertificateInput("C-101", date(2031, 1, 1)))
    rows = officer_page(manager, OfficerFilter(text="C-001"))
    assert names(rows) == ["Du"]
    assert rows[0].certificate_number == "C-101"  # the list shows the current one
    assert count_officers(manager, OfficerFilter(text="C-001")) == 1
    assert count_officers(manager) == len(PEOPLE)  # renewing adds no row to the list


def test_list_reports_certification_for_today(manager, people):
    by_name = {r.name: r for r in officer_page(manager)}
    assert by_name["Bo"].certification.reason.value == "expired"
    assert by_name["En"].certification.reason.value == "no_certificate"
    assert by_name["Fan"].certification.certified
