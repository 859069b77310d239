"""The draw as a pure function: the documented worked example, exactly; every input
changing the result; the USCC check; balance; no reliance on Python's ``random``."""
from __future__ import annotations

import copy
import hashlib
import json
import re
from collections import Counter

import pytest

from core.errors import InvalidInput
from inspections.algorithm import Stream, how_many, parse_ratio, run_draw, seed_of
from inspections.inputs import check_inspectors
from inspections.errors import TooFewAfterRecusal, TooFewInspectors
from inspections.uscc import check_character, uscc_problem
from tests.conftest import REPO
from tests.inspections.conftest import uscc

DOC = (REPO / "docs" / "double-random-draw.md").read_text("utf-8")


def documented(marker: str) -> str:
    return re.search(rf"<!-- {marker} -->\n(?:```json\n)?(.*?)(?:```|\n\n)", DOC, re.S).group(1)


def example() -> dict:
    return json.loads(documented("worked-example-inputs"))


def test_the_worked_example_gives_the_documented_seed_stream_and_result():
    inputs = example()
    seed = re.search(r"seed = `([0-9a-f]{64})`", documented("worked-example-seed")).group(1)
    assert seed_of(inputs) == seed
    assert "canonical JSON is 1,799 bytes" in DOC
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert len(canonical.encode("utf-8")) == 1799
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == seed
    block0 = hashlib.sha256(bytes.fromhex(seed) + bytes(8)).hexdigest()
    assert f"Block 0 of the stream = `{block0}`" in DOC
    assert run_draw(inputs) == json.loads(documented("worked-example-result"))
    # The table of integers read: n and x mod n, in order.
    rows = re.findall(r"^\| ([0-9a-f]{8}) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", DOC, re.M)
    stream = Stream(seed)
    for _bytes, _x, n, _limit, value in rows:
        assert stream.below(int(n)) == int(value)
    assert len(rows) == 9


def test_the_recused_officer_is_not_drawn_for_that_target_in_the_example():
    result = {r["uscc"]: r["inspectors"] for r in run_draw(example())}
    assert "22010001" not in result["91220100000000002L"]


def change(inputs: dict, how) -> dict:  # noqa: ANN001
    changed = copy.deepcopy(inputs)
    how(changed)
    return changed


CHANGES = {
    "seed text": lambda i: i.update(seed_text=i["seed_text"] + "5"),
    "one target's name": lambda i: i["targets"][3].update(name="长春市丁药房有限公司（分店）"),
    "one target more": lambda i: i["targets"].append(
        {"uscc": uscc(7), "name": "长春市庚公司", "address": "", "category": ""}),
    "ratio": lambda i: i.update(selection={"ratio": "0.6"}),
    "count": lambda i: i.update(selection={"count": 3}),
    "recusal": lambda i: i["recusals"].append(
        {"certificate": "22010002", "uscc": uscc(5), "reason": "曾在该店任职"}),
    "inspector pool": lambda i: i["inspectors"].pop(),
    "draw time": lambda i: i.update(drawn_at="2026-06-15T02:00:01.000000Z"),
    "item list version": lambda i: i["item"].update(list_version="2"),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_any_change_of_input_changes_the_seed_and_the_result(name):
    inputs = example()
    changed = change(inputs, CHANGES[name])
    assert seed_of(changed) != seed_of(inputs)
    assert run_draw(changed) != run_draw(inputs)


def test_same_inputs_same_result_whatever_the_key_order():
    inputs = example()
    shuffled = json.loads(json.dumps(dict(reversed(list(inputs.items()))), ensure_ascii=False))
    assert seed_of(shuffled) == seed_of(inputs) and run_draw(shuffled) == run_draw(inputs)


def big_inputs(targets: int, officers: int) -> dict:
    inputs = example()
    inputs["targets"] = [{"uscc": uscc(n), "name": f"公司{n}", "address": "", "category": ""}
                         for n in range(1, targets + 1)]
    inputs["inspectors"] = [{"certificate": f"2201{n:04d}", "name": f"人员{n}", "unit": "一科"}
                            for n in range(officers)]
    inputs["recusals"] = []
    inputs["selection"] = {"ratio": "1"}
    return inputs


def test_inspectors_are_distinct_and_balanced():
    result = run_draw(big_inputs(50, 7))
    assert len(result) == 50 and len({r["uscc"] for r in result}) == 50
    assert all(len(set(r["inspectors"])) == 2 for r in result)
    loads = Counter(c for r in result for c in r["inspectors"])
    assert max(loads.values()) - min(loads.values()) <= 1


def test_uniform_integers_are_unbiased_by_rejection():
    # Below 3: 2^32 mod 3 = 1, so exactly one value of x (2^32 - 1) must be refused.
    stream = Stream("00" * 32)
    counts = Counter(stream.below(3) for _ in range(30_000))
    assert set(counts) == {0, 1, 2} and min(counts.values()) > 9_400


def test_the_draw_never_uses_pythons_random():
    import inspections.algorithm as algorithm
    source = (REPO / "inspections" / "algorithm.py").read_text("utf-8")
    assert "import random" not in source and "from random" not in source
    assert not hasattr(algorithm, "random")


@pytest.mark.parametrize("text,value", [("0.05", "0.05"), ("5%", "0.05"), ("5％", "0.05"),
                                        ("1", "1"), ("0.050", "0.050")])
def test_ratios(text, value):
    assert str(parse_ratio(text)) == value


@pytest.mark.parametrize("text", ["0", "1.5", "-0.1", "abc", "NaN", "", "120%"])
def test_bad_ratios_are_refused(text):
    with pytest.raises(InvalidInput, match="抽查比例"):
        parse_ratio(text)


def test_how_many_rounds_up_exactly():
    assert how_many({"ratio": "0.05"}, 21) == 2       # 1.05 -> 2
    assert how_many({"ratio": "0.05"}, 20) == 1       # exactly 1, no float error
    assert how_many({"ratio": "0.07"}, 100) == 7      # 0.07 * 100 is 7.000000000000001 in floats
    assert how_many({"count": 4}, 100) == 4


def test_too_few_inspectors_are_refused_before_any_draw():
    inputs = big_inputs(5, 1)
    with pytest.raises(TooFewInspectors, match="只有 1 名"):
        check_inspectors(inputs)
    inputs = big_inputs(5, 2)
    inputs["recusals"] = [{"certificate": "22010000", "uscc": uscc(4), "reason": "亲属"}]
    with pytest.raises(TooFewAfterRecusal, match=uscc(4)):
        check_inspectors(inputs)


def test_uscc_check_character():
    assert uscc_problem("91350100M000100Y43") is None    # the standard's own example
    assert check_character("91350100M000100Y4") == "3"
    assert "校验位错误（应为 3）" in uscc_problem("91350100M000100Y44")[0]
    assert "18 位" in uscc_problem("9135010")[0]
    assert "字符“I”" in uscc_problem("91350100M000100YI3")[0]
