"""Domain errors across a process boundary, as JSON.

An error is sent as its class and its parameters, so the receiving side has the same class
(callers may tell a NotFound from a FileChanged) and renders the message in whichever
language its user reads. Only DomainError subclasses from our own packages are rebuilt; any
other name, or parameters that no longer fit the class's templates (two versions of the
program), come back as a ForwardedError carrying the texts the sender rendered.
"""
from __future__ import annotations

import importlib
import json
from typing import Any

from core.errors import DomainError

OUR_PACKAGES = frozenset({"accounts", "audit", "casework", "config", "core", "db", "devices",
                          "disclosure", "evidence", "hq", "lawdesk", "organisation", "reports",
                          "review", "sync", "workdays"})


class ForwardedError(DomainError):
    """An error whose class could not be rebuilt here: its texts as the sender wrote them."""

    code = "forwarded"
    zh = "{text_zh}"
    en = "{text_en}"


def error_to_wire(error: DomainError) -> dict[str, Any]:
    cls = type(error)
    # Parameters are whatever the raiser passed (paths, numbers); the templates only ever
    # format them, so their text is all the other side needs.
    params = json.loads(json.dumps(error.params, default=str, ensure_ascii=False))
    return {"type": f"{cls.__module__}:{cls.__qualname__}", "code": error.code,
            "params": params, "zh": error.message("zh_CN"), "en": error.message("en")}


def error_from_wire(data: dict[str, Any]) -> DomainError:
    cls = _our_error_class(str(data.get("type", "")))
    params = data.get("params") or {}
    if cls is not None:
        error = cls.__new__(cls)  # subclasses' __init__ take their own arguments
        error.params = dict(params)
        try:
            Exception.__init__(error, error.message())
            error.message("en")
        except (KeyError, IndexError, ValueError):
            pass  # templates changed between sender and receiver: fall back to the texts
        else:
            return error
    return ForwardedError(text_zh=str(data.get("zh", "")), text_en=str(data.get("en", "")))


def _our_error_class(name: str) -> type[DomainError] | None:
    module_name, _, qualname = name.partition(":")
    if module_name.split(".")[0] not in OUR_PACKAGES or not qualname:
        return None
    try:
        found: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError):
        return None
    if isinstance(found, type) and issubclass(found, DomainError):
        return found
    return None
