"""Parsers for the double-random draw (lawdesk draw …)."""
from __future__ import annotations


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    draw = commands.add_parser(
        "draw", help="double-random inspections (双随机抽查): tasks, draws, results"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    new = command("new", "draws:draw_new",
                  "record an inspection task and, with --seed-text, draw it at once", draw)
    new.add_argument("--item", required=True, metavar="CODE",
                     help="the item's code in the random-inspection list in force")
    new.add_argument("--targets", required=True, metavar="FILE.csv",
                     help="the pool: name,uscc,address,category (UTF-8 or GBK)")
    how = new.add_mutually_exclusive_group(required=True)
    how.add_argument("--ratio", metavar="R", help="share of the pool to draw: 0.05 or 5%%")
    how.add_argument("--count", type=int, metavar="N", help="how many targets to draw")
    new.add_argument("--unit", help="inspectors: the certified officers of this unit "
                                    "(default: of every unit)")
    new.add_argument("--recusals", metavar="FILE.csv",
                     help="recusals recorded with the task: certificate,uscc,reason a line")
    new.add_argument("--seed-text", metavar="TEXT",
                     help="the text typed at the witnessed draw; without it the task is only "
                          "recorded (add recusals, then `draw run`)")
    new.add_argument("--redraw", action="store_true",
                     help="draw again a task of the same item and list (admins; --reason)")
    new.add_argument("--reason", help="why the redraw (recorded and published)")
    json_flag(new)
    run = command("run", "draws:draw_run", "draw a recorded task (or redraw it)", draw)
    run.add_argument("task", metavar="TASK")
    run.add_argument("--seed-text", required=True, metavar="TEXT")
    run.add_argument("--redraw", action="store_true")
    run.add_argument("--reason")
    json_flag(run)
    recuse = command("recuse", "draws:draw_recuse",
                     "record that an officer must not inspect a target (回避)", draw)
    recuse.add_argument("task", metavar="TASK")
    recuse.add_argument("--officer", required=True, metavar="CERT_NUMBER")
    recuse.add_argument("--uscc", required=True)
    recuse.add_argument("--reason", required=True)
    verify = command("verify", "draws:draw_verify",
                     "re-run a task's draws from their recorded inputs (exit 1 when any "
                     "differs)", draw)
    which = verify.add_mutually_exclusive_group(required=True)
    which.add_argument("task", metavar="TASK", nargs="?")
    which.add_argument("--file", metavar="FILE.json",
                       help="an exported task (`draw export`): needs no data folder")
    json_flag(verify)
    export = command("export", "draws:draw_export",
                     "write a task's draws with all their inputs to a JSON file", draw)
    export.add_argument("task", metavar="TASK")
    export.add_argument("--out", required=True, metavar="FILE.json")
    show = command("show", "draws:draw_show", "a task, its recusals and its draws", draw)
    show.add_argument("task", metavar="TASK")
    json_flag(show)
    json_flag(command("list", "draws:draw_list", "inspection tasks, newest first", draw))
    result = command("result", "draws:draw_result",
                     "record the result of inspecting a drawn target", draw)
    result.add_argument("task", metavar="TASK")
    result.add_argument("--uscc", required=True)
    result.add_argument("--outcome", required=True,
                        choices=("no_problem", "problem_found", "rectified", "not_located",
                                 "no_activity", "refused"))
    result.add_argument("--officer", required=True, metavar="CERT_NUMBER",
                        help="the drawn inspector who inspected")
    result.add_argument("--on", metavar="YYYY-MM-DD", help="inspection date (default: today)")
    result.add_argument("--case", metavar="CASE_NUMBER", help="the case opened, if any")
    result.add_argument("--rectification", metavar="TEXT", help="what was ordered")
    result.add_argument("--note")
