"""The pre-enforcement disclosure (事前公示) in the portal export, in its own folder beside the
results site:

    prior/index.html          the index (Chinese): every list, the flowcharts, the personnel
                              lookup and the draw results
    prior/lists/KIND.html     a list as a table; KIND.csv the same as CSV (UTF-8 with BOM,
                              Chinese column names as `lawdesk list export` writes them)
    prior/flowcharts.html     the flowcharts; flowcharts/CODE.svg and CODE.png
    prior/personnel.html      the lookup by certificate number; personnel.json its data
                              (public fields only), personnel.js the same for a page opened
                              from a file, where browsers refuse to fetch
    prior/draws.html          the double-random draws and their results
    prior/data.json           all of it as data (format lawdesk-prior-disclosure)

Each file is written to a temporary name and renamed into place (core.files.atomic_write),
the index last; files of lists or charts that no longer exist are removed after.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from core.csv_safe import neutralise
from core.files import atomic_write
from disclosure.prior_content import PriorContent, PublishedList
from disclosure.prior_pages import (beijing_time, draws_page, esc, flowcharts_page,
                                    index_page, list_page)
from resources import resource_path

FOLDER = "prior"
DATA_FORMAT, DATA_VERSION = "lawdesk-prior-disclosure", 1
LOOKUP_FORMAT = "lawdesk-personnel-lookup"
LOOKUP_TEMPLATE = ("disclosure", "personnel_lookup.html")


def list_csv(published: PublishedList) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([zh for _key, zh, _en in published.columns])
    writer.writerows([neutralise(row.get(key, "")) for key, _zh, _en in published.columns]
                     for row in published.rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM: Excel then reads it as UTF-8


def _script_json(value: object) -> str:
    """JSON that is also safe inside a script: no "<", no line separators raw."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def lookup_data(content: PriorContent, generated_at: str) -> dict:
    return {"format": LOOKUP_FORMAT, "version": 1, "generated_at": generated_at,
            "as_of": content.as_of.isoformat(), "certificates": content.lookup}


def lookup_page(bureau: str, generated: str) -> str:
    page = resource_path(*LOOKUP_TEMPLATE).read_text(encoding="utf-8")
    page = page.replace("<!--LAWDESK:TITLE-->", esc(f"{bureau}行政执法人员查询"))
    return page.replace("<!--LAWDESK:SUBTITLE-->", esc(f"更新时间：{generated}"))


def feed_data(content: PriorContent, generated_at: str, bureau: str) -> dict:
    return {
        "format": DATA_FORMAT, "version": DATA_VERSION, "generated_at": generated_at,
        "enforcement_body": bureau, "as_of": content.as_of.isoformat(),
        "lists": [{"kind": p.kind, "title": p.title_zh, "title_en": p.title_en,
                   "version": p.version, "generated": p.generated,
                   "columns": [{"key": k, "zh": zh, "en": en} for k, zh, en in p.columns],
                   "rows": p.rows, "html": f"lists/{p.kind}.html",
                   "csv": f"lists/{p.kind}.csv"} for p in content.lists],
        "flowcharts": [{"code": c.code, "name": c.name_zh, "name_en": c.name_en,
                        "svg": f"flowcharts/{c.code}.svg", "png": f"flowcharts/{c.code}.png",
                        "svg_sha256": hashlib.sha256(c.svg).hexdigest(),
                        "png_sha256": hashlib.sha256(c.png).hexdigest(),
                        "procedures_sha256": c.procedures_sha256} for c in content.flowcharts],
        "personnel_lookup": {"page": "personnel.html", "data": "personnel.json"},
        "draws": content.draws,
    }


def _remove_stale(folder: Path, kept: set[str]) -> None:
    for path in folder.iterdir():
        if path.is_file() and not path.name.startswith(".") and path.name not in kept:
            path.unlink()


def write_prior_site(out_dir: Path, content: PriorContent, *, enforcement_body: str,
                     generated_at: str) -> Path:
    """Write the folder ``out_dir``/prior; returns its index page."""
    root = Path(out_dir) / FOLDER
    lists_dir, charts_dir = root / "lists", root / "flowcharts"
    lists_dir.mkdir(parents=True, exist_ok=True)
    charts_dir.mkdir(exist_ok=True)
    generated = beijing_time(generated_at)
    bureau = enforcement_body
    written_lists, written_charts = set(), set()
    for published in content.lists:
        atomic_write(lists_dir / f"{published.kind}.csv", list_csv(published))
        atomic_write(lists_dir / f"{published.kind}.html", list_page(
            published, content.as_of.isoformat(), bureau, generated).encode("utf-8"))
        written_lists |= {f"{published.kind}.csv", f"{published.kind}.html"}
    for chart in content.flowcharts:
        atomic_write(charts_dir / f"{chart.code}.svg", chart.svg)
        atomic_write(charts_dir / f"{chart.code}.png", chart.png)
        written_charts |= {f"{chart.code}.svg", f"{chart.code}.png"}
    lookup = lookup_data(content, generated_at)
    atomic_write(root / "personnel.json",
                 json.dumps(lookup, ensure_ascii=False, indent=1).encode("utf-8"))
    atomic_write(root / "personnel.js",
                 f"lawdeskPersonnel({_script_json(lookup)});\n".encode("utf-8"))
    atomic_write(root / "data.json", json.dumps(feed_data(content, generated_at, bureau),
                                                ensure_ascii=False, indent=1).encode("utf-8"))
    for name, text in (("personnel.html", lookup_page(bureau, generated)),
                       ("flowcharts.html", flowcharts_page(content, bureau, generated)),
                       ("draws.html", draws_page(content, bureau, generated)),
                       ("index.html", index_page(content, bureau, generated))):
        atomic_write(root / name, text.encode("utf-8"))
    _remove_stale(lists_dir, written_lists)
    _remove_stale(charts_dir, written_charts)
    return root / "index.html"


def link_from_results(site: str) -> str:
    """The results page with a link to the pre-enforcement disclosure in its header."""
    link = ('<p><a href="prior/index.html" style="color:#fff">事前公示：执法事项、主体、人员等'
            '清单，程序流程图，执法人员查询，双随机抽查结果</a></p>\n')
    return site.replace("</header>", link + "</header>", 1)
