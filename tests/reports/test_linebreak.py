"""Chinese line breaking on its own: the rules hold for any width, and no text is lost."""
from __future__ import annotations

import random

import pytest

from reports.linebreak import (
    CLOSING,
    OPENING,
    PHRASE_LIMIT,
    _is_latin,
    atoms,
    break_lines,
    phrase_joints,
    units,
)


def width(text: str) -> float:
    """One unit for a full-width character, half for Latin letters and digits."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "“”‘’—…" else 1.0 for c in text)


def lines(text: str, first: float, rest: float | None = None) -> list[str]:
    return [line.text for line in break_lines(text, width, first, rest or first)]


def assert_rules(result: list[str]) -> None:
    for number, line in enumerate(result):
        if number:
            assert line[:1] not in CLOSING, f"line {number + 1} starts with closing punctuation: {line}"
        if number < len(result) - 1:
            assert line[-1:] not in OPENING, f"line {number + 1} ends with opening punctuation: {line}"


def test_a_comma_that_would_start_a_line_takes_the_character_before_it_along():
    # Ten characters a line; the eleventh is a comma.
    result = lines("一二三四五六七八九十，一二三", 10)
    assert result == ["一二三四五六七八九", "十，一二三"]


def test_an_opening_bracket_that_would_end_a_line_moves_to_the_next():
    result = lines("一二三四五六七八九《书名》", 10)
    assert result == ["一二三四五六七八九", "《书名》"]


def test_runs_of_closing_punctuation_stay_with_their_character():
    result = lines("一二三四五六七八九“好。”", 10)
    assert_rules(result)
    assert result[-1].startswith("“好") or result[-1].startswith("九")


def test_numbers_and_latin_words_are_not_split():
    result = lines("罚款一二三四10005.20元", 8)
    assert "10005.20元" in result[1]
    assert all("10005" not in line or "10005.20" in line for line in result)


def test_a_document_number_keeps_its_brackets():
    assert "〔2026〕" in units("某罚决字〔2026〕1号")


def test_a_word_longer_than_the_line_is_cut_and_starts_in_the_room_left():
    digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    result = lines(f"哈希值：{digest}，完。", 10)
    assert "".join(result) == f"哈希值：{digest}，完。"
    assert result[0].startswith("哈希值：9f86")
    assert all(width(line) <= 10 for line in result)
    assert_rules(result)


def test_spaces_break_lines_and_vanish_at_their_ends():
    result = lines("ab cd ef gh ij kl", 4)
    assert result == ["ab cd ef", "gh ij kl"]


def test_ideographic_spaces_are_kept_for_blanks_to_fill_in():
    assert lines("签名：　　　　年　月　日", 20) == ["签名：　　　　年　月　日"]


def test_newline_ends_a_line_and_is_not_justified():
    result = break_lines("第一行\n第二行", width, 10, 10)
    assert [(line.text, line.ends_paragraph) for line in result] == [
        ("第一行", True), ("第二行", True)]


def test_the_first_line_may_be_shorter_for_the_indent():
    result = lines("一" * 30, 8, 10)
    assert [len(line) for line in result] == [8, 10, 10, 2]


PIECES = list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说")
PUNCTUATION = list("，。、；：？！）》」』”’（《「『“‘〔〕") + ["——", "……", "2026", "10,005.20", " "]


def random_text(seed: int) -> str:
    chooser = random.Random(seed)
    return "".join(chooser.choice(PIECES) if chooser.random() < 0.7 else chooser.choice(PUNCTUATION)
                   for _ in range(300))


@pytest.mark.parametrize("seed", range(40))
def test_random_text_keeps_the_rules_at_every_width(seed: int):
    text = random_text(seed)
    for line_width in (8, 13, 28):
        result = lines(text, line_width - 2, line_width)
        assert_rules(result)
        assert all(width(line) <= line_width for line in result)
        assert "".join(result).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("seed", range(10))
def test_where_the_rules_cannot_hold_text_still_stays_inside_its_width(seed: int):
    # Five characters a line cannot keep 「‘上。？』 (six) together: it is cut rather than
    # drawn across a table's rule.
    text = random_text(seed)
    result = lines(text, 5)
    assert all(width(line) <= 5 for line in result)
    assert "".join(result).replace(" ", "") == text.replace(" ", "")


# -- the pattern against the rules spelled out one character at a time ----------------------

def reference_atoms(text: str) -> list[str]:
    """atoms() as first written: a loop over the characters with _is_latin."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith(("——", "……"), i):
            out.append(text[i:i + 2])
            i += 2
        elif _is_latin(text[i]) and text[i] not in "([{":
            j = i + 1
            while j < n and _is_latin(text[j]) and not text.startswith(("——", "……"), j):
                j += 1
            out.append(text[i:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return out


def reference_units(text: str) -> list[str]:
    """units() as first written, testing each unit's end for opening punctuation."""
    def is_space(unit: str) -> bool:
        return unit.strip(" \t") == ""

    out: list[str] = []
    for atom in reference_atoms(text):
        if not out:
            out.append(atom)
            continue
        before = out[-1].rstrip(" \t")
        after_opening = bool(before) and before[-1] in OPENING
        if is_space(atom):
            if after_opening:
                out[-1] += atom
            else:
                out.append(atom)
        elif atom[0] in CLOSING and is_space(out[-1]) and len(out) > 1:
            space = out.pop()
            out[-1] += space + atom
        elif atom[0] in CLOSING or after_opening:
            out[-1] += atom
        else:
            out.append(atom)
    # Then a number and its measure word joined: no phrase holds a space, so joining
    # afterwards changes none of the decisions above.
    joints, joined, at = phrase_joints(text), [], 0
    for unit in out:
        if joined and at in joints:
            joined[-1] += unit
        else:
            joined.append(unit)
        at += len(unit)
    return joined


# Every kind of character the rules tell apart, and some they do not mention.
ALPHABET = (PIECES + PUNCTUATION + list("([{)]},.;:?!%％‰℃°·・“”‘’—…【】〈〉［］｛｝")
            + list("aZ09-_/+=#@&*'\"<>|\\~^`$\t ") + ["\u3000", "é", "Ω", "∑", "\u2e7f",
                                                     "\u2e80", "\u00a0", "\U0001F600", "\r"])


@pytest.mark.parametrize("seed", range(60))
def test_atoms_and_units_are_those_of_the_rules_character_by_character(seed: int):
    chooser = random.Random(seed)
    text = "".join(chooser.choice(ALPHABET) for _ in range(chooser.randint(0, 200)))
    assert atoms(text) == reference_atoms(text)
    assert units(text) == reference_units(text)


def test_every_character_below_the_cjk_blocks_is_an_atom_as_the_rules_say():
    for code in range(0x2F00):
        char = chr(code)
        for text in (char, "a" + char, char + "a", "（" + char, char + " "):
            assert atoms(text) == reference_atoms(text), repr(text)
            assert units(text) == reference_units(text), repr(text)


# -- a number and its measure word (PHRASE) ---------------------------------------------------

@pytest.mark.parametrize("phrase", ["六十日", "十五日内", "三日", "2026年6月8日", "第六十四条",
                                    "5000元", "50,000.00元", "第（十）项", "9时30分",
                                    "二〇二六年六月十五日", "十五个工作日", "1.5万元"])
def test_a_number_and_its_unit_are_one_unit(phrase: str):
    assert phrase in units(f"自此{phrase}之后")


@pytest.mark.parametrize("phrase", ["六十日", "十五日内", "2026年6月8日", "第六十四条", "5000元"])
def test_a_phrase_that_exactly_fits_stays_and_one_character_over_moves_whole(phrase: str):
    room = 10
    fits = "甲" * int(room - width(phrase)) + phrase + "乙丙"
    assert lines(fits, room)[0].endswith(phrase)
    over = "甲" * (int(room - width(phrase)) + 1) + phrase + "乙丙"
    first, second = lines(over, room)[:2]
    assert set(first) == {"甲"} and second.startswith(phrase)


def test_numerals_without_a_unit_and_words_with_numerals_break_as_before():
    # 统一 (unified) is no number; a count without a measure word is not joined either.
    assert units("统一社会") == list("统一社会")
    assert lines("甲乙丙丁戊己庚辛壬一二三", 10) == ["甲乙丙丁戊己庚辛壬一", "二三"]


def test_a_capital_amount_longer_than_the_limit_breaks_like_other_text():
    amount = "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元"  # 16 characters: joined, it would leave half a line
    assert len(amount) > PHRASE_LIMIT
    assert amount not in units(amount) and units("伍元") == ["伍元"]
