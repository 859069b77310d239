"""`lawdesk retention due|purge` and `lawdesk hold add|remove` as a script runs them, in
process (cli_here). The files were recorded in 2020, so they are due on any day this runs."""
from __future__ import annotations

import json

from accounts.users import add_user
from tests.casework.conftest import admin_ctx, bureau  # noqa: F401
from tests.compliance.recording_setup import offload_names

NAME = "J001234_22010001_20200603093000_0001.MP4"


def test_holds_due_list_and_a_four_eyes_purge_from_the_command_line(
        bureau, admin_ctx, workspace, tmp_path, cli_here):  # noqa: F811
    (digest,) = offload_names(admin_ctx, workspace, tmp_path / "card", [NAME])
    add_user(admin_ctx, "admin2", "admin2-pass-1", ["admin"])
    placed = cli_here("hold", "add", "--sha256", digest, "--reason", "行政诉讼", "--json",
                      user="admin")
    assert placed.returncode == 0, placed.stderr
    assert json.loads(placed.stdout)["sha256"] == digest
    assert json.loads(cli_here("retention", "due", "--json", user="admin").stdout) == []
    released = cli_here("hold", "remove", "--sha256", digest, "--reason", "判决生效", "--json",
                        user="admin")
    assert json.loads(released.stdout)[0]["release_reason"] == "判决生效"
    (row,) = json.loads(cli_here("retention", "due", "--json", user="admin").stdout)
    assert (row["sha256"], row["class"], row["due"]) == (digest, "unlinked", True)
    assert row["keep_until"] == "2020-12-03" and row["size"] == 10_000
    started = cli_here("retention", "purge", user="admin")
    assert started.returncode == 0 and "须由另一名管理员执行" in started.stdout
    same = cli_here("retention", "purge", "--approve", user="admin")
    assert same.returncode == 1 and "清理由 admin 发起，须由另一名管理员批准" in same.stderr
    done = cli_here("retention", "purge", "--approve", "--json", user="admin2",
                    password="admin2-pass-1")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert (body["removed"], body["created_by"], body["approved_by"]) == ([digest], "admin",
                                                                           "admin2")
    assert not workspace.store.path_for(digest).exists()
    verified = cli_here("verify", "--json", user="admin")
    assert verified.returncode == 0, verified.stdout
