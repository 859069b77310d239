"""The eight points a reviewer records (审核要点), each passed or with a problem described.

After the guideline of the State Council's General Office, 国办发〔2018〕118号 (明确审核内容):
the enforcement body and its officers' standing, the procedure, the facts and evidence, the
law applied and the discretion used, the body's authority, the documents, whether the
matter is a suspected crime to be transferred; and anything else.

The form (``--points FILE.json``): an object keyed by the point's code or Chinese name,
each ``{"result": "pass" | "problem", "text": "…"}`` (通过 / 存在问题 are accepted too);
all eight are given, and a problem says what it is.
"""
from __future__ import annotations

from typing import Any, Mapping

from core.errors import InvalidInput

POINTS = (
    ("subject", "主体资格", "standing of the body and its officers"),
    ("procedure", "程序", "procedure"),
    ("facts_evidence", "事实证据", "facts and evidence"),
    ("law_discretion", "法律适用与裁量", "law applied and discretion"),
    ("authority", "权限", "authority"),
    ("documents", "文书", "documents"),
    ("criminal_transfer", "涉嫌犯罪移送", "transfer of a suspected crime"),
    ("other", "其他", "other"),
)
RESULTS = {"pass": "pass", "通过": "pass", "problem": "problem", "存在问题": "problem",
           "问题": "problem"}
TEXT_LIMIT = 2000


def point_name(code: str, language: str = "zh_CN") -> str:
    for key, zh, en in POINTS:
        if key == code:
            return en if language.startswith("en") else zh
    return code


def _bad(zh: str, en: str) -> InvalidInput:
    return InvalidInput(f"审核要点有误：{zh}", f"review points: {en}")


def parse_points(data: Any) -> dict[str, dict[str, str]]:  # noqa: ANN401
    """The eight points in their one stored form: code -> {"result", "text"}."""
    if not isinstance(data, Mapping):
        raise _bad("须为 JSON 对象", "they must be a JSON object")
    by_key = {key: code for code, zh, _en in POINTS for key in (code, zh)}
    result: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        code = by_key.get(str(key).strip())
        if code is None:
            names = "、".join(f"{c}（{zh}）" for c, zh, _ in POINTS)
            raise _bad(f"未知要点“{key}”，应为：{names}",
                       f"unknown point '{key}'; the points are "
                       + ", ".join(c for c, _, _ in POINTS))
        if code in result:
            raise _bad(f"要点“{point_name(code)}”重复", f"'{code}' is given twice")
        if not isinstance(value, Mapping):
            raise _bad(f"要点“{point_name(code)}”须为含 result 和 text 的对象",
                       f"'{code}' must be an object with result and text")
        outcome = RESULTS.get(str(value.get("result", "")).strip())
        if outcome is None:
            raise _bad(f"要点“{point_name(code)}”的 result 须为 pass 或 problem",
                       f"the result of '{code}' must be pass or problem")
        text = value.get("text") or ""
        if not isinstance(text, str) or len(text) > TEXT_LIMIT:
            raise _bad(f"要点“{point_name(code)}”的 text 须为不超过 {TEXT_LIMIT} 字的文字",
                       f"the text of '{code}' must be text of at most {TEXT_LIMIT} "
                       "characters")
        if outcome == "problem" and not text.strip():
            raise _bad(f"要点“{point_name(code)}”存在问题，须写明问题",
                       f"'{code}' has a problem: say what it is")
        result[code] = {"result": outcome, "text": text.strip()}
    missing = [code for code, _, _ in POINTS if code not in result]
    if missing:
        raise _bad("缺少要点：" + "、".join(point_name(c) for c in missing),
                   "missing points: " + ", ".join(missing))
    return {code: result[code] for code, _, _ in POINTS}
