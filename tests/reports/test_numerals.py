"""Amounts in capital numerals as a penalty decision prints them, and dates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import InvalidInput
from reports.numerals import amount_in_figures, capital_amount, chinese_date


@pytest.mark.parametrize("amount, words", [
    ("10005.20", "壹万零伍元贰角整"),
    ("0.05", "伍分"),
    ("0.50", "伍角整"),
    ("0.55", "伍角伍分"),
    ("0", "零元整"),
    ("1", "壹元整"),
    ("10", "壹拾元整"),            # 壹 before 拾 is never left out
    ("15", "壹拾伍元整"),
    ("100", "壹佰元整"),
    ("101", "壹佰零壹元整"),
    ("110", "壹佰壹拾元整"),
    ("1001", "壹仟零壹元整"),
    ("1010", "壹仟零壹拾元整"),
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("1000.05", "壹仟元零伍分"),
    ("10.50", "壹拾元零伍角整"),
    ("3000", "叁仟元整"),
    ("20000", "贰万元整"),
    ("100010", "壹拾万零壹拾元整"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),  # the rules' own examples, first forms
    ("1004.56", "壹仟零肆元伍角陆分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("100700", "壹拾万零柒佰元整"),
    ("1000000", "壹佰万元整"),
    ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
    ("100000000", "壹亿元整"),
    ("100000001", "壹亿零壹元整"),
    ("100010000", "壹亿零壹万元整"),
    ("101000000", "壹亿零壹佰万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("200000000.01", "贰亿元零壹分"),
    ("1000000000000", "壹万亿元整"),
    ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
])
def test_capital_amount(amount: str, words: str):
    assert capital_amount(amount) == words


def test_capital_amount_takes_decimals_integers_and_floats_alike():
    assert capital_amount(Decimal("10005.2")) == capital_amount(10005.2) == "壹万零伍元贰角整"
    assert capital_amount(500) == "伍佰元整"
    assert capital_amount(0.1) == "壹角整"          # not 0.1000000000000000055...
    assert capital_amount("10,005.20") == "壹万零伍元贰角整"


@pytest.mark.parametrize("bad", ["-1", "abc", "1.005", "1e16", "NaN", True, None, ""])
def test_an_amount_it_cannot_write_is_refused(bad: object):
    with pytest.raises(InvalidInput) as refused:
        capital_amount(bad)  # type: ignore[arg-type]
    assert "金额" in refused.value.message("zh_CN")
    assert "amount" in refused.value.message("en")


def test_amount_in_figures():
    assert amount_in_figures("10005.2") == "10005.20"
    assert amount_in_figures(1234567, grouping=True) == "1,234,567.00"
    assert amount_in_figures("0.05") == "0.05"


def test_dates():
    assert chinese_date(date(2026, 6, 15)) == "2026年6月15日"
    assert chinese_date(date(2026, 6, 15), hanzi=True) == "二〇二六年六月十五日"
    assert chinese_date(date(2020, 10, 20), hanzi=True) == "二〇二〇年十月二十日"
    assert chinese_date(date(2031, 12, 31), hanzi=True) == "二〇三一年十二月三十一日"
    assert chinese_date(date(2009, 1, 1), hanzi=True) == "二〇〇九年一月一日"
