"""`lawdesk ingest`, `lawdesk footage` and the store half of `lawdesk verify`: what a kiosk
script sees. The first offload, a failing offload and a failing verify run as real child
processes; the rest call the same entry point in-process (a child costs a second)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import subprocess

import pytest

EN = {"LAWDESK_LANG": "en"}


@pytest.fixture
def lawdesk(cli_here):
    """``lawdesk(*args, user=..., password=..., env=...)`` in this process (``cli_here``)."""
    def run(*args: str, user: str | None = None, password: str | None = "admin-pass-1",
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return cli_here(*args, user=user, password=password, env=env)
    return run


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def ingested(workspace, officer_id, gat947_card, lawdesk):
    result = lawdesk("ingest", str(gat947_card), "--json", user="admin")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_ingest_json_is_the_agreed_object(workspace, officer_id, gat947_card, store, cli):
    result = cli("ingest", str(gat947_card), "--json", user="admin")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    ingested = json.loads(result.stdout)
    # The agreed four keys, and the recorder's clock verdict added since (J001234 is not
    # registered here, so its clock cannot be judged).
    assert set(ingested) == {"session", "files", "bytes_copied", "seconds", "clock"}
    assert ingested["clock"]["status"] == "unchecked"
    assert len(ingested["session"]) == 32 and ingested["seconds"] >= 0
    files = ingested["files"]
    assert [f["source"] for f in files] == sorted(
        p.relative_to(gat947_card).as_posix() for p in (gat947_card / "RECORD").iterdir())
    for entry in files:
        assert set(entry) == {"source", "sha256", "size", "status", "error", "store_path"}
        data = (gat947_card / entry["source"]).read_bytes()
        assert (entry["sha256"], entry["size"], entry["status"], entry["error"]) == (
            sha256(data), len(data), "stored", None)
        assert Path(entry["store_path"]).is_absolute()
        assert Path(entry["store_path"]) == store.path_for(entry["sha256"])
    assert ingested["bytes_copied"] == sum(f["size"] for f in files)


def test_ingest_again_reports_duplicates_and_copies_nothing(ingested, gat947_card, lawdesk):
    again = lawdesk("ingest", str(gat947_card), "--json", user="admin")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert [f["status"] for f in report["files"]] == ["duplicate"] * 3
    assert report["bytes_copied"] == 0
    assert [f["sha256"] for f in report["files"]] == [f["sha256"] for f in ingested["files"]]


def test_ingest_exits_1_when_a_file_failed_and_names_it(workspace, tmp_path, media, cli, store,
                                                        lawdesk):
    card = tmp_path / "card"
    media.write_noise(card / "a.mp4", 1_000)
    # The store's content folder is a file: nothing can be linked into it.
    store.root.mkdir(exist_ok=True)
    (store.root / "sha256").write_bytes(b"in the way")
    result = cli("ingest", str(card), "--json", user="admin", env=EN)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [(f["source"], f["status"], f["store_path"]) for f in report["files"]] == [
        ("a.mp4", "failed", None)]
    assert "a.mp4" in report["files"][0]["error"]
    assert result.stderr == ""  # with --json, the JSON says it
    plain = lawdesk("ingest", str(card), user="admin", env=EN)
    assert plain.returncode == 1
    assert plain.stderr.startswith("lawdesk: Writing to the store failed; a.mp4")
    assert "1 failed" in plain.stdout


def test_ingest_refusals(workspace, lawdesk, tmp_path, media):
    card = tmp_path / "card"
    media.write_noise(card / "a.mp4", 1_000)
    missing = lawdesk("ingest", str(tmp_path / "nowhere"), user="admin", env=EN)
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    unknown = lawdesk("ingest", str(card), "--officer", "404", user="admin", env=EN)
    assert unknown.returncode == 1 and "404" in unknown.stderr
    bad = lawdesk("ingest", str(card), "--device", "no spaces please", user="admin", env=EN)
    assert bad.returncode == 1 and "serial" in bad.stderr
    assert lawdesk("ingest", str(card), password=None).returncode == 2
    assert not workspace.store.objects_dir.exists()


def test_footage_list_json_has_the_metadata(ingested, lawdesk, officer_id, store):
    result = lawdesk("footage", "list", "--json", user="admin")
    assert result.returncode == 0, result.stderr
    rows = {r["original_name"]: r for r in json.loads(result.stdout)}
    assert len(rows) == 3
    first = rows["J001234_22010001_20260615101500_0001_IMP.AVI"]
    assert first["officer"] == {"id": officer_id, "name": "张伟"}
    assert (first["device_serial"], first["important"], first["readable"]) == (
        "J001234", True, True)
    assert (first["width"], first["height"], first["codec"]) == (64, 48, "MJPG")
    assert first["recorded_at"] == "2026-06-15T02:15:00.000000Z"
    assert Path(first["thumbnail_path"]).read_bytes()[:2] == b"\xff\xd8"
    assert first["store_path"] == str(store.path_for(first["sha256"]))
    assert first["session"] == ingested["session"]
    important = lawdesk("footage", "list", "--important", "--officer", "22010001",
                    "--from", "2026-06-15", "--until", "2026-06-15", "--json", user="admin")
    assert [r["original_name"] for r in json.loads(important.stdout)] == [
        "J001234_22010001_20260615101500_0001_IMP.AVI"]
    show = lawdesk("footage", "show", first["sha256"], "--json", user="admin")
    detail = json.loads(show.stdout)
    assert detail["sightings"][0]["source"] == "RECORD/" + first["original_name"]
    assert any(h["action"] == "offload.store" for h in detail["history"])
    sessions = json.loads(lawdesk("footage", "sessions", "--json", user="admin").stdout)
    assert sessions[0]["id"] == ingested["session"] and sessions[0]["status"] == "finished"


def test_verify_catches_a_changed_byte_a_missing_file_and_an_unknown_file(
        ingested, cli, lawdesk, store):
    assert lawdesk("verify", password=None).returncode == 0
    victim = Path(ingested["files"][1]["store_path"])
    victim.chmod(0o644)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    result = cli("verify", password=None, env=EN)
    assert result.returncode == 1 and result.stdout == ""
    assert f"the store file {victim} was changed" in result.stderr

    report = json.loads(lawdesk("verify", "--json", password=None, env=EN).stdout)
    assert report["intact"] is True  # the ledger itself is fine
    assert [(p["kind"], p["path"]) for p in report["store"]["problems"]] == [
        ("changed", str(victim))]

    victim.unlink()
    stranger = store.path_for("ab" * 32)
    stranger.parent.mkdir(parents=True, exist_ok=True)
    stranger.write_bytes(b"planted")
    report = json.loads(lawdesk("verify", "--json", password=None, env=EN).stdout)
    assert sorted((p["kind"], p["path"]) for p in report["store"]["problems"]) == sorted([
        ("missing", str(victim)), ("unknown", str(stranger))])


def test_ingest_as_an_officer_attributes_unnamed_files_to_them(workspace, officer_id, lawdesk,
                                                               tmp_path, media):
    from accounts.users import add_user
    from core.actor import Actor
    add_user(workspace.context(Actor("admin", frozenset({"admin"}))), "zhangwei",
             "officer-pass-1", ["officer"], officer_certificate="22010001")
    card = tmp_path / "stick"
    media.write_noise(card / "clip.mp4", 500)
    result = lawdesk("ingest", str(card), "--json", user="zhangwei", password="officer-pass-1")
    assert result.returncode == 0, result.stderr
    rows = json.loads(lawdesk("footage", "list", "--json", user="zhangwei",
                          password="officer-pass-1").stdout)
    assert rows[0]["officer"]["id"] == officer_id and rows[0]["officer_source"] == "offloader"
