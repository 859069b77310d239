"""Refresh the Qt translation sources from the code, then build the .qm files.

    python tools/translations.py            # lupdate + lrelease
    python tools/translations.py --check    # exit 1 if a .ts is stale or has unfinished text
    python tools/translations.py --fill new.tsv [...]   # then translate what is new

``--fill`` takes tab-separated lines ``Context<TAB>English<TAB>中文`` for the new texts;
a new text with no line there takes the translation the same English text already has in
another context, if any (a moved string keeps its translation). What is still missing is
listed.

Translators edit resources/translations/*.ts (Qt Linguist); the built .qm files are
committed so an installed LawDesk needs no Qt tools. tests/desktop/test_translations.py
runs the check.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
QT_TOOLS = Path(PySide6.__file__).parent


def _tool(name: str) -> str:
    for candidate in (QT_TOOLS / name, QT_TOOLS / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    raise SystemExit(f"cannot find Qt's {name} (it ships with PySide6)")


def python_sources() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py"))


def lupdate(ts_file: Path) -> None:
    subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none",
                    *python_sources(), "-ts", str(ts_file)], check=True,
                   capture_output=True, text=True)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([_tool("lrelease"), str(ts_file), "-qm", str(qm_file)], check=True,
                   capture_output=True, text=True)


def unfinished(ts_file: Path) -> list[str]:
    """Source texts with no translation yet: they would show in English in the Chinese UI."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        plurals = translation.findall("numerusform") if translation is not None else []
        text = "".join(p.text or "" for p in plurals) if plurals else (
            translation.text if translation is not None else "")
        if (translation is None or translation.get("type") in ("unfinished", "vanished",
                                                                "obsolete") or not text):
            missing.append(source)
    return missing


def read_fills(paths: list[Path]) -> dict[tuple[str, str], str]:
    fills = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{path}:{number}: expected Context<TAB>English<TAB>中文")
            context, source, text = parts
            fills[(context, source.replace("\\n", "\n"))] = text.replace("\\n", "\n")
    return fills


def fill(ts_file: Path, fills: dict[tuple[str, str], str]) -> int:
    """Translate the unfinished messages from ``fills``, else from the same source text
    elsewhere in the file. Returns how many were filled."""
    tree = ET.parse(ts_file)
    known: dict[str, str] = {}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None and translation.text:
            known.setdefault(message.findtext("source") or "", translation.text)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            source = message.findtext("source") or ""
            text = fills.get((name, source)) or known.get(source)
            if text:
                translation.text = text
                del translation.attrib["type"]
                filled += 1
    ET.indent(tree, "    ")
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    _restore_doctype(ts_file)
    return filled


def _restore_doctype(ts_file: Path) -> None:
    # ElementTree drops the DOCTYPE that Qt's tools write; put it back so the file stays
    # as lupdate would write it.
    text = ts_file.read_text(encoding="utf-8")
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
    ts_file.write_text(text, encoding="utf-8")


def check() -> list[str]:
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            ts_file = TRANSLATIONS / f"lawdesk_{language}.ts"
            fresh = Path(scratch) / ts_file.name
            shutil.copy(ts_file, fresh)
            lupdate(fresh)
            problems += [f"{ts_file.name}: not translated: {text!r}" for text in unfinished(fresh)]
            qm = Path(scratch) / f"lawdesk_{language}.qm"
            lrelease(fresh, qm)
            built = TRANSLATIONS / qm.name
            if not built.exists() or built.read_bytes() != qm.read_bytes():
                problems.append(f"{built.name} is out of date: run python tools/translations.py")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--fill", type=Path, nargs="*", default=None, metavar="TSV")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "translations are complete and built")
        return 1 if problems else 0
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"lawdesk_{language}.ts"
        lupdate(ts_file)
        if args.fill is not None:
            print(f"{ts_file.name}: {fill(ts_file, read_fills(args.fill))} text(s) filled")
            lupdate(ts_file)   # back to lupdate's own layout
        lrelease(ts_file, TRANSLATIONS / f"lawdesk_{language}.qm")
        left = unfinished(ts_file)
        if left:
            print(f"{ts_file.name}: {len(left)} text(s) still to translate", file=sys.stderr)
            for text in left:
                print(f"  {text!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
