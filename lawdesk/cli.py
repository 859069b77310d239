"""The `lawdesk` command.

Only argparse and the standard library are imported here; each command imports what it
needs when it runs, so `lawdesk --version` starts in a few tens of milliseconds and no
command but `gui` ever imports Qt.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from lawdesk import __version__

EXIT_OK, EXIT_REFUSED, EXIT_CREDENTIALS = 0, 1, 2


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="data folder (default: $LAWDESK_HOME, else the user data folder)")
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
    gui.add_argument("--area", choices=("footage", "devices", "cases", "review", "disclosure",
                                        "sync", "admin"),
                     help="the area to show first (with --screenshot)")

    init = command("init", "setup:init", "set up a new data folder and its first admin")
    init.add_argument("--admin", required=True, metavar="NAME")
    init.add_argument("--bureau", metavar="NAME", help="name of the enforcement body")

    verify = command("verify", "ledger:verify", "re-check the audit ledger and its signatures")
    _json_flag(verify)

    log = command("log", "ledger:log", "show the newest audit ledger entries")
    log.add_argument("--limit", type=int, default=50)
    log.add_argument("--object-type")
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
                          choices=("admin", "clerk", "custodian", "officer", "reviewer"))
    user_add.add_argument("--officer", metavar="CERT_NUMBER", help="link to this officer")
    user_add.add_argument("--display-name")
    _json_flag(command("list", "accounts:user_list", "list user accounts", user))
    user_roles = command("roles", "accounts:user_roles", "replace a user's roles", user)
    user_roles.add_argument("name")
    user_roles.add_argument("--role", action="append", required=True,
                            choices=("admin", "clerk", "custodian", "officer", "reviewer"))
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
