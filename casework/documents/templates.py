"""Document templates as data: resources/casework/templates/*.toml.

A template names its document (``id``, ``title``), where it belongs (``step``,
``procedures``, and ``requires``: steps the case must have recorded first), how it is
numbered (``number_pattern``), its fields and its layout::

    [fields]
    party_name = { label = "当事人", from = "party.name", required = true }
    deadline = { label = "改正期限", input = "date", required = true }

    [[blocks]]
    kind = "paragraph"
    text = "经查，你（单位）{facts}"

A field takes its value, first to last, from: what the user typed for this document; the
case's kept values (the case JSON's "fields"); the case itself (``from``, a key of
casework.documents.fields.case_context); its ``default``. ``input`` marks a field the
user is expected to type (text, multiline, date, datetime, amount) and formats what is
typed; ``format`` (date, datetime, amount, capital) formats it anyway. A field with
``of = "other"`` is the other field's value through its ``format`` (an amount in capital
numerals beside the same amount in figures), never typed.

Blocks, in order: number, paragraph, heading, lines, table, evidence, signature (the
issuing body, date and room for the seal), signlines (lines to sign by hand, ``labels``),
spacer (``height`` in lines), page_break, answer (``lead`` "答：" then the ``text``'s value,
or when it is blank ``lines`` ruled lines to write the person's own words on). At the top,
``page_numbers`` ("outside", GB/T 9704's — n —, or "of_total", 第 n 页 共 N 页) and
``footer`` (a line at the foot of every page: a 笔录's 每页签名). ``{key}`` in a block's
text is a field's value; ``number`` (the document number), ``issue_date`` (the document's date: its step's day
unless chosen at issue), ``title`` and ``you`` (你单位 or 你, by the party's kind; the
model's "你（单位）" is never printed) are always there. A date field with
``not_before = "issue_date"`` may not fall before the document's date. Any block
may say ``when = "key"`` to appear only when that field has a value. A table row may say
``each = "key"``: the row is repeated for each line of that field, ``{each}`` being the line
(a 送达回证 lists every document served).
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from casework.errors import TemplateInvalid, UnknownTemplate
from casework.procedures import procedures
from config.number_patterns import check_pattern
from resources import resource_path

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
BUILTINS = ("number", "issue_date", "title", "you", "each")
INPUTS = ("text", "multiline", "date", "datetime", "amount")
FORMATS = ("date", "datetime", "amount", "capital")
BLOCK_KINDS = ("number", "paragraph", "heading", "lines", "table", "evidence", "signature",
               "signlines", "spacer", "page_break", "answer")
PAGE_NUMBERS = ("outside", "of_total")
ALIGNS = ("justify", "left", "center", "right")
CELL_KEYS = {"text", "colspan", "rowspan", "align", "valign", "bold", "min_lines", "footer",
             "grow"}


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    source: str | None = None     # a case_context key
    input: str | None = None      # typed in: text, multiline, date, datetime, amount
    required: bool = False
    default: str | None = None
    format: str | None = None
    hint: str | None = None       # shown beside the input, e.g. an example
    of: str | None = None         # derived from another field's value through ``format``
    # A datetime printed without its date when it falls on the other field's day:
    # "2026年6月3日9时30分至10时40分".
    same_day_as: str | None = None
    not_before: str | None = None  # "issue_date": not before the document's own date

    @property
    def typed(self) -> bool:
        return self.input is not None


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    order: int
    number_pattern: str
    procedures: tuple[str, ...]
    step: str | None
    requires: tuple[str, ...]     # steps the case must have recorded before it is issued
    heading: str | None           # the line above the title, usually "{bureau}"
    fields: tuple[FieldSpec, ...]
    blocks: tuple[Mapping[str, Any], ...]
    path: Path
    page_numbers: str = "outside"
    footer: str | None = None

    def field(self, key: str) -> FieldSpec:
        return next(f for f in self.fields if f.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "step": self.step,
                "requires": list(self.requires),
                "procedures": list(self.procedures), "number_pattern": self.number_pattern,
                "fields": [{"key": f.key, "label": f.label, "from": f.source,
                            "input": f.input, "required": f.required, "default": f.default,
                            "hint": f.hint} for f in self.fields]}


def _invalid(path: Path, detail: str) -> TemplateInvalid:
    return TemplateInvalid(path=path.name, detail=detail)


def _field(path: Path, key: str, spec: Any) -> FieldSpec:
    if not isinstance(spec, dict) or not isinstance(spec.get("label"), str):
        raise _invalid(path, f"字段 {key} 须为含 label 的表")
    unknown = set(spec) - {"label", "from", "input", "required", "default", "format", "hint",
                           "of", "same_day_as", "not_before"}
    if unknown:
        raise _invalid(path, f"字段 {key} 有未知项 {sorted(unknown)}")
    if spec.get("input") is not None and spec["input"] not in INPUTS:
        raise _invalid(path, f"字段 {key} 的 input 须为 {INPUTS} 之一")
    if spec.get("format") is not None and spec["format"] not in FORMATS:
        raise _invalid(path, f"字段 {key} 的 format 须为 {FORMATS} 之一")
    if spec.get("of") is not None and (spec.get("format") is None or spec.get("input")):
        raise _invalid(path, f"字段 {key} 由 of 派生，须有 format 且不能有 input")
    if spec.get("not_before") not in (None, "issue_date"):
        raise _invalid(path, f"字段 {key} 的 not_before 只能是 issue_date")
    if all(spec.get(k) is None for k in ("from", "input", "default", "of")):
        raise _invalid(path, f"字段 {key} 既无 from、input、default，也无 of，无从取值")
    return FieldSpec(key, spec["label"], spec.get("from"), spec.get("input"),
                     bool(spec.get("required", False)), spec.get("default"), spec.get("format"),
                     spec.get("hint"), spec.get("of"), spec.get("same_day_as"),
                     spec.get("not_before"))


def block_texts(block: Mapping[str, Any]) -> list[str]:
    """Every text of a block that may hold placeholders."""
    texts: list[str] = []
    for key in ("text", "date", "when"):
        if isinstance(block.get(key), str):
            texts.append(block[key] if key != "when" else "{" + block[key] + "}")
    for name in block.get("names", []) + block.get("labels", []):
        texts.append(name)
    for line in block.get("lines", []) if block.get("kind") == "lines" else []:
        texts.extend(line if isinstance(line, list) else [line])
    for row in block.get("rows", []):
        if isinstance(row, dict):
            for key in ("when", "each"):
                if row.get(key):
                    texts.append("{" + row[key] + "}")
            row = row.get("cells", [])
        for cell in row:
            texts.extend([cell.get("text", ""), cell.get("footer", "")]
                         if isinstance(cell, dict) else [str(cell)])
    texts.extend(str(h) for h in block.get("header") or [])
    return texts


def _check_block(path: Path, index: int, block: Any, keys: set[str]) -> None:
    where = f"第 {index} 个版块"
    if not isinstance(block, dict) or block.get("kind") not in BLOCK_KINDS:
        raise _invalid(path, f"{where}的 kind 须为 {BLOCK_KINDS} 之一")
    if block.get("align", "justify") not in ALIGNS:
        raise _invalid(path, f"{where}的 align 须为 {ALIGNS} 之一")
    for row in block.get("rows", []):
        cells = row.get("cells", []) if isinstance(row, dict) else row
        for cell in cells:
            if isinstance(cell, dict) and set(cell) - CELL_KEYS:
                raise _invalid(path, f"{where}的单元格有未知项 {sorted(set(cell) - CELL_KEYS)}")
    for text in block_texts(block):
        for name in PLACEHOLDER.findall(text):
            if name not in keys:
                raise _invalid(path, f"{where}引用了未声明的字段 {{{name}}}")


def load_template(path: Path) -> Template:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise _invalid(path, str(error)) from None
    for key in ("id", "title", "number_pattern", "blocks"):
        if key not in data:
            raise _invalid(path, f"缺少 {key}")
    if data["id"] != path.stem:
        raise _invalid(path, f"id “{data['id']}”须与文件名相同")
    check_pattern(data["number_pattern"])
    known = procedures()
    procs = tuple(data.get("procedures", list(known)))
    if any(p not in known for p in procs):
        raise _invalid(path, f"procedures 须为 {list(known)} 中的值")
    step = data.get("step")
    requires = tuple(data.get("requires", ()))
    codes = {s.code for p in known.values() for s in p.steps}
    for code in (step, *requires):
        if code is not None and code not in codes:
            raise _invalid(path, f"未知环节 {code}")
    fields = tuple(_field(path, k, v) for k, v in data.get("fields", {}).items())
    keys = {f.key for f in fields} | set(BUILTINS)
    for spec in fields:
        for other in (spec.of, spec.same_day_as):
            if other is not None and other not in keys:
                raise _invalid(path, f"字段 {spec.key} 指向未声明的字段 {other}")
    heading = data.get("heading")
    for name in PLACEHOLDER.findall((heading or "") + data.get("footer", "")):
        if name not in keys:
            raise _invalid(path, f"heading 或 footer 引用了未声明的字段 {{{name}}}")
    if data.get("page_numbers", "outside") not in PAGE_NUMBERS:
        raise _invalid(path, f"page_numbers 须为 {PAGE_NUMBERS} 之一")
    for index, block in enumerate(data["blocks"], start=1):
        _check_block(path, index, block, keys)
    return Template(data["id"], data["title"], int(data.get("order", 100)),
                    data["number_pattern"], procs, step, requires, heading, fields,
                    tuple(data["blocks"]), path, data.get("page_numbers", "outside"),
                    data.get("footer"))


def templates_dir() -> Path:
    return resource_path("casework", "templates")


@functools.cache
def _load_all(directory: Path) -> tuple[Template, ...]:
    loaded = [load_template(p) for p in sorted(directory.glob("*.toml"))]
    return tuple(sorted(loaded, key=lambda t: (t.order, t.id)))


def all_templates(directory: Path | None = None) -> tuple[Template, ...]:
    """Every template, in the order documents appear in a case file."""
    return _load_all(directory or templates_dir())


def find_template(kind: str, directory: Path | None = None) -> Template:
    """A template by id or by its Chinese title (with or without 《》)."""
    key = kind.strip().strip("《》")
    for template in all_templates(directory):
        if key in (template.id, template.title):
            return template
    known = ", ".join(f"{t.id}（{t.title}）" for t in all_templates(directory))
    raise UnknownTemplate(kind=kind, known=known)


def number_pattern(template: Template, overrides: Mapping[str, str] | None) -> str:
    return (overrides or {}).get(template.id) or template.number_pattern
