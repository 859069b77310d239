"""A bureau ready for casework: a unit, certified officers (and one whose certificate has
expired), the bureau's name, the example case of resources/examples/case.json, and real
footage offloaded through the offload pipeline.

The fixed clock stands at 2026-06-15 10:00 in Beijing, so "today" is 2026-06-15. Test
modules import its constants as ``tests.casework.conftest`` (as tests/reports does).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from casework.inputs import parse_case
from config.settings import set_setting
from organisation.officers import CertificateInput, add_officer
from organisation.units import add_unit
from tests.conftest import REPO

TODAY = date(2026, 6, 15)
EXAMPLE = REPO / "resources" / "examples" / "case.json"
BUREAU = "农安县市场监督管理局"
# 张伟 and 李娜 are certified; 赵强's certificate expired before the case; 孙丽's runs out
# at the end of June, in the middle of a case.
OFFICERS = (("张伟", "22010001", date(2020, 1, 1), date(2028, 12, 31)),
            ("李娜", "22010002", date(2020, 1, 1), date(2028, 12, 31)),
            ("赵强", "22010003", date(2018, 1, 1), date(2026, 3, 31)),
            ("孙丽", "22010004", date(2020, 1, 1), date(2026, 6, 30)))


@pytest.fixture
def admin_ctx(as_role):
    return as_role("admin", username="admin")


@pytest.fixture
def clerk(workspace, as_role):
    """The case clerk (案件文书员)."""
    return as_role("clerk", username="clerk")


def set_up_bureau(admin_ctx) -> None:  # noqa: ANN001
    """Units, officers and the bureau's name, as an admin sets them up."""
    add_unit(admin_ctx, "综合执法一科", "执一")
    add_unit(admin_ctx, "综合执法二科", "执二")
    for name, number, start, end in OFFICERS:
        add_officer(admin_ctx, name, "执一", CertificateInput(number, end, valid_from=start))
    set_setting(admin_ctx, "bureau.name", BUREAU)


@pytest.fixture
def bureau(workspace, admin_ctx):
    """Units, officers and the bureau's name set up, as an admin would."""
    set_up_bureau(admin_ctx)
    return workspace


@pytest.fixture
def example_data() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def example_input(example_data):
    return parse_case(example_data)


@pytest.fixture
def case_input(example_input):
    """``case_input(**changes)``: the example case with some fields changed."""
    def make(**changes):
        return replace(example_input, **changes)
    return make


@pytest.fixture
def penalty_case(bureau, clerk, example_input):
    """The example case, opened by the clerk."""
    from casework.cases import create_case
    return create_case(clerk, example_input)


@pytest.fixture
def archive(workspace):
    from casework.documents import DocumentArchive
    return DocumentArchive(workspace.documents_dir)


@pytest.fixture
def footage(bureau, workspace, admin_ctx, tmp_path):
    """``footage(count, sm3=False)``: files of a GA/T 947 body camera offloaded into the
    store through the real pipeline; returns their SHA-256 digests in recording order."""
    from devices.offload.pipeline import offload

    def make(count: int = 2, *, sm3: bool = False, first: int = 0) -> list[str]:
        set_setting(admin_ctx, "footage.sm3", sm3)
        card = tmp_path / f"card-{first}"
        (card / "RECORD").mkdir(parents=True)
        expected = []
        for i in range(first, first + count):
            name = f"J001234_22010001_20260603{9 + i // 60:02d}{30 + i % 30:02d}00_{i + 1:04d}.MP4"
            data = hashlib.shake_256(name.encode()).digest(20_000 + i)
            (card / "RECORD" / name).write_bytes(data)
            expected.append(hashlib.sha256(data).hexdigest())
        result = offload(admin_ctx, workspace.store, card, device_serial="J001234")
        stored = {f.sha256 for f in result.files if f.sha256}
        assert set(expected) <= stored
        return expected
    return make


@pytest.fixture
def advance(clerk):
    """``advance(case, "filing", "investigation", …)``: record steps on 2026-06-0x days."""
    from casework.cases import record_step

    def run(case, *steps: str) -> None:  # noqa: ANN001
        days = {"filing": 4, "investigation": 5, "notice": 8, "hearing": 9, "decision": 10,
                "service": 11, "execution": 12, "closing": 15}
        for step in steps:
            record_step(clerk, case.number, step, date(2026, 6, days[step]))
    return run


@pytest.fixture
def pdf_text():
    """Every page's text of a PDF (bytes or path), joined, line breaks removed."""
    from io import BytesIO

    from pypdf import PdfReader

    def read(pdf: bytes | Path) -> str:
        source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
        return "".join(page.extract_text() for page in PdfReader(source).pages
                       ).replace("\n", "").replace(" ", "")
    return read


def valid_uscc(first17: str) -> str:
    from casework.identity import uscc_check_char
    return first17 + uscc_check_char(first17)


@pytest.fixture
def uscc():
    return valid_uscc


@pytest.fixture
def sha_of():
    return lambda data: hashlib.sha256(data).hexdigest()
