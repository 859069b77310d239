from __future__ import annotations

import argparse

from lawdesk.commands.common import cells, login, open_workspace, print_json, say


def get(args: argparse.Namespace) -> int:
    from config.settings import all_settings, get_setting
    workspace = open_workspace(args)
    values = ({args.key: get_setting(workspace.db, args.key)} if args.key
              else all_settings(workspace.db))
    if args.json:
        print_json(values)
    else:
        for key, value in values.items():
            print(cells(key, str(value)))
    return 0


def set(args: argparse.Namespace) -> int:  # noqa: A001 - the command's name
    from config.settings import parse_value, set_setting
    workspace = open_workspace(args)
    set_setting(login(args, workspace), args.key, parse_value(args.key, args.value))
    print(say(f"已设置 {args.key}", f"Set {args.key}", workspace))
    return 0
