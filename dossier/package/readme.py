"""README.txt of a package: what it is and how to check it, in Chinese and English, for a
reader who has never heard of LawDesk. Windows line ends and a UTF-8 byte order mark, so
Notepad on any Windows shows it right."""
from __future__ import annotations

from typing import Any, Mapping

TEMPLATE = """\
电子证据包 / Evidence package
============================

执法机关 / Enforcement body: {bureau}
案号 / Case: {case_number}  {cause}
证据包编号 / Package id: {package_id}
制作时间 / Made: {created_at}
工作站公钥指纹 / Workstation key fingerprint:
    {fingerprint}
{hq_lines}
一、内容
  manifest.json       清单：每个文件的包内路径、SHA-256（及 SM3）、大小、录制设备、录制人员、
                      录制时间、导入时间、当时的设备领用人；未提供的文件及理由；工作站公钥。
  manifest.sig        工作站用 Ed25519 私钥对 manifest.json 全部字节的签名（十六进制）。
  manifest.pdf        打印用的清单（A4），印有公钥指纹。
  footage/            音视频资料原件，未经任何改动。
  documents/          本案出具的执法文书（PDF）原件。
  history/            所涉执法记录仪在录制期间的领用、状态和导入记录。
  ledger/             记载上述记录的审计日志片段及工作站签名的检查点。
  verify_package.py   核验程序（只用 Python 标准库和 cryptography 包）。

二、核验方法
  1. 安装 Python 3.8 或更高版本（https://www.python.org/ ，Windows 安装时勾选
     “Add python.exe to PATH”）。
  2. 安装 cryptography 包：
       Windows:  py -m pip install cryptography
       Linux:    python3 -m pip install cryptography
  3. 在证据包所在的文件夹中运行（对 ZIP 文件或解压后的文件夹均可）：
       Windows:  py verify_package.py 证据包.zip
       Linux:    python3 verify_package.py 证据包.zip
  4. 核对公钥指纹：核验程序显示的指纹应与 manifest.pdf 上印的指纹以及本局公布的工作站公钥指纹
     逐组一致。也可把公布的指纹交给程序自动比对：
       python verify_package.py 证据包.zip --fingerprint "本局公布的指纹"
  核验程序逐一核对每个文件的哈希值、清单签名、审计日志片段的哈希链和检查点签名，核对包内文件与
  清单完全一致（无增无减），并列出发现的每个问题；全部通过时显示“通过”，退出码为 0。
  5. 如有总部副署（见上方总部公钥指纹），把总部公布的指纹交给程序比对：
       python verify_package.py 证据包.zip --hq-fingerprint "总部公布的指纹"
  建议使用从本局或 LawDesk 源代码获得的 verify_package.py 副本核验，而不只用包内附带的一份。

1. Contents
  manifest.json       the manifest: every file's path in the package, SHA-256 (and SM3),
                      size, recorder, officer, recording time, offload time, who held the
                      recorder then; the files left out and why; the workstation's key.
  manifest.sig        the workstation's Ed25519 signature of the bytes of manifest.json (hex).
  manifest.pdf        the manifest to print (A4), with the key fingerprint.
  footage/            the recordings, unchanged.
  documents/          the case documents issued (PDF), unchanged.
  history/            the custody, status and offload records of the recorders involved.
  ledger/             the slice of the audit ledger that records all of the above, with the
                      workstation's signed checkpoints.
  verify_package.py   the verifier (the Python standard library and `cryptography` only).

2. How to verify
  1. Install Python 3.8 or later (https://www.python.org/; on Windows tick
     "Add python.exe to PATH").
  2. Install the cryptography package:
       Windows:  py -m pip install cryptography
       Linux:    python3 -m pip install cryptography
  3. In the folder that holds the package, run (on the ZIP or on its unpacked folder):
       Windows:  py verify_package.py PACKAGE.zip
       Linux:    python3 verify_package.py PACKAGE.zip
  4. Compare the key fingerprint: the one the verifier prints must match, group by group,
     the one printed on manifest.pdf and the one the bureau publishes for its workstation.
     The verifier compares it for you when given:
       python verify_package.py PACKAGE.zip --fingerprint "THE PUBLISHED FINGERPRINT"
  5. Where HQ countersigned (its key's fingerprint is above), give the one HQ publishes:
       python verify_package.py PACKAGE.zip --hq-fingerprint "HQ'S PUBLISHED FINGERPRINT"
  The verifier checks every file's hash, the manifest's signature, the ledger slice's hash
  chain and checkpoint signatures, and that the package holds exactly the manifest's files
  (nothing added, nothing missing); it names every problem it finds and, when all is well,
  says PASSED and exits with status 0. Prefer a copy of verify_package.py obtained from the
  bureau or from LawDesk's source over the one inside the package.
"""


def _hq_lines(hq: Mapping[str, Any] | None) -> str:
    if not hq:
        return ("总部副署 / HQ countersignature: 无（制作时尚未同步至总部）/ none (not yet "
                "synced to HQ)\n")
    return ("总部公钥指纹（副署检查点）/ HQ key fingerprint (countersigned checkpoints):\n"
            f"    {hq['fingerprint']}\n")


def readme_text(manifest: Mapping[str, Any]) -> bytes:
    case = manifest["case"]
    text = TEMPLATE.format(bureau=manifest.get("bureau") or "—", case_number=case["number"],
                           cause=case["cause"], package_id=manifest["package_id"],
                           created_at=manifest["created_at"],
                           fingerprint=manifest["workstation"]["fingerprint"],
                           hq_lines=_hq_lines(manifest.get("hq")))
    return "\ufeff".encode("utf-8") + text.replace("\n", "\r\n").encode("utf-8")
