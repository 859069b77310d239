"""Loaded at start-up by every Python child the tests start (tests/conftest.py puts this
folder on PYTHONPATH): passwords hashed at the same small Argon2id cost as in the test
process itself (its ``quick_password_hashing`` fixture). With one cost on both sides a hash
made on one side never looks outdated on the other, which would make a login rehash it
and write a ledger entry the test did not expect.

Production never loads this file: it lives in tests/ and only PYTHONPATH names it."""
from __future__ import annotations

QUICK_COST = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def quick_hasher():  # noqa: ANN201 - an argon2.PasswordHasher
    from argon2 import PasswordHasher
    return PasswordHasher(**QUICK_COST)


def _install() -> None:
    try:
        import accounts.passwords
    except ImportError:  # a child that is not LawDesk (a clean venv, a tool)
        return
    accounts.passwords._hasher = quick_hasher()


if __name__ == "sitecustomize":
    _install()
