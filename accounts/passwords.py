"""Password hashing with Argon2id. A clear-text password is never stored or logged."""
from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core.errors import InvalidInput

MIN_LENGTH = 8
_hasher = PasswordHasher()  # RFC 9106 low-memory profile: Argon2id, 64 MiB, 3 passes


@cache
def _dummy_hash() -> str:
    """Verified when a login names an unknown user, so the answer takes as long either way."""
    return _hasher.hash("lawdesk-timing-equaliser")


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"密码至少需要 {MIN_LENGTH} 个字符",
                           f"the password must have at least {MIN_LENGTH} characters")
    if password.strip() != password:
        raise InvalidInput("密码首尾不能是空格", "the password must not start or end with a space")


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
