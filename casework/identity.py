"""Identity numbers of parties, checked by their check characters.

Resident identity number (公民身份号码, GB 11643-1999): 17 digits (area code, birth date
YYYYMMDD, sequence number, odd for men) and a check character, the ISO 7064 MOD 11-2
checksum, written X for 10.

Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
31-character set 0-9 and A-Y without I, O, Z, S, V; the last is an ISO 7064 MOD 31-3
check character over the first 17.

Pure functions; the party services turn a failure into InvalidIdNumber.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_CHECK = "10X98765432"
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_RESIDENT = re.compile(r"^\d{17}[\dX]$")


@dataclass(frozen=True)
class Problem:
    zh: str
    en: str


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    gender: str  # "男" or "女"

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


def normalise(number: str) -> str:
    """Spaces removed, letters upper case, full-width characters (as typed in a Chinese
    input method) turned into their ASCII forms."""
    text = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in number)
    return "".join(text.split()).upper()


def resident_check_char(first17: str) -> str:
    return RESIDENT_CHECK[sum(int(d) * w for d, w in zip(first17, RESIDENT_WEIGHTS)) % 11]


def parse_resident_id(number: str, *, today: date | None = None) -> ResidentId | Problem:
    number = normalise(number)
    if len(number) != 18:
        return Problem(f"应为 18 位，实为 {len(number)} 位",
                       f"it must have 18 characters, not {len(number)}")
    if not _RESIDENT.match(number):
        return Problem("前 17 位须为数字，末位为数字或 X",
                       "the first 17 characters must be digits and the last a digit or X")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return Problem(f"出生日期“{number[6:14]}”不存在",
                       f"the birth date '{number[6:14]}' does not exist")
    if birth.year < 1900 or (today is not None and birth > today):
        return Problem(f"出生日期“{number[6:14]}”不合理",
                       f"the birth date '{number[6:14]}' is not plausible")
    expected = resident_check_char(number[:17])
    if number[17] != expected:
        return Problem(f"校验码应为 {expected}，实为 {number[17]}",
                       f"the check character should be {expected}, not {number[17]}")
    return ResidentId(number, birth, "男" if int(number[16]) % 2 else "女")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def check_uscc(code: str) -> str | Problem:
    """The normalised code, or what is wrong with it."""
    code = normalise(code)
    if len(code) != 18:
        return Problem(f"应为 18 位，实为 {len(code)} 位",
                       f"it must have 18 characters, not {len(code)}")
    wrong = sorted({c for c in code if c not in USCC_CHARSET})
    if wrong:
        listed = "、".join(wrong)
        return Problem(f"含有不允许的字符 {listed}（不使用 I、O、Z、S、V）",
                       f"it holds characters not allowed: {', '.join(wrong)} "
                       "(I, O, Z, S and V are never used)")
    if not code[2:8].isdigit():
        return Problem("第 3 至 8 位（登记管理机关行政区划码）须为数字",
                       "characters 3 to 8 (the registering authority's area code) must be digits")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return Problem(f"校验码应为 {expected}，实为 {code[17]}",
                       f"the check character should be {expected}, not {code[17]}")
    return code
