"""The pre-enforcement disclosure (事前公示) in the portal export: an index in Chinese linking
every list (HTML and CSV), the flowcharts (SVG and PNG), the personnel lookup and the
double-random draw results; only public fields, every text from data escaped."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from disclosure.portal import export_portal
from inspections.tasks import new_draw, read_spec
from organisation.officers import CertificateInput, add_officer
from public_lists.kinds import KINDS, columns
from public_lists.service import import_list
from tests.conftest import REPO
from tests.inspections.conftest import set_up_draws, targets_csv

SCHEMA = REPO / "docs" / "prior-disclosure.schema.json"
HOSTILE = '<script>alert("x")</script>王&五'
PHONES = ("13912345678", "13800001111")
SUBJECTS_CSV = ("name,nature,funding,staffing,subject_type,powers,legal_representative,"
                "complaint_phone\n"
                '"<img src=x onerror=alert(1)>某县市场监督管理局",行政机关,财政全额拨款,'
                "行政编制,法定行政机关,行政处罚、行政检查,赵六,0431-12345\n")


@pytest.fixture
def lists_bureau(workspace, admin_ctx, tmp_path):
    """Officers (one with a hostile name, phones on record), the inspection and subject
    lists imported, and one double-random draw."""
    set_up_draws(admin_ctx, tmp_path)
    add_officer(admin_ctx, HOSTILE, "执一", CertificateInput(
        "JL<9>", date(2029, 12, 31), valid_from=date(2024, 1, 1), category="市场监管",
        area="农安县"), phone=PHONES[0])
    add_officer(admin_ctx, "赵六", "执二", CertificateInput(
        "22020009", date(2029, 12, 31), valid_from=date(2024, 1, 1)), phone=PHONES[1])
    subjects = tmp_path / "subjects.csv"
    subjects.write_text(SUBJECTS_CSV, "utf-8")
    import_list(admin_ctx, "subjects", subjects)
    targets = tmp_path / "targets.csv"
    targets.write_text(targets_csv(20), "utf-8")
    task, _ = new_draw(admin_ctx, read_spec("SJ-001", targets, ratio="10%"), "2026年6月15日公开抽取")
    return task


def validate(data: dict, pointer: str) -> None:
    """Check ``data`` against docs/prior-disclosure.schema.json (or a part of it)."""
    import jsonschema
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    if pointer != "#":
        schema = {**schema, "$ref": pointer}
        for key in ("required", "properties", "additionalProperties", "type"):
            schema.pop(key)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_the_export_has_the_index_lists_flowcharts_lookup_and_draws_and_no_phone(
        lists_bureau, admin_ctx, tmp_path):
    out = tmp_path / "portal"
    export_portal(admin_ctx, out)
    prior = out / "prior"
    index = (prior / "index.html").read_text("utf-8")
    assert "行政执法事前公示" in index
    # Every link of the index leads to a file of the export.
    links = re.findall(r'href="([^"#]+)', index)
    assert links and all((prior / link).resolve().is_file() for link in links), links
    for kind in KINDS:
        assert f"lists/{kind}.html" in links and f"lists/{kind}.csv" in links
    for code in ("simplified", "ordinary", "review"):
        assert (prior / "flowcharts" / f"{code}.svg").read_bytes().startswith(b"<?xml")
        assert (prior / "flowcharts" / f"{code}.png").read_bytes()[:4] == b"\x89PNG"
    assert "prior/index.html" in (out / "index.html").read_text("utf-8")  # from the results

    # A list's CSV: Chinese headers as `list export` writes them, UTF-8 with a BOM.
    rows = list(csv.reader(io.StringIO(
        (prior / "lists" / "inspection_items.csv").read_text("utf-8-sig"))))
    assert rows[0] == [c.zh for c in columns("inspection_items")]
    assert rows[1][0] == "SJ-001" and len(rows) == 3
    assert "第 1 版" in (prior / "lists" / "inspection_items.html").read_text("utf-8")

    # The draw: its targets with their inspectors, the seed, how to re-check it.
    draws = (prior / "draws.html").read_text("utf-8")
    assert f"lawdesk draw verify {lists_bureau}" in draws
    assert "2026年6月15日公开抽取" in draws and "长春市某某商贸有限公司" in draws
    data = json.loads((prior / "data.json").read_text("utf-8"))
    validate(data, "#")
    validate(json.loads((prior / "personnel.json").read_text("utf-8")),
             "#/$defs/personnel_lookup")
    assert [d["task"] for d in data["draws"]] == [lists_bureau]
    assert len(data["draws"][0]["targets"]) == 2
    assert [f["code"] for f in data["flowcharts"]] == ["simplified", "ordinary", "review"]

    # The lookup's data: public fields only, every certificate ever issued.
    lookup = json.loads((prior / "personnel.json").read_text("utf-8"))["certificates"]
    assert lookup["22010001"]["name"] == "张伟" and lookup["22010001"]["certified"]
    assert not lookup["22010005"]["certified"]          # expired: still answered, as such
    assert set(lookup["JL<9>"]) <= {"name", "unit", "certificate_number", "category", "area",
                                    "valid_from", "valid_until", "status", "status_text",
                                    "status_text_en", "certified", "current",
                                    "current_certificate_number"}

    # No officer's phone anywhere; every text from data escaped.
    for path in every_file(out):
        data = path.read_bytes()
        for phone in PHONES:
            assert phone.encode() not in data, (path, phone)
        if path.suffix in (".html", ".js"):
            text = data.decode("utf-8")
            assert "<script>alert" not in text and "<img src=x" not in text, path
    personnel = (out / "prior" / "lists" / "personnel.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;王&amp;五" in personnel
    assert "JL&lt;9&gt;" in personnel
    subjects = (out / "prior" / "lists" / "subjects.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;某县市场监督管理局" in subjects
    script = (out / "prior" / "personnel.js").read_text("utf-8")
    assert "<" not in script and script.startswith("lawdeskPersonnel(")
    assert json.loads(script[len("lawdeskPersonnel("):-3])["certificates"]["JL<9>"]["name"] \
        == HOSTILE


def test_without_dot_the_export_is_refused_before_writing(
        workspace, admin_ctx, tmp_path, monkeypatch):
    from flowcharts.errors import GraphvizMissing
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "portal"
    with pytest.raises(GraphvizMissing) as refused:
        export_portal(admin_ctx, out)
    assert "apt-get install graphviz" in refused.value.message()
    assert not out.exists()
