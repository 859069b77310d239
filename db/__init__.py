"""Storage: SQLAlchemy models, the engine and its sessions, Alembic migrations. No rules."""
from db.database import Database

__all__ = ["Database"]
