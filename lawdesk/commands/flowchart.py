"""`lawdesk flowchart`: a procedure's flowchart (程序流程图) as SVG or PNG, drawn from the
procedure definitions the cases run. Public information: no user needed. The legal
review's figures (time limits, catalogue) are the data folder's when it is set up, else
the shipped defaults; the chart says which."""
from __future__ import annotations

import argparse
from pathlib import Path

from lawdesk.commands.common import CommandError, open_workspace, print_json, say


def _review_figures(args: argparse.Namespace):  # noqa: ANN202 - flowcharts.inputs.ReviewInputs
    from flowcharts.inputs import review_in
    from lawdesk.workspace import NotInitialised
    try:
        workspace = open_workspace(args)
    except NotInitialised:
        return None
    with workspace.db.read() as session:
        return review_in(session, workspace.clock.today())


def run(args: argparse.Namespace) -> int:
    from core.files import atomic_write
    from flowcharts.charts import chart_graph, chart_list
    from flowcharts.inputs import PROCEDURES_FILE, chart_inputs
    from flowcharts.render import format_of, render
    source = Path(args.procedure_file) if args.procedure_file else PROCEDURES_FILE
    inputs = chart_inputs(_review_figures(args), source)
    workspace = getattr(args, "_workspace", None)
    if args.list:
        charts = chart_list(inputs)
        if args.json:
            print_json([chart.as_json() for chart in charts])
        else:
            for chart in charts:
                print(f"{chart.code}\t{chart.name_zh}\t{chart.name_en}")
        return 0
    if not args.procedure or not args.out:
        raise CommandError(say("须给出 --procedure 与 --out（或用 --list 列出可选流程图）",
                               "give --procedure and --out (or --list to list the charts)",
                               workspace))
    fmt = format_of(args.out)
    graph = chart_graph(inputs, args.procedure)
    out = Path(args.out)
    if out.is_dir():
        raise CommandError(say(f"{out} 是文件夹，须给出文件名", f"{out} is a folder: give a file "
                               "name", workspace))
    data = render(graph, fmt)
    try:
        atomic_write(out, data)
    except OSError as error:
        raise CommandError(say(f"无法写入 {out}：{error.strerror}",
                               f"cannot write {out}: {error.strerror}", workspace)) from None
    if args.json:
        print_json({"procedure": args.procedure, "out": str(out), "format": fmt,
                    "bytes": len(data), "procedures_sha256": inputs.procedures_sha256})
    else:
        print(say(f"已绘制流程图：{out}", f"Flowchart written: {out}", workspace))
    return 0
