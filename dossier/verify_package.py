#!/usr/bin/env python3
"""核验 LawDesk 电子证据包 / Verify a LawDesk evidence package.

    python verify_package.py PACKAGE.zip
    python verify_package.py PACKAGE_FOLDER          (the package unpacked)
    python verify_package.py PACKAGE.zip --fingerprint "1A2B 3C4D …"   (the published one)

Needs Python 3.8 or later and the `cryptography` package (pip install cryptography);
nothing else. This file is the same in every package and in LawDesk's source; it imports
nothing of LawDesk, so a review body or a court can read every line of what it checks:

1. manifest.sig is the Ed25519 signature, by the key named in manifest.json, of the bytes
   of manifest.json; that key's fingerprint (SHA-256 of its 32 raw bytes) is printed, to
   compare with the one the bureau publishes (or pass it with --fingerprint);
2. every file the manifest lists is there, with its size and SHA-256 (and SM3 when listed);
3. the package holds exactly those files plus manifest.json and manifest.sig;
4. the ledger slice: each entry's hash recomputed from its fields, each entry chained to
   the one before (prev_hash), every run of entries starting right after a signed
   checkpoint and ending at one, every checkpoint signed by the same key;
5. every footage file and document listed (or left out) is recorded in that slice: the
   file by its SHA-256, its link to the case, the document issued for the case;
6. HQ's countersignatures, where the bureau's HQ had countersigned a checkpoint: each
   signed by the HQ key the manifest names (its fingerprint is printed, to compare with
   the one HQ publishes, or pass it with --hq-fingerprint).

Exit status: 0 when everything checks, 1 naming each problem, 2 when it cannot run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import zipfile
from collections import Counter
from datetime import datetime, timezone

KIND = "lawdesk-evidence-package"
VERSIONS = (1,)
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
FIXED = (MANIFEST, SIGNATURE)
GENESIS_HASH = "0" * 64
ENTRY_FIELDS = ("seq", "at", "actor", "action", "object_type", "object_id", "change",
                "prev_hash")
CHUNK = 1 << 20
MANIFEST_LIMIT = 256 << 20     # a manifest of a million files is far smaller
HEX64 = re.compile(r"^[0-9a-f]{64}$")
EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


# ------------------------------------------------------------------------ the definitions
def canonical_bytes(value: object) -> bytes:
    """The one byte string of a JSON value that LawDesk hashes and signs."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def entry_hash(entry: dict) -> str:
    return hashlib.sha256(canonical_bytes({k: entry[k] for k in ENTRY_FIELDS})).hexdigest()


def checkpoint_message(workstation_id: str, seq: int, head_hash: str, at: str) -> bytes:
    return canonical_bytes({"kind": "lawdesk-ledger-checkpoint", "workstation": workstation_id,
                            "seq": seq, "head_hash": head_hash, "at": at})


def countersignature_message(server: str, workstation: str, seq: int, head_hash: str,
                             at: str) -> bytes:
    return canonical_bytes({"kind": "lawdesk-hq-countersignature", "server": server,
                            "workstation": workstation, "seq": seq, "head_hash": head_hash,
                            "at": at})


def fingerprint(public_key_hex: str) -> str:
    """SHA-256 of the raw public key, in groups of four hexadecimal digits."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def _plain_fingerprint(text: str) -> str:
    return re.sub(r"[^0-9a-f]", "", text.lower())


# Text from the package (names, causes, reasons) is shown, never obeyed: a control
# character (a terminal escape, a bidi override that shows "exe.mp4" as "4pm.exe") is
# printed as a visible escape, so a crafted package cannot repaint the verdict.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()) if ord(m.group()) < 0x100
                        else "\\u%04x" % ord(m.group()), text)


def json_text(value: object) -> str:
    """JSON with the control characters json.dumps leaves raw written as \\u escapes."""
    dumped = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda m: "\\u%04x" % ord(m.group()), dumped)


# --------------------------------------------------------------------------- the report
class Problem:
    def __init__(self, code: str, zh: str, en: str, where: str = "") -> None:
        self.code, self.zh, self.en, self.where = code, zh, en, where

    def as_json(self) -> dict:
        return {"code": self.code, "where": self.where, "zh": self.zh, "en": self.en}


class Report:
    def __init__(self, package: str) -> None:
        self.package = package
        self.manifest: dict | None = None
        self.fingerprint = ""
        self.expected_fingerprint = ""
        self.files: list[tuple[str, int, bool]] = []    # path, size, checked fine
        self.entries = 0
        self.runs = 0
        self.checkpoints = 0
        self.countersigned = 0
        self.hq_fingerprint = ""
        self.expected_hq_fingerprint = ""
        self.notes: list[tuple[str, str]] = []
        self.problems: list[Problem] = []

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, code: str, zh: str, en: str, where: str = "") -> None:
        self.problems.append(Problem(code, zh, en, where))

    def as_json(self) -> dict:
        manifest = self.manifest or {}
        return {
            "package": self.package, "ok": self.ok,
            "case": manifest.get("case"), "package_id": manifest.get("package_id"),
            "created_at": manifest.get("created_at"), "created_by": manifest.get("created_by"),
            "workstation": (manifest.get("workstation") or {}).get("id"),
            "fingerprint": self.fingerprint,
            "files": [{"path": p, "size": s, "ok": good} for p, s, good in self.files],
            "excluded": manifest.get("excluded", []),
            "ledger": {"entries": self.entries, "runs": self.runs,
                       "checkpoints": self.checkpoints,
                       "countersigned": self.countersigned},
            "hq": {"server": (manifest.get("hq") or {}).get("server"),
                   "fingerprint": self.hq_fingerprint} if self.hq_fingerprint else None,
            "notes": [{"zh": zh, "en": en} for zh, en in self.notes],
            "problems": [p.as_json() for p in self.problems],
        }

    def text(self) -> str:
        lines = ["LawDesk 电子证据包核验 / evidence package verification",
                 f"证据包 / Package: {self.package}"]
        manifest = self.manifest or {}
        case = manifest.get("case") or {}
        if case:
            lines.append(f"案件 / Case: {case.get('number', '?')}  {case.get('cause', '')}")
        if manifest:
            made = manifest.get("created_by") or {}
            who = made.get("username", "?")
            if made.get("name"):
                who = f"{made['name']} ({who})"
            lines.append(f"制作 / Made: {manifest.get('created_at', '?')}  {who}  "
                         f"{manifest.get('bureau', '')}")
            lines.append("工作站 / Workstation: "
                         f"{(manifest.get('workstation') or {}).get('id', '?')}")
        if self.fingerprint:
            lines.append(f"公钥指纹 / Key fingerprint: {self.fingerprint}")
            if self.expected_fingerprint:
                same = _plain_fingerprint(self.expected_fingerprint) == _plain_fingerprint(
                    self.fingerprint)
                lines.append("  与给定指纹一致 / matches the fingerprint given" if same else
                             "  与给定指纹不一致 / DIFFERS from the fingerprint given")
            else:
                lines.append("  请与本局公布的公钥指纹逐字核对 / Compare it, group by group, "
                             "with the fingerprint the bureau publishes.")
        if self.files:
            total = sum(size for _, size, _ in self.files)
            lines.append(f"文件 / Files: {len(self.files)}，共 / total {total:,} 字节 / bytes")
            for path, size, good in self.files:
                lines.append(f"  [{'OK' if good else '!!'}] {path}  {size:,}")
        excluded = manifest.get("excluded") or []
        if excluded:
            lines.append(f"未提供的文件（部分提供）/ Left out (partial disclosure): "
                         f"{len(excluded)}")
            for item in excluded:
                size = item.get("size")
                name = item.get("original_name") or item.get("number") or ""
                size_text = f"{size:,}" if isinstance(size, int) else "?"
                lines.append(f"  - {item.get('sha256', '?')}  {size_text}  {name}")
                lines.append(f"    理由 / reason: {item.get('reason', '')}")
        if self.entries:
            lines.append(f"审计日志 / Ledger: {self.entries} 条 / entries，{self.runs} 个连续段 / "
                         f"continuous runs，{self.checkpoints} 个签名检查点 / signed "
                         "checkpoints")
        if self.hq_fingerprint:
            lines.append(f"总部副署 / HQ countersignatures: {self.countersigned} 个检查点 / "
                         f"checkpoints；总部公钥指纹 / HQ key fingerprint: "
                         f"{self.hq_fingerprint}")
            if self.expected_hq_fingerprint:
                same = _plain_fingerprint(self.expected_hq_fingerprint) == _plain_fingerprint(
                    self.hq_fingerprint)
                lines.append("  与给定指纹一致 / matches the fingerprint given" if same else
                             "  与给定指纹不一致 / DIFFERS from the fingerprint given")
        elif self.entries:
            lines.append("总部副署 / HQ countersignatures: 无（制作时尚未同步至总部）/ none "
                         "(not yet synced to HQ when made)")
        for zh, en in self.notes:
            lines.append(f"注 / Note: {zh} / {en}")
        if self.ok:
            lines.append("结论：通过。所列文件与签名清单一致，并记载于已签名的审计日志。")
            lines.append("Verdict: PASSED. The files are those of the signed manifest and are "
                         "recorded in the signed ledger.")
        else:
            lines.append(f"结论：未通过，发现 {len(self.problems)} 个问题。")
            lines.append(f"Verdict: FAILED, {len(self.problems)} problem(s) found.")
            for number, p in enumerate(self.problems, 1):
                where = f" {p.where}" if p.where else ""
                lines.append(f"  {number}. [{p.code}]{where}")
                lines.append(f"     {p.zh}")
                lines.append(f"     {p.en}")
        return "\n".join(visible(line) for line in lines)


# -------------------------------------------------------------------------- the package
def safe_path(name: str) -> bool:
    """A relative path inside the package: no drive, no root, no "..", no backslash."""
    if not name or name.startswith("/") or "\\" in name or ":" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


class ZipSource:
    def __init__(self, path: str) -> None:
        self.zip = zipfile.ZipFile(path)
        infos = [i for i in self.zip.infolist() if not i.filename.endswith("/")]
        counts = Counter(i.filename for i in infos)
        self.duplicates = sorted(name for name, count in counts.items() if count > 1)
        self.infos = {i.filename: i for i in infos}

    def names(self) -> list[str]:
        return sorted(self.infos)

    def size(self, name: str) -> int:
        return self.infos[name].file_size

    def open(self, name: str):  # noqa: ANN201
        return self.zip.open(self.infos[name])

    def close(self) -> None:
        self.zip.close()


class FolderSource:
    def __init__(self, path: str) -> None:
        self.root = path
        self.duplicates: list[str] = []
        found = []
        for folder, _dirs, files in os.walk(path):
            for name in files:
                full = os.path.join(folder, name)
                found.append(os.path.relpath(full, path).replace(os.sep, "/"))
        self._names = sorted(found)

    def names(self) -> list[str]:
        return self._names

    def _full(self, name: str) -> str:
        return os.path.join(self.root, *name.split("/"))

    def size(self, name: str) -> int:
        return os.path.getsize(self._full(name))

    def open(self, name: str):  # noqa: ANN201
        return open(self._full(name), "rb")

    def close(self) -> None:
        pass


def _read_small(source, name: str, limit: int) -> bytes:  # noqa: ANN001
    with source.open(name) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{name} is larger than {limit} bytes")
    return data


def _no_duplicate_keys(pairs: list) -> dict:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a JSON object names the same key twice")
    return dict(pairs)


def _sm3():  # noqa: ANN202 - a hash object, or None where no SM3 is available
    try:
        from cryptography.hazmat.primitives import hashes
        return _CryptographyHash(hashes.Hash(hashes.SM3()))
    except Exception:  # noqa: BLE001 - an OpenSSL without SM3
        pass
    try:
        return hashlib.new("sm3")
    except ValueError:
        return None


class _CryptographyHash:
    def __init__(self, context) -> None:  # noqa: ANN001
        self.context = context

    def update(self, data: bytes) -> None:
        self.context.update(data)

    def hexdigest(self) -> str:
        return self.context.finalize().hex()


# ------------------------------------------------------------------------------ checks
def _named_key(report: Report, section: object, whose: tuple, invalid: tuple) -> tuple:
    """(key, fingerprint) of the Ed25519 key a manifest section names, checking the
    fingerprint written beside it; (None, "") when there is no usable key (said, with the
    ``invalid`` code and texts). ``whose``: the key's owner in the messages (zh, en)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    section = section if isinstance(section, dict) else {}
    key_hex = str(section.get("public_key", ""))
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(key_hex))
    except ValueError:
        report.problem(*invalid, MANIFEST)
        return None, ""
    printed = fingerprint(key_hex)
    if _plain_fingerprint(str(section.get("fingerprint", ""))) != _plain_fingerprint(printed):
        report.problem("fingerprint_inconsistent",
                       f"清单中写明的{whose[0]}公钥指纹与公钥本身不符",
                       f"the {whose[1]}fingerprint written in the manifest is not that of its "
                       "key", MANIFEST)
    return key, printed


def _check_signature(report: Report, manifest_bytes: bytes, signature_text: str) -> object:
    """The manifest's key, once its signature checks; None otherwise."""
    from cryptography.exceptions import InvalidSignature
    manifest = report.manifest or {}
    key, report.fingerprint = _named_key(
        report, manifest.get("workstation"), ("", ""),
        ("public_key_invalid", "清单中的工作站公钥无效，无法核验签名",
         "the workstation public key in the manifest is not a valid Ed25519 key; no "
         "signature can be checked"))
    if key is None:
        return None
    if report.expected_fingerprint and _plain_fingerprint(
            report.expected_fingerprint) != _plain_fingerprint(report.fingerprint):
        report.problem("fingerprint_mismatch",
                       f"签名公钥的指纹 {report.fingerprint} 与给定的指纹不一致：证据包不是由"
                       "本局工作站签名的",
                       f"the signing key's fingerprint {report.fingerprint} differs from the "
                       "one given: the package was not signed by the bureau's workstation",
                       MANIFEST)
    try:
        key.verify(bytes.fromhex(signature_text.strip()), manifest_bytes)
    except (InvalidSignature, ValueError):
        report.problem("manifest_signature_invalid",
                       "清单签名无效：manifest.json 在签名后被改动，或签名出自另一把密钥",
                       "the manifest's signature does not verify: manifest.json was changed "
                       "after signing, or the signature was made with another key",
                       SIGNATURE)
    return key


def _hash_file(report: Report, source, name: str, expected: dict) -> bool:  # noqa: ANN001
    sha256 = hashlib.sha256()
    sm3 = _sm3() if expected.get("sm3") else None
    size = 0
    try:
        with source.open(name) as handle:
            while True:
                data = handle.read(CHUNK)
                if not data:
                    break
                size += len(data)
                sha256.update(data)
                if sm3 is not None:
                    sm3.update(data)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        report.problem("file_changed", f"{name} 无法完整读出（{error}）：内容已被改动或损坏",
                       f"{name} cannot be read whole ({error}): its content was changed or "
                       "damaged", name)
        return False
    good = True
    if size != expected.get("size"):
        report.problem("file_changed",
                       f"{name} 的大小为 {size} 字节，清单记载为 {expected.get('size')} 字节",
                       f"{name} is {size} bytes; the manifest says {expected.get('size')}", name)
        good = False
    if sha256.hexdigest() != expected.get("sha256"):
        report.problem("file_changed", f"{name} 的内容与清单不符（SHA-256 不同）：文件被改动",
                       f"{name} does not match the manifest (its SHA-256 differs): the file "
                       "was changed", name)
        good = False
    if expected.get("sm3"):
        if sm3 is None:
            note = ("本机的 cryptography/OpenSSL 不支持 SM3，未核对 SM3 值（SHA-256 已核对）",
                    "SM3 is not available here; SM3 values were not checked (SHA-256 was)")
            if note not in report.notes:
                report.notes.append(note)
        elif sm3.hexdigest() != expected["sm3"]:
            report.problem("file_changed", f"{name} 的 SM3 值与清单不符：文件被改动",
                           f"{name} does not match the manifest's SM3 value: the file was "
                           "changed", name)
            good = False
    return good


def _check_files(report: Report, source, manifest: dict) -> dict:  # noqa: ANN001
    """Every listed file present and unchanged; nothing more in the package."""
    listed: dict[str, dict] = {}
    for item in manifest.get("files") or []:
        path = item.get("path") if isinstance(item, dict) else None
        if not isinstance(path, str) or not safe_path(path) or path in FIXED:
            report.problem("manifest_invalid", f"清单中有不可接受的文件路径：{path!r}",
                           f"the manifest lists an unacceptable path: {path!r}", MANIFEST)
            continue
        if path in listed:
            report.problem("manifest_invalid", f"清单重复列出 {path}",
                           f"the manifest lists {path} twice", MANIFEST)
        listed[path] = item
    present = set(source.names())
    for name in source.duplicates:
        report.problem("file_added", f"证据包中有两个同名文件 {name}",
                       f"the package holds two entries named {name}", name)
    for path, item in listed.items():
        if path not in present:
            report.problem("file_missing", f"清单所列文件 {path} 不在证据包中：文件被移除",
                           f"{path}, listed in the manifest, is not in the package: the file "
                           "was removed", path)
            report.files.append((path, int(item.get("size") or 0), False))
            continue
        report.files.append((path, int(item.get("size") or 0),
                             _hash_file(report, source, path, item)))
    for name in sorted(n for n in present - set(listed) - set(FIXED) if safe_path(n)):
        report.problem("file_added", f"证据包中的 {name} 不在清单中：文件是后来加入的",
                       f"{name} is in the package but not in the manifest: the file was "
                       "added", name)
    return listed


def _load_jsonl(report: Report, source, path: str | None, what: str) -> list:  # noqa: ANN001
    if not path or path not in set(source.names()):
        report.problem("ledger_missing", f"证据包中没有审计日志{what}文件 {path}",
                       f"the package has no ledger {what} file {path}", path or "")
        return []
    rows = []
    try:
        with source.open(path) as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    row = json.loads(line.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
                    if not isinstance(row, dict):
                        raise ValueError(f"line {number} is not an object")
                    rows.append(row)
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as error:
        report.problem("ledger_invalid", f"审计日志文件 {path} 无法读取：{error}",
                       f"the ledger file {path} cannot be read: {error}", path)
        return []
    return rows


def _check_checkpoints(report: Report, checkpoints: list, workstation: str,
                       key: object) -> dict:
    from cryptography.exceptions import InvalidSignature
    signed: dict[int, dict] = {}
    for cp in checkpoints:
        try:
            seq, head, at = int(cp["seq"]), str(cp["head_hash"]), str(cp["at"])
            message = checkpoint_message(str(cp["workstation"]), seq, head, at)
            if cp["workstation"] != workstation:
                raise InvalidSignature()
            key.verify(bytes.fromhex(str(cp["signature"])), message)  # type: ignore[attr-defined]
        except (KeyError, TypeError, ValueError, InvalidSignature, AttributeError):
            report.problem("checkpoint_invalid",
                           f"审计日志第 {cp.get('seq')} 条处的签名检查点无效（非本工作站密钥签名或"
                           "被改动）",
                           f"the signed checkpoint at ledger entry {cp.get('seq')} is not valid "
                           "(not signed by this workstation's key, or altered)",
                           f"ledger #{cp.get('seq')}")
            continue
        signed[seq] = cp
    report.checkpoints = len(signed)
    return signed


def _hq_key(report: Report, manifest: dict) -> object:
    """HQ's key from the manifest (None when HQ countersigned nothing, or it is unusable:
    then said)."""
    if manifest.get("hq") is None:
        return None
    key, report.hq_fingerprint = _named_key(
        report, manifest["hq"], ("总部", "HQ "),
        ("hq_key_invalid", "清单中的总部公钥无效，无法核验总部副署",
         "HQ's public key in the manifest is not a valid Ed25519 key; no countersignature "
         "can be checked"))
    if key is None:
        return None
    if report.expected_hq_fingerprint and _plain_fingerprint(
            report.expected_hq_fingerprint) != _plain_fingerprint(report.hq_fingerprint):
        report.problem("hq_fingerprint_mismatch",
                       f"总部公钥的指纹 {report.hq_fingerprint} 与给定的指纹不一致：副署不是本局"
                       "总部所签",
                       f"HQ's key fingerprint {report.hq_fingerprint} differs from the one "
                       "given: the countersignatures are not by the bureau's HQ", MANIFEST)
    return key


def _check_countersignatures(report: Report, manifest: dict, signed: dict) -> None:
    """Each countersignature present: by the manifest's HQ key, over the checkpoint the
    workstation signed. A checkpoint without one is not a problem (made before the sync)."""
    from cryptography.exceptions import InvalidSignature
    carrying = [cp for cp in signed.values() if "hq_countersignature" in cp]
    if not carrying:
        return
    key = _hq_key(report, manifest)
    if key is None and manifest.get("hq") is None:
        report.problem("hq_key_invalid", "检查点带有总部副署，但清单没有写明总部公钥",
                       "checkpoints carry HQ countersignatures but the manifest names no HQ "
                       "key", MANIFEST)
    if key is None:
        return
    server = str((manifest.get("hq") or {}).get("server", ""))
    for cp in carrying:
        seq = cp["seq"]
        try:
            message = countersignature_message(server, str(cp["workstation"]), seq,
                                               str(cp["head_hash"]), str(cp["at"]))
            key.verify(bytes.fromhex(str(cp["hq_countersignature"])), message)  # type: ignore[attr-defined]
        except (KeyError, TypeError, ValueError, InvalidSignature):
            report.problem("hq_countersignature_invalid",
                           f"审计日志第 {seq} 条处检查点的总部副署无效（非清单所列总部密钥签名，"
                           "或检查点被改动）",
                           f"HQ's countersignature of the checkpoint at ledger entry {seq} is "
                           "not valid (not by the HQ key the manifest names, or the checkpoint "
                           "was altered)", f"ledger #{seq}")
            continue
        report.countersigned += 1


def _check_run(report: Report, run: list, signed: dict) -> None:
    first = run[0]["seq"]
    if first == 1:
        prev = GENESIS_HASH
    elif first - 1 in signed:
        prev = signed[first - 1]["head_hash"]
    else:
        prev = None
        report.problem("ledger_segment_unsigned",
                       f"审计日志第 {first} 条之前没有签名检查点：片段的起点无法证明",
                       f"no signed checkpoint precedes ledger entry {first}: where the "
                       "segment starts cannot be proven", f"ledger #{first}")
    for entry in run:
        seq = entry["seq"]
        try:
            own = entry_hash(entry)
        except (KeyError, TypeError, ValueError):
            own = None
        altered = own != entry.get("hash")
        if altered:
            report.problem("ledger_entry_altered",
                           f"审计日志第 {seq} 条内容被改动（哈希不符）",
                           f"ledger entry {seq} was altered (its hash does not match)",
                           f"ledger #{seq}")
        elif prev is not None and entry.get("prev_hash") != prev:
            report.problem("ledger_link_broken",
                           f"审计日志第 {seq} 条与前一条不衔接（有条目被改动、删除、插入或调换顺序）",
                           f"ledger entry {seq} does not follow the one before it (an entry "
                           "was altered, deleted, inserted or reordered)", f"ledger #{seq}")
        elif seq in signed and signed[seq]["head_hash"] != entry.get("hash"):
            report.problem("ledger_checkpoint_mismatch",
                           f"审计日志第 {seq} 条与已签名的检查点不符",
                           f"ledger entry {seq} does not match its signed checkpoint",
                           f"ledger #{seq}")
        prev = entry.get("hash")
    last = run[-1]["seq"]
    if last not in signed:
        report.problem("ledger_segment_unsigned",
                       f"审计日志第 {last} 条之后没有签名检查点：该段未经签名",
                       f"no signed checkpoint ends the segment at ledger entry {last}: it is "
                       "not signed", f"ledger #{last}")


def _check_ledger(report: Report, source, manifest: dict, key: object) -> list:  # noqa: ANN001
    """The slice's runs of entries, each between two signed checkpoints. Returns the
    entries (for the records they prove)."""
    ledger = manifest.get("ledger") or {}
    entries = _load_jsonl(report, source, ledger.get("entries"), "条目 / entries")
    checkpoints = _load_jsonl(report, source, ledger.get("checkpoints"),
                              "检查点 / checkpoints")
    workstation = (manifest.get("workstation") or {}).get("id")
    signed = _check_checkpoints(report, checkpoints, workstation, key) if key else {}
    _check_countersignatures(report, manifest, signed)
    seqs = [e.get("seq") for e in entries]
    if not all(isinstance(s, int) for s in seqs):
        report.problem("ledger_invalid", "审计日志条目缺少序号", "a ledger entry has no number",
                       ledger.get("entries", ""))
        return []
    if seqs != sorted(set(seqs)):
        report.problem("ledger_invalid", "审计日志条目重复或未按顺序排列",
                       "ledger entries are repeated or out of order", ledger.get("entries", ""))
        return []
    report.entries = len(entries)
    runs: list[list] = []
    for entry in entries:
        if runs and runs[-1][-1]["seq"] + 1 == entry["seq"]:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    report.runs = len(runs)
    for run in runs:
        _check_run(report, run, signed)
    return entries


def _records(entries: list) -> dict:
    """(table, id) -> the record's values as the ledger leaves them (None: deleted)."""
    state: dict[tuple[str, str], dict | None] = {}
    for entry in entries:
        try:
            change = json.loads(entry["change"])
        except (KeyError, TypeError, ValueError):
            continue
        if not isinstance(change, dict):
            continue
        key = (entry.get("object_type"), entry.get("object_id"))
        op = change.get("op")
        if op == "insert" and isinstance(change.get("values"), dict):
            state[key] = dict(change["values"])
        elif op == "update" and isinstance(state.get(key), dict):
            state[key].update(change.get("after") or {})
        elif op == "delete":
            state[key] = None
    return state


def _instant(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        if text.endswith("Z"):
            return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _check_backing(report: Report, manifest: dict, entries: list) -> None:
    """Each footage file and document (listed or left out) is in the ledger slice."""
    state = _records(entries)
    case = manifest.get("case") or {}
    case_id = case.get("id")
    record = state.get(("enforcement_case", case_id))
    if not record or record.get("number") != case.get("number"):
        report.problem("not_in_ledger", f"审计日志片段中没有案件 {case.get('number')} 的记录",
                       f"the ledger slice does not record the case {case.get('number')}",
                       "case")
    footage = {}
    for (table, _), values in state.items():
        if table == "footage" and values:
            footage[values.get("sha256")] = values
    linked = {v.get("sha256") for (table, _), v in state.items()
              if table == "evidence_link" and v and v.get("case_id") == case_id}
    documents = {v.get("sha256"): v for (table, _), v in state.items()
                 if table == "issued_document" and v and v.get("case_id") == case_id}
    items = [(i, False) for i in manifest.get("files") or [] if isinstance(i, dict)]
    items += [(i, True) for i in manifest.get("excluded") or [] if isinstance(i, dict)]
    for item, left_out in items:
        role, sha256 = item.get("role"), item.get("sha256")
        where = item.get("path") or sha256 or ""
        if role == "footage":
            values = footage.get(sha256)
            if values is None or sha256 not in linked:
                what = "文件入库记录" if values is None else "与本案的关联记录"
                what_en = "its storing" if values is None else "its link to the case"
                report.problem("not_in_ledger", f"{where}：审计日志片段中没有{what}",
                               f"{where}: the ledger slice does not record {what_en}", where)
                continue
            _compare(report, where, item, values, ("size", "sm3", "device_serial"))
            stated, recorded = _instant(item.get("recorded_at")), _instant(
                values.get("recorded_at"))
            if stated != recorded:
                report.problem("not_in_ledger", f"{where}：录制时间与审计日志记载不符",
                               f"{where}: the recording time differs from the ledger's", where)
        elif role == "document":
            values = documents.get(sha256)
            if values is None:
                report.problem("not_in_ledger", f"{where}：审计日志片段中没有本案出具该文书的记录",
                               f"{where}: the ledger slice does not record this document "
                               "issued for the case", where)
                continue
            _compare(report, where, item, values, ("size", "number"))
        elif left_out:
            report.problem("manifest_invalid", f"未提供文件 {sha256} 的类别无法识别",
                           f"the left-out file {sha256} has an unknown kind", MANIFEST)


def _compare(report: Report, where: str, item: dict, values: dict, keys: tuple) -> None:
    for key in keys:
        if key in item and item.get(key) != values.get(key):
            report.problem("not_in_ledger", f"{where}：清单中的 {key} 与审计日志记载不符",
                           f"{where}: the manifest's {key} differs from the ledger's", where)


def verify(path: str, expected_fingerprint: str = "",
           expected_hq_fingerprint: str = "") -> Report:
    """Check the package at ``path`` (a ZIP file or an unpacked folder)."""
    report = Report(path)
    report.expected_fingerprint = expected_fingerprint
    report.expected_hq_fingerprint = expected_hq_fingerprint
    try:
        source = FolderSource(path) if os.path.isdir(path) else ZipSource(path)
    except (OSError, zipfile.BadZipFile) as error:
        report.problem("package_unreadable", f"无法打开证据包：{error}",
                       f"the package cannot be opened: {error}", path)
        return report
    try:
        _verify(report, source)
    finally:
        source.close()
    return report


def _verify(report: Report, source) -> None:  # noqa: ANN001
    names = set(source.names())
    for name in (MANIFEST, SIGNATURE):
        if name not in names:
            report.problem("manifest_missing", f"证据包中没有 {name}",
                           f"the package has no {name}", name)
    for name in sorted(names):
        if not safe_path(name):
            report.problem("file_added", f"证据包中有不可接受的路径 {name!r}",
                           f"the package holds an unacceptable path {name!r}", name)
    if MANIFEST not in names:
        return
    try:
        manifest_bytes = _read_small(source, MANIFEST, MANIFEST_LIMIT)
        manifest = json.loads(manifest_bytes.decode("utf-8"),
                              object_pairs_hook=_no_duplicate_keys)
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as error:
        report.problem("manifest_invalid", f"manifest.json 无法读取：{error}",
                       f"manifest.json cannot be read: {error}", MANIFEST)
        return
    report.manifest = manifest
    if manifest.get("kind") != KIND or manifest.get("version") not in VERSIONS:
        report.problem("manifest_invalid", "manifest.json 不是本核验程序认识的证据包清单",
                       "manifest.json is not an evidence package manifest this verifier "
                       "knows", MANIFEST)
        return
    key = None
    if SIGNATURE in names:
        try:
            signature = _read_small(source, SIGNATURE, 4096).decode("ascii")
        except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
            signature = ""
        key = _check_signature(report, manifest_bytes, signature)
    _check_files(report, source, manifest)
    entries = _check_ledger(report, source, manifest, key)
    _check_backing(report, manifest, entries)


# ------------------------------------------------------------------------------- main
def _utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list | None = None) -> int:
    _utf8_output()
    parser = argparse.ArgumentParser(
        prog="verify_package.py",
        description="核验 LawDesk 电子证据包 / verify a LawDesk evidence package")
    parser.add_argument("package", help="证据包 ZIP 文件或解压后的文件夹 / the ZIP or its "
                                        "unpacked folder")
    parser.add_argument("--fingerprint", default="",
                        help="本局公布的公钥指纹 / the key fingerprint the bureau publishes")
    parser.add_argument("--hq-fingerprint", default="",
                        help="总部公布的公钥指纹 / the key fingerprint the bureau's HQ "
                             "publishes")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    args = parser.parse_args(argv)
    try:
        import cryptography  # noqa: F401
    except ImportError:
        print("需要 cryptography 包：pip install cryptography\n"
              "The cryptography package is needed: pip install cryptography", file=sys.stderr)
        return EXIT_CANNOT_RUN
    report = verify(args.package, args.fingerprint, args.hq_fingerprint)
    if args.json:
        print(json_text(report.as_json()))
    else:
        print(report.text())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
