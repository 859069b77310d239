"""Every ledger entry can be read in words (issue 14): every action the code writes, every
kind of record the ledger names and every field of an audited record has a Chinese and an
English name in audit.labels. The code itself is walked, so a new action, table or column
without a name fails here, naming it."""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from audit.labels import (
    ACTION_FAMILIES,
    ACTION_NAMES,
    FIELD_NAMES,
    RECORD_FIELD_NAMES,
    RECORD_NAMES,
    action_name,
    record_name,
)
from db.models.base import Base
from desktop.audit_words import field_name, value_name
from tests.conftest import REPO

# Where the domain writes; desktop writes only through these, tests and tools do not count.
SKIPPED = {"desktop", "tests", "tools", "benchmarks", "build", "dist", "installers",
           "resources", "docs", "flowcharts", "scripts"}
ACTION = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")
# The writer itself passes on whatever action it is given.
WRITER_ITSELF = ("core/context.py:22", "db/database.py:284")
# The receivers of a ledger write: ctx.write(action), db.write(actor=…, action=…).
WRITERS = re.compile(r"(^|\.)(ctx|db|context|database)$")
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _sources() -> list[Path]:
    packages = [d for d in REPO.iterdir() if (d / "__init__.py").exists()
                and d.name not in SKIPPED]
    return sorted(p for d in packages for p in d.rglob("*.py"))


def _constants() -> dict[str, str]:
    """Module-level ``…ACTION = "…"`` strings, by name (imported across modules)."""
    found = {}
    for path in _sources():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)):
                found.update({t.id: node.value.value for t in node.targets
                              if isinstance(t, ast.Name) and t.id.endswith("ACTION")})
    return found


@cache
def _written_actions() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(action → where, f-string prefix → where, unreadable action arguments)."""
    constants = _constants()
    actions: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    unreadable: list[str] = []

    def read(expression: ast.expr, where: str) -> None:
        if isinstance(expression, ast.IfExp):
            read(expression.body, where)
            read(expression.orelse, where)
        elif isinstance(expression, ast.Constant) and isinstance(expression.value, str):
            actions.setdefault(expression.value, where)
        elif isinstance(expression, ast.Name) and expression.id in constants:
            actions.setdefault(constants[expression.id], where)
        elif isinstance(expression, ast.JoinedStr) and isinstance(expression.values[0],
                                                                   ast.Constant):
            prefixes.setdefault(expression.values[0].value, where)
        else:
            unreadable.append(f"{where}: {ast.unparse(expression)}")

    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.Assign, ast.Call)):
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if isinstance(node, ast.Assign) and any(   # session.info["action"] = …
                    isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Constant)
                    and t.slice.value == "action" and ast.unparse(t.value).endswith("info")
                    for t in node.targets):
                read(node.value, where)
            if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Attribute,
                                                                             ast.Name)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name not in ("write", "record", "ledger_record"):
                continue
            keyword = next((k.value for k in node.keywords if k.arg == "action"), None)
            if name == "write" and isinstance(node.func, ast.Attribute) and WRITERS.search(
                    ast.unparse(node.func.value)):
                if keyword is not None:
                    read(keyword, where)
                elif node.args:
                    read(node.args[0], where)
            elif name in ("record", "ledger_record") and keyword is not None:
                read(keyword, where)
    return actions, prefixes, [u for u in unreadable if not u.startswith(WRITER_ITSELF)]


def _family_members() -> dict[str, list[str]]:
    """What each f-string prefix the code writes can stand for."""
    from config.settings import SPECS
    from devices.status import TRANSITIONS
    from organisation.officers import STATUSES as CERTIFICATE_STATUSES
    return {"device.": list(TRANSITIONS), "certificate.": list(CERTIFICATE_STATUSES),
            "setting.": list(SPECS)}


def _named(names: tuple[str, str]) -> bool:
    zh, en = names
    return bool(CJK.search(zh)) and bool(en.strip()) and not CJK.search(en)


def test_the_walk_finds_the_writes_it_must():
    actions, prefixes, _ = _written_actions()
    # Spot checks of each way an action is written: a literal, a constant imported from
    # another module, both sides of a conditional, session.info, audit.recorder.record.
    assert {"unit.add", "sync.reference", "offload.leftover", "user.enable", "user.disable",
            "capture.compress", "login.failed", "init.admin"} <= set(actions)
    assert {"device.", "certificate.", "setting."} <= set(prefixes)


def test_every_action_the_code_writes_has_a_chinese_and_an_english_name():
    actions, prefixes, unreadable = _written_actions()
    assert not unreadable, ("an action the test cannot read; write it as a literal or a "
                            "…ACTION constant:\n" + "\n".join(unreadable))
    families = _family_members()
    unknown_prefixes = sorted(set(prefixes) - set(families))
    assert not unknown_prefixes, f"say what these can stand for in _family_members: " \
                                 f"{[(p, prefixes[p]) for p in unknown_prefixes]}"
    written = dict(actions)
    written.update({prefix + member: prefixes[prefix]
                    for prefix, members in families.items() for member in members})
    missing = sorted(f"{a} ({where})" for a, where in written.items()
                     if action_name(a, "zh_CN") == a or action_name(a, "en") == a)
    assert not missing, "actions without a name in audit.labels.ACTION_NAMES:\n" + \
        "\n".join(missing)
    for action in written:
        assert ACTION.fullmatch(action), action
        assert CJK.search(action_name(action, "zh_CN")), action
        assert not CJK.search(action_name(action, "en")), action


def test_every_audited_record_kind_and_field_has_a_name():
    hidden = {"id", "created_at", "name_sort_key"}     # as the audit log leaves them out
    missing_kinds, missing_fields = [], []
    for mapper in Base.registry.mappers:
        if not getattr(mapper.class_, "__audited__", True):
            continue
        table = mapper.local_table
        if record_name(table.name) == table.name:
            missing_kinds.append(table.name)
        missing_fields += [f"{table.name}.{c.name}" for c in table.columns
                           if c.name not in hidden and not c.name.endswith("_id")
                           and field_name(c.name, "zh_CN", table.name) == c.name]
    assert not missing_kinds, f"record kinds without a name in RECORD_NAMES: {missing_kinds}"
    assert not missing_fields, f"fields without a name in FIELD_NAMES: {missing_fields}"


def test_the_tables_hold_both_languages():
    for table in (ACTION_NAMES, ACTION_FAMILIES, RECORD_NAMES, FIELD_NAMES,
                  RECORD_FIELD_NAMES):
        bad = [key for key, names in table.items() if not _named(names)
               and not any(c.isascii() and c.isupper() for c in names[0])]   # SHA-256, SM3
        assert not bad, bad


def test_names_in_each_language_and_unknowns_as_they_are():
    assert action_name("device.checkout") == "领用设备"
    assert action_name("device.checkout", "en") == "Checked a device out"
    assert action_name("setting.bureau.name") == "修改设置"
    assert action_name("no.such_action") == "no.such_action"
    assert record_name("enforcement_case") == "案件"
    # One column name, two meanings: a certificate's number is the 执法证号.
    assert field_name("number", "zh_CN", "certificate") == "执法证号"
    assert field_name("number", "zh_CN", "enforcement_case") == "编号"
    # Coded values come from the domain's own tables, by record and field.
    assert value_name("status", "in_store", "zh_CN", "device") == "在库"
    assert value_name("status", "closed", "zh_CN", "enforcement_case") == "已结案"
    assert value_name("status", "in_store", "en", "device") == "in store"
    assert value_name("status", "whatever", "zh_CN", "device") is None
