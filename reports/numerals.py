"""Amounts and dates as Chinese documents write them.

Capital amounts (大写金额) follow the People's Bank rules for filling in amounts
(《正确填写票据和结算凭证的基本规定》): 壹 before 拾 is never left out (壹拾元整, so
nobody can add a digit in front); one 零 stands for any run of zeros between digits; 整
follows an amount that ends at 元 or 角 but not one that ends at 分. Where the rules allow
a 零 to be written or left out (a zero in the 元 place before a 角), we write it, which is
the first of the two forms the rules give (壹仟陆佰捌拾元零叁角贰分).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from core.errors import InvalidInput

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("仟", "佰", "拾", "")     # within a group of four digits, highest first
LIMIT = Decimal(10) ** 16                # 万亿 is the largest unit bank forms print

Amount = Decimal | int | str | float


def capital_amount(amount: Amount) -> str:
    """``10005.20`` -> ``壹万零伍元贰角整``; ``0.05`` -> ``伍分``; ``0`` -> ``零元整``."""
    cents = _cents(amount)
    if cents == 0:
        return "零元整"
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    parts = [_integer(yuan) + "元"] if yuan else []
    if jiao:
        if yuan and yuan % 10 == 0:
            parts.append("零")
        parts.append(DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            parts.append("零")
        parts.append(DIGITS[fen] + "分")
    else:
        parts.append("整")
    return "".join(parts)


def amount_in_figures(amount: Amount, *, grouping: bool = False) -> str:
    """Two decimals, optionally with thousands separators: ``10005.2`` -> ``10005.20``."""
    yuan, cents = divmod(_cents(amount), 100)
    whole = f"{yuan:,}" if grouping else str(yuan)
    return f"{whole}.{cents:02d}"


def chinese_date(day: date, *, hanzi: bool = False) -> str:
    """``2026年6月15日`` as GB/T 9704-2012 writes dates; ``二〇二六年六月十五日`` with hanzi."""
    if not hanzi:
        return f"{day.year}年{day.month}月{day.day}日"
    year = "".join("〇一二三四五六七八九"[int(d)] for d in str(day.year))
    return f"{year}年{_small_number(day.month)}月{_small_number(day.day)}日"


def _small_number(n: int) -> str:
    """1..31 in lower-case numerals as dates read them: 十, 十五, 二十, 三十一."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones or not tens else "")


def _cents(amount: Amount) -> int:
    if isinstance(amount, bool):
        raise _bad(amount)
    try:
        # repr() of a float is its shortest exact decimal, so 0.1 stays 0.1, not 0.1000000000000000055.
        value = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(
            amount.strip().replace(",", "") if isinstance(amount, str) else amount)
    except (InvalidOperation, TypeError, ValueError):
        raise _bad(amount) from None
    if not value.is_finite() or value < 0 or value >= LIMIT:
        raise _bad(amount)
    cents = value * 100
    if cents != cents.to_integral_value():
        # Rounding here would print an amount nobody decided; the caller must round.
        raise InvalidInput(f"金额“{amount}”超过两位小数（分）",
                           f"the amount '{amount}' has more than two decimals (fen)")
    return int(cents)


def _bad(amount: object) -> InvalidInput:
    return InvalidInput(f"金额“{amount}”须为 0 至 9999999999999999.99 之间的数",
                        f"the amount '{amount}' must be a number from 0 to 9999999999999999.99")


def _integer(n: int) -> str:
    """A whole number of yuan in capitals, without the 元.

    Read in 亿 and then 万 parts, so that 9999 9999 9999 9999 reads 玖仟…玖万玖仟…亿 as
    Chinese says it; a lower part that starts with zeros is joined by one 零
    (壹亿零伍元, 壹万零伍元); an empty one is silent (壹亿元)."""
    for size, unit in ((10 ** 8, "亿"), (10 ** 4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            joint = "零" if low and low < size // 10 else ""
            return _integer(high) + unit + joint + (_integer(low) if low else "")
    return _group(n)


def _group(group: int) -> str:
    """1..9999 in capitals; zeros inside read as one 零, zeros at the end are silent."""
    out = []
    zero = False
    for digit, unit in zip(f"{group:04d}", _SMALL_UNITS):
        if digit == "0":
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[int(digit)] + unit)
    return "".join(out)
