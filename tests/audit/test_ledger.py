"""The tamper-evident ledger.

Every change lands in the ledger in its own transaction, and `lawdesk verify` catches what
someone holding the database file could do to the ledger with the sqlite3 tool: alter,
delete, insert, reorder or cut entries, or forge a signature.
"""
from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accounts.users import LastAdmin, add_user, reset_password, set_active
from audit.chain import ENTRY_FIELDS, entry_hash
from audit.keys import PRIVATE_NAME, PUBLIC_NAME
from audit.verify import verify_ledger
from db.models import Unit, User
from lawdesk.workspace import Workspace
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit, list_units

COLUMNS = (*ENTRY_FIELDS, "hash")
# The first admin of the `workspace` fixture. (Not imported from conftest: with two
# conftest.py files, `import conftest` gets whichever pytest loaded last.)
ADMIN, ADMIN_PASSWORD = "admin", "admin-pass-1"


# ---------------------------------------------------------------------------- helpers
def entries(connection) -> list[dict]:
    rows = connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM ledger_entry ORDER BY seq").fetchall()
    return [dict(zip(COLUMNS, row)) for row in rows]


def checkpoint_seqs(connection) -> list[int]:
    return [r[0] for r in connection.execute("SELECT seq FROM ledger_checkpoint ORDER BY id")]


def rehash(row: dict) -> dict:
    return {**row, "hash": entry_hash(row)}


def insert_entry(connection, row: dict) -> None:
    connection.execute(
        f"INSERT INTO ledger_entry ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        [row[c] for c in COLUMNS])


def named(seq: int, text: str) -> bool:
    """``seq`` appears in ``text`` as a whole number."""
    return re.search(rf"(?<!\d){seq}(?!\d)", text) is not None


@pytest.fixture
def busy(workspace, as_role):
    """A ledger with several transactions: set-up (the identity, the first admin and the
    seeded defaults), six units added one by one (each its own signed checkpoint), an
    officer with a certificate. `at` says which entries those are."""
    admin = as_role("admin", username=ADMIN)
    for i in range(6):
        add_unit(admin, f"科室{i}", f"U{i}")
    add_officer(admin, "张三", "U0", CertificateInput("CERT-1", date(2027, 1, 1)))
    return workspace


@dataclass(frozen=True)
class Layout:
    unit: list[int]            # the six units' entries
    officer: tuple[int, int]   # the officer's and the certificate's entries


@pytest.fixture
def at(busy, ledger_length) -> Layout:
    """Where the `busy` entries are: the last eight. Counted from the end, so what set-up
    seeds (device types, standards, case types …) can change without moving these tests."""
    last = ledger_length()
    return Layout(unit=[last - 7 + i for i in range(6)], officer=(last - 1, last))


def assert_caught(workspace, cli, seq: int, *, via_cli: bool = True) -> None:
    """Both the service and `lawdesk verify` (``cli``: a real child process, or the same entry
    point in this process, ``cli_here``) name ``seq`` as the first bad entry."""
    report = verify_ledger(workspace.db, head_file=workspace.head_file)
    assert not report.intact
    assert report.first_bad_seq == seq, [p.en for p in report.problems]
    if not via_cli:
        return
    result = cli("verify", password=None)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    first_line = result.stderr.splitlines()[0]
    assert named(seq, first_line), result.stderr


# -------------------------------------------------------------------- writing entries
def test_a_change_writes_its_entry_and_a_signed_checkpoint(busy, as_role, raw_db):
    with raw_db() as connection:
        before = entries(connection)
    unit = add_unit(as_role("admin", username=ADMIN), "法制科", "法制")
    with raw_db() as connection:
        after = entries(connection)
        assert checkpoint_seqs(connection)[-1] == after[-1]["seq"]
    assert len(after) == len(before) + 1
    entry = after[-1]
    assert (entry["actor"], entry["action"], entry["object_type"], entry["object_id"]) == (
        ADMIN, "unit.add", "unit", unit.id)
    change = json.loads(entry["change"])
    assert change["op"] == "insert"
    assert change["values"]["name"] == "法制科"
    assert entry["prev_hash"] == before[-1]["hash"]
    assert entry["at"] == "2026-06-15T02:00:00.000000Z"  # the workspace's clock
    head = json.loads(busy.head_file.read_text("utf-8"))
    assert (head["seq"], head["head_hash"]) == (entry["seq"], entry["hash"])


def test_one_service_call_is_one_checkpoint_however_many_rows(busy, as_role, raw_db):
    with raw_db() as connection:
        seqs_before = checkpoint_seqs(connection)
        count_before = len(entries(connection))
    add_officer(as_role("admin"), "李四", "U1", CertificateInput("CERT-2", date(2027, 1, 1)))
    with raw_db() as connection:
        new = entries(connection)[count_before:]
        assert checkpoint_seqs(connection) == seqs_before + [new[-1]["seq"]]
    assert sorted(e["object_type"] for e in new) == ["certificate", "officer"]
    assert {e["action"] for e in new} == {"officer.add"}


def test_an_update_records_before_and_after(busy, as_role, raw_db):
    from organisation.units import update_unit
    unit = next(u for u in list_units(as_role()) if u.short_name == "U1")
    update_unit(as_role("admin"), unit.id, "科室1", "新简称")
    with raw_db() as connection:
        change = json.loads(entries(connection)[-1]["change"])
    assert change == {"op": "update", "before": {"short_name": "U1"},
                      "after": {"short_name": "新简称"}}


def test_a_refused_change_after_flush_leaves_no_entry_and_no_record(
        busy, as_role, ledger_length):
    """set_active writes the change (and, through the flush hook, its entry) before it finds
    the last admin would go; the rollback must take both away."""
    length = ledger_length()
    with pytest.raises(LastAdmin):
        set_active(as_role("admin"), ADMIN, False)
    assert ledger_length() == length
    with busy.db.read() as session:
        assert session.execute(select(User.active).where(User.username == ADMIN)).scalar_one()
    assert verify_ledger(busy.db, head_file=busy.head_file).intact


def test_an_error_inside_a_unit_of_work_rolls_back_record_and_entry(
        busy, as_role, ledger_length):
    length = ledger_length()
    ctx = as_role("admin")
    with pytest.raises(RuntimeError):
        with ctx.write("unit.add") as session:
            session.add(Unit(name="半途", short_name="半途"))
            session.flush()  # the entry is written now, in the same transaction
            raise RuntimeError("power cut")
    assert ledger_length() == length
    assert "半途" not in {u.name for u in list_units(ctx)}


@pytest.mark.parametrize("table", ["ledger_entry", "ledger_checkpoint"])
def test_a_change_whose_ledger_write_fails_is_not_stored(busy, as_role, raw_db, ledger_length,
                                                         table):
    """The ledger and the record commit together: if the database refuses the entry or the
    checkpoint, the record is not kept either."""
    length = ledger_length()
    with raw_db() as connection:
        connection.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON {table} "
                           "BEGIN SELECT RAISE(ABORT, 'ledger refused'); END")
    ctx = as_role("admin")
    with pytest.raises(IntegrityError):
        add_unit(ctx, "法制科", "法制")
    with raw_db() as connection:
        connection.execute("DROP TRIGGER refuse")
    assert ledger_length() == length
    assert "法制科" not in {u.name for u in list_units(ctx)}
    assert verify_ledger(busy.db, head_file=busy.head_file).intact


def test_the_password_hash_never_enters_the_change_text(workspace, admin, raw_db):
    add_user(admin, "clerk1", "clerk-pass-1", ["clerk"])
    reset_password(admin, "clerk1", "clerk-pass-2")
    with raw_db() as connection:
        hashes = [r[0] for r in connection.execute("SELECT password_hash FROM user_account")]
        user_entries = [e for e in entries(connection) if e["object_type"] == "user_account"]
    assert len(hashes) == 2 and all(h.startswith("$argon2") for h in hashes)
    # The first admin, clerk1's creation, and the reset: each says a hash was set, not which.
    assert {json.loads(e["change"])["op"] for e in user_entries} >= {"insert", "update"}
    assert all("[redacted]" in e["change"] for e in user_entries if "password" in e["change"])
    for entry in user_entries:
        text = entry["change"]
        assert "$argon2" not in text
        assert all(h not in text for h in hashes)
        assert "clerk-pass" not in text and ADMIN_PASSWORD not in text


def test_the_private_key_is_readable_by_its_owner_only(tmp_path, clock):
    with Workspace.open(tmp_path / "fresh", clock=clock, create=True) as ws:
        ws.initialise(ADMIN, ADMIN_PASSWORD)
        private = ws.keys_dir / PRIVATE_NAME
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
        assert stat.S_IMODE(ws.keys_dir.stat().st_mode) & 0o077 == 0
        assert (ws.keys_dir / PUBLIC_NAME).read_text().strip() == ws.audit.signer.public_hex


# ------------------------------------------------------------------------- verifying
def test_verify_passes_an_intact_folder(busy, cli, ledger_length):
    result = cli("verify", password=None)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert named(ledger_length(), result.stdout)


def test_verify_json_format(busy, at, cli_here, raw_db, ledger_length):
    result = cli_here("verify", "--json", password=None)
    assert result.returncode == 0, result.stderr
    with raw_db() as connection:
        checkpoints = len(checkpoint_seqs(connection))
    assert json.loads(result.stdout) == {
        "intact": True, "entries": ledger_length(), "checkpoints": checkpoints,
        "first_bad_entry": None, "problems": [],
        "store": {"intact": True, "files": 0, "bytes": 0, "problems": [], "notes": []},
        "documents": {"intact": True, "files": 0, "problems": []}}

    with raw_db() as connection:
        connection.execute("UPDATE ledger_entry SET actor = 'intruder' WHERE seq = ?",
                           [at.unit[1]])
    result = cli_here("verify", "--json", password=None, env={"LAWDESK_LANG": "en"})
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["intact"] is False
    assert report["first_bad_entry"] == at.unit[1]
    assert report["entries"] == at.unit[1] - 1  # the ones that verified before the break
    assert report["problems"][0]["seq"] == at.unit[1]
    assert str(at.unit[1]) in report["problems"][0]["message"]
    assert "altered" in report["problems"][0]["message"]


@pytest.mark.parametrize("column,value", [
    ("actor", "intruder"), ("action", "unit.delete"), ("change", '{"op":"insert"}'),
    ("at", "2020-01-01T00:00:00.000000Z"), ("object_type", "officer"),
    ("object_id", "0" * 32), ("prev_hash", "0" * 64), ("hash", "f" * 64)])
def test_altered_field_is_caught(busy, at, cli, raw_db, column, value):
    with raw_db() as connection:
        connection.execute(f"UPDATE ledger_entry SET {column} = ? WHERE seq = ?",
                           [value, at.unit[1]])
    # One `lawdesk verify` is enough to show the command reports it, and in a real child
    # process (exit 1, the bad entry on standard error); the service names the entry for
    # every field.
    assert_caught(busy, cli, at.unit[1], via_cli=column == "actor")


def test_altered_entry_with_its_hash_recomputed_is_caught(busy, at, cli_here, raw_db):
    with raw_db() as connection:
        row = {**entries(connection)[at.unit[1] - 1], "actor": "intruder"}
        connection.execute("UPDATE ledger_entry SET actor = ?, hash = ? WHERE seq = ?",
                           [row["actor"], entry_hash(row), at.unit[1]])
    assert_caught(busy, cli_here, at.unit[1])


def test_rewritten_chain_is_caught_by_the_signed_checkpoints(busy, at, cli_here, raw_db):
    """Alter a unit's entry and recompute every hash after it: the chain links again, but the
    checkpoints, signed with a key the attacker does not have, no longer match."""
    with raw_db() as connection:
        rows = entries(connection)
        prev = rows[at.unit[1] - 2]["hash"]
        for row in rows[at.unit[1] - 1:]:
            row = rehash({**row, "prev_hash": prev,
                          "actor": "intruder" if row["seq"] == at.unit[1] else row["actor"]})
            connection.execute("UPDATE ledger_entry SET actor = ?, prev_hash = ?, hash = ? "
                               "WHERE seq = ?",
                               [row["actor"], row["prev_hash"], row["hash"], row["seq"]])
            prev = row["hash"]
    assert_caught(busy, cli_here, at.unit[1])


def test_deleted_middle_entry_is_caught(busy, at, cli_here, raw_db):
    with raw_db() as connection:
        connection.execute("DELETE FROM ledger_entry WHERE seq = ?", [at.unit[2]])
    assert_caught(busy, cli_here, at.unit[2])


def test_inserted_entry_with_later_ones_renumbered_is_caught(busy, at, cli_here, raw_db):
    with raw_db() as connection:
        rows = entries(connection)
        place = at.unit[2]
        # Make room at `place` (through negative numbers, so the primary key never collides).
        connection.execute("UPDATE ledger_entry SET seq = -seq - 1 WHERE seq >= ?", [place])
        connection.execute("UPDATE ledger_entry SET seq = -seq WHERE seq < 0")
        forged = rehash({**rows[place - 1], "seq": place, "prev_hash": rows[place - 2]["hash"],
                         "action": "unit.delete", "actor": ADMIN})
        insert_entry(connection, forged)
    assert_caught(busy, cli_here, at.unit[2])


def test_entry_appended_with_a_valid_looking_hash_is_caught(busy, cli_here, raw_db):
    with raw_db() as connection:
        last = entries(connection)[-1]
        forged = rehash({**last, "seq": last["seq"] + 1, "prev_hash": last["hash"],
                         "action": "user.add", "object_type": "user_account"})
        insert_entry(connection, forged)
    assert_caught(busy, cli_here, forged["seq"])


def test_swapped_entries_are_caught(busy, at, cli_here, raw_db):
    with raw_db() as connection:
        connection.execute("UPDATE ledger_entry SET seq = -1 WHERE seq = ?", [at.unit[1]])
        connection.execute("UPDATE ledger_entry SET seq = ? WHERE seq = ?", [at.unit[1], at.unit[3]])
        connection.execute("UPDATE ledger_entry SET seq = ? WHERE seq = -1", [at.unit[3]])
    assert_caught(busy, cli_here, at.unit[1])


def test_cut_off_tail_with_its_checkpoints_is_caught_by_the_head_file(busy, at, cli_here, raw_db):
    with raw_db() as connection:
        last = entries(connection)[-1]["seq"]
        assert last == at.officer[-1]
        connection.execute("DELETE FROM ledger_entry WHERE seq > ?", [at.unit[5]])
        connection.execute("DELETE FROM ledger_checkpoint WHERE seq > ?", [at.unit[5]])
    # The database alone now looks whole and signed; only the head file knows better.
    assert verify_ledger(busy.db).intact
    assert_caught(busy, cli_here, at.officer[0])


def test_forged_checkpoint_signature_is_caught(busy, at, cli_here, raw_db):
    with raw_db() as connection:
        signature = connection.execute(
            "SELECT signature FROM ledger_checkpoint WHERE seq = ?", [at.unit[1]]).fetchone()[0]
        forged = ("0" if signature[0] != "0" else "1") + signature[1:]
        connection.execute("UPDATE ledger_checkpoint SET signature = ? WHERE seq = ?",
                           [forged, at.unit[1]])
    assert_caught(busy, cli_here, at.unit[1])


def test_damaged_head_file_is_reported(busy, cli_here):
    busy.head_file.write_text("{not json", "utf-8")
    result = cli_here("verify", password=None)
    assert result.returncode == 1
    assert "ledger-head.json" in result.stderr
