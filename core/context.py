"""What every service call receives: the database, who acts, and the clock."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.actor import Actor
from core.clock import Clock

if TYPE_CHECKING:
    from db.database import Database


@dataclass(frozen=True)
class Context:
    db: "Database"
    actor: Actor
    clock: Clock = field(default_factory=Clock)

    def write(self, action: str):  # noqa: ANN201 - a context manager yielding a Session
        """A unit of work on behalf of this actor; its changes and ledger entries commit together."""
        return self.db.write(actor=self.actor.username, action=action)

    def read(self):  # noqa: ANN201
        return self.db.read()
