"""All tables. Importing this package registers every model on ``Base.metadata``."""
from db.models.base import Base, new_id
from db.models.organisation import Certificate, Officer, Unit
from db.models.accounts import User, UserRole
from db.models.audit import Checkpoint, LedgerEntry, WorkstationIdentity
from db.models.settings import Setting

__all__ = [
    "Base", "new_id", "Unit", "Officer", "Certificate", "User", "UserRole",
    "LedgerEntry", "Checkpoint", "WorkstationIdentity", "Setting",
]
