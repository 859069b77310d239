"""Parsers for evidence packages (lawdesk package …)."""
from __future__ import annotations

import argparse


class _InOrder(argparse.Action):
    """--exclude and --reason, kept in the order given, so each --reason pairs with the
    --exclude before it (paired, and refused when unpaired, by the command)."""

    def __call__(self, parser, namespace, value, option_string=None) -> None:  # noqa: ANN001
        items = list(getattr(namespace, self.dest, None) or [])
        items.append((option_string, value))
        setattr(namespace, self.dest, items)


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    package = commands.add_parser(
        "package", help="evidence packages for review bodies and courts (电子证据包)"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    export = command("export", "dossier:package_export",
                     "write a case's evidence package: its files unchanged, the signed "
                     "manifest (JSON and PDF), the recorders' custody and offload history, "
                     "the ledger slice and the standalone verifier, as one ZIP", package)
    export.add_argument("number", metavar="NUMBER", help="the case number")
    export.add_argument("--out", required=True, metavar="FILE.zip",
                        help="the package to write (a new file)")
    export.add_argument("--exclude", dest="exclusions", action=_InOrder, default=[],
                        metavar="SHA256",
                        help="leave this file out (e.g. a third party's footage); the "
                             "--reason after it says why; may be repeated")
    export.add_argument("--reason", dest="exclusions", action=_InOrder, metavar="TEXT",
                        help="why the --exclude before it is left out (printed in the "
                             "package)")
    json_flag(export)
    verify = command("verify", "dossier:package_verify",
                     "check an evidence package (ZIP or unpacked folder) as its own "
                     "verify_package.py does; exit 1 naming each problem", package)
    verify.add_argument("package", metavar="FILE.zip|FOLDER")
    verify.add_argument("--fingerprint", default="", metavar="TEXT",
                        help="the key fingerprint the bureau publishes, to compare")
    verify.add_argument("--hq-fingerprint", default="", metavar="TEXT",
                        help="the key fingerprint the bureau's HQ publishes, to compare "
                             "with the key of HQ's countersignatures")
    json_flag(verify)
