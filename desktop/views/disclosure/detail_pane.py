"""The selected record for the reviewer: the text as it will be published (masked) and the
original beside it, what masking took out, the deadline and its calendar warning, and who
took which step when. Read off the UI thread whenever the record or its list changes."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGroupBox, QLabel, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from desktop.latest_read import LatestRead
from desktop.palette import EXPIRING_HEX, QUIET_HEX, WARN_HEX, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback
from disclosure.masking import RULE_LABELS
from disclosure.records import DisclosureDetail, disclosure_detail


class DetailPane(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: DisclosureDetail | None = None
        self.title = QLabel()
        self.title.setObjectName("disclosureTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.warning = QLabel()
        self.warning.setObjectName("disclosureWarning")
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.setWordWrap(True)
        self.history = QLabel()
        self.history.setObjectName("disclosureHistory")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.feedback = Feedback()
        self.feedback.setObjectName("detailFeedback")
        self.published = self._text("publishedText")
        self.original = self._text("originalText")
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.setChildrenCollapsible(False)
        sides.addWidget(self._framed(self.tr("As published (masked)"), self.published))
        sides.addWidget(self._framed(self.tr("Original (not published)"), self.original))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.warning, self.history, self.feedback):
            layout.addWidget(widget)
        layout.addWidget(sides, 1)
        self._read = LatestRead(session, self, where=self.feedback)
        self.show_record("")

    @staticmethod
    def _text(name: str) -> QTextBrowser:
        text = QTextBrowser()
        text.setObjectName(name)
        text.setOpenLinks(False)
        return text

    @staticmethod
    def _framed(title: str, inner: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(inner)
        return box

    @property
    def loading(self) -> bool:
        return self._read.loading

    # ------------------------------------------------------------- loading
    def show_record(self, key: str) -> None:
        """Read record ``key`` (an id) and show it; "" shows nothing."""
        if not key:
            self._read.forget()
            self._show(None)
            return
        ctx = self.session.ctx
        self._read.start(lambda: disclosure_detail(ctx, key), self._show)

    def _show(self, detail: DisclosureDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.title.setText(self.tr("Select a record to see its published and original "
                                       "text side by side."))
            for label in (self.warning, self.history):
                label.clear()
                label.setVisible(False)
            self.published.clear()
            self.original.clear()
            return
        lang = self.session.language
        row = detail.row
        self.title.setText(" · ".join(part for part in (
            row.document_number or row.case_number, row.kind_name(lang),
            row.status_label(lang)) if part))
        withheld = detail.withheld_text(lang)
        warnings = [w for w in (withheld and self.tr("Not to be published: %1").replace(
            "%1", withheld), row.calendar_warning) if w]
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.history.setText(self._history(detail))
        self.history.setVisible(True)
        self.published.setHtml(self._published_html(detail))
        self.original.setHtml(self._fields_html(detail, published=False))

    # --------------------------------------------------------------- texts
    def _history(self, detail: DisclosureDetail) -> str:
        row, local = detail.row, self.session.ctx.clock.local
        lines = [self.tr("Decided %1; publish by %2.").replace(
            "%1", f"{row.decided_on:%Y-%m-%d}").replace("%2", f"{row.deadline:%Y-%m-%d}")]
        lines.append(self.tr("Drafted by %1 at %2.").replace("%1", detail.drafted_by)
                     .replace("%2", f"{local(detail.drafted_at):%Y-%m-%d %H:%M}"))
        if detail.approved_by and detail.approved_at:
            lines.append(self.tr("Approved by %1 at %2.").replace("%1", detail.approved_by)
                         .replace("%2", f"{local(detail.approved_at):%Y-%m-%d %H:%M}"))
        if row.published_on:
            lines.append(self.tr("Published by %1 on %2, online until %3.")
                         .replace("%1", detail.published_by or "")
                         .replace("%2", f"{row.published_on:%Y-%m-%d}")
                         .replace("%3", f"{detail.online_until:%Y-%m-%d}"
                                  if detail.online_until else "—"))
        if row.withdrawal_due and not row.withdrawn_on:
            lines.append(self.tr("The decision changed on %1: withdraw by %2.")
                         .replace("%1", f"{detail.changed_on:%Y-%m-%d}"
                                  if detail.changed_on else "—")
                         .replace("%2", f"{row.withdrawal_due:%Y-%m-%d}"))
        if row.withdrawn_on:
            lines.append(self.tr("Withdrawn by %1 on %2: %3")
                         .replace("%1", detail.withdrawn_by or "")
                         .replace("%2", f"{row.withdrawn_on:%Y-%m-%d}")
                         .replace("%3", detail.withdrawal_reason or ""))
        if detail.masks:
            lines.append(self.tr("Masked: %1").replace("%1", self._masks(detail)))
        return " ".join(lines)

    def _masks(self, detail: DisclosureDetail) -> str:
        english = self.session.language.startswith("en")
        parts = []
        for hit in detail.masks:
            zh, en = RULE_LABELS.get(hit.get("rule", ""), (hit.get("rule", ""),) * 2)
            parts.append(f"{en if english else zh} ×{hit.get('count', 1)}")
        return (", " if english else "、").join(dict.fromkeys(parts))

    def _published_html(self, detail: DisclosureDetail) -> str:
        lang = self.session.language
        row = detail.row
        if row.withheld:
            return (f"<p style='color:{WARN_HEX}'>"
                    + escape(self.tr("Not published: %1").replace(
                        "%1", detail.withheld_text(lang) or "")) + "</p>")
        notice = ""
        if row.withdrawn_on:
            notice = (f"<p style='color:{WARN_HEX}'>" + escape(
                self.tr("Withdrawn on %1: %2").replace("%1", f"{row.withdrawn_on:%Y-%m-%d}")
                .replace("%2", detail.withdrawal_reason or "")) + "</p>")
        return notice + self._fields_html(detail, published=True)

    def _fields_html(self, detail: DisclosureDetail, *, published: bool) -> str:
        parts = []
        for view in detail.fields:
            text = view.masked if published else view.original
            mark = ""
            if view.changed:
                colour = EXPIRING_HEX if published else QUIET_HEX
                mark = (f" <span style='color:{colour}'>"
                        + escape(self.tr("(masked)") if published
                                 else self.tr("(masked when published)")) + "</span>")
            body = escape(text or "—").replace("\n", "<br>")
            parts.append(f"<p><b>{escape(view.label)}</b>{mark}<br>{body}</p>")
        return "".join(parts)
