"""Enrollment with one-time codes, and tokens bound to the enrolled key."""
from __future__ import annotations

import httpx
import pytest

from tests.conftest import ADMIN, ADMIN_PASSWORD
from sync.client import HqRefused
from sync.link import enroll, get_link

pytestmark = pytest.mark.slow


def test_a_code_enrolls_one_workstation_for_its_unit(hq, new_workstation):
    workspace = new_workstation()
    code = hq.enroll_code("二科")
    link = enroll(workspace.login(ADMIN, ADMIN_PASSWORD), workspace, server_url=hq.url,
                  code=code)
    with hq.open() as server_side:
        from hq.enrollment import list_workstations
        rows = list_workstations(hq.admin(server_side))
    assert [(r.id, r.unit_name) for r in rows] == [(workspace.workstation_id, "执法二科")]
    assert get_link(workspace.db).unit_id == link.unit_id

    other = new_workstation("other")
    with pytest.raises(HqRefused) as refused:
        enroll(other.login(ADMIN, ADMIN_PASSWORD), other, server_url=hq.url, code=code)
    assert refused.value.code == "enroll_code_refused"
    assert "已被使用" in refused.value.message()
    assert get_link(other.db) is None


def test_unknown_and_expired_codes_are_refused(hq, new_workstation):
    workspace = new_workstation()
    admin = workspace.login(ADMIN, ADMIN_PASSWORD)
    with pytest.raises(HqRefused, match="不正确"):
        enroll(admin, workspace, server_url=hq.url, code="AAAA-BBBB-CCCC-DDDD-EEEE")
    code = hq.enroll_code(valid_hours=1)
    with hq.open() as server_side, server_side.db.write(actor="test", action="age") as session:
        from datetime import timedelta

        from db.models import HqEnrollmentCode
        for row in session.query(HqEnrollmentCode):
            row.expires_at = row.created_at - timedelta(seconds=1)
    with pytest.raises(HqRefused, match="已过期"):
        enroll(admin, workspace, server_url=hq.url, code=code)


def test_a_token_needs_the_enrolled_key(hq, enrolled, new_workstation):
    workspace = enrolled()
    from sync.link import client_for, require_link
    with client_for(workspace, require_link(workspace.db)) as client:
        assert client.get_json("hello")["server_id"]
        assert client.token()
    # Another key claiming the enrolled id is turned away.
    impostor = new_workstation("impostor")
    from sync.client import Credentials, HqClient
    with HqClient(hq.url, credentials=Credentials(workspace.workstation_id,
                                                  impostor.audit.signer,
                                                  impostor.clock.now)) as client:
        with pytest.raises(HqRefused) as refused:
            client.token()
    assert refused.value.status == 401
    response = httpx.get(f"{hq.url}/api/v1/ledger/state",
                         headers={"Authorization": "Bearer forged.token"})
    assert response.status_code in (401, 404)
