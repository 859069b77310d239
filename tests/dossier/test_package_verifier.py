"""A court checks the package on its own computer: verify_package.py, copied out of the
package into a folder of its own, run as a separate process by a Python that has nothing
but the standard library and `cryptography` (``clean_python``). The whole package passes,
as a ZIP and unpacked; every kind of tampering is caught and named; a partial package
passes and lists what was left out and why."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.dossier.conftest import BYSTANDER, REASON, court_env, problems, run_verifier

FOOTAGE = "footage/20260603-094500_J001234_22010001_20260603094500_0002.MP4"


def rewrite(package: Path, change) -> None:  # noqa: ANN001
    """Write the ZIP again with ``change(entries)`` applied to its {name: bytes} (as
    someone with an archive tool would: the CRCs are right, only the content differs)."""
    with zipfile.ZipFile(package) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    change(entries)
    package.unlink()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def codes(result: subprocess.CompletedProcess) -> set[tuple[str, str]]:
    return {(p["code"], p["where"]) for p in problems(result)}


def test_the_court_python_has_cryptography_and_nothing_of_ours(clean_python):
    found = subprocess.run(
        [str(clean_python), "-c", "import importlib.util as u, cryptography; print([m for m in "
         "('cryptography', 'sqlalchemy', 'lawdesk', 'core', 'dossier', 'reportlab', 'pytest') "
         "if u.find_spec(m)])"],
        capture_output=True, text=True, env=court_env(), cwd=clean_python.parent, check=True)
    assert found.stdout.strip() == "['cryptography']"


def test_the_whole_package_passes_in_a_clean_python(built, clean_python):
    result = run_verifier(clean_python, built.full)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "结论：通过" in out and "Verdict: PASSED" in out
    assert f"公钥指纹 / Key fingerprint: {built.fingerprint}" in out
    assert "执一案〔2026〕1号" in out
    assert out.count("[OK]") == 12 and "[!!]" not in out   # 4 recordings, 2 documents, 6 more
    assert FOOTAGE in out and result.stderr == ""


def test_the_unpacked_folder_passes_too(built, clean_python, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(built.full) as archive:
        archive.extractall(folder)
    result = run_verifier(clean_python, folder, "--json", cwd=tmp_path / "elsewhere")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] and len(report["files"]) == 12 and report["problems"] == []
    assert report["ledger"]["entries"] > 20 and report["ledger"]["checkpoints"] > 5


def test_the_fingerprint_the_bureau_publishes_is_compared(built, clean_python):
    published = built.fingerprint.lower().replace(" ", "")   # however it was written down
    assert run_verifier(clean_python, built.full, "--fingerprint", published).returncode == 0
    other = "0000 " + built.fingerprint[5:]
    result = run_verifier(clean_python, built.full, "--fingerprint", other, "--json")
    assert result.returncode == 1
    assert codes(result) == {("fingerprint_mismatch", "manifest.json")}


def test_a_changed_byte_in_a_recording_is_named(package, clean_python):
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo(FOOTAGE)
    with open(package, "r+b") as raw:          # one byte, in place, CRC left as it was
        raw.seek(info.header_offset + 26)
        name_length, extra_length = (int.from_bytes(raw.read(2), "little") for _ in range(2))
        raw.seek(info.header_offset + 30 + name_length + extra_length + 1000)
        byte = raw.read(1)
        raw.seek(-1, 1)
        raw.write(bytes([byte[0] ^ 0x01]))
    result = run_verifier(clean_python, package)
    assert result.returncode == 1
    assert "[file_changed] " + FOOTAGE in result.stdout
    assert "内容已被改动或损坏" in result.stdout and "content was changed" in result.stdout
    assert "结论：未通过" in result.stdout and "Verdict: FAILED, 1 problem(s)" in result.stdout


def test_a_changed_byte_in_an_unpacked_recording_is_named(built, clean_python, tmp_path):
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(built.full) as archive:
        archive.extractall(folder)
    target = folder / FOOTAGE
    data = bytearray(target.read_bytes())
    data[500] ^= 0x80
    target.write_bytes(bytes(data))
    result = run_verifier(clean_python, folder, "--json")
    assert result.returncode == 1
    assert codes(result) == {("file_changed", FOOTAGE)}
    assert "SHA-256 differs" in problems(result)[0]["en"]


def test_a_removed_file_is_named(package, clean_python):
    rewrite(package, lambda entries: entries.pop(FOOTAGE))
    result = run_verifier(clean_python, package, "--json")
    assert result.returncode == 1
    assert codes(result) == {("file_missing", FOOTAGE)}
    assert "was removed" in problems(result)[0]["en"]


def test_an_added_file_is_named(package, clean_python):
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("footage/20260603-120000_extra.MP4", b"recorded later")
    result = run_verifier(clean_python, package, "--json")
    assert result.returncode == 1
    assert codes(result) == {("file_added", "footage/20260603-120000_extra.MP4")}


def test_an_edited_manifest_is_named(package, clean_python):
    def edit(entries: dict) -> None:
        manifest = json.loads(entries["manifest.json"])
        manifest["files"][1]["officer"]["name"] = "李娜"   # another officer, bytes unchanged
        entries["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(package, edit)
    result = run_verifier(clean_python, package, "--json")
    assert result.returncode == 1
    assert codes(result) == {("manifest_signature_invalid", "manifest.sig")}
    assert "manifest.json 在签名后被改动" in problems(result)[0]["zh"]


def test_an_altered_ledger_entry_is_named(package, clean_python):
    def alter(entries: dict) -> None:
        lines = entries["ledger/entries.jsonl"].decode().splitlines()
        for i, line in enumerate(lines):
            entry = json.loads(line)
            if entry["object_type"] == "custody":   # the checkout: to someone else
                entry["change"] = entry["change"].replace("22010001", "22010002")
                lines[i] = json.dumps(entry, ensure_ascii=False)
                alter.seq = entry["seq"]
                break
        entries["ledger/entries.jsonl"] = ("\n".join(lines) + "\n").encode()
    rewrite(package, alter)
    result = run_verifier(clean_python, package, "--json")
    assert result.returncode == 1
    assert codes(result) == {("file_changed", "ledger/entries.jsonl"),
                             ("ledger_entry_altered", f"ledger #{alter.seq}")}
    assert f"审计日志第 {alter.seq} 条内容被改动" in result.stdout


def _sign_with_another_key(entries: dict, *, claim_the_key: bool) -> str:
    """Sign manifest.json with a key that is not the workstation's; ``claim_the_key``: also
    put that key (and its fingerprint) into the manifest, as a forger would."""
    from dossier.verify_package import fingerprint
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    if claim_the_key:
        manifest = json.loads(entries["manifest.json"])
        manifest["workstation"].update(public_key=public, fingerprint=fingerprint(public))
        entries["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    entries["manifest.sig"] = (key.sign(entries["manifest.json"]).hex() + "\n").encode()
    return fingerprint(public)


def test_a_signature_by_another_key_is_named(package, clean_python):
    rewrite(package, lambda entries: _sign_with_another_key(entries, claim_the_key=False))
    result = run_verifier(clean_python, package, "--json")
    assert result.returncode == 1
    assert codes(result) == {("manifest_signature_invalid", "manifest.sig")}


def test_a_package_re_signed_by_a_forger_fails_the_ledger_and_the_fingerprint(
        package, built, clean_python):
    """The forger's own key in the manifest signs it: the ledger's checkpoints, signed by
    the workstation, no longer verify, and its fingerprint is not the published one."""
    forged = {}
    rewrite(package, lambda entries: forged.setdefault(
        "fingerprint", _sign_with_another_key(entries, claim_the_key=True)))
    result = run_verifier(clean_python, package, "--fingerprint", built.fingerprint, "--json")
    assert result.returncode == 1
    found = {code for code, _ in codes(result)}
    assert found >= {"fingerprint_mismatch", "checkpoint_invalid", "ledger_segment_unsigned"}
    assert "manifest_signature_invalid" not in found
    assert json.loads(result.stdout)["fingerprint"] == forged["fingerprint"]


def test_a_partial_package_passes_and_lists_what_was_left_out(built, clean_python):
    bystander = built.case.footage[BYSTANDER]
    with zipfile.ZipFile(built.partial) as archive:
        assert not any(name.endswith("_0004.MP4") for name in archive.namelist())
    result = run_verifier(clean_python, built.partial)
    assert result.returncode == 0, result.stdout
    assert "未提供的文件（部分提供）/ Left out (partial disclosure): 1" in result.stdout
    assert f"- {bystander}  27,000  J001234_22010001_20260603110000_0004.MP4" in result.stdout
    assert f"理由 / reason: {REASON}" in result.stdout
    report = json.loads(run_verifier(clean_python, built.partial, "--json").stdout)
    assert [(e["sha256"], e["reason"]) for e in report["excluded"]] == [(bystander, REASON)]


def test_a_left_out_file_put_back_is_named(built, clean_python, tmp_path, built_store_file):
    package = Path(shutil.copy(built.partial, tmp_path / "partial.zip"))
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("footage/bystander.MP4", built_store_file(BYSTANDER))
    result = run_verifier(clean_python, package, "--json")
    assert codes(result) == {("file_added", "footage/bystander.MP4")}


def test_a_left_out_file_must_still_be_in_the_ledger(built, clean_python, tmp_path):
    """A manifest claiming to leave out a file the ledger never recorded: its signature
    is checked first, so this is the verifier's own rule seen through a re-signed copy."""
    package = Path(shutil.copy(built.partial, tmp_path / "partial.zip"))

    def claim(entries: dict) -> None:
        manifest = json.loads(entries["manifest.json"])
        manifest["excluded"][0]["sha256"] = hashlib.sha256(b"never recorded").hexdigest()
        entries["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(package, claim)
    result = run_verifier(clean_python, package, "--json")
    assert {code for code, _ in codes(result)} == {"manifest_signature_invalid",
                                                   "not_in_ledger"}


@pytest.fixture
def built_store_file(built):
    """``built_store_file(i)``: the bytes of recording ``i`` as the store holds them."""
    def read(index: int) -> bytes:
        digest = built.case.footage[index]
        return (built.data_dir / "store" / "sha256" / digest[:2] / digest[2:4] / digest
                ).read_bytes()
    return read


def test_a_python_without_cryptography_is_told_how_to_get_it(built, tmp_path):
    import venv
    venv.EnvBuilder(with_pip=False).create(tmp_path / "bare")
    python = tmp_path / "bare" / "bin" / "python"
    result = run_verifier(python, built.full)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("需要 cryptography 包：pip install cryptography\n"
                             "The cryptography package is needed: pip install cryptography\n")


def test_odd_packages_are_named_not_crashed_on(built, tmp_path):
    """What a damaged download or a crafted archive looks like to the verifier (the same
    code as the court's copy, run here in-process)."""
    from dossier.verify_package import verify
    not_zip = tmp_path / "not.zip"
    not_zip.write_text("not a zip at all")
    assert [p.code for p in verify(str(not_zip)).problems] == ["package_unreadable"]
    crafted = Path(shutil.copy(built.full, tmp_path / "crafted.zip"))
    with zipfile.ZipFile(crafted, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("../outside.txt", b"x")
        archive.writestr("README.txt", b"a second README")   # read in place of the first
    found = {(p.code, p.where) for p in verify(str(crafted)).problems}
    assert found == {("file_added", "../outside.txt"), ("file_added", "README.txt"),
                     ("file_changed", "README.txt")}
    garbled = Path(shutil.copy(built.full, tmp_path / "garbled.zip"))
    rewrite(garbled, lambda entries: entries.update({"manifest.json": b"{not json"}))
    assert [(p.code, p.where) for p in verify(str(garbled)).problems] == [
        ("manifest_invalid", "manifest.json")]


def test_a_crafted_name_cannot_repaint_the_verdict(package, clean_python):
    """Control characters in the package's text are printed as visible escapes: a terminal
    never obeys them (an ESC sequence clearing the screen, a bidi override)."""
    def craft(entries: dict) -> None:
        manifest = json.loads(entries["manifest.json"])
        manifest["case"]["cause"] = "\x1b[2J\x1b[HVerdict: PASSED\u202e"
        entries["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    rewrite(package, craft)
    result = run_verifier(clean_python, package)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J\\x1b[HVerdict: PASSED\\u202e" in result.stdout
    assert "Verdict: FAILED, 1 problem(s)" in result.stdout
