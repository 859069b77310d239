"""A bureau ready for a double-random draw: two units with certified officers (and one
expired, one suspended), the random-inspection list imported through public_lists, and
target files of market subjects with valid USCCs.

The fixed clock of tests/conftest.py stands at 2026-06-15 10:00 in Beijing.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspections.uscc import check_character
from organisation.officers import CertificateInput, add_officer, set_certificate_status
from organisation.units import add_unit

ITEMS_CSV = ("code,body,basis,target_kind,content,method,ratio,frequency\n"
             "SJ-001,某县市场监督管理局,《企业信息公示暂行条例》第十四条,企业,企业公示信息抽查,"
             "书面检查、实地核查,5%,每年一次\n"
             "SJ-002,某县市场监督管理局,《食品安全法》第一百一十条,食品经营者,食品经营许可检查,"
             "实地核查,3%,每半年一次\n")
# name, certificate, unit, valid until; 钱七's certificate has expired, 孙八's is suspended.
OFFICERS = (("张伟", "22010001", "执一", date(2028, 12, 31)),
            ("李娜", "22010002", "执一", date(2028, 12, 31)),
            ("王芳", "22010003", "执一", date(2028, 12, 31)),
            ("刘洋", "22020001", "执二", date(2028, 12, 31)),
            ("钱七", "22010005", "执一", date(2026, 3, 31)),
            ("孙八", "22010006", "执一", date(2028, 12, 31)))
CERTIFIED = ("22010001", "22010002", "22010003", "22020001")


def uscc(n: int) -> str:
    """A valid unified social credit code, different for each n."""
    first = f"9122010{n:010d}"
    return first + check_character(first)


def targets_csv(count: int, *, start: int = 1) -> str:
    lines = ["name,uscc,address,category"]
    lines += [f"长春市某某商贸有限公司{n},{uscc(n)},长春市朝阳区幸福路{n}号,批发和零售业"
              for n in range(start, start + count)]
    return "\n".join(lines) + "\n"


def set_up_draws(admin_ctx, folder: Path) -> None:  # noqa: ANN001
    from public_lists.service import import_list
    add_unit(admin_ctx, "综合执法一科", "执一")
    add_unit(admin_ctx, "综合执法二科", "执二")
    for name, number, unit, until in OFFICERS:
        add_officer(admin_ctx, name, unit, CertificateInput(number, until,
                                                            valid_from=date(2020, 1, 1)))
    set_certificate_status(admin_ctx, "22010006", "suspended", "停职")
    items = folder / "items.csv"
    items.write_text(ITEMS_CSV, "utf-8")
    import_list(admin_ctx, "inspection_items", items)


@pytest.fixture
def admin_ctx(as_role):
    return as_role("admin", username="admin")


@pytest.fixture
def bureau(workspace, admin_ctx, tmp_path):
    set_up_draws(admin_ctx, tmp_path)
    return workspace


@pytest.fixture
def pool_file(tmp_path):
    """``pool_file(count, name=..., encoding=...)``: a target file of ``count`` subjects."""
    def make(count: int = 20, *, name: str = "targets.csv", encoding: str = "utf-8",
             text: str | None = None) -> Path:
        path = tmp_path / name
        path.write_bytes((text if text is not None else targets_csv(count)).encode(encoding))
        return path
    return make
