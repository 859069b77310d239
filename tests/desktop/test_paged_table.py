"""The paged table model and the searchable table: rows come a page at a time off the UI
thread, an answer overtaken by a newer search is dropped, the count follows the search."""
from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from desktop.models.columns import Column
from desktop.models.paged import PAGE_SIZE, PagedTableModel
from desktop.widgets.search_table import SearchableTable


class Numbers:
    """A row source over the numbers 0..n-1 that contain ``text``; it records which thread
    asked and can be held up to overtake it."""

    def __init__(self, n: int, text: str = "", gate: threading.Event | None = None) -> None:
        self.rows = [i for i in range(n) if text in str(i)]
        self.gate, self.threads, self.pages = gate, set(), []

    def count(self) -> int:
        self.threads.add(threading.current_thread())
        if self.gate is not None:
            self.gate.wait(10)
        return len(self.rows)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[int]:
        self.threads.add(threading.current_thread())
        self.pages.append(offset)
        rows = sorted(self.rows, reverse=descending)
        return rows[offset:offset + limit]


COLUMNS = [Column(lambda: "n", lambda n: n, "n")]


def test_pages_load_off_the_ui_thread_as_they_are_needed(qtbot, ui_session, settle):
    owner = QWidget()
    qtbot.addWidget(owner)
    source = Numbers(1000)
    model = PagedTableModel(ui_session, owner, source, COLUMNS, sort="n")
    assert model.rowCount() == 0 and model.loading      # nothing yet, nothing blocked
    qtbot.waitUntil(lambda: model.rowCount() == 1000)
    assert threading.main_thread() not in source.threads
    assert source.pages == [0]                          # one page, not a thousand rows
    assert model.data(model.index(5, 0)) == "5"
    assert model.data(model.index(PAGE_SIZE * 3, 0)) is None   # asked for, not there yet
    qtbot.waitUntil(lambda: model.data(model.index(PAGE_SIZE * 3, 0)) == str(PAGE_SIZE * 3))
    assert source.pages == [0, PAGE_SIZE * 3]
    model.descending = True
    model.reload()
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "999")


def test_an_answer_overtaken_by_a_newer_search_is_dropped(qtbot, ui_session, settle):
    owner = QWidget()
    qtbot.addWidget(owner)
    gate = threading.Event()
    model = PagedTableModel(ui_session, owner, Numbers(1000, gate=gate), COLUMNS, sort="n")
    model.set_source(Numbers(1000, text="7"))           # typed on before the first came back
    qtbot.waitUntil(lambda: model.loaded_once)
    gate.set()
    settle(ui_session)
    assert model.rowCount() == len([i for i in range(1000) if "7" in str(i)])


def test_the_searchable_table_counts_what_the_search_finds(qtbot, ui_session, settle):
    page = SearchableTable(ui_session, lambda text: Numbers(500, text), COLUMNS, sort="n",
                           count_text="共 %1 条", name="numbers")
    qtbot.addWidget(page)
    page.add_count()
    page.refresh()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 500 条")
    qtbot.keyClicks(page.search, "42")
    assert page.loading                                 # waits for typing to pause
    qtbot.waitUntil(lambda: not page.loading)
    assert page.count_label.text() == "共 15 条"   # 42, 142, 242, 342, 420-429, 442
    assert page.select_where(lambda n: n == 242)
    assert page.selected() == 242


class Items:
    """Rows with an ``id``, as the domain's rows have; ``gone`` are left out."""

    def __init__(self, gone: set[int]) -> None:
        self.gone = gone

    def count(self) -> int:
        return len(self._rows())

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list:
        return self._rows()[offset:offset + limit]

    def _rows(self) -> list:
        from types import SimpleNamespace
        return [SimpleNamespace(id=f"r{i}", n=i) for i in range(20) if i not in self.gone]


def test_a_reload_keeps_the_row_the_user_chose_while_it_is_there(qtbot, ui_session):
    gone: set[int] = set()
    page = SearchableTable(ui_session, lambda _text: Items(gone),
                           [Column(lambda: "n", lambda row: row.n, "n")], sort="n")
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 20)
    assert page.select_where(lambda row: row.id == "r7")
    gone.add(3)                       # the records changed under the page: a row went
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 19)
    assert page.selected().id == "r7"
    gone.add(7)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 18)
    assert page.selected() is None
