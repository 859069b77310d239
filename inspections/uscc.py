"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
31-character set (digits and upper-case letters without I, O, S, V, Z), the last a check
character over the first 17.

check = 31 - (sum of value(c_i) * W_i for i = 1..17) mod 31, with 31 written as 0, and
W = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 (3^(i-1) mod 31).
"""
from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


def clean_uscc(text: str | None) -> str:
    """A code as stored: surrounding whitespace dropped, letters upper-cased."""
    return (text or "").strip().upper()


def check_character(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> tuple[str, str] | None:
    """What is wrong with a cleaned code, in Chinese and English; None when it is valid."""
    if len(code) != LENGTH:
        return (f"统一社会信用代码“{code}”应为 18 位（现为 {len(code)} 位）",
                f"the USCC '{code}' must have 18 characters (it has {len(code)})")
    bad = [c for c in code if c not in CHARSET]
    if bad:
        return (f"统一社会信用代码“{code}”含有不允许的字符“{bad[0]}”",
                f"the USCC '{code}' holds the character '{bad[0]}', which codes never use")
    expected = check_character(code[:17])
    if code[17] != expected:
        return (f"统一社会信用代码“{code}”校验位错误（应为 {expected}）",
                f"the USCC '{code}' has a wrong check character (it should be {expected})")
    return None
