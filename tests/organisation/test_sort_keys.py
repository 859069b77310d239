"""Units and user accounts in pinyin order (issue 14), as officers already are: the key is
written by the services and the lists order by it."""
from __future__ import annotations

from sqlalchemy import select

from accounts.users import add_user, list_users
from db.models import Unit, User
from organisation.units import add_unit, list_units, update_unit
from tests.conftest import ADMIN_PASSWORD

# Code points put 张 (U+5F20) before 李 (U+674E) and 王 (U+738B); pinyin puts li < wang <
# zhang < zhao.
UNITS = ("张村中队", "赵镇中队", "王庄中队", "李家中队")


def test_units_are_listed_in_pinyin_order_and_a_rename_moves_one(admin):
    for number, name in enumerate(UNITS):
        add_unit(admin, name, f"队{number}")
    assert [u.name for u in list_units(admin)] == ["李家中队", "王庄中队", "张村中队", "赵镇中队"]
    zhao = next(u for u in list_units(admin) if u.name == "赵镇中队")
    update_unit(admin, zhao.id, "阿城中队", "队1")          # a cheng: first now
    assert [u.name for u in list_units(admin)][:2] == ["阿城中队", "李家中队"]
    with admin.db.read() as session:
        keys = dict(session.execute(select(Unit.name, Unit.name_sort_key)).all())
    assert keys["阿城中队"].startswith("a cheng zhong dui\t")


def test_accounts_are_listed_by_the_pinyin_of_their_display_names(admin):
    for login, name in (("u1", "赵磊"), ("u2", "张敏"), ("u3", "王芳"), ("u4", "李强")):
        add_user(admin, login, ADMIN_PASSWORD, ["clerk"], display_name=name)
    add_user(admin, "baoan", ADMIN_PASSWORD, ["clerk"])       # no display name: its login
    shown = [u.display_name or u.username for u in list_users(admin)]
    assert shown == ["admin", "baoan", "李强", "王芳", "张敏", "赵磊"]
    with admin.db.read() as session:
        key = session.execute(select(User.name_sort_key).where(User.username == "u2")).scalar()
    assert key.startswith("zhang min\t")


def test_numbers_in_unit_names_go_in_number_order(admin):
    for name, short in (("执法十一科", "十一"), ("执法二科", "二"), ("执法一科", "一"),
                        ("执法十科", "十"), ("办公室", "办")):
        add_unit(admin, name, short)
    # 办 ban before 执 zhi; 一 before 二 before 十 before 十一 (by pinyin alone: 二 er, 十 shi,
    # 十一 shi yi, 一 yi).
    assert [u.name for u in list_units(admin)] == ["办公室", "执法一科", "执法二科", "执法十科",
                                                   "执法十一科"]


def test_chinese_numerals_read_as_numbers():
    from core.name_order import _numeral_value
    assert [_numeral_value(t) for t in ("一", "十", "十二", "二十", "二十一", "一百零五",
                                        "二〇二六", "两")] == [1, 10, 12, 20, 21, 105, 2026, 2]
