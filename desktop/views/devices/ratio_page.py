"""The equipment ratio standard (配备比例): required against in service, per unit and type,
as a chart and a table, with the certificates about to expire beside it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.models.loaded_list import LoadedListModel
from desktop.palette import IN_SERVICE, OK, OK_STYLE, REQUIRED, WARN, WARN_STYLE
from desktop.session import UiSession
from desktop.views.devices.pdf_export import export_pdf
from desktop.widgets.feedback import Feedback
from devices.documents import ratio_report_pdf
from devices.ratio import ExpiringCertificate, RatioRow, expiring_certificates, ratio_report

# What the page shows changes with any of these: devices in service, the standards, the
# officers and their certificates (who counts), the types and units (names and rows).
SHOWN = {"device", "ratio_standard", "officer", "certificate", "device_type", "unit"}


def _table(model: ListTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view


class RatioPage(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ctx = session.ctx
        self.type_choice = QComboBox()
        self.type_choice.setObjectName("ratioType")
        self.type_choice.currentIndexChanged.connect(lambda _: self._draw_chart())
        self.summary = QLabel()
        self.summary.setObjectName("ratioSummary")
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("ratioChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        self.feedback = Feedback()
        self.feedback.setObjectName("ratioFeedback")
        self.model: LoadedListModel[RatioRow] = LoadedListModel(
            session, self, lambda: ratio_report(ctx), self._ratio_columns(), where=self.feedback)
        self.expiring_model: LoadedListModel[ExpiringCertificate] = LoadedListModel(
            session, self, lambda: expiring_certificates(ctx), self._expiring_columns(),
            where=self.feedback)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Device type")))
        top.addWidget(self.type_choice)
        top.addWidget(self.summary, 1)
        self.export_button = QPushButton(self.tr("Report PDF…"))
        self.export_button.setObjectName("ratioPdf")
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        lower = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Units against their standard")))
        self.table = _table(self.model, "ratioTable")
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Certificates expiring within 30 days")))
        self.expiring_table = _table(self.expiring_model, "expiringTable")
        right_layout.addWidget(self.expiring_table)
        lower.addWidget(left)
        lower.addWidget(right)
        lower.setSizes([700, 360])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart_view)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.feedback)
        layout.addWidget(splitter)
        self.rows: list[RatioRow] = []
        self.model.loaded.connect(self._loaded)
        self.expiring_model.loaded.connect(lambda _count: self.expiring_table
                                           .resizeColumnsToContents())
        session.subscribe(self, SHOWN, lambda _changes: self.refresh())
        self.refresh()

    @property
    def loading(self) -> bool:
        return self.model.loading or self.expiring_model.loading

    def _ratio_columns(self) -> list[Column]:
        lang = self.session.language
        return [
            Column(lambda: self.tr("Unit"), lambda r: r.unit_name),
            Column(lambda: self.tr("Device type"), lambda r: r.device_type_name(lang)),
            Column(lambda: self.tr("Certified officers"), lambda r: r.officers),
            Column(lambda: self.tr("Standard"), lambda r: self._standard_text(r)),
            Column(lambda: self.tr("Required"), lambda r: r.required),
            Column(lambda: self.tr("In service"), lambda r: r.in_service),
            Column(lambda: self.tr("Shortfall"), lambda r: r.shortfall or "",
                   foreground=lambda r: WARN if r.shortfall else None),
            Column(lambda: self.tr("Surplus"), lambda r: r.surplus or "",
                   foreground=lambda r: OK if r.surplus else None),
        ]

    def _expiring_columns(self) -> list[Column]:
        return [
            Column(lambda: self.tr("Officer"), lambda e: e.officer_name),
            Column(lambda: self.tr("Unit"), lambda e: e.unit_name),
            Column(lambda: self.tr("Certificate number"), lambda e: e.certificate_number),
            Column(lambda: self.tr("Valid until"), lambda e: e.valid_until.isoformat()),
            Column(lambda: self.tr("Days left"), lambda e: e.days_left,
                   foreground=lambda e: WARN if e.days_left <= 7 else None),
        ]

    def export(self) -> None:
        default = Path.home() / f"设备配备情况报告-{self.session.ctx.clock.today():%Y%m%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the ratio report"),
                                              str(default), self.tr("PDF files (*.pdf)"))
        if path:
            ctx = self.session.ctx
            export_pdf(self, self.session, lambda: ratio_report_pdf(ctx, Path(path)),
                       busy=self.export_button, where=self.feedback)

    def _standard_text(self, row: RatioRow) -> str:
        parts = []
        if row.officers_per_device:
            parts.append(self.tr("1 per %1 officers").replace("%1", str(row.officers_per_device)))
        if row.minimum:
            parts.append(self.tr("at least %1").replace("%1", str(row.minimum)))
        return self.tr(", ").join(parts)

    def refresh(self) -> None:
        self.model.reload()
        self.expiring_model.reload()

    def _loaded(self, count: int) -> None:
        self.rows = [self.model.row(i) for i in range(count)]
        self.table.resizeColumnsToContents()
        short = sum(r.shortfall for r in self.rows)
        self.summary.setText(
            self.tr("Shortfall across all units: %1 devices").replace("%1", str(short))
            if short else self.tr("Every unit meets its standard."))
        self.summary.setStyleSheet(WARN_STYLE if short else OK_STYLE)
        lang = self.session.language
        current = self.type_choice.currentData()
        self.type_choice.blockSignals(True)
        self.type_choice.clear()
        seen: dict[str, str] = {}
        for row in self.rows:
            seen.setdefault(row.device_type, row.device_type_name(lang))
        for code, name in seen.items():
            self.type_choice.addItem(name, code)
        self.type_choice.setCurrentIndex(max(0, self.type_choice.findData(current)))
        self.type_choice.blockSignals(False)
        self._draw_chart()

    def _draw_chart(self) -> None:
        code = self.type_choice.currentData()
        rows = [r for r in self.rows if r.device_type == code]
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        required = QBarSet(self.tr("Required"))
        required.setColor(REQUIRED)
        in_service = QBarSet(self.tr("In service"))
        in_service.setColor(IN_SERVICE)
        for row in rows:
            required.append(row.required)
            in_service.append(row.in_service)
        series = QBarSeries()
        series.append(required)
        series.append(in_service)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([r.unit_short_name for r in rows])
        values = QValueAxis()
        values.setLabelFormat("%d")
        top = max([r.required for r in rows] + [r.in_service for r in rows] + [1])
        values.setRange(0, top)
        if top <= 10:
            values.setTickCount(top + 1)  # one gridline per device: counts are whole numbers
        else:
            values.applyNiceNumbers()
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.chart.setTitle(self.type_choice.currentText())
