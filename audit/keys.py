"""The workstation's Ed25519 key pair: made once at init, private half readable by its owner."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.errors import DomainError
from core.files import atomic_write, write_private

PRIVATE_NAME = "workstation_ed25519.pem"
PUBLIC_NAME = "workstation_ed25519.pub"


class KeyMissing(DomainError):
    code = "key_missing"
    zh = "找不到工作站密钥 {path}，无法签署审计日志"
    en = "The workstation key {path} is missing; the ledger cannot be signed"


def public_key_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def load_public_key(hex_text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_text))


def verify_signature(public_key: Ed25519PublicKey, signature_hex: str, message: bytes) -> bool:
    try:
        public_key.verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class Signer:
    private_key: Ed25519PrivateKey

    @property
    def public_hex(self) -> str:
        return public_key_hex(self.private_key.public_key())

    def sign(self, message: bytes) -> str:
        return self.private_key.sign(message).hex()


def create_keys(directory: Path) -> Signer:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_key = Ed25519PrivateKey.generate()
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_private(directory / PRIVATE_NAME, pem)
    atomic_write(directory / PUBLIC_NAME, (public_key_hex(private_key.public_key()) + "\n").encode())
    return Signer(private_key)


def load_signer(directory: Path) -> Signer:
    path = directory / PRIVATE_NAME
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise KeyMissing(path=path) from None
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyMissing(path=path)
    return Signer(key)
