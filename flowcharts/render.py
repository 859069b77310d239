"""A chart to SVG or PNG bytes through Graphviz's `dot`.

`dot` is looked up on PATH before every drawing, so a missing program is named in a
message that says how to install it (not a FileNotFoundError's traceback). The same DOT
source always lays out the same, so a drawing is kept for the process by its source and
format: an export draws each chart once however often it runs.
"""
from __future__ import annotations

import functools
import shutil

import graphviz

from flowcharts.errors import BadChartFormat, GraphvizFailed, GraphvizMissing

PROGRAM = "dot"
FORMATS = ("svg", "png")
PNG_DPI = "110"   # sharper than the screen's 72 when zoomed or printed; higher costs time


def format_of(path: str) -> str:
    """The format a file name asks for by its suffix (.svg, .png)."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix not in FORMATS:
        raise BadChartFormat(path)
    return suffix


def require_dot() -> str:
    found = shutil.which(PROGRAM)
    if found is None:
        raise GraphvizMissing(PROGRAM)
    return found


@functools.lru_cache(maxsize=64)
def _draw(source: str, fmt: str, program: str) -> bytes:
    # ``program`` (dot's path) is part of the key: a drawing kept from before dot was
    # removed must not hide that it is gone.
    try:
        return graphviz.pipe("dot", fmt, source.encode("utf-8"),
                             renderer="cairo" if fmt == "png" else None, quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing(PROGRAM) from None
    except graphviz.CalledProcessError as error:
        detail = (error.stderr or b"").decode("utf-8", "replace").strip()
        raise GraphvizFailed(detail.splitlines()[-1] if detail else str(error)) from None


def render(graph: graphviz.Digraph, fmt: str) -> bytes:
    """The chart drawn as ``fmt`` (svg or png)."""
    if fmt not in FORMATS:
        raise BadChartFormat(f"*.{fmt}")
    program = require_dot()
    if fmt == "png":
        graph = graph.copy()
        graph.attr("graph", dpi=PNG_DPI)
    return _draw(graph.source, fmt, program)
