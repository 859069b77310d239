from __future__ import annotations

import argparse

from lawdesk.commands.common import open_workspace, read_password, say


def init(args: argparse.Namespace) -> int:
    workspace = open_workspace(args, create=True)
    if workspace.initialised:
        print(say(f"数据文件夹 {workspace.data_dir} 已经初始化，未作任何更改",
                  f"The data folder {workspace.data_dir} is already set up; nothing changed",
                  workspace))
        return 0
    password = read_password("LAWDESK_PASSWORD", say(f"为管理员 {args.admin} 设置密码：",
                                                      f"Password for admin {args.admin}: "),
                             confirm=True, allow_stdin=True)
    workspace.initialise(args.admin, password)
    if args.bureau:
        from config.settings import set_setting
        set_setting(workspace.login(args.admin, password), "bureau.name", args.bureau)
    print(say(f"已初始化数据文件夹 {workspace.data_dir}，管理员：{args.admin}",
              f"Set up the data folder {workspace.data_dir}; administrator: {args.admin}",
              workspace))
    return 0
