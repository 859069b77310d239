"""How the window shows what went wrong.

A refusal is the domain saying no with a reason; it belongs inline where the user acted
(desktop.widgets.feedback). This module is for the two other cases: a refusal where there is
no inline place (a box, as a last resort), and an unexpected error: a short message, its
details behind a button, and where the log with the traceback is."""
from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


log = logging.getLogger("lawdesk.desktop")


def report_unexpected(parent: QWidget | None, error: Exception,
                      log_file: Path | None) -> QMessageBox | None:
    """Log ``error`` with its traceback (the worker's, when it came from one), then show it
    once, unless ``parent`` is already gone."""
    from shiboken6 import isValid
    details = getattr(error, "formatted_traceback", None) or "".join(
        traceback.format_exception(error))
    log.error("unexpected error in a background operation: %s: %s\n%s",
              type(error).__name__, error, details)
    if parent is None or not isValid(parent):
        return None
    return show_unexpected(parent, error, details, log_file)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def show_refusal(parent: QWidget, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("LawDesk"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("refusalBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal, without a nested event loop: background work goes on
    return box


def show_unexpected(parent: QWidget, error: Exception, details: str,
                    log_file: Path | None) -> QMessageBox:
    """One box per failure: what failed in a line, the traceback behind "Show Details…"."""
    text = _tr("Something went wrong and the action was not completed.")
    info = f"{type(error).__name__}: {error}"
    if log_file is not None:
        info += "\n\n" + _tr("The details are written to the log: %1").replace(
            "%1", str(log_file))
    box = QMessageBox(QMessageBox.Icon.Critical, _tr("LawDesk"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("unexpectedErrorBox")
    box.setInformativeText(info)
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
