from __future__ import annotations

import argparse

from lawdesk.commands.common import (cells, login, open_workspace, print_json, read_password,
                                     say)


def _new_password(name: str) -> str:
    return read_password("LAWDESK_NEW_PASSWORD", say(f"{name} 的新密码：",
                                                     f"New password for {name}: "), confirm=True)


def _user_json(user) -> dict:  # noqa: ANN001
    return {"username": user.username, "display_name": user.display_name,
            "roles": list(user.roles), "active": user.active,
            "officer": user.officer_name, "certificate": user.certificate_number}


def user_add(args: argparse.Namespace) -> int:
    from accounts.users import add_user
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    user = add_user(ctx, args.name, _new_password(args.name), args.role,
                    officer_certificate=args.officer, display_name=args.display_name)
    print(say(f"已添加用户 {user.username}，角色：{', '.join(user.roles)}",
              f"Added user {user.username} with roles: {', '.join(user.roles)}", workspace))
    return 0


def user_list(args: argparse.Namespace) -> int:
    from accounts.users import list_users
    workspace = open_workspace(args)
    users = list_users(login(args, workspace))
    if args.json:
        print_json([_user_json(u) for u in users])
    else:
        for u in users:
            state = say("启用", "active", workspace) if u.active else say("停用", "disabled",
                                                                           workspace)
            print(cells(u.username, ",".join(u.roles), state, u.officer_name))
    return 0


def user_roles(args: argparse.Namespace) -> int:
    from accounts.users import set_roles
    workspace = open_workspace(args)
    user = set_roles(login(args, workspace), args.name, args.role)
    print(f"{user.username}: {', '.join(user.roles)}")
    return 0


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from accounts.users import set_active
    workspace = open_workspace(args)
    user = set_active(login(args, workspace), args.name, active)
    print(f"{user.username}: " + (say("已启用", "enabled", workspace) if active
                                  else say("已停用", "disabled", workspace)))
    return 0


def user_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def user_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def user_reset_password(args: argparse.Namespace) -> int:
    from accounts.users import reset_password
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    reset_password(ctx, args.name, _new_password(args.name))
    print(say(f"已重设 {args.name} 的密码", f"Reset the password of {args.name}", workspace))
    return 0


def user_passwd(args: argparse.Namespace) -> int:
    from accounts.users import change_own_password
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    change_own_password(ctx, args._password,
                        _new_password(ctx.actor.username))
    print(say("密码已更改", "Password changed", workspace))
    return 0
