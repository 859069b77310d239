"""The charts there are, and drawing one by its code: one per procedure in the procedure
file, in the file's order, and ``review`` for the legal review."""
from __future__ import annotations

from dataclasses import dataclass

import graphviz

from flowcharts.errors import UnknownChart
from flowcharts.inputs import ChartInputs
from flowcharts.procedure_chart import procedure_chart
from flowcharts.render import render
from flowcharts.review_chart import review_chart

REVIEW = "review"


@dataclass(frozen=True)
class ChartInfo:
    code: str
    name_zh: str
    name_en: str

    def as_json(self) -> dict:
        return {"code": self.code, "name_zh": self.name_zh, "name_en": self.name_en}


def chart_list(inputs: ChartInputs) -> list[ChartInfo]:
    charts = [ChartInfo(p.code, f"{p.name_zh}流程图", f"{p.name_en} flowchart")
              for p in inputs.procedures.values()]
    charts.append(ChartInfo(REVIEW, "重大执法决定法制审核流程图", "legal review flowchart"))
    return charts


def chart_graph(inputs: ChartInputs, key: str) -> graphviz.Digraph:
    """The chart named by ``key``: a procedure's code or Chinese name, or ``review``
    (法制审核)."""
    key = key.strip()
    if key in (REVIEW, "法制审核"):
        return review_chart(inputs)
    for proc in inputs.procedures.values():
        if key in (proc.code, proc.name_zh, proc.name_zh.removesuffix("程序")):
            return procedure_chart(proc, inputs)
    raise UnknownChart(key, ", ".join(c.code for c in chart_list(inputs)))


def draw(inputs: ChartInputs, key: str, fmt: str) -> bytes:
    return render(chart_graph(inputs, key), fmt)
