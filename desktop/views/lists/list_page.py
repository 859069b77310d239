"""One public list: the rows of the version in force (or of an earlier one, chosen in the
history), its versions with who approved and recorded each, and what changed between two
chosen versions, added rows green, removed red, changed cells amber. Import and export run
off the UI thread; a refusal (a bad file's rows and columns, a non-admin, a workstation
whose lists HQ keeps) shows on the line under the buttons or in the import dialog."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from core.permissions import Permission
from desktop.latest_read import LatestRead
from desktop.models.listed import ListTableModel
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.views.lists.import_dialog import ImportDialog
from desktop.views.lists.models import diff_columns, diff_rows, row_columns, version_columns
from desktop.views.lists.tables import fit, table_view
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny
from public_lists.service import (ExportResult, ListView, VersionInfo, compare_versions,
                                  export_list, list_versions, show_list)
from public_lists.versions import ListDiff

SHOWN = frozenset({"public_list_version", "public_list_row"})


class ListPage(QWidget):
    def __init__(self, session: UiSession, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.kind = session, kind
        self.view: ListView | None = None
        self.versions: list[VersionInfo] = []
        self.shown_number: int | None = None     # None: the version in force
        self.diff: ListDiff | None = None
        lang = session.language
        self.summary = QLabel()
        self.summary.setObjectName("listSummary")
        self.summary.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import a new version…"))
        self.import_button.setObjectName("importList")
        self.import_button.clicked.connect(self.open_import)
        deny(self.import_button, session.can(Permission.MANAGE_PUBLIC_LISTS),
             self.tr("Your roles do not allow changing the public lists."))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportList")
        self.export_button.clicked.connect(self.choose_export)
        self.feedback = Feedback()
        self.feedback.setObjectName("listFeedback")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)

        self.rows_model = ListTableModel(row_columns(
            kind, lang, lambda: self.view.benchmarks if self.view else {}), self)
        self.rows_view = table_view(self.rows_model, "listRows")
        self.versions_model = ListTableModel(version_columns(session.workspace.clock.local),
                                             self)
        self.history_view = table_view(self.versions_model, "listVersions")
        self.history_view.doubleClicked.connect(lambda _index: self.show_selected_version())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("listTabs")
        self.tabs.addTab(self.rows_view, self.tr("Rows"))
        self.tabs.addTab(self._history_tab(), self.tr("Version history"))
        self.tabs.addTab(self._compare_tab(lang), self.tr("Compare versions"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.feedback)
        layout.addWidget(self.tabs, 1)
        # Its own line for a refused read: reading again after a change must not clear
        # what the user's last action said.
        self.load_feedback = Feedback()
        self.load_feedback.setObjectName("listLoadFeedback")
        layout.insertWidget(1, self.load_feedback)
        self._read = LatestRead(session, self, where=self.load_feedback)
        session.subscribe(self, SHOWN, lambda _changes: self.reload())
        self.reload()

    def _history_tab(self) -> QWidget:
        page = QWidget()
        self.show_version_button = QPushButton(self.tr("Show this version's rows"))
        self.show_version_button.setObjectName("showListVersion")
        self.show_version_button.clicked.connect(self.show_selected_version)
        self.show_current_button = QPushButton(self.tr("Show the version in force"))
        self.show_current_button.setObjectName("showListInForce")
        self.show_current_button.clicked.connect(lambda: self.show_version(None))
        row = QHBoxLayout()
        row.addWidget(self.show_version_button)
        row.addWidget(self.show_current_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.history_view, 1)
        return page

    def _compare_tab(self, lang: str) -> QWidget:
        page = QWidget()
        self.old_choice = QComboBox()
        self.old_choice.setObjectName("diffOld")
        self.new_choice = QComboBox()
        self.new_choice.setObjectName("diffNew")
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setObjectName("compareVersions")
        self.compare_button.clicked.connect(self.compare)
        self.diff_summary = QLabel()
        self.diff_summary.setObjectName("diffSummary")
        self.diff_summary.setStyleSheet(HINT_STYLE)
        self.diff_model = ListTableModel(diff_columns(self.kind, lang), self)
        self.diff_view = table_view(self.diff_model, "listDiff")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("From version")))
        row.addWidget(self.old_choice)
        row.addWidget(QLabel(self.tr("to version")))
        row.addWidget(self.new_choice)
        row.addWidget(self.compare_button)
        row.addWidget(self.diff_summary, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.diff_view, 1)
        return page

    # --------------------------------------------------------------- loading
    @property
    def loading(self) -> bool:
        return self._read.loading

    def reload(self) -> None:
        ctx, kind, number = self.session.ctx, self.kind, self.shown_number
        self._read.start(lambda: (show_list(ctx, kind, number), list_versions(ctx, kind)),
                         self._arrived)

    def _arrived(self, result: tuple[ListView, list[VersionInfo]]) -> None:
        self.view, self.versions = result
        self.rows_model.set_rows(self.view.rows)
        self.versions_model.set_rows(self.versions)
        fit(self.rows_view)
        fit(self.history_view)
        self.summary.setText(self._summary_text())
        self._fill_choices()

    def _summary_text(self) -> str:
        version = self.view.version if self.view else None
        if version is None:
            return self.tr("No version is in force yet. Import the bureau's list as a CSV or "
                           "XLSX file with the column names of the header below; "
                           "resources/examples/lists/%1.csv shows an example.").replace(
                "%1", self.kind)
        text = (self.tr("Version %1, in force from %2, approved by %3; %4 rows.")
                .replace("%1", str(version.number))
                .replace("%2", version.effective_from.isoformat())
                .replace("%3", version.approved_by).replace("%4", str(version.row_count)))
        if not version.in_force:
            text += " " + self.tr("This is not the version in force.")
        return text

    def _fill_choices(self) -> None:
        """Both choosers list every version: the two newest chosen when the versions
        change (a new one compares with the one before), kept as chosen otherwise."""
        numbers = [v.number for v in self.versions]
        same = numbers == [self.new_choice.itemData(i) for i in range(self.new_choice.count())]
        for box, fallback in ((self.old_choice, numbers[1:2]), (self.new_choice, numbers[:1])):
            kept = box.currentData() if same else None
            box.clear()
            for number in numbers:
                box.addItem(self.tr("Version %1").replace("%1", str(number)), number)
            wanted = kept if kept is not None else (fallback[0] if fallback else None)
            if wanted is not None:
                box.setCurrentIndex(numbers.index(wanted))
        set_enabled(self.compare_button, len(numbers) >= 2)

    # --------------------------------------------------------------- actions
    def show_selected_version(self) -> None:
        rows = self.history_view.selectionModel().selectedRows()
        version = self.versions_model.row(rows[0].row()) if rows else None
        if version is None:
            self.feedback.error(self.tr("Select a version in the history first."))
            return
        self.show_version(version.number)

    def show_version(self, number: int | None) -> None:
        self.shown_number = number
        self.tabs.setCurrentIndex(0)
        self.reload()

    def compare(self) -> None:
        old, new = self.old_choice.currentData(), self.new_choice.currentData()
        if old is None or new is None or old == new:
            self.feedback.error(self.tr("Choose two different versions to compare."))
            return
        ctx, kind = self.session.ctx, self.kind
        self.session.run(self, lambda: compare_versions(ctx, kind, old, new),
                         where=self.feedback, busy=self.compare_button,
                         on_done=self._compared)

    def _compared(self, found: ListDiff) -> None:
        self.diff = found
        self.feedback.clear()
        self.diff_model.set_rows(diff_rows(self.kind, found))
        fit(self.diff_view)
        self.diff_summary.setText(
            self.tr("%1 added, %2 removed, %3 changed.")
            .replace("%1", str(len(found.added))).replace("%2", str(len(found.removed)))
            .replace("%3", str(len(found.changed))) if not found.empty
            else self.tr("The two versions are the same."))

    def open_import(self) -> None:
        dialog = ImportDialog(self.session, self.kind, self)
        dialog.saved.connect(self._imported)
        dialog.open()

    def _imported(self, version: VersionInfo) -> None:
        self.feedback.ok(self.tr("Imported version %1 (%2 rows), in force from %3.")
                         .replace("%1", str(version.number))
                         .replace("%2", str(version.row_count))
                         .replace("%3", version.effective_from.isoformat()))

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the list"), str(Path.home() / f"{self.kind}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the version shown (the one in force unless another was chosen)."""
        ctx, kind, number = self.session.ctx, self.kind, self.shown_number
        self.session.run(self, lambda: export_list(ctx, kind, path, number=number),
                         where=self.feedback, busy=self.export_button,
                         on_done=self._exported)

    def _exported(self, result: ExportResult) -> None:
        self.feedback.ok(self.tr("Exported %1 rows to %2.").replace("%1", str(result.rows))
                         .replace("%2", str(result.path)))
