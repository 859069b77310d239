"""What a new or edited case says, as typed: from the editor or a case JSON file.

The JSON format (documented in README.md, example in resources/examples/case.json)::

    {
      "type": "administrative_penalty",        code or Chinese name (行政处罚)
      "procedure": "ordinary",                 simplified | ordinary | 简易 | 普通
      "unit": "执一",                          unit name or short name
      "officers": ["22010001", "22010002"],    certificate numbers; the first leads
      "cause": "…", "source": "…", "place": "…", "occurred_on": "2026-06-01",
      "facts": "…", "legal_basis": "…", "penalty": "…", "penalty_amount": "5000.00",
      "parties": [{"kind": "organisation", "name": "…", "id_number": "…",
                   "address": "…", "phone": "…", "legal_representative": "…"}],
      "fields": {"review_body": "某县人民政府", …}   values for documents' typed fields
    }
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from core.errors import InvalidInput
from core.user_files import read_json_file

PARTY_KINDS = {"person": "person", "natural_person": "person", "自然人": "person",
               "个人": "person", "organisation": "organisation", "organization": "organisation",
               "单位": "organisation", "法人": "organisation",
               "法人或其他组织": "organisation"}
ID_TYPES = ("resident_id", "uscc", "other")
# Amounts are kept as exact text in a String(24) column; no fine comes near a thousand
# trillion yuan, and anything beyond is a typing or a hostile mistake (1e309, 40 digits).
AMOUNT_LIMIT = Decimal("1e15")


@dataclass(frozen=True)
class PartyInput:
    kind: str                      # person | organisation
    name: str
    id_number: str
    # resident_id (people) or uscc (organisations) unless "other" (a passport, a foreign
    # company's registration): other numbers have no check character to test.
    id_type: str | None = None
    address: str | None = None
    phone: str | None = None
    legal_representative: str | None = None


@dataclass(frozen=True)
class CaseInput:
    type: str
    procedure: str
    unit: str
    officers: tuple[str, ...]      # certificate numbers, the lead first
    cause: str
    parties: tuple[PartyInput, ...]
    source: str | None = None
    place: str | None = None
    occurred_on: date | None = None
    facts: str | None = None
    legal_basis: str | None = None
    penalty: str | None = None
    penalty_amount: Decimal | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


_CASE_KEYS = {"type", "procedure", "unit", "officers", "cause", "parties", "source", "place",
              "occurred_on", "facts", "legal_basis", "penalty", "penalty_amount", "fields"}
_PARTY_KEYS = {"kind", "name", "id_number", "id_type", "address", "phone",
               "legal_representative"}


def _bad(zh: str, en: str) -> InvalidInput:
    return InvalidInput(f"案件数据有误：{zh}", f"case data: {en}")


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False,
          limit: int = 200) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _bad(f"{where}缺少“{key}”", f"{where or 'the case'} needs '{key}'")
        return None
    if not isinstance(value, str):
        raise _bad(f"{where}“{key}”须为文字", f"'{key}' of {where or 'the case'} must be text")
    value = value.strip()
    if len(value) > limit:
        raise _bad(f"{where}“{key}”超过 {limit} 个字符",
                   f"'{key}' of {where or 'the case'} is longer than {limit} characters")
    return value


def _unknown(data: Mapping[str, Any], known: set[str], where: str) -> None:
    extra = sorted(set(data) - known)
    if extra:
        raise _bad(f"{where}有未知项：{', '.join(extra)}",
                   f"{where or 'the case'} has unknown keys: {', '.join(extra)}")


def parse_party(data: Any, index: int) -> PartyInput:
    where = f"第 {index} 个当事人"
    if not isinstance(data, dict):
        raise _bad(f"{where}须为 JSON 对象", f"party {index} must be a JSON object")
    _unknown(data, _PARTY_KEYS, where)
    kind_text = _text(data, "kind", where, required=True)
    kind = PARTY_KINDS.get(kind_text)
    if kind is None:
        raise _bad(f"{where}的类别“{kind_text}”无效，应为 person 或 organisation",
                   f"party {index}: kind '{kind_text}' must be person or organisation")
    id_type = _text(data, "id_type", where)
    if id_type is not None and id_type not in ID_TYPES:
        raise _bad(f"{where}的证件类型“{id_type}”无效，应为 {', '.join(ID_TYPES)}",
                   f"party {index}: id_type must be one of {', '.join(ID_TYPES)}")
    return PartyInput(kind, _text(data, "name", where, required=True, limit=100),
                      _text(data, "id_number", where, required=True, limit=40), id_type,
                      _text(data, "address", where), _text(data, "phone", where, limit=40),
                      _text(data, "legal_representative", where, limit=50))


def parse_date(value: Any, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _bad(f"{what}“{value}”不是 YYYY-MM-DD 格式的日期",
                   f"{what}: '{value}' is not a date (YYYY-MM-DD)") from None


def parse_amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        # A JSON float (5000.1) may already have lost its exact value; amounts are text.
        raise _bad("罚款金额须写成文字或整数，如 \"5000.00\"",
                   "penalty_amount must be text or a whole number, e.g. \"5000.00\"")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except ArithmeticError:
        raise _bad(f"罚款金额“{_shown(value)}”不是数",
                   f"penalty_amount '{_shown(value)}' is not a number") from None
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        raise _bad(f"罚款金额“{_shown(value)}”须为不超过两位小数的非负数",
                   f"penalty_amount '{_shown(value)}' must be non-negative with at most two "
                   "decimals")
    if amount >= AMOUNT_LIMIT:
        raise _bad(f"罚款金额“{_shown(value)}”超出范围（须小于 {AMOUNT_LIMIT:,f} 元）",
                   f"penalty_amount '{_shown(value)}' is out of range (it must be below "
                   f"{AMOUNT_LIMIT:,f} yuan)")
    return amount.quantize(Decimal("0.01"))


def _shown(value: Any) -> str:  # noqa: ANN401
    """A value as an error message quotes it: a 4,000-digit number is cut short."""
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_fields(value: Any) -> dict[str, str]:
    if value in (None, {}):
        return {}
    if not isinstance(value, dict):
        raise _bad("“fields”须为 JSON 对象", "'fields' must be a JSON object")
    result = {}
    for key, text in value.items():
        if not isinstance(text, (str, int)) or isinstance(text, bool):
            raise _bad(f"fields 中“{key}”的值须为文字", f"fields: '{key}' must be text")
        result[str(key)] = str(text)
    return result


def parse_case(data: Any) -> CaseInput:
    """A CaseInput from the case JSON format; InvalidInput names what is wrong."""
    if not isinstance(data, dict):
        raise _bad("顶层须为 JSON 对象", "the top level must be a JSON object")
    _unknown(data, _CASE_KEYS, "")
    officers = data.get("officers")
    if not isinstance(officers, list) or not officers or not all(
            isinstance(o, str) and o.strip() for o in officers):
        raise _bad("“officers”须为执法证号的列表（至少一个）",
                   "'officers' must be a list of certificate numbers (at least one)")
    parties = data.get("parties")
    if not isinstance(parties, list) or not parties:
        raise _bad("“parties”须为当事人列表（至少一个）",
                   "'parties' must be a list of parties (at least one)")
    return CaseInput(
        type=_text(data, "type", "", required=True),
        procedure=_text(data, "procedure", "", required=True),
        unit=_text(data, "unit", "", required=True),
        officers=tuple(o.strip() for o in officers),
        cause=_text(data, "cause", "", required=True),
        parties=tuple(parse_party(p, i) for i, p in enumerate(parties, start=1)),
        source=_text(data, "source", "", limit=100),
        place=_text(data, "place", ""),
        occurred_on=parse_date(data.get("occurred_on"), "occurred_on"),
        facts=_text(data, "facts", "", limit=20000),
        legal_basis=_text(data, "legal_basis", "", limit=5000),
        penalty=_text(data, "penalty", "", limit=5000),
        penalty_amount=parse_amount(data.get("penalty_amount")),
        fields=parse_fields(data.get("fields")),
    )


def read_case_file(path: str | Path) -> CaseInput:
    """A case JSON file as CaseInput; InvalidInput when it is unreadable, too big, not UTF-8,
    not JSON, nested too deeply, holds text that is not text, or says something wrong."""
    return parse_case(read_json_file(Path(path)))
