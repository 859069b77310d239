"""Where a data folder keeps its database and its footage store.

By default both live in the folder: ``lawdesk.sqlite`` and ``store/``. An HQ server keeps
its database on PostgreSQL, and a store may live on a bigger disk: ``lawdesk init --db URL
--store DIR`` records them in the folder's ``location.json`` and every later command on the
folder uses them without being told again. Told again, they must be the same: a command
pointed at another database than the folder's ledger head and keys belong to would
otherwise report a "tampered" ledger or write records under the wrong workstation.

The file holds only what was given (a missing entry means the default inside the folder),
is readable by its owner only (a database URL may hold a password), and is written once,
atomically, when the folder is set up.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.errors import DomainError
from core.files import atomic_write
from db.database import database_url, display_url, sqlite_url

DB_NAME = "lawdesk.sqlite"
STORE_NAME = "store"
LOCATION_NAME = "location.json"


class LocationMismatch(DomainError):
    code = "location_mismatch"
    zh = "数据文件夹 {path} 的{what_zh}为 {recorded}，与本次给出的 {given} 不一致{note_zh}"
    en = "The data folder {path} keeps its {what_en} at {recorded}, not {given} as given{note_en}"


class UnreadableLocation(DomainError):
    code = "unreadable_location"
    zh = "无法读取 {path}：{reason}"
    en = "Cannot read {path}: {reason}"


@dataclass(frozen=True)
class Location:
    db_url: str
    store_dir: Path
    recorded: dict[str, str]  # what location.json holds (or will hold once written)

    @property
    def is_default(self) -> bool:
        return not self.recorded


def defaults(data_dir: Path) -> Location:
    return Location(sqlite_url(data_dir / DB_NAME), data_dir / STORE_NAME, {})


def _read(path: Path) -> dict[str, str] | None:
    try:
        value = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise UnreadableLocation(path=path, reason=str(error)) from None
    if not isinstance(value, dict) or not all(
            key in ("db", "store") and isinstance(item, str) for key, item in value.items()):
        raise UnreadableLocation(path=path, reason="expected {\"db\": URL, \"store\": DIR}")
    return value


def resolve(data_dir: Path, *, db_url: str | None = None,
            store_dir: str | Path | None = None) -> Location:
    """The folder's location: from location.json, else the defaults, else (a folder being
    set up) what is given. ``db_url`` and ``store_dir``, when given, must match it."""
    data_dir = Path(data_dir)
    given_db = database_url(db_url) if db_url else None
    given_store = Path(store_dir).expanduser().resolve() if store_dir else None
    recorded = _read(data_dir / LOCATION_NAME)
    base = defaults(data_dir)
    if recorded is None and not (data_dir / DB_NAME).exists():
        # Nothing set up here yet: what is given now is where the folder will keep things.
        wanted = {**({"db": given_db} if given_db else {}),
                  **({"store": str(given_store)} if given_store else {})}
        return Location(given_db or base.db_url, given_store or base.store_dir, wanted)
    recorded = recorded or {}
    location = Location(recorded.get("db", base.db_url),
                        Path(recorded["store"]) if "store" in recorded else base.store_dir,
                        recorded)
    if given_db is not None and given_db != location.db_url:
        same_shown = display_url(given_db) == display_url(location.db_url)
        raise LocationMismatch(
            path=data_dir, what_zh="数据库", what_en="database",
            recorded=display_url(location.db_url), given=display_url(given_db),
            note_zh="（密码不同）" if same_shown else "",
            note_en=" (the passwords differ)" if same_shown else "")
    if given_store is not None and given_store != location.store_dir.resolve():
        raise LocationMismatch(path=data_dir, what_zh="录像存储目录", what_en="footage store",
                               recorded=location.store_dir, given=given_store,
                               note_zh="", note_en="")
    return location


def record(data_dir: Path, location: Location) -> None:
    """Write location.json for a folder being set up (once: an existing file is kept)."""
    path = Path(data_dir) / LOCATION_NAME
    if location.is_default or path.exists():
        return
    data = json.dumps(location.recorded, ensure_ascii=False, indent=1) + "\n"
    # 0600: a PostgreSQL URL may carry the database password.
    atomic_write(path, data.encode("utf-8"), mode=0o600)
