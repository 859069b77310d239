"""A document's fields as a form: each value, where it came from, the required ones that
are still empty marked in red. Fields the template lets the user type are editable; the
rest come from the case and are changed there."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from casework.documents import DocumentForm
from casework.documents.fields import FieldValue
from desktop.palette import HINT_STYLE as ORIGIN_STYLE
from desktop.palette import MISSING_STYLE, WARN_STYLE

READ_ONLY_STYLE = "background: palette(window);"


class _Row:
    def __init__(self, label: QLabel, editor: QLineEdit | QPlainTextEdit, origin: QLabel,
                 typed: bool) -> None:
        self.label, self.editor, self.origin, self.typed = label, editor, origin, typed
        self.missing = False

    def restyle(self) -> None:
        """Red when a required value is missing; the window's grey when it cannot be typed."""
        read_only = self.editor.isReadOnly()
        self.editor.setStyleSheet(MISSING_STYLE if self.missing
                                  else READ_ONLY_STYLE if read_only else "")

    def text(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        return self.editor.text()

    def set_text(self, text: str) -> None:
        if self.text() == text:
            return
        self.editor.blockSignals(True)
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)
            self.editor.setCursorPosition(0)
        self.editor.blockSignals(False)


class DocumentFieldsForm(QWidget):
    edited = Signal(str)          # the key of a field the user changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, _Row] = {}
        self.typed: dict[str, str] = {}
        self.body: QWidget | None = None
        self.read_only = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)

    def _origin_text(self, value: FieldValue) -> str:
        if value.missing:
            return self.tr("required, still empty")
        if self.typed.get(value.spec.key, "").strip():
            return self.tr("typed here")
        return {"typed": self.tr("typed here"), "case_fields": self.tr("kept with the case"),
                "case": self.tr("from the case"), "default": self.tr("default"),
                "derived": self.tr("worked out"), "": self.tr("empty")}.get(value.origin, "")

    def _editor(self, value: FieldValue) -> QLineEdit | QPlainTextEdit:
        spec = value.spec
        if spec.input == "multiline":
            editor: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 14)
            editor.textChanged.connect(lambda: self._typed(spec.key))
        else:
            editor = QLineEdit()
            editor.textEdited.connect(lambda _: self._typed(spec.key))
            placeholder = spec.hint or {"date": self.tr("YYYY-MM-DD"),
                                        "datetime": self.tr("YYYY-MM-DD HH:MM"),
                                        "amount": self.tr("e.g. 5000.00")}.get(spec.input or "")
            if placeholder:
                editor.setPlaceholderText(placeholder)
        editor.setObjectName(f"field_{spec.key}")
        if not spec.typed:
            editor.setReadOnly(True)
            editor.setToolTip(self.tr("Comes from the case: change it in the case."))
        return editor

    def clear(self) -> None:
        self.typed.clear()
        self.rows.clear()
        if self.body is not None:
            self._layout.removeWidget(self.body)
            self.body.deleteLater()
            self.body = None

    def _build(self, form: DocumentForm) -> None:
        self.clear()
        self.body = QWidget()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setColumnStretch(1, 1)
        for index, value in enumerate(form.values):
            label = QLabel(value.spec.label + (" *" if value.spec.required else ""))
            label.setWordWrap(True)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("检查（勘验）地点 *") + 8)
            label.setMaximumWidth(label.fontMetrics().horizontalAdvance("法定代表人（负责人） *"))
            editor = self._editor(value)
            origin = QLabel()
            origin.setObjectName(f"origin_{value.spec.key}")
            origin.setStyleSheet(ORIGIN_STYLE)
            top = Qt.AlignmentFlag.AlignTop if value.spec.input == "multiline" \
                else Qt.AlignmentFlag.AlignVCenter
            grid.addWidget(label, index, 0, top)
            grid.addWidget(editor, index, 1)
            grid.addWidget(origin, index, 2, top)
            self.rows[value.spec.key] = _Row(label, editor, origin, value.spec.typed)
        self._layout.insertWidget(0, self.body)

    def show_form(self, form: DocumentForm, *, rebuild: bool) -> None:
        if rebuild or self.body is None:
            self._build(form)
        for value in form.values:
            row = self.rows.get(value.spec.key)
            if row is None:
                continue
            if value.spec.key not in self.typed:
                row.set_text(value.value)
            row.origin.setText(self._origin_text(value))
            row.origin.setStyleSheet(WARN_STYLE if value.missing else ORIGIN_STYLE)
            row.label.setStyleSheet(WARN_STYLE if value.missing else "")
            row.missing = value.missing
        self.set_read_only(self.read_only)

    def _typed(self, key: str) -> None:
        self.typed[key] = self.rows[key].text()
        self.edited.emit(key)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for row in self.rows.values():
            row.editor.setReadOnly(read_only or not row.typed)
            row.restyle()

    def values_typed(self) -> dict[str, str]:
        return dict(self.typed)
