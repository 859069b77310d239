"""HQ's check of its own store: every file re-hashed against the HqFile that names it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from core.jobs import CancelToken, Progress, no_progress
from db.models import HqFile
from evidence.verify import StoreProblem, verify_paths

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace


def verify_files(workspace: "Workspace", *, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> list[StoreProblem]:
    """Re-hash HQ's store against HqFile: a changed byte, a missing file and a file no
    HqFile names are each a problem. Uploads in progress are not looked at."""
    store = workspace.store
    with workspace.db.read() as session:
        hashes = list(session.execute(select(HqFile.sha256)).scalars())
    expected = {store.path_for(sha256): sha256 for sha256 in hashes}
    return verify_paths(store, expected, progress=progress, cancel=cancel).problems
