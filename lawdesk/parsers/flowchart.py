"""Parser for `lawdesk flowchart` (程序流程图)."""
from __future__ import annotations


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add the command to ``commands`` (see lawdesk.parsers)."""
    chart = command("flowchart", "flowchart:run",
                    "draw a procedure's flowchart (程序流程图) as SVG or PNG from the "
                    "procedure definitions the cases run", commands)
    chart.add_argument("--procedure", metavar="CODE",
                       help="a procedure's code or name (ordinary, simplified, 普通程序 …), "
                            "or review for the legal review (法制审核); see --list")
    chart.add_argument("--out", metavar="FILE.svg|FILE.png",
                       help="the file to write; its suffix picks the format")
    chart.add_argument("--list", action="store_true", help="list the charts there are")
    chart.add_argument("--procedure-file", metavar="FILE.toml",
                       help="draw from this procedure file instead of the shipped "
                            "resources/casework/procedures.toml (to check a change)")
    json_flag(chart)
