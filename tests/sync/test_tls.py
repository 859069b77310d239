"""HQ over https with its own certificate: a workstation that trusts it (--ca-file) enrolls;
one that does not is refused before anything is sent."""
from __future__ import annotations

import ipaddress
import ssl
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import HqUnreachable
from sync.link import enroll, get_link
from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.sync.conftest import HqServer

pytestmark = pytest.mark.slow


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LawDesk HQ test")])
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "hq-cert.pem", folder / "hq-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class TlsServer(HqServer):
    def __init__(self, folder: Path, cert: Path, key: Path) -> None:
        super().__init__(folder, None, verify=ssl.create_default_context(cafile=str(cert)))
        self.cert, self.key = cert, key

    def command(self) -> list[str]:
        return super().command() + ["--tls-cert", str(self.cert), "--tls-key", str(self.key)]


def test_enrollment_over_https_needs_the_servers_certificate(hq, tmp_path, new_workstation):
    hq.stop()
    cert, key = _self_signed(tmp_path)
    server = TlsServer(hq.folder, cert, key).start()
    try:
        assert server.url.startswith("https://127.0.0.1:")
        untrusting = new_workstation("untrusting")
        with pytest.raises(HqUnreachable, match="CERTIFICATE_VERIFY_FAILED"):
            enroll(untrusting.login(ADMIN, ADMIN_PASSWORD), untrusting, server_url=server.url,
                   code=server.enroll_code())
        assert get_link(untrusting.db) is None

        trusting = new_workstation("trusting")
        link = enroll(trusting.login(ADMIN, ADMIN_PASSWORD), trusting, server_url=server.url,
                      code=server.enroll_code(), ca_file=cert)
        assert link.ca_file == str(cert.resolve())
        from sync.link import client_for
        with client_for(trusting, link) as client:
            assert client.get_json("hello")["server_id"]
    finally:
        server.stop()
