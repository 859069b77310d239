"""Named points where a test can make this process die as `kill -9` would.

Crash safety is claimed for exact moments (e.g. "after the offload's manifests are in the
store, before the session that names them is committed"); a random kill finds such a window
once in a hundred tries. A test sets LAWDESK_FAILPOINT to a point's name in a child
process's environment, and the child kills itself with SIGKILL on reaching it: no cleanup,
no `finally`, no flush, as on a power cut. Unset (always, outside tests), a point costs
one dictionary lookup. The same idea as FreeBSD's fail points or TiKV's fail-rs."""
from __future__ import annotations

import os
import signal

VARIABLE = "LAWDESK_FAILPOINT"


def reached(name: str) -> None:
    if os.environ.get(VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)
