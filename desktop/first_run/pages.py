"""The wizard's form pages: the administrator (required), the first unit and enrollment at
HQ (each skipped by leaving it empty), and the summary.

A page whose work is a service call starts it from validatePage and answers "not yet";
when the call succeeds the page moves the wizard on itself, so the UI never waits."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizardPage

from core.errors import DomainError
from core.log_file import log_path
from desktop.errors import report_unexpected
from desktop.palette import HINT_STYLE
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


STAY = object()   # work()'s answer when the page said itself why it cannot go on


class _ServicePage(QWizardPage):
    """A page that runs one service call on Next and moves on when it is done. Once done,
    its fields lock: going back and on again must not add or enroll twice."""

    def __init__(self, wizard) -> None:  # noqa: ANN001 - FirstRunWizard (imports us)
        super().__init__()
        self.wizard_ = wizard
        self.feedback = Feedback()
        self.working = False
        self.completed = False
        self._passed = False

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self._passed or self.completed:
            self._passed = False
            return True
        if self.working:
            return False
        call = self.work()
        if call is None:           # nothing entered: skipped
            return True
        if call is STAY:
            return False
        self.feedback.clear()
        self.working = True
        self._run(call)
        return False

    def work(self) -> Callable[[], object] | object | None:
        """The call to make on Next; None to go on without one; STAY to stay."""
        raise NotImplementedError

    def succeeded(self, result: object) -> None:
        """What the page does with the call's result, before the wizard moves on."""

    def _run(self, call: Callable[[], object]) -> None:
        session = self.wizard_.session
        session.run(self, call, writes=True, where=self.feedback, busy=self,
                    on_done=self._done, on_refused=lambda _e: self._stopped(),
                    on_failed=lambda _e: self._stopped())

    def _done(self, result: object) -> None:
        self.working = False
        self.succeeded(result)
        self.completed = True
        for field in self.findChildren(QLineEdit):
            set_enabled(field, False)
        self._passed = True
        self.wizard_.next()

    def _stopped(self) -> None:
        self.working = False


class AdminPage(_ServicePage):
    """The administrator, and the enforcement body's name for window and documents."""

    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(self.tr("This data folder is new. Create the administrator account; "
                                 "the administrator then adds units, officers and other "
                                 "users."))
        self.bureau = QLineEdit()
        self.bureau.setObjectName("bureau")
        self.bureau.setPlaceholderText(self.tr("e.g. 某县市场监督管理局"))
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.feedback.setObjectName("setupError")
        form = QFormLayout()
        form.addRow(self.tr("Enforcement body"), self.bureau)
        form.addRow(self.tr("Administrator user name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        # Once created there is no way back: the next pages act as this administrator.
        self.setCommitPage(True)

    def work(self) -> Callable[[], object] | object:
        if self.password.text() != self.repeat.text():
            self.feedback.error(self.tr("The two passwords differ."))
            return STAY
        workspace = self.wizard_.workspace
        username, password = self.username.text().strip(), self.password.text()
        bureau = self.bureau.text().strip()

        def set_up():  # noqa: ANN202
            workspace.initialise(username, password)
            context = workspace.login(username, password)
            if bureau:
                from config.settings import set_setting
                set_setting(context, "bureau.name", bureau)
            return context
        return set_up

    def _run(self, call: Callable[[], object]) -> None:
        # No session yet: the runner, as the login dialog uses it (the password hash and
        # the key pair take a moment).
        set_enabled(self, False)
        self.wizard_.runner.submit(lambda _p, _c: call(), writes=True,
                                   on_success=self._created, on_error=self._failed)

    def _created(self, context) -> None:  # noqa: ANN001
        set_enabled(self, True)
        self.wizard_.logged_in(context)
        self._done(context)

    def succeeded(self, result: object) -> None:
        self.wizard_.note("admin", self.tr("Administrator %1 created.").replace(
            "%1", result.actor.username))

    def _failed(self, error: Exception) -> None:
        set_enabled(self, True)
        self.working = False
        if isinstance(error, DomainError):
            self.feedback.error(error.message(self.wizard_.language))
        else:
            report_unexpected(self, error, log_path(self.wizard_.workspace.data_dir))


class UnitPage(_ServicePage):
    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.setTitle(self.tr("First unit"))
        self.setSubTitle(self.tr("The unit (科室、中队) whose officers use this workstation. "
                                 "Leave it empty to skip; units are added in Administration "
                                 "at any time."))
        self.name = QLineEdit()
        self.name.setObjectName("unitName")
        self.name.setPlaceholderText(self.tr("e.g. 综合执法一科"))
        self.short = QLineEdit()
        self.short.setObjectName("unitShort")
        self.short.setPlaceholderText(self.tr("e.g. 执一 (used in case numbers)"))
        form = QFormLayout()
        form.addRow(self.tr("Unit name"), self.name)
        form.addRow(self.tr("Short name"), self.short)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addStretch(1)

    def work(self) -> Callable[[], object] | None:
        name, short = self.name.text().strip(), self.short.text().strip()
        if not name and not short:
            self.wizard_.note("unit", self.tr("First unit: skipped (Administration → Units)."))
            return None
        ctx = self.wizard_.context
        from organisation.units import add_unit
        return lambda: add_unit(ctx, name, short)

    def succeeded(self, result: object) -> None:
        self.wizard_.note("unit", self.tr("Unit %1 added.").replace("%1", result.name))


class HqPage(_ServicePage):
    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__(wizard)
        self.setTitle(self.tr("Headquarters"))
        self.setSubTitle(self.tr("Enroll this workstation at the bureau's HQ server with the "
                                 "one-time code HQ gave you. Leave it empty to work offline "
                                 "and enroll later in the Sync area."))
        self.address = QLineEdit()
        self.address.setObjectName("hqAddress")
        self.address.setPlaceholderText("https://hq.example.gov.cn:8443")
        self.code = QLineEdit()
        self.code.setObjectName("enrollCode")
        form = QFormLayout()
        form.addRow(self.tr("HQ address"), self.address)
        form.addRow(self.tr("Enrollment code"), self.code)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(_hint(self.tr("Enrolling needs the network now; everything else in "
                                       "LawDesk works without it.")))
        layout.addStretch(1)

    def work(self) -> Callable[[], object] | object | None:
        address, code = self.address.text().strip(), self.code.text().strip()
        if not address and not code:
            self.wizard_.note("hq", self.tr("HQ: not enrolled (Sync area, when the network "
                                            "is there)."))
            return None
        if not address or not code:
            self.feedback.error(self.tr("Give both the HQ address and the enrollment code, "
                                        "or neither to skip."))
            return STAY
        ctx, workspace = self.wizard_.context, self.wizard_.workspace
        from sync.link import enroll
        return lambda: enroll(ctx, workspace, server_url=address, code=code)

    def succeeded(self, result: object) -> None:
        self.wizard_.note("hq", self.tr("Enrolled at %1.").replace("%1", result.server_url))


class DonePage(QWizardPage):
    def __init__(self, wizard) -> None:  # noqa: ANN001
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("What was set up, and what is left for later."))
        self.list = QLabel()
        self.list.setObjectName("summary")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(_hint(self.tr("Officers, certificates, devices and other users are "
                                       "added in Administration and Devices.")))
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        order = ("admin", "unit", "hq", "font", "recorder")
        lines = [self.wizard_.done_steps[key] for key in order
                 if key in self.wizard_.done_steps]
        self.list.setText("\n".join(f"• {line}" for line in lines))
