"""What every command shares: opening the data folder, logging in, printing, exit codes.

Nothing a command prints can steer the terminal: data (a workstation's pushed records, a
recorder's file names) may hold escape sequences or bidi controls. While a command runs,
standard output shows every control character but newline and tab as a visible escape
(core.control_text); a table line (``print_rows``, ``cells``) escapes newlines and tabs
inside values too, so a value cannot forge a row or a column; --json output escapes what
``json.dumps`` leaves raw; refusals and warnings on standard error are escaped to one line.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import select
import sys
from datetime import date
from typing import Any, Callable

from core.control_text import escape_controls, escape_json
from core.errors import DomainError

EXIT_OK, EXIT_REFUSED, EXIT_CREDENTIALS = 0, 1, 2
EXIT_STDOUT_GONE = 141  # 128 + SIGPIPE, as a shell reports a command its pipe ended


class CommandError(Exception):
    """A refusal the command itself detects; exits with ``code``."""

    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.code = code


def parse_date(text: str | None, option: str, workspace: Any = None) -> date | None:
    """A YYYY-MM-DD option value; a bad one is refused naming the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(say(f"{option} 的日期“{text}”无效，应为 YYYY-MM-DD",
                               f"{option}: '{text}' is not a date (YYYY-MM-DD)",
                               workspace)) from None


def unit_id_of(ctx: Any, key: str | None, workspace: Any) -> str | None:
    """The id of the unit named by --unit (its name or short name); None when not given."""
    if not key:
        return None
    from organisation.units import list_units
    for unit in list_units(ctx):
        if key in (unit.name, unit.short_name):
            return unit.id
    raise CommandError(say(f"未找到科室：{key}", f"No unit found: {key}", workspace))


def language(workspace: Any = None) -> str:
    chosen = os.environ.get("LAWDESK_LANG")
    if chosen:
        return "en" if chosen.lower().startswith("en") else "zh_CN"
    if workspace is not None:
        try:
            return workspace.language
        except Exception:  # noqa: BLE001 - an unreadable setting must not hide the real error
            return "zh_CN"
    return "zh_CN"


def say(zh: str, en: str, workspace: Any = None) -> str:
    return en if language(workspace) == "en" else zh


def open_workspace(args: argparse.Namespace, *, create: bool = False):  # noqa: ANN201
    from lawdesk.paths import resolve_data_dir
    from lawdesk.workspace import Workspace
    workspace = Workspace.open(resolve_data_dir(args.data_dir), create=create,
                               db_url=getattr(args, "db", None),
                               store_dir=getattr(args, "store", None))
    args._workspace = workspace
    return workspace


def read_password(env_name: str, prompt: str, *, confirm: bool = False,
                  allow_stdin: bool = False) -> str:
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass(say("再次输入密码：", "Repeat the password: ")) != first:
            raise CommandError(say("两次输入的密码不一致", "the passwords do not match"))
        return first
    if allow_stdin and sys.stdin is not None:
        line = sys.stdin.readline()
        if line:
            return line.rstrip("\r\n")
    raise CommandError(say(f"没有密码：请设置环境变量 {env_name}",
                           f"no password given: set {env_name}"), EXIT_CREDENTIALS)


def login(args: argparse.Namespace, workspace: Any):  # noqa: ANN201
    """The Context of the --user this command acts as."""
    username = args.user or os.environ.get("LAWDESK_USER")
    if not username:
        raise CommandError(say("此命令需要以某个用户身份执行：请加 --user 用户名",
                               "this command acts as a user: add --user NAME", workspace),
                           EXIT_CREDENTIALS)
    password = read_password("LAWDESK_PASSWORD", say(f"{username} 的密码：",
                                                      f"Password for {username}: ", workspace))
    args._password = password  # `user passwd` proves the old password with it
    from accounts.users import AccountDisabled, LoginFailed, LoginThrottled
    try:
        return workspace.login(username, password)
    except (LoginFailed, LoginThrottled, AccountDisabled) as error:
        raise CommandError(error.message(language(workspace)), EXIT_CREDENTIALS) from None


def print_json(value: Any) -> None:
    sys.stdout.write(escape_json(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def cells(*values: Any) -> str:
    """One table line of ``values``, tab-separated, each value's own tabs and newlines (and
    every other control character) escaped; None is empty."""
    return "\t".join("" if v is None else escape_controls(str(v)) for v in values)


def print_rows(args: argparse.Namespace, rows: list, language: str,
               line: Callable[[Any], str]) -> None:
    """A list command's output: the rows' JSON with --json, else one tab-separated line each
    (escaped but for its tabs: a line made with ``cells`` has its values' tabs escaped too)."""
    if args.json:
        print_json([row.as_json(language) for row in rows])
    else:
        for row in rows:
            print(escape_controls(line(row), keep="\t"))


def warn(text: str) -> None:
    """A one-line note or refusal on standard error."""
    print(f"lawdesk: {escape_controls(text)}", file=sys.stderr)


class VisibleControls:
    """Standard output while a command runs: control characters other than newline and tab
    written as visible escapes. Everything else is the real stream's (fileno, isatty, ...)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text, keep="\n\t"))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _stdout_gone() -> bool:
    """Whether standard output's reader has gone (a BrokenPipeError may come from elsewhere,
    e.g. a socket). Then points it at nowhere: Python flushes it again as it exits."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False  # not a file (output captured in-process): the pipe was another's
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(descriptor, 0)  # errors and hang-ups are always reported
        gone = any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    else:
        gone = True  # Windows: no poll() on pipes; standard output is by far the likeliest
    if gone:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)
    return gone


def run_command(function: Callable[[argparse.Namespace], int | None],
                args: argparse.Namespace) -> int:
    stdout = sys.stdout
    if stdout is not None:  # None: a windowed build has no standard output at all
        sys.stdout = VisibleControls(stdout)
    try:
        code = function(args)
        return EXIT_OK if code is None else code
    except CommandError as error:
        warn(str(error))
        return error.code
    except DomainError as error:
        warn(error.message(language(getattr(args, '_workspace', None))))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("lawdesk: " + say("已取消", "cancelled"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        if not _stdout_gone():
            raise  # another pipe (a child's): a fault, with its traceback
        # The reader stopped reading (`| head`): what was done is committed; end as a
        # command killed by SIGPIPE does, without a traceback.
        return EXIT_STDOUT_GONE
    finally:
        sys.stdout = stdout
        workspace = getattr(args, "_workspace", None)
        if workspace is not None:
            workspace.close()
