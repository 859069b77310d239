"""Where the data folder is: --data-dir, else $LAWDESK_HOME, else the user data folder."""
from __future__ import annotations

import os
from pathlib import Path


def resolve_data_dir(explicit: str | os.PathLike | None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("LAWDESK_HOME")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir
    return Path(user_data_dir("LawDesk", appauthor=False))
