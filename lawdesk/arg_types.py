"""Checked command-line values: a number within its range, a port, a server address, text
that is text. A bad one ends the command with one line naming the option, exit 1, before
anything is opened, instead of a traceback from deep inside (an OverflowError from SQLite
for `--limit 10**30`, from bind() for `--port 99999`, a ValueError from urllib for
`--server 'http://[::1'`, a UnicodeEncodeError from httpx for a `--code` of undecodable
bytes).

Only the standard library at import: `lawdesk --version` must stay fast. The refusal is
BadArgument, which argparse does not catch (it is no ValueError), so it reaches
lawdesk.cli.main with the option's own name in its message.
"""
from __future__ import annotations

import argparse
import re
from typing import Callable, Iterable
from urllib.parse import urlsplit

# The most rows a list command prints at once: far more than a screen or a script needs,
# far less than the 2**63 a database's LIMIT takes.
MAX_LIST_LIMIT = 1_000_000
FIRST_YEAR, LAST_YEAR = 1, 9999   # what a date can hold
MAX_DAYS = 36_500                 # a century, for "within N days"
MAX_VERSION = 1_000_000           # version numbers count up from 1
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadArgument(Exception):
    """A command-line value refused before the command runs; the message is one line."""


def _say(zh: str, en: str) -> str:
    from lawdesk.commands.common import say  # only when refusing: keeps start-up fast
    return say(zh, en)


def _shown(text: str) -> str:
    """A refused value as the message quotes it: short, its undecodable bytes as \\x.."""
    from core.control_text import escape_controls
    shown = escape_controls(text.encode("utf-8", "surrogateescape")
                            .decode("utf-8", "backslashreplace"))
    return shown if len(shown) <= 40 else shown[:37] + "..."


def bounded_int(option: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high``."""
    def parse(text: str) -> int:
        value = None
        if len(text) <= 20:  # int() of a longer string is no number we take anyway
            try:
                value = int(text)
            except ValueError:
                pass
        if value is None or not low <= value <= high:
            raise BadArgument(_say(f"{option} 须为 {low} 至 {high} 之间的整数：{_shown(text)}",
                                   f"{option} must be a whole number from {low} to {high}: "
                                   f"{_shown(text)}"))
        return value
    parse.__name__ = "int"
    return parse


def list_limit(option: str = "--limit") -> Callable[[str], int]:
    return bounded_int(option, 1, MAX_LIST_LIMIT)


def year(option: str = "--year") -> Callable[[str], int]:
    return bounded_int(option, FIRST_YEAR, LAST_YEAR)


def port(option: str = "--port") -> Callable[[str], int]:
    return bounded_int(option, 0, 65535)


def server_url(option: str = "--server") -> Callable[[str], str]:
    """An http(s) address with a host and, if given, a valid port (urlsplit itself raises
    ValueError for "http://[::1" and reading the port for ":99999")."""
    def parse(text: str) -> str:
        try:
            parts = urlsplit(text.strip())
            valid = (parts.scheme in ("http", "https") and bool(parts.hostname)
                     and (parts.port is None or parts.port > 0)
                     and not has_undecodable(text))
        except ValueError:
            valid = False
        if not valid:
            raise BadArgument(_say(f"{option} 的服务器地址“{_shown(text)}”无效，应如 "
                                   "https://hq.example:8765",
                                   f"{option}: '{_shown(text)}' is not a server address "
                                   "(like https://hq.example:8765)"))
        return text
    parse.__name__ = "url"
    return parse


def has_undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes the system could not decode (Python keeps them as lone
    surrogates, which cannot be stored, sent or printed as UTF-8)."""
    return _SURROGATE.search(text) is not None


def _is_path(action: argparse.Action) -> bool:
    # A file or folder name may hold any bytes its file system allows; they round-trip to
    # the operating system unchanged. Such options say so in their metavar.
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    return any(word in metavar for word in ("FILE", "DIR", ".json", ".csv", ".pdf", ".png"))


def _chosen_actions(parser: argparse.ArgumentParser,
                    args: argparse.Namespace) -> Iterable[argparse.Action]:
    """The options and positionals of the command ``args`` ran: the top parser's, then
    those of each subcommand chosen on the way down."""
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk
        yield action
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                yield from _chosen_actions(chosen, args)


def undecodable_argument(parser: argparse.ArgumentParser,
                         args: argparse.Namespace) -> str | None:
    """The option (or positional's name) of the first text value in ``args`` that holds
    undecodable bytes, file and folder names excepted; None when all is text."""
    suspect = {dest for dest, value in vars(args).items()
               if any(isinstance(v, str) and has_undecodable(v)
                      for v in (value if isinstance(value, list) else [value]))}
    if not suspect:
        return None  # the usual case: no need to look at the parsers
    for action in _chosen_actions(parser, args):
        if action.dest in suspect and not _is_path(action):
            return (action.option_strings[-1] if action.option_strings
                    else str(action.metavar or action.dest))
    return None


def refuse_undecodable(option: str) -> BadArgument:
    return BadArgument(_say(f"{option} 含有无法识别的字节（不是 UTF-8 文字）",
                            f"{option} holds bytes that are not text (not UTF-8)"))
