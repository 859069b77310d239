"""A cancel token passes a cancel on to whoever asked: once, whichever thread cancels."""
from __future__ import annotations

import threading

from core.jobs import CancelToken


def test_a_callback_runs_once_when_cancelled_and_at_once_if_it_already_was():
    token = CancelToken()
    calls: list[str] = []
    token.when_cancelled(lambda: calls.append("first"))
    assert calls == []
    cancellers = [threading.Thread(target=token.cancel) for _ in range(8)]
    for thread in cancellers:
        thread.start()
    for thread in cancellers:
        thread.join()
    assert calls == ["first"] and token.cancelled
    token.when_cancelled(lambda: calls.append("late"))
    assert calls == ["first", "late"]
