"""The recording statistics dashboard (执法记录统计): a range of days and a unit, the figures
as tiles, the month trend and the units compared as charts, the figures per unit, officer
and device type as tables, and the list behind a figure (click a tile or a table cell).
Exports: the workbook, the PDF table report and the annual report. Every service call goes
through the session's operation runner (compliance.statistics* does the counting)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QValueAxis)
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFileDialog, QGridLayout, QHBoxLayout,
                               QLabel, QPushButton, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from compliance.report_annual import write_annual_report
from compliance.statistics import Row, Statistics, check_scope, compute_statistics
from compliance.statistics_export import figure_text as _text, write_statistics
from compliance.statistics_lists import DrillDown, drill_down
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import IN_SERVICE, REQUIRED, WARN_STYLE
from desktop.session import UiSession
from desktop.views.devices.pdf_export import export_pdf
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from organisation.units import list_units

# What the figures count: a change to any of these may change them.
SHOWN = {"footage", "enforcement_case", "case_officer", "recording_finding", "issued_document",
         "case_review", "review_step", "disclosure_record", "device", "ratio_standard",
         "officer", "certificate", "unit", "setting"}
# Tiles: the figure, and the list behind it (a percentile: the clips it is taken over;
# None: the figures per unit, as the shortfall is one per unit and type).
TILES = (("footage_count", "footage_count"), ("footage_hours", "footage_count"),
         ("offload_delay_median_h", "footage_count"), ("offload_delay_p95_h", "footage_count"),
         ("late_offloads", "late_offloads"), ("cases", "cases"),
         ("compliance_rate", "cases_noncomplying"), ("findings_open", "findings_open"),
         ("devices_shortfall", None), ("documents_issued", "documents_issued"),
         ("reviews_overdue", "reviews_overdue"), ("disclosures_overdue", "disclosures_overdue"))
UNIT_COLUMNS = ("footage_count", "footage_hours", "offload_delay_median_h",
                "offload_delay_p95_h", "late_offloads", "cases", "compliance_rate",
                "findings_open", "devices_in_service", "devices_required", "devices_shortfall",
                "documents_issued", "reviews_submitted", "reviews_on_time", "reviews_overdue",
                "disclosures_due", "disclosures_on_time", "disclosures_overdue")
OFFICER_COLUMNS = ("footage_count", "footage_hours", "offload_delay_median_h",
                   "offload_delay_p95_h", "late_offloads", "cases", "compliance_rate",
                   "findings_open")
TYPE_COLUMNS = ("footage_count", "footage_hours", "offload_delay_median_h",
                "offload_delay_p95_h", "late_offloads", "devices_in_service",
                "devices_required", "devices_shortfall")
DRILLABLE = {"footage_count": "footage_count", "footage_hours": "footage_count",
             "late_offloads": "late_offloads", "cases": "cases",
             "compliance_rate": "cases_noncomplying", "findings_open": "findings_open",
             "documents_issued": "documents_issued", "reviews_overdue": "reviews_overdue",
             "disclosures_overdue": "disclosures_overdue"}
COMPARED = ("footage_count", "footage_hours", "late_offloads", "cases", "compliance_rate",
            "findings_open", "devices_shortfall")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FigureTile(QPushButton):
    """A figure in large type over its name; clicking it lists the rows behind it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"tile_{key}")
        self.setMinimumHeight(64)
        self.setStyleSheet("QPushButton { text-align: center; padding: 4px; }")

    def show_value(self, label: str, value: str, warn: bool) -> None:
        self.setText(f"{value}\n{label}")
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.setStyleSheet("QPushButton { text-align: center; padding: 4px; %s }"
                           % (WARN_STYLE if warn else ""))


class RecordingDashboard(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stats: Statistics | None = None
        self.list_shown: DrillDown | None = None
        self.open_exports = True      # tests turn this off: no viewer opens the files
        today = session.ctx.clock.today()
        self.since = QDateEdit(_qdate(date(today.year, 1, 1)))
        self.since.setObjectName("statsFrom")
        self.until = QDateEdit(_qdate(today))
        self.until.setObjectName("statsTo")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.unit = QComboBox()
        self.unit.setObjectName("statsUnit")
        self.unit.addItem(self.tr("All units"), None)
        self.unit.setMinimumContentsLength(10)
        self.refresh_button = QPushButton(self.tr("Count"))
        self.refresh_button.setObjectName("statsRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.xlsx_button = QPushButton(self.tr("Workbook…"))
        self.xlsx_button.setObjectName("statsXlsx")
        self.xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.pdf_button = QPushButton(self.tr("PDF report…"))
        self.pdf_button.setObjectName("statsPdf")
        self.pdf_button.clicked.connect(lambda: self._ask_export("pdf"))
        self.annual_button = QPushButton(self.tr("Annual report…"))
        self.annual_button.setObjectName("statsAnnual")
        self.annual_button.clicked.connect(lambda: self._ask_export("annual"))
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("From")), self.since, QLabel(self.tr("To")), self.until,
                       QLabel(self.tr("Unit")), self.unit, self.refresh_button):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.xlsx_button, self.pdf_button, self.annual_button):
            top.addWidget(widget)
        self.feedback = Feedback()
        self.feedback.setObjectName("statsFeedback")
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)

        self.tiles: dict[str, FigureTile] = {}
        grid = QGridLayout()
        for index, (key, listed) in enumerate(TILES):
            tile = FigureTile(key)
            tile.clicked.connect(lambda _=False, f=listed: self.show_list(f) if f
                                 else self.tables.setCurrentIndex(0))
            set_enabled(tile, False)          # until the first figures are in
            self.tiles[key] = tile
            grid.addWidget(tile, index // 6, index % 6)

        self.trend = self._chart("statsTrend")
        self.compare = self._chart("statsCompare")
        self.compare_choice = QComboBox()
        self.compare_choice.setObjectName("statsCompareBy")
        for key in COMPARED:
            self.compare_choice.addItem(self._labels()[key], key)
        self.compare_choice.currentIndexChanged.connect(lambda _: self._draw_compare())
        compare_box = QWidget()
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(self.tr("Compare units by")))
        choice_row.addWidget(self.compare_choice, 1)
        compare_layout.addLayout(choice_row)
        compare_layout.addWidget(self.compare_view)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.trend_view)
        charts.addWidget(compare_box)
        charts.setSizes([620, 620])
        charts.setChildrenCollapsible(False)

        self.unit_model = self._row_model(UNIT_COLUMNS, self.tr("Unit"))
        self.officer_model = self._row_model(OFFICER_COLUMNS, self.tr("Officer"), unit=True)
        self.type_model = self._row_model(TYPE_COLUMNS, self.tr("Device type"))
        self.list_model: ListTableModel[tuple] = ListTableModel([], self)
        self.tables = QTabWidget()
        self.tables.setObjectName("statsTables")
        self.unit_table = self._table(self.unit_model, "statsUnits", "unit", UNIT_COLUMNS)
        self.officer_table = self._table(self.officer_model, "statsOfficers", "officer",
                                         OFFICER_COLUMNS, offset=2)
        self.type_table = self._table(self.type_model, "statsTypes", "device_type", TYPE_COLUMNS)
        self.list_table = QTableView()
        self.list_table.setObjectName("statsList")
        self.list_table.setModel(self.list_model)
        self.list_table.verticalHeader().setVisible(False)
        self.list_table.setAlternatingRowColors(True)
        self.list_title = QLabel()
        self.list_title.setObjectName("statsListTitle")
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.list_title)
        list_layout.addWidget(self.list_table)
        self.tables.addTab(self.unit_table, self.tr("By unit"))
        self.tables.addTab(self.officer_table, self.tr("By officer"))
        self.tables.addTab(self.type_table, self.tr("By device type"))
        self.tables.addTab(list_box, self.tr("List behind a figure"))

        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(charts)
        lower.addWidget(self.tables)
        lower.setSizes([300, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.feedback)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(lower, 1)
        self.loading_units = True
        session.run(self, lambda: list_units(session.ctx), on_done=self._units_loaded,
                    where=self.feedback)
        # A year at scale is seconds of counting: one count at a time (a change during one
        # counts again once it is back), and none while the tab is not on screen.
        self._counting = self._again = self._stale = False
        session.subscribe(self, SHOWN, lambda _changes: self._changed())
        self.refresh()

    # ------------------------------------------------------------------- building
    def _labels(self) -> dict[str, str]:
        return {
            "footage_count": self.tr("Footage (clips)"), "footage_hours": self.tr("Hours recorded"),
            "offload_delay_median_h": self.tr("Offload delay, median (h)"),
            "offload_delay_p95_h": self.tr("Offload delay, 95th percentile (h)"),
            "late_offloads": self.tr("Late offloads"), "cases": self.tr("Cases"),
            "cases_complying": self.tr("Cases complying"),
            "compliance_rate": self.tr("Compliance rate"),
            "findings_open": self.tr("Findings open"),
            "devices_in_service": self.tr("Devices in service"),
            "devices_required": self.tr("Devices required"),
            "devices_shortfall": self.tr("Device shortfall"),
            "documents_issued": self.tr("Documents issued"),
            "reviews_submitted": self.tr("Reviews submitted"),
            "reviews_decided": self.tr("Reviews decided"),
            "reviews_on_time": self.tr("Reviews on time"),
            "reviews_overdue": self.tr("Reviews overdue"),
            "disclosures_due": self.tr("Disclosures due"),
            "disclosures_published": self.tr("Disclosures published"),
            "disclosures_on_time": self.tr("Disclosures on time"),
            "disclosures_overdue": self.tr("Disclosures overdue"),
        }

    def _chart(self, name: str) -> QChart:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view = QChartView(chart)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(220)
        if name == "statsTrend":
            self.trend_view = view
        else:
            self.compare_view = view
        return chart

    def _row_model(self, keys: tuple[str, ...], first: str,
                   unit: bool = False) -> ListTableModel[Row]:
        labels = self._labels()
        columns = [Column(lambda first=first: first, lambda r: r.name)]
        if unit:
            columns.append(Column(lambda: self.tr("Unit"), lambda r: r.unit_name or ""))
        columns += [Column(lambda k=k: labels[k], lambda r, k=k: _text(k, getattr(r.figures, k)))
                    for k in keys]
        return ListTableModel(columns, self)

    def _table(self, model: ListTableModel, name: str, kind: str, keys: tuple[str, ...],
               offset: int = 1) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.doubleClicked.connect(
            lambda index, m=model, k=kind, ks=keys, o=offset: self._cell_chosen(m, k, ks, o,
                                                                                index))
        return view

    # ------------------------------------------------------------------- loading
    @property
    def loading(self) -> bool:
        return not self.session.idle

    def scope(self):  # noqa: ANN201 - compliance.statistics.Scope
        return check_scope(self.since.date().toPython(), self.until.date().toPython(),
                           self.unit.currentData())

    def _units_loaded(self, units) -> None:  # noqa: ANN001 - list[UnitInfo]
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        while self.unit.count() > 1:
            self.unit.removeItem(1)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(chosen)))
        self.unit.blockSignals(False)
        self.loading_units = False

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if self._counting:
            self._again = True
            return
        self._counting, self._again, self._stale = True, False, False
        ctx, lang = self.session.ctx, self.session.language
        since, until = self.since.date().toPython(), self.until.date().toPython()
        unit = self.unit.currentData()
        self.session.run(self, lambda: compute_statistics(ctx, since, until, unit,
                                                          language=lang),
                         on_done=self._show, where=self.feedback, busy=self.refresh_button,
                         on_refused=self._counted, on_failed=self._counted)

    def _counted(self, _error: Exception | None = None) -> None:
        self._counting = False
        if self._again:
            self.refresh()

    def _show(self, stats: Statistics) -> None:
        self._counted()
        self.stats = stats
        self.feedback.clear()
        labels = self._labels()
        total = stats.total.figures
        for key, tile in self.tiles.items():
            value = getattr(total, key)
            warn = bool(value) and key in ("late_offloads", "findings_open", "devices_shortfall",
                                           "reviews_overdue", "disclosures_overdue")
            tile.show_value(labels[key], _text(key, value), warn)
            set_enabled(tile, True)
        self.summary.setText(
            self.tr("%1 to %2; late offload: more than %3 hours after the recording ended; "
                    "devices as of today against the ratio standard.")
            .replace("%1", stats.since.isoformat()).replace("%2", stats.until.isoformat())
            .replace("%3", str(stats.late_offload_hours)))
        self.unit_model.set_rows(stats.units)
        self.officer_model.set_rows(stats.officers)
        self.type_model.set_rows(stats.device_types)
        for table in (self.unit_table, self.officer_table, self.type_table):
            table.resizeColumnsToContents()
        self._draw_trend()
        self._draw_compare()

    # ------------------------------------------------------------------- charts
    @staticmethod
    def _axes(chart: QChart, series: QBarSeries, categories: list[str], top: float,
              whole: bool) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(categories)
        values = QValueAxis()
        values.setLabelFormat("%d" if whole else "%.1f")
        top = max(top, 1)
        values.setRange(0, top)
        if whole and top <= 5:
            # One gridline per unit (counts are whole); more would not fit the chart's height.
            values.setTickCount(int(top) + 1)
        else:
            values.applyNiceNumbers()
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)

    def _draw_trend(self) -> None:
        months = self.stats.months if self.stats else []
        footage = QBarSet(self.tr("Footage (clips)"))
        footage.setColor(IN_SERVICE)
        cases = QBarSet(self.tr("Cases"))
        cases.setColor(REQUIRED)
        late = QBarSet(self.tr("Late offloads"))
        for month in months:
            footage.append(month.footage_count)
            cases.append(month.cases)
            late.append(month.late_offloads)
        series = QBarSeries()
        for bar_set in (footage, cases, late):
            series.append(bar_set)
        top = max([m.footage_count for m in months] + [m.cases for m in months] + [1])
        self._axes(self.trend, series, [m.month for m in months], top, True)
        self.trend.setTitle(self.tr("By month"))

    def _draw_compare(self) -> None:
        key = self.compare_choice.currentData()
        rows = [r for r in (self.stats.units if self.stats else []) if r.key]
        values = QBarSet(self.compare_choice.currentText())
        values.setColor(IN_SERVICE)
        numbers = []
        for row in rows:
            value = getattr(row.figures, key) or 0
            numbers.append(value * 100 if key == "compliance_rate" else value)
            values.append(numbers[-1])
        series = QBarSeries()
        series.append(values)
        whole = key not in ("footage_hours", "compliance_rate")
        self._axes(self.compare, series, [r.name for r in rows], max(numbers + [1]), whole)
        self.compare.setTitle(self.tr("Units compared"))

    # ------------------------------------------------------------------- lists
    def show_list(self, figure: str, group: tuple[str, str] | None = None) -> None:
        ctx, lang = self.session.ctx, self.session.language
        scope = self.scope()
        self.session.run(self, lambda: drill_down(ctx, scope, figure, group, language=lang),
                         on_done=self._list_loaded, where=self.feedback)

    def _cell_chosen(self, model: ListTableModel, kind: str, keys: tuple[str, ...],
                     offset: int, index: QModelIndex) -> None:
        row = model.row(index.row())
        column = index.column() - offset
        if row is None or not 0 <= column < len(keys) or keys[column] not in DRILLABLE:
            return
        figure = DRILLABLE[keys[column]]
        if kind == "device_type" and figure != "footage_count" and figure != "late_offloads":
            return
        self.show_list(figure, (kind, row.key) if row.key else None)

    def _list_loaded(self, found: DrillDown) -> None:
        self.list_shown = found
        lang = self.session.language
        headings = found.headings(lang)
        self.list_model = ListTableModel(
            [Column(lambda h=h: h, lambda r, i=i: r[i]) for i, h in enumerate(headings)], self)
        self.list_model.set_rows(found.rows)
        self.list_table.setModel(self.list_model)
        self.list_table.resizeColumnsToContents()
        shown = (self.tr("%1: %2 rows").replace("%1", found.title)
                 .replace("%2", str(found.total)))
        if found.total > len(found.rows):
            shown += self.tr(" (the first %1 shown)").replace("%1", str(len(found.rows)))
        self.list_title.setText(shown)
        self.tables.setCurrentIndex(3)

    # ------------------------------------------------------------------- exports
    def _ask_export(self, kind: str) -> None:
        scope = self.scope()
        names = {"xlsx": (f"执法记录统计-{scope.since:%Y%m%d}-{scope.until:%Y%m%d}.xlsx",
                          self.tr("Workbooks (*.xlsx)")),
                 "pdf": (f"执法记录统计-{scope.since:%Y%m%d}-{scope.until:%Y%m%d}.pdf",
                         self.tr("PDF files (*.pdf)")),
                 "annual": (f"{scope.until.year}年度执法全过程记录工作情况报告.pdf",
                            self.tr("PDF files (*.pdf)"))}
        name, pattern = names[kind]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the statistics"),
                                              str(Path.home() / name), pattern)
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> None:
        """Write the workbook, the PDF report or the annual report (of the year of the
        range's last day) to ``path``, off the UI thread."""
        ctx = self.session.ctx
        since, until = self.since.date().toPython(), self.until.date().toPython()
        unit = self.unit.currentData()
        writers: dict[str, Callable[[], Any]] = {
            "xlsx": lambda: write_statistics(ctx, path, since, until, unit),
            "pdf": lambda: write_statistics(ctx, path, since, until, unit),
            "annual": lambda: write_annual_report(ctx, until.year, path, unit)}
        busy = {"xlsx": self.xlsx_button, "pdf": self.pdf_button,
                "annual": self.annual_button}[kind]
        write = writers[kind]

        def run() -> Path:
            write()
            return path
        export_pdf(self, self.session, run, busy=busy, where=self.feedback,
                   open_after=self.open_exports)
