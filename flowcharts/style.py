"""What every chart looks like: fonts, colours, labels and the title block.

Labels are Graphviz HTML-like labels (bold Chinese name, small English line), so every
text from data is escaped here. The font is named explicitly: Graphviz finds it through
fontconfig for PNG (fonts-noto-cjk, fonts-wqy-zenhei; scripts/setup.sh), and an SVG
carries the same family list for the reader's browser ("Microsoft YaHei" on Windows).
Without a CJK font named, Graphviz picks a Latin one and Chinese comes out as boxes.
"""
from __future__ import annotations

import html

import graphviz

from core.version import __version__

FONT = "Noto Sans CJK SC,WenQuanYi Zen Hei,Microsoft YaHei,PingFang SC,sans-serif"
RED, GREY, PALE = "#a61b1b", "#666666", "#fdf3f3"
STEP_FILL, ENFORCEMENT_FILL, GATE_FILL, NOTE_FILL = "#ffffff", "#fdecec", "#fff6dd", "#f4f5f7"


def esc(value: object) -> str:
    """Text for inside an HTML-like label: <, >, & and quotes escaped, newlines kept."""
    return html.escape("" if value is None else str(value)).replace("\n", '<br align="left"/>')


def label(zh: str, en: str = "", *extra: str) -> str:
    """A node's label: the Chinese name in bold, the English below it, then ``extra`` lines
    (already escaped: they may hold markup of ours) in a smaller grey font."""
    lines = [f"<b>{esc(zh)}</b>"]
    if en:
        lines.append(f'<font point-size="9" color="{GREY}">{esc(en)}</font>')
    lines += [f'<font point-size="9">{line}</font>' for line in extra if line]
    return _rows(lines)


def _rows(lines: list[str]) -> str:
    """Lines of mixed sizes as a borderless table: <br/> would let a small line under a
    large one overlap it (Graphviz spaces lines by the first font's size)."""
    cells = "".join(f"<tr><td>{line}</td></tr>" for line in lines)
    return f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">{cells}</table>>'


def note(lines: list[str]) -> str:
    """A left-aligned note of escaped ``lines``."""
    body = "".join(f"{line}<br align=\"left\"/>" for line in lines)
    return f'<<font point-size="9">{body}</font>>'


def title_block(title_zh: str, title_en: str, subtitle: str, source: str) -> str:
    """The chart's title: its name, a line of figures, and the data it was drawn from
    (file and SHA-256, LawDesk's version) so a printed chart can be matched to its data."""
    return _rows([f'<font point-size="18" color="{RED}"><b>{esc(title_zh)}</b></font>',
                  f'<font point-size="10" color="{GREY}">{esc(title_en)}</font>',
                  f'<font point-size="10">{esc(subtitle)}</font>',
                  f'<font point-size="8" color="{GREY}">{esc(source)} · LawDesk '
                  f'{esc(__version__)}</font>', " "])


def new_graph(name: str, title: str) -> graphviz.Digraph:
    graph = graphviz.Digraph(name=name, engine="dot")
    graph.attr("graph", label=title, labelloc="t", fontname=FONT, rankdir="TB",
               nodesep="0.45", ranksep="0.4", bgcolor="white", pad="0.3")
    graph.attr("node", fontname=FONT, fontsize="13", shape="box", style="rounded,filled",
               fillcolor=STEP_FILL, color="#444444", margin="0.18,0.08")
    graph.attr("edge", fontname=FONT, fontsize="10", color="#444444", arrowsize="0.8")
    return graph


def terminal(graph: graphviz.Digraph, name: str, zh: str, en: str) -> None:
    graph.node(name, label(zh, en), shape="ellipse", style="filled", fillcolor=PALE,
               color=RED)


def gate(graph: graphviz.Digraph, name: str, zh: str, en: str) -> None:
    """A decision point (diamond): the question whose answer picks the branch."""
    graph.node(name, label(zh, en), shape="diamond", style="filled", fillcolor=GATE_FILL,
               margin="0.02")


def side_note(graph: graphviz.Digraph, name: str, lines: list[str], anchor: str) -> None:
    """A note beside ``anchor`` on the same rank, tied to it by a dotted line."""
    graph.node(name, note(lines), shape="note", style="filled", fillcolor=NOTE_FILL,
               color="#999999")
    graph.edge(anchor, name, style="dotted", arrowhead="none", constraint="false")
    with graph.subgraph() as rank:
        rank.attr(rank="same")
        rank.node(anchor)
        rank.node(name)
