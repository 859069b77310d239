"""Enrolling this workstation at HQ: the server's address and the one-time code."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from desktop.session import UiSession
from desktop.widgets.feedback import Feedback


class EnrollDialog(QDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.link = None
        self.setWindowTitle(self.tr("Enroll at headquarters"))
        self.server = QLineEdit()
        self.server.setObjectName("enrollServer")
        self.server.setPlaceholderText("https://hq.example.gov.cn:8765")
        self.code = QLineEdit()
        self.code.setObjectName("enrollCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("enrollCaFile")
        self.ca_file.setPlaceholderText(self.tr("only for a server with its own certificate"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("HQ server address"), self.server)
        form.addRow(self.tr("Enrollment code"), self.code)
        form.addRow(self.tr("CA certificate"), ca_row)
        hint = QLabel(self.tr("The HQ administrator issues a one-time code for your unit. "
                              "Once enrolled, officers, certificates and standards come "
                              "from HQ and can no longer be edited here."))
        hint.setWordWrap(True)
        self.error = Feedback()
        self.error.setObjectName("enrollError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enroll"))
        self.buttons.accepted.connect(self._enroll)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA certificate"), "",
                                              self.tr("Certificates (*.pem *.crt)"))
        if path:
            self.ca_file.setText(path)

    def _enroll(self) -> None:
        from sync.link import enroll
        session = self.session
        server, code = self.server.text().strip(), self.code.text().strip()
        ca = self.ca_file.text().strip()
        if not server or not code:
            self._show_error(self.tr("Enter the server address and the enrollment code."))
            return
        self.error.clear()

        def work():  # noqa: ANN202
            return enroll(session.ctx, session.workspace, server_url=server, code=code,
                          ca_file=Path(ca) if ca else None)

        # The sync lane: enrolling talks to HQ, which may take its time to answer.
        session.run(self, work, writes=True, lane="sync", where=self.error,
                    busy=self.buttons, on_done=self._enrolled)

    def _enrolled(self, link) -> None:  # noqa: ANN001
        self.link = link
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.error(text)
