"""Masking personal data before a result is published (脱敏).

Pure functions over texts: what a case says goes in, what may be published comes out, with
a count of what was taken out by which rule so the reviewer can see it.

Structured values (a party's identity number, address, phone) are masked by what they are;
every such value, and the name of every natural person who is not a party, is then also
masked wherever it appears in free text. Free text is searched as well, for what nobody
typed into a field:
- an 18-character resident identity number whose check character is right (GB 11643, by
  casework.identity: a number that fails its check is some other number and is left);
- an 11-digit mainland mobile number (1[3-9] and 9 digits);
- a bank card number (12 to 19 digits, spaces or hyphens between groups) that passes the
  Luhn check (ISO/IEC 7812), and any digits after an account word (账号 …), since an
  organisation's account has no check digit;
- health information: from a health word (患有, 确诊 …) to the next punctuation mark.

Sources: 国办发〔2018〕118号 (personal privacy is published only after suitable treatment);
the bureau's masking practice for identity numbers ("partial": the first 6 and last 4
characters stay, as disclosure platforms commonly show them; "full" otherwise).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from casework.identity import Problem, normalise, parse_resident_id

PARTIAL, FULL = "partial", "full"
HIDDEN = "***"  # what stands for a hidden phrase (digits are hidden one star each)

RESIDENT_ID = "resident_id"
MOBILE = "mobile"
BANK_CARD = "bank_card"
ACCOUNT = "bank_account"
HEALTH = "health"
ADDRESS = "address"
PHONE = "phone"
NAME = "name"

RULE_LABELS = {
    RESIDENT_ID: ("公民身份号码", "resident identity number"),
    MOBILE: ("手机号码", "mobile number"),
    BANK_CARD: ("银行卡号", "bank card number"),
    ACCOUNT: ("银行账号", "bank account"),
    HEALTH: ("健康信息", "health information"),
    ADDRESS: ("县级以下住址", "address below the county"),
    PHONE: ("联系电话", "phone number"),
    NAME: ("其他自然人姓名", "name of another natural person"),
}

_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9]\d{9})(?![0-9])")
_CARD_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?)"
                           r"(?![0-9A-Za-z])")
_STOP = "，。；;,.！？!?、\n）)"
# Province (or a municipality), prefecture, county: the levels an address keeps. The
# characters of a town, street, village or house number never belong to these parts, so a
# "区" further on (开发区) is not taken for a county.
_BELOW = "镇乡村街路道巷号弄组屯栋楼室"
_ADDRESS_LEVELS = re.compile(
    rf"^(?:[^{_BELOW}省]{{2,8}}?(?:省|自治区|特别行政区))?"
    rf"(?:[^{_BELOW}市州盟]{{2,10}}?(?:市|自治州|地区|盟))?"
    rf"(?:[^{_BELOW}县区市旗]{{1,10}}?(?:自治县|自治旗|县|区|市|旗))?")


@dataclass(frozen=True)
class MaskPolicy:
    """How a rule masks: the identity-number mode and the words the text rules look for."""

    id_number: str = FULL
    health_words: tuple[str, ...] = ()
    account_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A natural person the case knows of. A party's name is published; anyone else's is
    not. Their identity number, address and phone are never published as they are."""

    name: str = ""
    id_number: str = ""
    address: str = ""
    phone: str = ""
    party: bool = False


@dataclass
class Masked:
    text: str
    hits: Counter = field(default_factory=Counter)


# ----------------------------------------------------------------------------- values
def stars(text: str) -> str:
    """Every letter and digit hidden, separators kept."""
    return re.sub(r"[0-9A-Za-z]", "*", text)


def mask_id_number(number: str, mode: str = FULL) -> str:
    """A natural person's identity number: the first 6 and the last 4 characters kept when
    ``mode`` is "partial" and the number is long enough for that to hide something."""
    number = normalise(number)
    if mode == PARTIAL and len(number) >= 15:
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    return "*" * len(number)


def mask_phone(phone: str) -> str:
    return stars(phone)


def mask_address(address: str) -> str:
    """Only the levels up to the county are kept (省、市、县); anything below is hidden. An
    address without a recognisable county part is hidden whole."""
    address = address.strip()
    kept = _ADDRESS_LEVELS.match(address).group(0)
    if not kept or not re.search(r"(县|区|市|旗)$", kept):
        return HIDDEN if address else ""
    return kept + HIDDEN if len(kept) < len(address) else kept


def mask_name(name: str) -> str:
    """Another natural person's name: the surname and 某 (张三 -> 张某)."""
    name = name.strip()
    return name[:1] + "某" if name else ""


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check of a card number (ISO/IEC 7812-1)."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def valid_resident_id(text: str) -> bool:
    return not isinstance(parse_resident_id(text), Problem)


# ----------------------------------------------------------------------------- free text
def _known_replacements(people: list[Person], policy: MaskPolicy) -> list[tuple[str, str, str]]:
    """(value, replacement, rule) for every known sensitive value, longest first, so a
    full address is replaced before a part of it."""
    party_names = {p.name.strip() for p in people if p.party and p.name.strip()}
    found: dict[str, tuple[str, str]] = {}
    for person in people:
        if person.id_number.strip():
            found[person.id_number.strip()] = (mask_id_number(person.id_number, policy.id_number),
                                               RESIDENT_ID)
        if person.address.strip():
            found[person.address.strip()] = (mask_address(person.address), ADDRESS)
        if person.phone.strip():
            found[person.phone.strip()] = (mask_phone(person.phone), PHONE)
        name = person.name.strip()
        if name and not person.party and name not in party_names and len(name) >= 2:
            found[name] = (mask_name(name), NAME)
    return sorted(((value, repl, rule) for value, (repl, rule) in found.items()
                   if value != repl), key=lambda item: -len(item[0]))


def _sub(pattern: re.Pattern, text: str, hits: Counter, rule: str, replace) -> str:  # noqa: ANN001
    def one(match: re.Match) -> str:
        replacement = replace(match)
        if replacement is None:
            return match.group(0)
        hits[rule] += 1
        return replacement
    return pattern.sub(one, text)


def mask_text(text: str | None, people: list[Person], policy: MaskPolicy, *,
              keep: frozenset[str] = frozenset()) -> Masked:
    """``text`` with every rule of this module applied; ``keep``: values that are public
    and must stay (an organisation's credit code, the document number)."""
    result = Masked(text or "")
    if not result.text:
        return result
    shielded: dict[str, str] = {}
    value = result.text
    for index, public in enumerate(sorted((k for k in keep if k), key=len, reverse=True)):
        token = f"\x00{index}\x00"
        if public in value:
            shielded[token] = public
            value = value.replace(public, token)
    for known, replacement, rule in _known_replacements(people, policy):
        count = value.count(known)
        if count:
            value = value.replace(known, replacement)
            result.hits[rule] += count
    if policy.account_words:
        words = "|".join(map(re.escape, policy.account_words))
        account = re.compile(rf"((?:{words})[:：\s为是]*)(\d[\d \-]{{4,40}}\d)")
        value = _sub(account, value, result.hits, ACCOUNT,
                     lambda m: m.group(1) + stars(m.group(2)))
    value = _sub(_ID_IN_TEXT, value, result.hits, RESIDENT_ID,
                 lambda m: mask_id_number(m.group(1), policy.id_number)
                 if valid_resident_id(m.group(1)) else None)
    value = _sub(_MOBILE_IN_TEXT, value, result.hits, MOBILE, lambda m: stars(m.group(1)))
    value = _sub(_CARD_IN_TEXT, value, result.hits, BANK_CARD,
                 lambda m: stars(m.group(1))
                 if 12 <= len(re.sub(r"\D", "", m.group(1))) <= 19
                 and luhn_valid(re.sub(r"\D", "", m.group(1))) else None)
    if policy.health_words:
        words = "|".join(map(re.escape, policy.health_words))
        health = re.compile(rf"(?:{words})[^{re.escape(_STOP)}]*")
        value = _sub(health, value, result.hits, HEALTH, lambda m: HIDDEN)
    for token, public in shielded.items():
        value = value.replace(token, public)
    result.text = value
    return result
