"""The personnel list (人员资格清单): not typed but generated from the officers and their
certificates, so it shows the officers certified today and follows every new certificate,
expiry and revocation; exported like the other lists. Below it, the lookup by certificate
number shows what a member of the public may see of any certificate ever issued."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from desktop.latest_read import LatestRead
from desktop.models.listed import ListTableModel
from desktop.palette import HINT_STYLE, OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.views.lists.models import row_columns
from desktop.views.lists.tables import fit, table_view
from desktop.widgets.feedback import Feedback
from public_lists.service import ExportResult, ListView, export_list, lookup_certificate, show_list

KIND = "personnel"
# The records the list is generated from.
SHOWN = frozenset({"officer", "certificate", "unit"})


class PersonnelPage(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.kind = session, KIND
        self.view: ListView | None = None
        self.found: dict | None = None
        hint = QLabel(self.tr("Generated from the officers and their certificates: the "
                              "officers certified today. Change it by changing the officers "
                              "and certificates (Administration)."))
        hint.setObjectName("personnelHint")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportList")
        self.export_button.clicked.connect(self.choose_export)
        self.feedback = Feedback()
        self.feedback.setObjectName("listFeedback")
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.export_button)
        self.rows_model = ListTableModel(row_columns(KIND, session.language), self)
        self.rows_view = table_view(self.rows_model, "listRows")
        self.number = QLineEdit()
        self.number.setObjectName("lookupNumber")
        self.number.setPlaceholderText(self.tr("Certificate number"))
        self.number.returnPressed.connect(self.look_up)
        self.lookup_button = QPushButton(self.tr("Look up"))
        self.lookup_button.setObjectName("lookupCertificate")
        self.lookup_button.clicked.connect(self.look_up)
        self.answer = QLabel()
        self.answer.setObjectName("lookupAnswer")
        self.answer.setWordWrap(True)
        lookup = QHBoxLayout()
        lookup.addWidget(QLabel(self.tr("Look up a certificate:")))
        lookup.addWidget(self.number)
        lookup.addWidget(self.lookup_button)
        lookup.addWidget(self.answer, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.feedback)
        layout.addWidget(self.rows_view, 1)
        layout.addLayout(lookup)
        # Its own line for a refused read: reading again after a change must not clear
        # what the user's last action said.
        self.load_feedback = Feedback()
        self.load_feedback.setObjectName("listLoadFeedback")
        layout.insertWidget(1, self.load_feedback)
        self._read = LatestRead(session, self, where=self.load_feedback)
        session.subscribe(self, SHOWN, lambda _changes: self.reload())
        self.reload()

    @property
    def loading(self) -> bool:
        return self._read.loading

    def reload(self) -> None:
        ctx = self.session.ctx
        self._read.start(lambda: show_list(ctx, KIND), self._arrived)

    def _arrived(self, view: ListView) -> None:
        self.view = view
        self.rows_model.set_rows(view.rows)
        fit(self.rows_view)

    def look_up(self) -> None:
        ctx, number = self.session.ctx, self.number.text()
        self.session.run(self, lambda: lookup_certificate(ctx, number),
                         busy=self.lookup_button, on_done=self._found,
                         on_refused=self._not_found)

    def _found(self, found: dict) -> None:
        self.found = found
        english = self.session.language.startswith("en")
        status = found["status_text_en"] if english else found["status_text"]
        self.answer.setStyleSheet(OK_STYLE if found["certified"] else WARN_STYLE)
        self.answer.setText("；".join(filter(None, (
            found["name"], found["unit"], found["category"], found["area"],
            f"{found['valid_from']} ~ {found['valid_until']}", status))))

    def _not_found(self, error) -> None:  # noqa: ANN001 - a DomainError
        self.found = None
        self.answer.setStyleSheet(WARN_STYLE)
        self.answer.setText(self.session.message(error))

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the list"), str(Path.home() / f"{KIND}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        ctx = self.session.ctx
        self.session.run(self, lambda: export_list(ctx, KIND, path), where=self.feedback,
                         busy=self.export_button, on_done=self._exported)

    def _exported(self, result: ExportResult) -> None:
        self.feedback.ok(self.tr("Exported %1 rows to %2.").replace("%1", str(result.rows))
                         .replace("%2", str(result.path)))
