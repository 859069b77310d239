"""Reading a file a user hands to a command (a case JSON, typed document fields, review
points, a rule): too big, not UTF-8, not JSON, nested too deeply or holding text that
cannot be stored is refused with one InvalidInput naming the file and the problem, before
anything is written.

Python's own errors for these (UnicodeDecodeError, RecursionError from 100,000 nested
brackets, ValueError for a number of more than 4,300 digits, a lone surrogate from a
"\\ud800" escape that only fails deep inside the database driver) would otherwise reach
the user as tracebacks.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from core.control_text import unpaired_surrogate
from core.errors import InvalidInput

# A case with its facts and every typed document field is tens of kilobytes; a file a
# thousand times that is not one a person wrote.
JSON_FILE_LIMIT = 16 * 1024 * 1024


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of ``path``; refused when unreadable or larger than ``limit`` bytes."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # never more than the limit into memory
    except OSError as error:
        raise InvalidInput(f"无法读取文件 {path}：{error.strerror}",
                           f"cannot read {path}: {error.strerror}") from None
    if len(data) > limit:
        raise InvalidInput(f"文件 {path} 超过 {_size(limit)}",
                           f"{path} is larger than {_size(limit)}")
    return data


def printable_name(name: str | os.PathLike) -> str:
    """A file name as records keep it: bytes the file system's encoding could not decode
    (a GBK name on a UTF-8 system) as \\x escapes, so the record can be stored at all."""
    return os.fspath(name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"


def decode_utf8(data: bytes, path: str | os.PathLike) -> str:
    """UTF-8 text (a byte-order mark allowed); other bytes are refused naming where the
    first bad byte is, since a GBK file from Notepad is the likely cause."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{path} 不是 UTF-8 编码（第 {error.start + 1} 个字节起无法识别），"
                           "请另存为 UTF-8",
                           f"{path} is not UTF-8 text (cannot decode from byte "
                           f"{error.start + 1}); save it as UTF-8") from None


def parse_json(text: str, path: str | os.PathLike) -> Any:  # noqa: ANN401
    """The JSON value of ``text``, with every string in it checked to be storable text."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"{path} 不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列："
                           f"{error.msg}）",
                           f"{path} is not valid JSON (line {error.lineno}, column "
                           f"{error.colno}: {error.msg})") from None
    except RecursionError:
        raise InvalidInput(f"{path} 中的数组或对象嵌套过深",
                           f"{path} nests arrays or objects too deeply") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise InvalidInput(f"{path} 中有一个数超过 {sys.get_int_max_str_digits()} 位",
                           f"{path} holds a number of more than "
                           f"{sys.get_int_max_str_digits()} digits") from None
    where = unstorable_text(value)
    if where is not None:
        raise InvalidInput(f"{path} 中 {where} 含有不成对的代理字符（如 \\ud800），不是有效文字",
                           f"{path}: {where} holds an unpaired surrogate (like \\ud800), "
                           "which is not text")
    return value


def read_json_file(path: str | os.PathLike, limit: int = JSON_FILE_LIMIT) -> Any:  # noqa: ANN401
    """A user's JSON file, read, decoded and parsed; InvalidInput for every problem."""
    return parse_json(decode_utf8(read_limited(path, limit), path), path)


def unstorable_text(value: Any) -> str | None:  # noqa: ANN401
    """Where in a parsed JSON value a string (or an object's key) holds a lone surrogate,
    as a path like ``parties[0].name``; None when all is text. Walked with a stack, not
    recursion: the value may be nested as deep as the JSON parser allowed."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if unpaired_surrogate(item) is not None:
                return where or "the top level"
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{where}.{key}" if where else str(key)
                if unpaired_surrogate(key) is not None:
                    return f"{where}.<key>" if where else "<key>"
                stack.append((name, child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", child) for i, child in enumerate(item))
    return None
