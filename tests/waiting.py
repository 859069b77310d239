"""Waiting in tests for something another thread or process does, instead of sleeping.

A fixed sleep is either too short on a loaded machine (the test fails for no reason) or
too long everywhere else; polling the condition itself with a deadline is neither, and a
time-out names what never happened rather than failing an assertion further on."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float = 10.0, interval: float = 0.01, *,
               what: str) -> T:
    """Call ``predicate`` every ``interval`` seconds until it returns something true, and
    return that; fail naming ``what`` (the condition, in words) after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)
