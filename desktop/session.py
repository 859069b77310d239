"""What every view of a logged-in window shares: the workspace, who is acting, the job
runner, the language. Passed to each view explicitly; there is no global."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from accounts.permissions import Permission, allowed
from core.context import Context
from core.errors import DomainError
from desktop.jobs import JobRunner
from lawdesk.workspace import Workspace


@dataclass
class UiSession:
    workspace: Workspace
    ctx: Context
    runner: JobRunner
    language: str
    # Sync with HQ in the background (desktop.background_sync); made by the controller.
    sync: Any = None

    def can(self, permission: Permission) -> bool:
        return allowed(self.ctx.actor, permission)

    def message(self, error: Exception) -> str:
        if isinstance(error, DomainError):
            return error.message(self.language)
        return f"{type(error).__name__}: {error}"

    def show_error(self, parent: QWidget, error: Exception) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("UiSession", "LawDesk"),
                            self.message(error))

    def attempt(self, parent: QWidget, action) -> bool:  # noqa: ANN001
        """Run a quick service call; a refusal is shown to the user, not raised."""
        try:
            action()
        except DomainError as error:
            self.show_error(parent, error)
            return False
        return True
