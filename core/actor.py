"""Who is acting. Services receive an Actor and check its permissions before any change."""
from __future__ import annotations

from dataclasses import dataclass

SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    username: str
    roles: frozenset[str]
    user_id: str | None = None
    officer_id: str | None = None

    @classmethod
    def system(cls) -> "Actor":
        """The workstation itself (set-up, migrations): never a person, never a login."""
        return cls(username=SYSTEM, roles=frozenset())
