"""The name a person is known by, for a login the records carry: see audit.people, where
it lives beside the ledger whose actors are logins (audit cannot import accounts, which
writes through the ledger). Kept here under its first name for its callers."""
from audit.people import SYSTEM_NAME, logins_named, names_for_logins, person_names

__all__ = ["SYSTEM_NAME", "logins_named", "names_for_logins", "person_names"]
