"""Parsers for the commands an IT person runs around installing and upgrading:
`lawdesk self-check` and `lawdesk restore-backup`."""
from __future__ import annotations

import argparse


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add the commands to ``commands`` (see lawdesk.parsers)."""
    check = command("self-check", "self_check:run",
                    "check this machine and data folder: fonts, Qt, database, footage store, "
                    "PortAudio, cameras, HQ (exit 1 when a check fails; warnings do not)",
                    commands)
    # Internal: the child that answers for Qt (desktop.qt_probe); with --picture, the
    # statistics of a screenshot instead (installers/check-deb.sh).
    check.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)
    check.add_argument("--picture", metavar="FILE.png", help=argparse.SUPPRESS)
    json_flag(check)
    restore = command("restore-backup", "restore_backup:run",
                      "put a database backup (backups/*.sqlite, made before each upgrade) "
                      "back in place of the folder's database, keeping the current one as a "
                      "backup too; refused while a window or command uses the folder",
                      commands)
    restore.add_argument("file", metavar="FILE.sqlite")
    json_flag(restore)
