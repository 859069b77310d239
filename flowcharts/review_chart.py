"""The flowchart of the legal review (法制审核, measures 20-25): the states of review.states
with their names, the moves review.workflow allows between them, the materials checklist
(resources/review/materials.toml) and the time limits (the settings review.time_limit_days
and review.extension_days).

The moves are listed here once, by the states' constants, in the order review.states'
docstring draws them: a renamed state renames its box, and a state added there without a
move here is still drawn (tests/flowcharts checks every state is on the chart).
"""
from __future__ import annotations

import graphviz

from flowcharts import style
from flowcharts.inputs import ChartInputs
from review import states as s

# (from, to, label, dashed): what moves a review, as review.workflow does it.
MOVES = (
    (s.DRAFT, s.SUBMITTED, "承办人员提交（材料齐全）", False),
    (s.SUBMITTED, s.IN_REVIEW, "审核人员受理", False),
    (s.IN_REVIEW, s.IN_REVIEW, "延长期限（限一次，须说明理由）", True),
    (s.IN_REVIEW, s.AGREED, "同意", False),
    (s.IN_REVIEW, s.SUPPLEMENT, "补充调查", False),
    (s.IN_REVIEW, s.CORRECT, "纠正", False),
    (s.IN_REVIEW, s.TRANSFER, "移送", False),
    (s.SUPPLEMENT, s.SUBMITTED, "补正后再次提交", True),
    (s.CORRECT, s.SUBMITTED, "纠正后再次提交", True),
    (s.SUPPLEMENT, s.COORDINATION, "承办人员不同意", False),
    (s.CORRECT, s.COORDINATION, "承办人员不同意", False),
    (s.TRANSFER, s.COORDINATION, "承办人员不同意", False),
    (s.COORDINATION, s.FINAL, "机关负责人协调决定", False),
    (s.FINAL, s.SUBMITTED, "协调结论为补充调查或纠正：再次提交", True),
)
OUTCOME_FILL = {s.AGREED: "#e8f5e9", s.SUPPLEMENT: style.GATE_FILL, s.CORRECT: style.GATE_FILL,
                s.TRANSFER: style.GATE_FILL, s.COORDINATION: style.PALE, s.FINAL: style.PALE}
REQUIRED = {"always": "", "hearing": "（经听证的）"}


def _materials(inputs: ChartInputs) -> list[str]:
    lines = ["送审材料（缺一不得提交）："]
    lines += [f"· {zh}{REQUIRED.get(required, '')}" for zh, _en, required in
              inputs.review.materials]
    return [style.esc(line) for line in lines]


def _limits(inputs: ChartInputs) -> str:
    review = inputs.review
    return (f"期限：自提交之日起 {review.time_limit_days} 个工作日；"
            f"可延长一次 {review.extension_days} 个工作日")


def review_chart(inputs: ChartInputs) -> graphviz.Digraph:
    review = inputs.review
    where = "本工作站设置" if review.from_data_folder else "默认设置"
    title = style.title_block(
        "重大执法决定法制审核流程图", "legal review of major enforcement decisions — flowchart",
        f"{_limits(inputs)}（{where}）",
        f"数据：审核状态 review.states；送审材料 materials.toml sha256:"
        f"{inputs.materials_sha256[:16]}")
    graph = style.new_graph("review", title)
    style.terminal(graph, "start", "拟作出重大执法决定", "a major decision is proposed")
    for state, (zh, en) in s.NAMES.items():
        if state == s.NONE:
            continue
        extra = [style.esc(_limits(inputs))] if state == s.IN_REVIEW else []
        graph.node(state, style.label(zh, en, *extra),
                   fillcolor=OUTCOME_FILL.get(state, style.STEP_FILL))
    graph.edge("start", s.DRAFT, label="承办人员准备送审材料")
    style.side_note(graph, "materials", _materials(inputs), s.DRAFT)
    for source, target, text, dashed in MOVES:
        graph.edge(source, target, label=text, style="dashed" if dashed else "solid")
    style.terminal(graph, "decide", "作出决定", "the decision may be made")
    style.terminal(graph, "hand_over", "移送有关机关", "transferred")
    graph.edge(s.AGREED, "decide")
    graph.edge(s.FINAL, "decide", label="协调结论为同意")
    graph.edge(s.FINAL, "hand_over", label="协调结论为移送")
    graph.edge(s.TRANSFER, "hand_over", label="承办人员无异议")
    style.side_note(graph, "sent_back", [style.esc(
        "提交后处罚内容变更的（审核中、已同意、协调中），")
        + '<br align="left"/>' + style.esc("退回“准备送审”重新提交")], s.AGREED)
    return graph
