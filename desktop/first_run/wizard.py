"""The first-run wizard: what a bureau's IT person sets up on a new workstation.

Shown once, on a data folder with no administrator. Only the administrator is required
(without one nobody can log in); every later step can be skipped and done from the admin
pages: the first unit, enrollment at HQ, a look at the document font, and a recorder
test. The wizard ends logged in as the new administrator (``context``).

Before the administrator exists there is no session, so the first page works through the
job runner as the login dialog does; the pages after it go through a session of their
own (UiSession.run: off the UI thread, refusals shown on the page)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from core.context import Context
from desktop.first_run.font_page import FontPage
from desktop.first_run.pages import AdminPage, DonePage, HqPage, UnitPage
from desktop.first_run.recorder_page import RecorderPage
from desktop.jobs import JobRunner
from desktop.session import UiSession
from lawdesk.workspace import Workspace


class FirstRunWizard(QWizard):
    def __init__(self, workspace: Workspace, language: str, runner: JobRunner,
                 parent: QWidget | None = None, *, volume_source=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.workspace, self.language, self.runner = workspace, language, runner
        self.context: Context | None = None
        self.session: UiSession | None = None
        # What each optional step did, for the last page: key -> text shown there.
        self.done_steps: dict[str, str] = {}
        self.setWindowTitle(self.tr("Set up LawDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Start using LawDesk"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create"))
        self.admin = AdminPage(self)
        self.unit = UnitPage(self)
        self.hq = HqPage(self)
        self.font = FontPage(self)
        self.recorder = RecorderPage(self, volume_source=volume_source)
        self.summary = DonePage(self)
        for page in (self.admin, self.unit, self.hq, self.font, self.recorder, self.summary):
            self.addPage(page)
        self.setMinimumSize(640, 520)

    def logged_in(self, context: Context) -> None:
        """The administrator exists: the later pages work in a session of their own."""
        self.context = context
        self.session = UiSession(self.workspace, context, self.runner, self.language)

    def note(self, key: str, text: str) -> None:
        self.done_steps[key] = text

    def done(self, result: int) -> None:  # noqa: A003 - QDialog's name
        self.recorder.stop_watching()
        if self.session is not None:
            self.session.close()
        super().done(result)
