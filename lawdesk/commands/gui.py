from __future__ import annotations

import argparse
import os
from pathlib import Path

from lawdesk.commands.common import CommandError, EXIT_CREDENTIALS, read_password


def run(args: argparse.Namespace) -> int:
    from lawdesk.paths import resolve_data_dir
    username = args.user or os.environ.get("LAWDESK_USER")
    password = None
    screenshot = Path(args.screenshot).resolve() if args.screenshot else None
    if screenshot and getattr(args, "login_window", False):
        from desktop.login_screenshot import run as login_window
        return login_window(resolve_data_dir(args.data_dir), screenshot,
                            db_url=getattr(args, "db", None),
                            store_dir=getattr(args, "store", None))
    if screenshot:
        if not username:
            raise CommandError("gui --screenshot logs in without a person: add --user NAME",
                               EXIT_CREDENTIALS)
        password = read_password("LAWDESK_PASSWORD", f"Password for {username}: ")
    elif username and "LAWDESK_PASSWORD" in os.environ:
        password = os.environ["LAWDESK_PASSWORD"]
    from desktop.app import run as run_gui  # Qt is imported here and nowhere else
    return run_gui(resolve_data_dir(args.data_dir), username=username, password=password,
                   screenshot=screenshot, area=args.area, db_url=getattr(args, "db", None),
                   store_dir=getattr(args, "store", None))
