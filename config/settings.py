"""Workstation settings kept in the database, so every change is in the ledger.

Each key is declared here with its default, its check and who may change it; unknown keys
are refused rather than silently stored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import select

from accounts.permissions import Permission, require
from core.context import Context
from core.errors import InvalidInput
from db.database import Database
from db.models import Setting

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    check: Callable[[Any], None]
    permission: Permission | None  # None: any signed-in user (a personal preference)
    zh: str
    en: str


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in choices:
            raise InvalidInput(f"取值须为：{', '.join(choices)}",
                               f"the value must be one of: {', '.join(choices)}")
    return check


def _text(max_length: int) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not isinstance(value, str) or len(value) > max_length:
            raise InvalidInput(f"取值须为不超过 {max_length} 个字符的文字",
                               f"the value must be text of at most {max_length} characters")
    return check


SPECS = {spec.key: spec for spec in (
    SettingSpec("ui.language", "zh_CN", _one_of(LANGUAGES), None, "界面语言", "interface language"),
    SettingSpec("bureau.name", "", _text(100), Permission.CHANGE_SETTINGS,
                "执法机关名称（显示在窗口标题和文书抬头）",
                "name of the enforcement body (window title, document headings)"),
)}


def _spec(key: str) -> SettingSpec:
    if key not in SPECS:
        names = ", ".join(sorted(SPECS))
        raise InvalidInput(f"未知设置项“{key}”，可用：{names}",
                           f"unknown setting '{key}'; known: {names}")
    return SPECS[key]


def get_setting(db: Database, key: str) -> Any:
    spec = _spec(key)
    with db.read() as session:
        stored = session.get(Setting, key)
    return spec.default if stored is None else json.loads(stored.value)


def all_settings(db: Database) -> dict[str, Any]:
    with db.read() as session:
        stored = {s.key: json.loads(s.value) for s in session.execute(select(Setting)).scalars()}
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


def set_setting(ctx: Context, key: str, value: Any) -> None:
    spec = _spec(key)
    if spec.permission is not None:
        require(ctx.actor, spec.permission)
    spec.check(value)
    encoded = json.dumps(value, ensure_ascii=False)
    with ctx.write(f"setting.{key}") as session:
        stored = session.get(Setting, key)
        if stored is None:
            session.add(Setting(key=key, value=encoded))
        elif stored.value != encoded:
            stored.value = encoded


def parse_value(key: str, text: str) -> Any:
    """A value typed on the command line: JSON where it parses, else the plain text."""
    _spec(key)
    try:
        return json.loads(text)
    except ValueError:
        return text
