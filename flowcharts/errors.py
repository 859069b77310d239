"""The refusals a user can meet when drawing a flowchart."""
from __future__ import annotations

from core.errors import DomainError


class GraphvizMissing(DomainError):
    """The layout program is not installed (or not on PATH)."""

    code = "graphviz_missing"
    zh = ("找不到 Graphviz 的 {program} 程序，无法绘制流程图：请安装 Graphviz"
          "（Debian/Ubuntu：apt-get install graphviz；Windows：从 graphviz.org 安装并把其 bin "
          "文件夹加入 PATH）")
    en = ("Graphviz's {program} program was not found, so no flowchart can be drawn: install "
          "Graphviz (Debian/Ubuntu: apt-get install graphviz; Windows: install it from "
          "graphviz.org and add its bin folder to PATH)")

    def __init__(self, program: str = "dot") -> None:
        super().__init__(program=program)


class GraphvizFailed(DomainError):
    """`dot` ran but refused the chart (a fault of ours, reported with dot's own words)."""

    code = "graphviz_failed"
    zh = "Graphviz 绘图失败：{detail}"
    en = "Graphviz could not draw the chart: {detail}"

    def __init__(self, detail: str) -> None:
        super().__init__(detail=detail)


class UnknownChart(DomainError):
    code = "unknown_flowchart"
    zh = "没有“{key}”流程图，可选：{choices}"
    en = "there is no flowchart '{key}'; choose from: {choices}"

    def __init__(self, key: str, choices: str) -> None:
        super().__init__(key=key, choices=choices)


class BadChartFormat(DomainError):
    code = "bad_flowchart_format"
    zh = "流程图文件须以 .svg 或 .png 结尾：{path}"
    en = "the flowchart file must end in .svg or .png: {path}"

    def __init__(self, path: str) -> None:
        super().__init__(path=path)


class BadProcedureFile(DomainError):
    code = "bad_procedure_file"
    zh = "办案程序文件 {path} 无法读取：{detail}"
    en = "the procedure file {path} cannot be read: {detail}"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path=path, detail=detail)
