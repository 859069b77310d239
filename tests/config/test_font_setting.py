"""The documents.font_file setting: only an admin sets it, and only to a font PDFs can use."""
from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import get_setting, set_setting
from core.errors import InvalidInput
from core.permissions import PermissionDenied
from reports.fonts import FontUnusable, find_font


def test_unset_by_default(workspace):
    assert get_setting(workspace.db, "documents.font_file") == ""


def test_an_admin_names_a_usable_font_and_documents_find_it(admin, workspace):
    path = str(find_font().path)
    set_setting(admin, "documents.font_file", path)
    stored = get_setting(workspace.db, "documents.font_file")
    assert stored == path
    assert find_font(stored).path == Path(path)


def test_a_missing_file_is_refused_and_nothing_is_stored(admin, workspace, tmp_path: Path):
    with pytest.raises(FontUnusable) as refused:
        set_setting(admin, "documents.font_file", str(tmp_path / "仿宋_GB2312.ttf"))
    assert "不存在" in refused.value.message("zh_CN")
    assert get_setting(workspace.db, "documents.font_file") == ""


def test_a_file_that_is_no_font_is_refused(admin, tmp_path: Path):
    bogus = tmp_path / "fangsong.ttf"
    bogus.write_text("这不是字体")
    with pytest.raises(FontUnusable):
        set_setting(admin, "documents.font_file", str(bogus))


def test_clearing_it_goes_back_to_searching(admin, workspace):
    set_setting(admin, "documents.font_file", str(find_font().path))
    set_setting(admin, "documents.font_file", "")
    assert get_setting(workspace.db, "documents.font_file") == ""


def test_not_text_is_refused(admin):
    with pytest.raises(InvalidInput):
        set_setting(admin, "documents.font_file", 12)


@pytest.mark.parametrize("role", ["clerk", "custodian", "officer", "reviewer"])
def test_only_who_may_change_settings_may_set_it(as_role, role):
    with pytest.raises(PermissionDenied):
        set_setting(as_role(role), "documents.font_file", str(find_font().path))
