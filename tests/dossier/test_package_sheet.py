"""The printed manifest sheet (manifest.pdf), read back as a reader would: A4 pages in
Chinese with the case, every file's SHA-256 and SM3, the recorder and officer, what was
left out and why, the key fingerprint and how to run the verifier; and README.txt says the
same fingerprint and how to run the verifier on Windows and Linux."""
from __future__ import annotations

import json
import zipfile
from io import BytesIO

from pypdf import PdfReader

from tests.dossier.conftest import BYSTANDER, REASON
from tests.reports.conftest import A4_POINTS


def test_the_sheet_lists_every_file_and_prints_the_fingerprint(built, pdf_text):
    with zipfile.ZipFile(built.partial) as archive:
        sheet = archive.read("manifest.pdf")
        manifest = json.loads(archive.read("manifest.json"))
    reader = PdfReader(BytesIO(sheet))
    assert all(abs(float(p.mediabox.width) - A4_POINTS[0]) < 0.5
               and abs(float(p.mediabox.height) - A4_POINTS[1]) < 0.5 for p in reader.pages)
    text = pdf_text(sheet)
    assert "电子证据包清单" in text and "执一案〔2026〕1号" in text
    assert manifest["package_id"] in text
    assert built.fingerprint.replace(" ", "") in text
    for entry in manifest["files"]:
        if entry["role"] in ("footage", "document"):
            assert entry["sha256"] in text
        if entry.get("sm3"):
            assert entry["sm3"] in text
    assert "张伟（22010001）" in text and "J001234执法记录仪" in text
    assert "（时钟已核对）" in text   # the recorder's clock was judged at the offload
    assert "未随包提供的文件（1个）" in text
    assert built.case.footage[BYSTANDER] in text and REASON.replace(" ", "") in text
    assert "pipinstallcryptography" in text and "pythonverify_package.py" in text


def test_the_readme_says_how_to_verify_on_windows_and_linux(built):
    with zipfile.ZipFile(built.full) as archive:
        data = archive.read("README.txt")
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data and b"\n\n" not in data
    text = data.decode("utf-8-sig")
    assert built.fingerprint in text
    for line in ("py -m pip install cryptography", "python3 -m pip install cryptography",
                 "py verify_package.py 证据包.zip", "python3 verify_package.py PACKAGE.zip",
                 '--fingerprint "本局公布的指纹"'):
        assert line in text
