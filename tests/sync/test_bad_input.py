"""Bad input to enrollment and the server is refused before anything happens, naming the
problem: a malformed server address, a CA file that is not there, an enrollment code's
validity out of range, a malformed workstation id or key, half a TLS pair, a busy port."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from core.errors import InvalidInput
from hq.enrollment import enroll, issue_code
from hq.server import bind, serve
from organisation.units import add_unit
from sync.link import enroll as enroll_here
from sync.link import get_link
from tests.conftest import ADMIN, ADMIN_PASSWORD


@pytest.mark.parametrize("address", ["ftp://hq.example", "hq.example:8765", "https://"])
def test_a_malformed_server_address_is_refused(new_workstation, address):
    workspace = new_workstation()
    with pytest.raises(InvalidInput) as refused:
        enroll_here(workspace.login(ADMIN, ADMIN_PASSWORD), workspace, server_url=address,
                    code="AAAA")
    assert address in refused.value.message("en")
    assert get_link(workspace.db) is None


def test_a_missing_ca_file_is_named(new_workstation, tmp_path):
    workspace = new_workstation()
    missing = tmp_path / "no-such-ca.pem"
    with pytest.raises(InvalidInput, match="no-such-ca.pem"):
        enroll_here(workspace.login(ADMIN, ADMIN_PASSWORD), workspace,
                    server_url="https://127.0.0.1:9", code="AAAA", ca_file=missing)
    assert get_link(workspace.db) is None


@pytest.mark.parametrize("hours", [0, 24 * 30 + 1])
def test_an_enrollment_code_valid_for_too_short_or_too_long_is_refused(admin, hours):
    add_unit(admin, "执法一科", "一科")
    with pytest.raises(InvalidInput) as refused:
        issue_code(admin, "一科", valid_hours=hours)
    assert "1 hour to 30 days" in refused.value.message("en")


@pytest.mark.parametrize("workstation_id, public_key, problem", [
    ("not-hex", "00" * 32, "workstation id"),
    ("ab" * 16, "zz" * 32, "public key"),
    ("ab" * 16, "00" * 8, "public key"),
])
def test_a_malformed_workstation_id_or_key_is_refused(workspace, clock, workstation_id,
                                                       public_key, problem):
    with pytest.raises(InvalidInput) as refused:
        enroll(workspace.db, clock.now(), code="AAAA", workstation_id=workstation_id,
               public_key=public_key, name=None)
    assert problem in refused.value.message("en")


def test_half_a_tls_pair_or_a_missing_certificate_is_refused(workspace, tmp_path):
    cert = tmp_path / "cert.pem"
    with pytest.raises(InvalidInput) as half:
        serve(workspace, host="127.0.0.1", port=0, tls_cert=cert)
    assert "--tls-cert and --tls-key go together" in half.value.message("en")
    with pytest.raises(InvalidInput) as missing:
        serve(workspace, host="127.0.0.1", port=0, tls_cert=cert, tls_key=Path(cert))
    assert f"no such file: {cert}" in missing.value.message("en")


def test_a_port_already_in_use_is_named():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(InvalidInput, match=f"127.0.0.1:{port}"):
            bind("127.0.0.1", port)
    finally:
        taken.close()


def test_hq_serves_on_asyncio_where_uvloop_is_not_installed(monkeypatch):
    """The frozen workstation build leaves uvloop out (installers/lawdesk.spec)."""
    import importlib.util
    import sys

    from hq.server import _event_loop
    real = importlib.util.find_spec
    expected = "asyncio" if sys.platform == "win32" or real("uvloop") is None else "uvloop"
    assert _event_loop() == expected
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "uvloop" else real(name, *a))
    assert _event_loop() == "asyncio"
