"""The device PDFs read back as a custodian or an inspector would read them."""
from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from core.errors import InvalidInput
from devices.custody import PreUseCheck, checkin, checkout
from devices.documents import ratio_report_pdf, use_register_pdf
from devices.ratio import set_standard

A4 = (595.28, 841.89)
A4_LANDSCAPE = (841.89, 595.28)


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def _fonts_embedded(path) -> bool:
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()
            if "/DescendantFonts" in descendant:
                descendant = descendant["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
    return True


def test_the_use_register_lists_each_checkout_of_the_period(bureau, keeper, manager, png,
                                                            tmp_path):
    from accounts.users import add_user
    add_user(manager, "keeper", "keeper-pass-1", ["custodian"], display_name="孙管理")
    checkout(keeper, "BC-1", "C-WANG", checks=PreUseCheck(), signature_png=png(1))
    checkin(keeper, "BC-1", condition="damaged", notes="屏幕裂", signature_png=png(2))
    checkout(keeper, "BC-2", "C-ZHAO", checks=PreUseCheck(), signature_png=png(3))
    path = use_register_pdf(keeper, date(2026, 6, 1), date(2026, 6, 15),
                            tmp_path / "register.pdf")
    reader = PdfReader(path)
    # Twelve columns: the page is turned (GB/T 9704 横排表格).
    assert tuple(round(float(v), 2) for v in reader.pages[0].mediabox.upper_right) == \
        A4_LANDSCAPE
    text = _text(path)
    assert "音像记录设备使用登记台账" in text
    assert "2026年6月1日至2026年6月15日，共 2 次领用" in text
    for expected in ("BC-1", "王五", "C-WANG", "损坏", "BC-2", "赵六", "未归还", "领用签名",
                     "归还签名"):
        assert expected in text
    assert "keeper" not in text and "孙管理" in text  # by name, never by login
    # The three signatures given on the pad are printed: an image each.
    images = sum(len(page.images) for page in reader.pages)
    assert images == 3
    assert _fonts_embedded(path)


def test_a_lost_device_shows_no_return_time(bureau, keeper, manager, png, tmp_path):
    from devices.registry import set_device_status
    checkout(keeper, "BC-1", "C-WANG", checks=PreUseCheck(), signature_png=png(1))
    set_device_status(manager, "BC-1", "lost", reason="执法途中遗失")
    text = _text(use_register_pdf(keeper, date(2026, 6, 1), date(2026, 6, 15),
                                  tmp_path / "lost.pdf"))
    assert "报失" in text and "未归还" not in text
    assert "完好" not in text and "—" in text


def test_a_period_with_no_checkout_says_so(bureau, keeper, tmp_path):
    text = _text(use_register_pdf(keeper, date(2026, 1, 1), date(2026, 1, 31),
                                  tmp_path / "empty.pdf"))
    assert "本期间内无设备领用记录" in text


def test_a_period_that_ends_before_it_starts_is_refused(bureau, keeper, tmp_path):
    with pytest.raises(InvalidInput, match="早于开始日期"):
        use_register_pdf(keeper, date(2026, 6, 15), date(2026, 6, 1), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_ratio_report_shows_each_unit_against_its_standard(bureau, manager, tmp_path):
    set_standard(manager, None, "body_camera", officers_per_device=1)
    path = ratio_report_pdf(manager, tmp_path / "ratio.pdf")
    text = _text(path)
    assert "音像记录设备配备情况报告" in text
    assert "综合科" in text and "法制科" in text
    assert "每1人1台" in text
    assert "30 天内到期的执法证" in text
    assert "合计" in text and "制表人" in text and "审核人" in text
    assert _fonts_embedded(path)


def test_the_cli_writes_both_pdfs(bureau, cli_here, tmp_path):
    register = tmp_path / "register.pdf"
    result = cli_here("device", "register-pdf", "--from", "2026-06-01", "--to", "2026-06-15",
                      "--out", str(register), user="admin")
    assert result.returncode == 0, result.stderr
    assert "音像记录设备使用登记台账" in _text(register)
    ratio = tmp_path / "ratio.pdf"
    result = cli_here("ratio", "report", "--json", "--pdf", str(ratio), user="admin")
    assert result.returncode == 0, result.stderr
    assert "音像记录设备配备情况报告" in _text(ratio)
    bad = cli_here("device", "register-pdf", "--from", "2026-06-31", "--to", "2026-07-01",
                   "--out", str(tmp_path / "x.pdf"), user="admin")
    assert bad.returncode == 1 and "2026-06-31" in bad.stderr
