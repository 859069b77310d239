"""`lawdesk ingest` killed at the one moment a random kill rarely finds: its manifests are in
the store and the session that names them is not committed. `verify` must not cry
tampering: it names them as the interrupted session's, and the next ingest records them.
A file merely named like such a manifest is still a stranger. The same for footage: killed
after a file's content is linked into the store and before its record commits."""
from __future__ import annotations

import json
import signal
import subprocess
import sys

from sqlalchemy import select

from core.failpoints import VARIABLE
from db.models import LedgerEntry, OffloadSession
from evidence.manifest import HASHDEEP_SUFFIX, JSON_SUFFIX
from tests.conftest import ADMIN_PASSWORD, REPO


def _lawdesk(data_dir, lawdesk_env, *args: str, **env: str) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "lawdesk", "--data-dir", str(data_dir),
                           "--user", "admin", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120,
                          env=lawdesk_env(LAWDESK_PASSWORD=ADMIN_PASSWORD, **env))


def _card(tmp_path, media, name: str, seed: int):  # noqa: ANN001, ANN202
    card = tmp_path / name
    for i in range(3):
        media.write_noise(card / "DCIM" / f"clip{i}.mp4", 30_000 + i, seed=seed + i)
    return card


def _killed_after_manifests(workspace, data_dir, lawdesk_env, card) -> str:  # noqa: ANN001
    killed = _lawdesk(data_dir, lawdesk_env, "ingest", str(card), "--json",
                      **{VARIABLE: "offload.manifests_written"})
    assert killed.returncode == -signal.SIGKILL
    with workspace.db.read() as session:
        row = session.execute(select(OffloadSession)).scalars().one()
    assert row.status == "running" and row.manifest_sha256 is None
    return row.id


def test_verify_names_the_crashs_manifests_and_the_next_ingest_records_them(
        workspace, store, data_dir, tmp_path, lawdesk_env, media):
    session_id = _killed_after_manifests(workspace, data_dir, lawdesk_env,
                                         _card(tmp_path, media, "card", 1))
    manifests = {store.manifest_path(session_id, s) for s in (HASHDEEP_SUFFIX, JSON_SUFFIX)}
    assert all(path.exists() for path in manifests)

    checked = _lawdesk(data_dir, lawdesk_env, "verify", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)["store"]
    assert report["intact"] and report["problems"] == []
    assert {(n["kind"], n["path"]) for n in report["notes"]} == {
        ("orphan_manifest", str(path)) for path in manifests}
    plain = _lawdesk(data_dir, lawdesk_env, "verify")
    assert plain.returncode == 0 and session_id in plain.stderr and "来历不明" not in plain.stderr

    again = _lawdesk(data_dir, lawdesk_env, "ingest", str(_card(tmp_path, media, "card2", 9)))
    assert again.returncode == 0, again.stderr
    with workspace.db.read() as session:
        row = session.get(OffloadSession, session_id)
        recovered = session.execute(select(LedgerEntry).where(
            LedgerEntry.action == "offload.manifests_recovered")).scalars().all()
    assert row.status == "interrupted" and row.manifest_sha256 and row.manifest_json_sha256
    assert [entry.object_id for entry in recovered] == [session_id]
    clean = json.loads(_lawdesk(data_dir, lawdesk_env, "verify", "--json").stdout)["store"]
    assert clean["intact"] and clean["notes"] == []


def test_a_file_only_named_like_an_interrupted_sessions_manifest_is_still_a_stranger(
        workspace, store, data_dir, tmp_path, lawdesk_env, media):
    session_id = _killed_after_manifests(workspace, data_dir, lawdesk_env,
                                         _card(tmp_path, media, "card", 1))
    forged = store.manifest_path(session_id, JSON_SUFFIX)
    data = json.loads(forged.read_bytes())
    data["session"]["id"] = "0" * 32          # another session's manifest, renamed
    forged.chmod(0o644)
    forged.write_text(json.dumps(data), encoding="utf-8")

    checked = _lawdesk(data_dir, lawdesk_env, "verify", "--json")
    assert checked.returncode == 1
    report = json.loads(checked.stdout)["store"]
    unknown = {p["path"] for p in report["problems"] if p["kind"] == "unknown"}
    # The JSON is a stranger, and so is the hashdeep text it no longer vouches for.
    assert unknown == {str(forged), str(store.manifest_path(session_id, HASHDEEP_SUFFIX))}


def test_content_a_killed_ingest_stored_but_never_recorded_is_accounted_for(
        workspace, store, data_dir, tmp_path, lawdesk_env, media):
    killed = _lawdesk(data_dir, lawdesk_env, "ingest", str(_card(tmp_path, media, "card", 1)),
                      **{VARIABLE: "offload.content_linked"})
    assert killed.returncode == -signal.SIGKILL
    stored = [p for p in store.objects_dir.rglob("*") if p.is_file()]
    assert len(stored) == 1                        # linked, and then the process died

    checked = _lawdesk(data_dir, lawdesk_env, "verify", "--json")
    assert checked.returncode == 0, checked.stdout
    report = json.loads(checked.stdout)["store"]
    assert [(n["kind"], n["path"]) for n in report["notes"]] == [
        ("crash_leftover", str(stored[0]))]

    again = _lawdesk(data_dir, lawdesk_env, "ingest", str(_card(tmp_path, media, "card2", 9)))
    assert again.returncode == 0, again.stderr
    with workspace.db.read() as session:
        accounted = session.execute(select(LedgerEntry.object_id).where(
            LedgerEntry.action == "offload.leftover")).scalars().all()
    assert accounted == [stored[0].name]
    clean = json.loads(_lawdesk(data_dir, lawdesk_env, "verify", "--json").stdout)["store"]
    assert clean["intact"] and clean["notes"] == []
    # Offloading that card again records the content as footage, hashing it first.
    first = _lawdesk(data_dir, lawdesk_env, "ingest", str(tmp_path / "card"), "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(_lawdesk(data_dir, lawdesk_env, "verify", "--json").stdout)["intact"]
