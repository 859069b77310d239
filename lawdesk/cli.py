"""The `lawdesk` command.

Only argparse and the standard library are imported here; each command imports what it
needs when it runs, so `lawdesk --version` starts in a few tens of milliseconds and no
command but `gui` ever imports Qt.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Sequence

from lawdesk import __version__
from lawdesk.arg_types import (MAX_DAYS, BadArgument, bounded_int, list_limit, port,
                               refuse_undecodable, server_url, undecodable_argument, year)

EXIT_OK, EXIT_REFUSED, EXIT_CREDENTIALS = 0, 1, 2


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="data folder (default: $LAWDESK_HOME, else the user data folder)")
    parser.add_argument("--db", metavar="URL", default=default,
                        help="the folder's database, e.g. postgresql+psycopg://user@host/"
                             "lawdesk (default: lawdesk.sqlite in the folder); recorded by "
                             "`init`, after that needed only to double-check")
    parser.add_argument("--store", metavar="DIR", default=default,
                        help="the folder's footage store (default: store/ in the folder); "
                             "recorded by `init` like --db")
    parser.add_argument("--user", metavar="NAME", default=default,
                        help="act as this user; the password comes from $LAWDESK_PASSWORD "
                             "or a prompt")


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON to standard output")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lawdesk", description="LawDesk 行政执法三项制度工作站 / law-enforcement workstation")
    parser.add_argument("--version", action="version", version=f"lawdesk {__version__}")
    _global_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, module: str, help_text: str, parent=commands) -> argparse.ArgumentParser:  # noqa: ANN001
        sub = parent.add_parser(name, help=help_text, parents=[common])
        sub.set_defaults(handler=module)
        return sub

    gui = command("gui", "gui:run", "open the main window (the default)")
    gui.add_argument("--screenshot", metavar="FILE.png",
                     help="log in as --user, save a picture of the main window, exit")
    gui.add_argument("--area", choices=("footage", "capture", "devices", "cases", "recording",
                                        "review", "disclosure", "lists", "sync", "admin"),
                     help="the area to show first (with --screenshot)")
    gui.add_argument("--login-window", action="store_true",
                     help="with --screenshot: the login window instead, nobody logged in")

    init = command("init", "setup:init", "set up a new data folder and its first admin")
    init.add_argument("--admin", required=True, metavar="NAME")
    init.add_argument("--bureau", metavar="NAME", help="name of the enforcement body")

    verify = command("verify", "ledger:verify", "re-check the audit ledger and its signatures")
    _json_flag(verify)

    log = command("log", "ledger:log", "show the newest audit ledger entries")
    log.add_argument("--limit", type=list_limit(), default=50)
    log.add_argument("--object-type")
    log.add_argument("--search", metavar="TEXT", help="a person's name or login, or text of "
                     "the change")
    log.add_argument("--action", help="one action code, e.g. device.checkout")
    log.add_argument("--by", metavar="LOGIN", help="entries by this user")
    log.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (Beijing time)")
    log.add_argument("--until", metavar="YYYY-MM-DD", help="to this day, inclusive")
    _json_flag(log)

    unit = commands.add_parser("unit", help="units (科室)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    unit_add = command("add", "organisation:unit_add", "add a unit", unit)
    unit_add.add_argument("name")
    unit_add.add_argument("--short", required=True, help="short name used in document numbers")
    _json_flag(command("list", "organisation:unit_list", "list units", unit))

    officer = commands.add_parser("officer", help="officers and certificates").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    officer_add = command("add", "organisation:officer_add", "add an officer", officer)
    officer_add.add_argument("--name", required=True)
    officer_add.add_argument("--unit", required=True, help="unit name or short name")
    officer_add.add_argument("--cert", required=True, metavar="NUMBER",
                             help="enforcement certificate number (证件编号)")
    officer_add.add_argument("--valid-until", required=True, metavar="YYYY-MM-DD")
    officer_add.add_argument("--valid-from", metavar="YYYY-MM-DD", help="default: today")
    officer_add.add_argument("--category", help="enforcement category (执法类别)")
    officer_add.add_argument("--area", help="enforcement area (执法区域)")
    officer_add.add_argument("--post", help="post (岗位)")
    officer_add.add_argument("--phone")
    _json_flag(officer_add)
    officer_list = command("list", "organisation:officer_list", "list officers", officer)
    officer_list.add_argument("--unit", help="only this unit")
    officer_list.add_argument("--search", default="", help="name or certificate number")
    _json_flag(officer_list)
    officer_show = command("show", "organisation:officer_show",
                           "look an officer up by certificate number", officer)
    officer_show.add_argument("cert", metavar="CERT_NUMBER")
    _json_flag(officer_show)
    from lawdesk.parsers.lists import add_officer_lookup
    add_officer_lookup(officer, command, _json_flag)
    officer_status = command("cert-status", "organisation:officer_cert_status",
                             "suspend, revoke or reinstate a certificate", officer)
    officer_status.add_argument("cert", metavar="CERT_NUMBER")
    officer_status.add_argument("status", choices=("active", "suspended", "revoked"))
    officer_status.add_argument("--reason")
    officer_renew = command("renew", "organisation:officer_renew",
                            "issue a new certificate to the holder of CERT_NUMBER", officer)
    officer_renew.add_argument("cert", metavar="CERT_NUMBER")
    officer_renew.add_argument("--new-cert", required=True, metavar="NUMBER")
    officer_renew.add_argument("--valid-until", required=True, metavar="YYYY-MM-DD")
    officer_renew.add_argument("--valid-from", metavar="YYYY-MM-DD")
    officer_renew.add_argument("--category")
    officer_renew.add_argument("--area")

    user = commands.add_parser("user", help="user accounts").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    user_add = command("add", "accounts:user_add", "add a user account "
                       "(password from $LAWDESK_NEW_PASSWORD or a prompt)", user)
    user_add.add_argument("name")
    user_add.add_argument("--role", action="append", required=True,
                          choices=("admin", "clerk", "custodian", "officer", "reviewer", "head"))
    user_add.add_argument("--officer", metavar="CERT_NUMBER", help="link to this officer")
    user_add.add_argument("--display-name")
    _json_flag(command("list", "accounts:user_list", "list user accounts", user))
    user_roles = command("roles", "accounts:user_roles", "replace a user's roles", user)
    user_roles.add_argument("name")
    user_roles.add_argument("--role", action="append", required=True,
                            choices=("admin", "clerk", "custodian", "officer", "reviewer", "head"))
    for name, text in (("disable", "disable an account"), ("enable", "enable an account")):
        command(name, f"accounts:user_{name}", text, user).add_argument("name")
    command("reset-password", "accounts:user_reset_password",
            "set another user's password ($LAWDESK_NEW_PASSWORD or a prompt)",
            user).add_argument("name")
    command("passwd", "accounts:user_passwd",
            "change your own password ($LAWDESK_NEW_PASSWORD or a prompt)", user)

    settings = commands.add_parser("settings", help="workstation settings").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    settings_get = command("get", "settings:get", "show settings", settings)
    settings_get.add_argument("key", nargs="?")
    _json_flag(settings_get)
    settings_set = command("set", "settings:set", "change a setting", settings)
    settings_set.add_argument("key")
    settings_set.add_argument("value")
    _device_commands(commands, command)
    _ratio_commands(commands, command)
    _footage_commands(commands, command)
    _hq_commands(commands, command)
    _sync_commands(commands, command)
    _case_commands(commands, command)
    from lawdesk.parsers import benchmark, calendar, disclosure, dossier, lists, review
    from lawdesk.parsers import draws
    for area in (calendar, review, benchmark, disclosure, dossier, lists, draws):
        area.add(commands, command, _json_flag)
    from lawdesk.parsers import flowchart
    flowchart.add(commands, command, _json_flag)
    from lawdesk.parsers import installation
    installation.add(commands, command, _json_flag)
    from lawdesk.parsers import compliance
    compliance.add(commands, command, _json_flag)
    from lawdesk.parsers import stats
    stats.add(commands, command, _json_flag)
    from lawdesk.parsers import capture
    capture.add(commands, command, _json_flag)
    return parser


DEVICE_STATUSES = ("in_store", "checked_out", "in_repair", "lost", "retired")
STATUS_ACTIONS = (("repair", "send a device for repair (needs --reason)"),
                  ("repaired", "put a repaired device back in store"),
                  ("lost", "report a device lost (needs --reason); closes its open custody"),
                  ("found", "put a found device back in store"),
                  ("retire", "retire a device for good (needs --reason)"))


def _device_commands(commands, command) -> None:  # noqa: ANN001
    device = commands.add_parser("device", help="recording devices (执法记录设备)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    add = command("add", "devices:device_add", "register a device", device)
    add.add_argument("--serial", required=True)
    add.add_argument("--type", required=True, help="type code or name, e.g. body_camera")
    add.add_argument("--unit", required=True, help="unit name or short name")
    add.add_argument("--model")
    add.add_argument("--vendor")
    add.add_argument("--purchase-date", metavar="YYYY-MM-DD")
    add.add_argument("--notes")
    _json_flag(add)
    edit = command("edit", "devices:device_edit",
                   "correct a device's details (options not given stay as they are)", device)
    edit.add_argument("--serial", required=True)
    edit.add_argument("--type")
    edit.add_argument("--unit")
    edit.add_argument("--model")
    edit.add_argument("--vendor")
    edit.add_argument("--purchase-date", metavar="YYYY-MM-DD")
    edit.add_argument("--notes")
    _json_flag(edit)
    imp = command("import", "devices:device_import",
                  "import devices from a CSV file (serial,type,unit,model,vendor,purchase_date;"
                  " UTF-8 or GBK); all rows or none", device)
    imp.add_argument("file", metavar="FILE.csv")
    _json_flag(imp)
    out = command("checkout", "devices:device_checkout", "check a device out to an officer",
                  device)
    out.add_argument("--serial", required=True)
    out.add_argument("--officer", required=True, metavar="CERT_NUMBER")
    out.add_argument("--due", metavar="ISO_TIME",
                     help="when it must be back (no zone: Beijing time); default: the end of "
                          "today, Beijing time")
    out.add_argument("--signature", metavar="FILE.png",
                     help="the officer's signature from a signature pad; without it the "
                          "checkout is recorded as unsigned")
    out.add_argument("--failed-check", action="append", default=[],
                     choices=("battery", "storage", "clock", "damage"),
                     help="a pre-use check that failed (refuses the checkout); all pass "
                          "unless given")
    out.add_argument("--notes")
    _json_flag(out)
    back = command("checkin", "devices:device_checkin", "check a device back in", device)
    back.add_argument("--serial", required=True)
    back.add_argument("--condition", choices=("good", "damaged"), default="good",
                      help="damaged: the device goes to repair (default: good)")
    back.add_argument("--notes")
    back.add_argument("--signature", metavar="FILE.png",
                      help="the officer's signature; without it recorded as unsigned")
    _json_flag(back)
    listing = command("list", "devices:device_list", "list devices", device)
    listing.add_argument("--type", help="type code")
    listing.add_argument("--unit", help="unit name or short name")
    listing.add_argument("--status", choices=DEVICE_STATUSES)
    listing.add_argument("--search", default="", help="part of a serial, model or vendor")
    _json_flag(listing)
    holder = command("holder", "devices:device_holder",
                     "print the certificate number of who held a device at a time "
                     "(exit 1: nobody)", device)
    holder.add_argument("--serial", required=True)
    holder.add_argument("--at", required=True, metavar="ISO_TIME",
                        help="the instant; without a zone it is Beijing time")
    _json_flag(holder)
    _json_flag(command("overdue", "devices:device_overdue",
                       "devices still out after their due time", device))
    history = command("history", "devices:device_history",
                      "a device's status history, or an officer's custody history", device)
    which = history.add_mutually_exclusive_group(required=True)
    which.add_argument("--serial")
    which.add_argument("--officer", metavar="CERT_NUMBER")
    _json_flag(history)
    for name, text in STATUS_ACTIONS:
        change = command(name, f"devices:device_{name}", text, device)
        change.add_argument("--serial", required=True)
        change.add_argument("--reason")
        _json_flag(change)
    _json_flag(command("types", "devices:device_types", "list device types", device))
    register = command("register-pdf", "devices:device_register_pdf",
                       "write the device use register (使用登记台账) for a period as PDF",
                       device)
    register.add_argument("--from", dest="since", required=True, metavar="YYYY-MM-DD")
    register.add_argument("--to", dest="until", required=True, metavar="YYYY-MM-DD")
    register.add_argument("--out", required=True, metavar="FILE.pdf")
    type_set = command("type-set", "devices:device_type_set",
                       "add or change a device type", device)
    type_set.add_argument("code")
    type_set.add_argument("--zh", required=True, help="Chinese name")
    type_set.add_argument("--en", required=True, help="English name")
    type_set.add_argument("--inactive", action="store_true",
                          help="no longer in use: no new devices of this type")


def _ratio_commands(commands, command) -> None:  # noqa: ANN001
    ratio = commands.add_parser("ratio", help="equipment ratio standards (配备比例)"
                                ).add_subparsers(dest="action", metavar="ACTION", required=True)
    report = command("report", "devices:ratio_report",
                     "each unit's devices against the ratio standards", ratio)
    report.add_argument("--pdf", metavar="FILE.pdf", help="also write the report as a PDF")
    _json_flag(report)
    _json_flag(command("list", "devices:ratio_list", "list the ratio standards", ratio))
    set_ = command("set", "devices:ratio_set",
                   "set a standard for one unit, or without --unit the default for all", ratio)
    set_.add_argument("--type", required=True, help="device type code or name")
    set_.add_argument("--unit", help="unit name or short name (default: every unit)")
    set_.add_argument("--officers-per-device", type=int, metavar="N",
                      help="one device per N certified officers")
    set_.add_argument("--minimum", type=int, metavar="N", help="at least N devices")
    _json_flag(set_)
    unset = command("unset", "devices:ratio_unset",
                    "remove a unit's own standard (the default applies again)", ratio)
    unset.add_argument("--type", required=True)
    unset.add_argument("--unit", help="unit name or short name (default: the default standard)")
    expiring = command("expiring", "devices:ratio_expiring",
                       "certified officers whose certificate ends soon", ratio)
    expiring.add_argument("--days", type=bounded_int("--days", 0, MAX_DAYS), default=30)
    _json_flag(expiring)



def _footage_commands(commands, command) -> None:  # noqa: ANN001
    ingest = command("ingest", "footage:ingest",
                     "offload a recorder's folder into the footage store (hash, verify, "
                     "record)")
    ingest.add_argument("source_dir", metavar="SOURCE_DIR",
                        help="the recorder's volume or any folder of its files")
    ingest.add_argument("--device", metavar="SERIAL",
                        help="the device's serial, when its files and volume do not say")
    ingest.add_argument("--officer", metavar="CERT_NUMBER",
                        help="the officer, for files whose name and custody do not say")
    _json_flag(ingest)

    footage = commands.add_parser("footage", help="stored footage (音视频资料)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    listing = command("list", "footage:footage_list", "list stored footage", footage)
    listing.add_argument("--officer", metavar="CERT_NUMBER")
    listing.add_argument("--device", metavar="SERIAL")
    listing.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                         help="recorded on or after this day")
    listing.add_argument("--until", dest="date_until", metavar="YYYY-MM-DD",
                         help="recorded on or before this day")
    listing.add_argument("--important", action="store_true", help="only important files")
    listing.add_argument("--unreadable", action="store_true",
                         help="only files opencv could not read")
    listing.add_argument("--session", metavar="ID", help="only this offload session")
    listing.add_argument("--search", default="", help="part of a file name or a SHA-256 prefix")
    listing.add_argument("--limit", type=list_limit(), default=None)
    _json_flag(listing)
    show = command("show", "footage:footage_show",
                   "one item by id or SHA-256: hashes, sightings and history", footage)
    show.add_argument("key", metavar="ID_OR_SHA256")
    _json_flag(show)
    sessions = command("sessions", "footage:footage_sessions", "list offload sessions", footage)
    sessions.add_argument("--limit", type=list_limit(), default=50)
    _json_flag(sessions)


CASE_STATUSES = ("open", "closed")


def _case_commands(commands, command) -> None:  # noqa: ANN001
    case = commands.add_parser("case", help="enforcement cases (案件)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    new = command("new", "cases:case_new",
                  "open a case from a case JSON file (see README); prints its number", case)
    new.add_argument("--json-file", required=True, metavar="FILE")
    _json_flag(new)
    show = command("show", "cases:case_show", "a case: parties, officers, steps, evidence, "
                   "documents", case)
    show.add_argument("number", metavar="NUMBER")
    _json_flag(show)
    listing = command("list", "cases:case_list", "list cases, newest first", case)
    listing.add_argument("--search", default="", help="part of a number, cause or party name")
    listing.add_argument("--type", help="case type code")
    listing.add_argument("--procedure", help="simplified or ordinary")
    listing.add_argument("--unit", help="unit name or short name")
    listing.add_argument("--status", choices=CASE_STATUSES)
    listing.add_argument("--year", type=year())
    listing.add_argument("--limit", type=list_limit(), default=None)
    _json_flag(listing)
    step = command("step", "cases:case_step",
                   "record a step (filing, investigation, notice, hearing, decision, service, "
                   "execution, closing), in the procedure's order", case)
    step.add_argument("number", metavar="NUMBER")
    step.add_argument("step", metavar="STEP", help="step code or Chinese name, e.g. filing or 立案")
    step.add_argument("--date", metavar="YYYY-MM-DD", help="the day it was done (default: today)")
    step.add_argument("--note")
    _json_flag(step)
    extend = command("extend", "cases:case_extend",
                     "as the head (局负责人), approve an extension (延期) of the case's time limit "
                     "(办案期限), before it runs out", case)
    extend.add_argument("number", metavar="CASE_NUMBER_OR_ID")
    extend.add_argument("--reason", required=True, help="why the case needs more time")
    extend.add_argument("--days", type=bounded_int("--days", 1, MAX_DAYS),
                        help="days to add (default: as many as the case's rule allows, "
                             "e.g. 30)")
    _json_flag(extend)
    link = command("link", "cases:case_link",
                   "tie a stored footage file (by SHA-256) to a step of the case", case)
    link.add_argument("number", metavar="NUMBER")
    link.add_argument("--sha256", required=True, metavar="HEX")
    link.add_argument("--step", help="default: investigation (调查取证)")
    link.add_argument("--note")
    _json_flag(link)
    unlink = command("unlink", "cases:case_unlink", "remove an evidence link made by mistake",
                     case)
    unlink.add_argument("number", metavar="NUMBER")
    unlink.add_argument("--sha256", required=True, metavar="HEX")
    unlink.add_argument("--step", required=True)
    fields = command("fields", "cases:case_fields",
                     "keep typed-in document values with the case (merged; an empty value "
                     "removes one)", case)
    fields.add_argument("number", metavar="NUMBER")
    fields.add_argument("--fields", required=True, metavar="FILE.json")
    fields.add_argument("--replace", action="store_true", help="replace all kept values")
    _json_flag(fields)
    _json_flag(command("types", "cases:case_types", "list case types", case))
    type_set = command("type-set", "cases:case_type_set", "add or change a case type", case)
    type_set.add_argument("code")
    type_set.add_argument("--zh", required=True, help="Chinese name")
    type_set.add_argument("--en", required=True, help="English name")
    type_set.add_argument("--inactive", action="store_true", help="no new cases of this type")
    case_file = command("file", "cases:case_file_export",
                        "the case file (案卷) as one PDF: cover, contents, the issued documents, "
                        "evidence list, back cover; numbered for double-sided printing", case)
    case_file.add_argument("number", metavar="NUMBER")
    case_file.add_argument("--out", required=True, metavar="FILE.pdf")
    case_file.add_argument("--originals", metavar="DIR",
                           help="also copy the issued documents' PDFs, unchanged, into DIR")
    _json_flag(case_file)

    doc = commands.add_parser("doc", help="case documents (执法文书)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    _json_flag(command("list", "cases:doc_list", "document templates: ids and titles", doc))
    render = command("render", "cases:doc_render",
                     "issue a numbered document of a case as PDF (kept in the archive and "
                     "the ledger); exit 1 listing the missing fields when incomplete", doc)
    render.add_argument("kind", metavar="KIND", help="template id or Chinese title")
    render.add_argument("--case", required=True, metavar="NUMBER")
    render.add_argument("--out", required=True, metavar="FILE.pdf")
    render.add_argument("--fields", metavar="FILE.json",
                        help="values for the template's fields: {\"field\": \"text\"}")
    render.add_argument("--preview", action="store_true",
                        help="a draft only: no number taken, nothing kept")
    render.add_argument("--date", metavar="YYYY-MM-DD",
                        help="the date the document bears (default: the day its step was "
                             "recorded, else today; never later than today); kept with the "
                             "record, so in the ledger beside the moment of issue")
    _json_flag(render)
    get = command("get", "cases:doc_get", "write an issued document's kept PDF again", doc)
    get.add_argument("number", metavar="DOCUMENT_NUMBER")
    get.add_argument("--out", required=True, metavar="FILE.pdf")


def _hq_commands(commands, command) -> None:  # noqa: ANN001
    hq = commands.add_parser("hq", help="the HQ server (总部服务) on this data folder") \
        .add_subparsers(dest="action", metavar="ACTION", required=True)
    serve = command("serve", "hq:serve", "run the HQ server (FastAPI on uvicorn)", hq)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=port(), default=8765, help="0: any free port (printed)")
    serve.add_argument("--tls-cert", metavar="FILE", type=Path)
    serve.add_argument("--tls-key", metavar="FILE", type=Path)
    code = command("enroll-code", "hq:enroll_code",
                   "issue a one-time enrollment code for a unit's workstation", hq)
    code.add_argument("--unit", required=True, help="unit name or short name")
    code.add_argument("--valid-hours", type=int, default=72)
    _json_flag(code)
    _json_flag(command("workstations", "hq:workstations", "list enrolled workstations", hq))
    revoke = command("revoke", "hq:revoke", "stop accepting a workstation's key", hq)
    revoke.add_argument("workstation", metavar="WORKSTATION_ID")
    _json_flag(command("verify", "hq:verify", "re-check every received ledger chain and "
                       "re-hash every stored file (exit 1 on any problem)", hq))
    clear = command("clear-flag", "hq:clear_flag", "accept a flagged workstation's ledger "
                    "again, after an investigation", hq)
    clear.add_argument("workstation", metavar="WORKSTATION_ID")
    records = command("records", "hq:records", "records rebuilt from the workstations' "
                      "ledgers, newest change first", hq)
    records.add_argument("--workstation", metavar="ID", help="workstation id, prefix or name")
    records.add_argument("--type", metavar="TABLE", help="record type, e.g. device, custody")
    records.add_argument("--deleted", action="store_true", help="include deleted records")
    records.add_argument("--limit", type=list_limit(), default=1000)
    _json_flag(records)
    refused = command("refused", "hq:refused", "pushed writes HQ refused to apply (another "
                      "unit's records, HQ's data, what HQ did not send), newest first", hq)
    refused.add_argument("--workstation", metavar="ID", help="workstation id, prefix or name")
    refused.add_argument("--limit", type=list_limit(), default=1000)
    _json_flag(refused)
    disclosure = hq.add_parser(
        "disclosure", help="the bureau-wide disclosure feed HQ keeps (总部公示汇总)"
    ).add_subparsers(dest="disclosure_action", metavar="ACTION", required=True)
    export = command("export", "hq_disclosure:export",
                     "write the bureau-wide portal (static site and JSON feed) of every "
                     "workstation's published results into a folder", disclosure)
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument("--since", metavar="YYYY-MM-DD",
                        help="state the changes since this day (default: since the last "
                             "export to the folder)")
    _json_flag(export)


def _sync_commands(commands, command) -> None:  # noqa: ANN001
    sync = commands.add_parser("sync", help="sync with HQ (与总部同步)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    enroll = command("enroll", "sync:enroll", "register this workstation at HQ", sync)
    enroll.add_argument("--server", required=True, metavar="URL", type=server_url())
    enroll.add_argument("--code", required=True)
    enroll.add_argument("--ca-file", metavar="FILE",
                        help="CA certificate(s) to trust for an https server")
    enroll.add_argument("--name", help="this workstation's name at HQ (default: host name)")
    _json_flag(enroll)
    _json_flag(command("run", "sync:run", "one full sync pass now: ledger up, reference "
                       "data down, footage up (exit 1 when anything failed)", sync))
    _json_flag(command("status", "sync:status", "the link to HQ, the last pass and what "
                       "waits to go up", sync))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        option = undecodable_argument(parser, args)
        if option is not None:
            raise refuse_undecodable(option)
    except BadArgument as refused:  # a value out of range or not text: one line, exit 1
        print(f"lawdesk: {refused}", file=sys.stderr)
        return EXIT_REFUSED
    if getattr(args, "handler", None) is None:
        if args.command is None:  # a bare `lawdesk` opens the window
            args.handler, args.screenshot, args.area = "gui:run", None, None
        else:
            parser.parse_args([args.command, "--help"])
    module_name, function_name = args.handler.split(":")
    module = importlib.import_module(f"lawdesk.commands.{module_name}")
    from lawdesk.commands.common import run_command
    return run_command(getattr(module, function_name), args)


if __name__ == "__main__":
    sys.exit(main())
