"""The layers, read from the source: no two top-level packages import each other, however
indirectly; only the Qt layer imports Qt; only the entry point imports the Qt layer.

Every import counts, at module level and inside functions alike: an import moved into a
function still runs, so it hides a cycle rather than breaking it. Imports under
``if TYPE_CHECKING:`` do not count: they never run, and only name a type in annotations
(the Workspace that the entry point builds and passes down, for one).
"""
from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

QT = ("PySide6", "shiboken6")
QT_LAYER = "desktop"
# The entry point starts the window (`lawdesk gui`), and the window runs on the Workspace
# the entry point opens: the one pair of packages that use each other. The edge into the
# window is left out of the cycle check, and must stay inside a function, so that no other
# command loads Qt.
ENTRY_POINT = "lawdesk"


@dataclass(frozen=True)
class Import:
    module: str        # the importing module, e.g. "casework.cases"
    line: int
    target: str        # the imported module, e.g. "config.settings"
    in_function: bool

    @property
    def source_package(self) -> str:
        return self.module.split(".")[0]

    @property
    def target_package(self) -> str:
        return self.target.split(".")[0]

    def __str__(self) -> str:
        where = " (in a function)" if self.in_function else ""
        return f"{self.module}:{self.line} imports {self.target}{where}"


def packages() -> list[str]:
    return sorted(path.parent.name for path in REPO.glob("*/__init__.py")
                  if path.parent.name != "tests")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[:len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports_of(path: Path, module: str) -> list[Import]:
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, in_function)
            return
        if isinstance(node, ast.Import):
            found.extend(Import(module, node.lineno, alias.name, in_function)
                         for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, node, path.name == "__init__.py")
            found.append(Import(module, node.lineno, target, in_function))
        inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                  ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return found


def all_imports() -> list[Import]:
    return [found for package in packages()
            for path in sorted((REPO / package).rglob("*.py"))
            for found in _imports_of(path, _module_name(path))]


def _between_packages(imports: list[Import]) -> dict[tuple[str, str], list[Import]]:
    known = set(packages())
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for found in imports:
        source, target = found.source_package, found.target_package
        if target in known and target != source:
            edges[(source, target)].append(found)
    return edges


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(graph.get(node, ())):
            if following not in index:
                connect(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return components


def test_the_packages_are_found():
    assert {"accounts", "audit", "organisation", "config", "devices", "evidence", "casework",
            "reports", "sync", "hq", "core", "db", "lawdesk", "desktop"} <= set(packages())


def test_no_two_packages_import_each_other():
    edges = _between_packages(all_imports())
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        if (source, target) != (ENTRY_POINT, QT_LAYER):
            graph[source].add(target)
    problems = []
    for component in _cycles(graph):
        members = set(component)
        problems.append(f"cycle between {', '.join(component)}:")
        problems.extend(f"    {found}" for (source, target), imports in sorted(edges.items())
                        if source in members and target in members
                        and (source, target) != (ENTRY_POINT, QT_LAYER)
                        for found in imports)
    assert not problems, "\n".join(problems)


def test_only_the_qt_layer_imports_qt():
    wrong = [str(found) for found in all_imports()
             if found.target_package in QT and found.source_package != QT_LAYER]
    assert not wrong, "\n".join(wrong)


def test_only_the_entry_point_imports_the_qt_layer_and_only_on_use():
    wrong = [str(found) for found in all_imports()
             if found.target_package == QT_LAYER and found.source_package != QT_LAYER
             and (found.source_package != ENTRY_POINT or not found.in_function)]
    assert not wrong, "\n".join(wrong)


def test_the_checks_see_what_they_look_for(tmp_path):
    """A cycle made of imports hidden in functions is still a cycle; a type-only import is
    not an import."""
    source = tmp_path / "example.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from lawdesk.workspace import Workspace\n"
                      "else:\n    import json\n"
                      "def f():\n    from config.settings import get_setting\n",
                      encoding="utf-8")
    found = [(i.target, i.in_function) for i in _imports_of(source, "example")]
    assert found == [("typing", False), ("json", False), ("config.settings", True)]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]

