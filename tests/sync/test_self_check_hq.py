"""`lawdesk self-check` on an enrolled workstation: HQ answers its hello, and it is the HQ
the workstation enrolled with (tests/lawdesk/test_self_check.py has the rest)."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from lawdesk.workspace import DB_NAME


@pytest.mark.parametrize("hq_backend", [None], ids=["sqlite"])  # one server is enough
def test_an_enrolled_workstation_reaches_its_hq(cli_here, enrolled, hq, data_dir):
    workspace = enrolled(data_dir.name)  # the folder cli_here works on
    assert workspace.data_dir == data_dir
    workspace.close()
    result = cli_here("self-check", "--json", env={"LAWDESK_LANG": "en"})
    check = {c["name"]: c for c in json.loads(result.stdout)["checks"]}["hq"]
    assert (check["status"], check["detail"]) == ("ok", f"{hq.url} answers (protocol 1)")
    assert result.returncode == 0, result.stdout

    # Another server at that address (HQ set up again, or someone else's): a failure.
    with closing(sqlite3.connect(data_dir / DB_NAME)) as connection, connection:
        connection.execute("UPDATE sync_link SET server_id = 'another-hq'")
    result = cli_here("self-check", "--json", env={"LAWDESK_LANG": "en"})
    check = {c["name"]: c for c in json.loads(result.stdout)["checks"]}["hq"]
    assert check["status"] == "failed"
    assert check["detail"] == (f"The server at {hq.url} is not the HQ enrolled with "
                               f"(another-hq)")
    assert result.returncode == 1
