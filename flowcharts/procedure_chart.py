"""The flowchart of one procedure (简易程序, 普通程序, …): its steps in the order the cases
must record them (casework.procedures.order_problem), each optional step as a branch, and
the legal-review gate before the step that a decision document guarded by review issues.

Conditions are data where the data has them (a step's ``condition_zh``); the hearing's
default is the law's: 《中华人民共和国行政处罚法》第六十三条、第六十四条第（一）项 (the
party asks for it within five days of being told of the right). The review gate is drawn
where a case could meet it: a catalogue rule in force that does not exclude the procedure
(nor need a hearing the procedure does not have), or review.all_ordinary for the ordinary
procedure; its note names those rules.
"""
from __future__ import annotations

import importlib.util

import graphviz

from flowcharts import style
from flowcharts.inputs import ChartInputs, ChartProcedure, ChartStep, MajorRule
from flowcharts.review_gate import guarded_steps

ORDINARY = "ordinary"
# Why an optional step is held, when the procedure file does not say (question, English).
DEFAULT_CONDITIONS = {
    "hearing": ("当事人要求听证？\n（告知后五日内提出）", "does the party ask for a hearing?"),
}


def _condition(step: ChartStep) -> tuple[str, str]:
    if step.condition_zh:
        return step.condition_zh, step.condition_en or step.condition_zh
    return DEFAULT_CONDITIONS.get(step.code, (f"是否{step.name_zh}？", f"{step.name_en}?"))


def _step_label(number: int, step: ChartStep) -> str:
    extra = []
    if step.enforcement:
        extra.append("执法环节：办案人员均须持有效执法证")
    if step.time_limit_zh:
        extra.append(style.esc(f"时限：{step.time_limit_zh}"))
    if step.time_limit_en:
        extra.append(style.esc(f"time limit: {step.time_limit_en}"))
    return style.label(f"{number}. {step.name_zh}", step.name_en, *extra)


def applicable_rules(proc: ChartProcedure, rules: tuple[MajorRule, ...]) -> list[MajorRule]:
    """The catalogue rules a case under ``proc`` could match."""
    return [rule for rule in rules
            if (not rule.procedures or proc.code in rule.procedures)
            and (not rule.needs_hearing or proc.has_step("hearing"))]


def _review_reasons(proc: ChartProcedure, inputs: ChartInputs) -> list[str]:
    review = inputs.review
    reasons = [f"· {rule.name_zh}" for rule in applicable_rules(proc, review.rules)]
    if proc.code == ORDINARY and review.all_ordinary:
        reasons.append("· 普通程序作出的决定一律审核（本局设置）")
    if reasons and importlib.util.find_spec("review.benchmark_check") is not None:
        reasons.append("· 处罚超出裁量基准")
    return reasons


def _review_gate(graph: graphviz.Digraph, proc: ChartProcedure, inputs: ChartInputs,
                 before: str, reasons: list[str]) -> tuple[str, str]:
    """Draw the gate and the review before step node ``before``; returns (the gate's node,
    the review's node). Node names carry the step's, should two steps be guarded."""
    review = inputs.review
    gate, node, transfer = f"major_{before}", f"review_{before}", f"transfer_{before}"
    style.gate(graph, gate, "属重大执法决定？", "a major decision?")
    source = "本工作站现行目录" if review.from_data_folder else "LawDesk 默认目录"
    style.side_note(graph, f"rules_{before}",
                    [style.esc(f"重大执法决定目录清单（{source}）：")]
                    + [style.esc(line) for line in reasons], gate)
    limits = (f"期限 {review.time_limit_days} 个工作日，可延长一次 "
              f"{review.extension_days} 个工作日")
    graph.node(node, style.label("法制审核", "legal review", style.esc(limits),
                                 "详见法制审核流程图"), fillcolor=style.GATE_FILL)
    graph.edge(gate, node, label="是")
    graph.edge(gate, before, label="否")
    if proc.has_step("investigation"):
        graph.edge(node, "step_investigation", label="补充调查", style="dashed",
                   constraint="false")
    graph.edge(node, node, label="纠正后重新送审", style="dashed")
    style.terminal(graph, transfer, "移送", "transfer (suspected crime)")
    graph.edge(node, transfer, label="涉嫌犯罪", style="dashed")
    return gate, node


def procedure_chart(proc: ChartProcedure, inputs: ChartInputs) -> graphviz.Digraph:
    subtitle = (f"办案人员不少于 {proc.min_officers} 名；红底为执法环节（持证上岗）；"
                f"共 {len(proc.steps)} 个环节")
    title = style.title_block(f"{proc.name_zh}流程图", f"{proc.name_en} — flowchart", subtitle,
                              f"数据：{inputs.procedures_file} sha256:"
                              f"{inputs.procedures_sha256[:16]}")
    graph = style.new_graph(f"procedure_{proc.code}", title)
    style.terminal(graph, "start", "开始", "start")
    for number, step in enumerate(proc.steps, 1):
        graph.node(f"step_{step.code}", _step_label(number, step),
                   fillcolor=style.ENFORCEMENT_FILL if step.enforcement else style.STEP_FILL)
    style.terminal(graph, "end", "结束", "end")

    guarded = guarded_steps(proc.code)
    reasons = _review_reasons(proc, inputs)
    # Each step is entered from the pending arrows of the steps before it: an optional
    # step's gate leaves one arrow past it.
    pending: list[tuple[str, str]] = [("start", "")]
    for step in proc.steps:
        node = f"step_{step.code}"
        entry = node
        if step.code in guarded and reasons:
            entry, after_review = _review_gate(graph, proc, inputs, node, reasons)
            graph.edge(after_review, node, label="同意")
        if step.optional:
            question, question_en = _condition(step)
            gate = f"if_{step.code}"
            style.gate(graph, gate, question, question_en)
            for source, text in pending:
                graph.edge(source, gate, label=text)
            graph.edge(gate, entry, label="是")
            pending = [(node, ""), (gate, "否")]
            continue
        for source, text in pending:
            graph.edge(source, entry, label=text)
        pending = [(node, "")]
    for source, text in pending:
        graph.edge(source, "end", label=text)
    return graph
