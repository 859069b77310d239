"""Officers in pinyin order (core.name_order): the key is computed on write, kept in
officer.name_sort_key, filled by migration 0019 for names already there, and lists sort
by it (李四 before 张三, which code-point order gets wrong)."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

from db.database import Database, sqlite_url
from db.migrate import migrate
from lawdesk.workspace import DB_NAME, Workspace
from core.name_order import name_sort_key
from organisation.officers import CertificateInput, add_officer, officer_page, update_officer
from organisation.units import add_unit

NAMES = ("张三", "李四", "王五", "阿明", "刘洋", "吕布", "Lee")
IN_PINYIN_ORDER = ["阿明", "Lee", "李四", "刘洋", "吕布", "王五", "张三"]


def _bureau(ctx) -> None:  # noqa: ANN001
    add_unit(ctx, "综合执法一科", "执一")
    for number, name in enumerate(NAMES):
        add_officer(ctx, name, "执一", CertificateInput(f"2201{number:04d}", date(2028, 1, 1)))


def test_the_sort_key_orders_names_by_pinyin_then_tone():
    assert sorted(NAMES, key=name_sort_key) == IN_PINYIN_ORDER
    # Same syllables, different tones: 李 (li3) before 栗 (li4); the key never ties.
    assert name_sort_key("李明") < name_sort_key("栗明")
    assert sorted(["张三", "张三丰", "章三"], key=name_sort_key) == ["张三", "章三", "张三丰"]


def test_officer_lists_sort_by_pinyin_both_ways_and_follow_a_rename(as_role):
    ctx = as_role("admin")
    _bureau(ctx)
    assert [o.name for o in officer_page(ctx, sort="name", limit=50)] == IN_PINYIN_ORDER
    assert [o.name for o in officer_page(ctx, sort="name", descending=True)] == \
        IN_PINYIN_ORDER[::-1]
    officer = next(o for o in officer_page(ctx) if o.name == "阿明")
    update_officer(ctx, officer.id, name="赵明", unit="执一", post=None, phone=None)
    assert [o.name for o in officer_page(ctx, sort="name", limit=50)][-1] == "赵明"


def test_migration_0019_fills_the_key_for_officers_already_there(workspace, as_role, data_dir,
                                                                 clock):
    _bureau(as_role("admin"))
    workspace.close()
    database = Database(sqlite_url(data_dir / DB_NAME))
    try:
        migrate(database, backup_dir=data_dir / "backups", now=clock.now(), target="0018")
    finally:
        database.dispose()
    with Workspace.open(data_dir, clock=clock) as ws:   # upgrades to 0019 again
        assert ws.migrated_from == "0018"
    with closing(sqlite3.connect(data_dir / DB_NAME)) as connection:
        keys = dict(connection.execute("SELECT name, name_sort_key FROM officer"))
    assert keys == {name: name_sort_key(name) for name in NAMES}
