"""A bureau with officers (tests/casework/conftest.py: 张伟 22010001 and 李娜 22010002
certified, 赵强 22010003 expired, 孙丽 22010004 until 2026-06-30; today is 2026-06-15), the
shipped discretion benchmarks, and the example lists of resources/examples/lists."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.casework.conftest import TODAY, admin_ctx, bureau  # noqa: F401 - fixtures
from tests.conftest import REPO

EXAMPLES = REPO / "resources" / "examples" / "lists"
EDITABLE = ("items", "subjects", "window_staff", "inspection_items", "service_guides")


def example(kind: str) -> Path:
    return EXAMPLES / f"{kind}.csv"


def example_text(kind: str) -> str:
    return example(kind).read_text("utf-8-sig")


@pytest.fixture
def write(tmp_path: Path):
    """``write(name, text, encoding="utf-8")``: a file in this test's folder."""
    def make(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path
    return make


@pytest.fixture
def copy_example(tmp_path: Path):
    def make(kind: str) -> Path:
        return Path(shutil.copy(example(kind), tmp_path / f"{kind}.csv"))
    return make


__all__ = ["TODAY", "EDITABLE", "example", "example_text"]
