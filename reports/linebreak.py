"""Chinese line breaking (标点避头尾, what Japanese calls kinsoku).

No line may start with closing punctuation (，。、；：？！）》」』”’ …) and none may end
with opening punctuation (（《「『“‘ …). reportlab's own CJK wrapping breaks both rules
(it will end a line with （ and start one with ”), hence this module.

Rather than repairing bad breaks afterwards, the text is cut into units that are never
split: a run of Latin letters and digits (10005.20, SHA-256), a 破折号 —— or 省略号 ……, and
any two pieces with closing punctuation or opening punctuation between them. Lines break
only between units, so a comma that would start a line takes the character before it
along to the next line (推出) and the short line is justified to the full width.

A number and its measure word are one unit too (:data:`PHRASE`): 六十日, 十五日内,
第六十四条, 5000元, 2026年6月8日, 9时30分. A reader who meets "起六" at the end of a line
and "十日" on the next (or on the next page) may read a time limit that is not there.
GB/T 15835-2011 (出版物上数字的用法) does not let a number written in figures be split
across lines; issue 14 extends that to numbers in Chinese numerals and to their units.

Pure functions of the text and a width measure: no reportlab here, so it is quick to test.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

OPENING = frozenset("（《「『“‘【〔〈〖〘〚［｛([{")
CLOSING = frozenset("，。、；：？！）》」』”’】〕〉〗〙〛］｝,.;:?!)]}%％‰℃°·・")
_UNBREAKABLE = ("——", "……")
_SPACES = " \t"
_SPACE_ATOMS = frozenset(_SPACES)
EPSILON = 0.01  # points: widths are sums of floats; 28 characters must fit 156 mm exactly


@dataclass(frozen=True)
class Line:
    text: str
    ends_paragraph: bool  # the last line, or one ended by "\n": not justified


def _is_latin(char: str) -> bool:
    """Part of a word that must not break: letters, digits and their punctuation.

    The rule, one character at a time; _ATOM below is its fast form (the tests hold the
    two to the same answers)."""
    return (char < "\u2e80" and char not in _SPACES and char not in OPENING
            and char not in "“”‘’—…·") or char in "([{,.;:?!)]}%"


# The same pieces as a pattern, which the line breaker runs over every paragraph: a Latin
# run is what _is_latin accepts (below U+2E80, less spaces and “”‘’—…·), not starting
# with an opening bracket; anything else is one character.
_LATIN_CLASS = "[^ \t“”‘’—…·\u2e80-\U0010ffff]"
_ATOM = re.compile("|".join(map(re.escape, _UNBREAKABLE))
                   + f"|(?![([{{]){_LATIN_CLASS}{_LATIN_CLASS}*|.", re.DOTALL)


# Numbers in figures (with their decimal point and grouping: 10,005.20, 1.5万) or in
# Chinese numerals, lower case or capital (壹万零伍).
_NUMBER = ("(?:[0-9０-９]+(?:[.,．][0-9０-９]+)*[万亿]?"
           "|[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)")
# Measure words a number takes (longest first, so 个工作日 wins over 个).
MEASURE_WORDS = ("个工作日", "工作日", "个月", "小时", "分钟", "周岁", "万元", "千克", "公斤",
                 "平方米", "立方米", "日", "天", "年", "月", "周", "时", "分", "秒", "岁", "条",
                 "款", "项", "目", "章", "节", "元", "角", "个", "页", "次", "号", "份", "件",
                 "人", "名", "家", "户", "起", "宗", "批", "台", "部", "辆", "张", "本", "册",
                 "套", "只", "箱", "瓶", "袋", "盒", "包", "吨", "克", "米", "斤", "升", "倍",
                 "届", "期", "层", "处", "种", "类", "级", "档", "%", "％", "‰")
_MEASURE = "(?:" + "|".join(map(re.escape, MEASURE_WORDS)) + ")"
_AFTER = "(?:以内|以上|以下|之内|内)?"   # 十五日内, 三日以内
# A date or a time of day is one phrase (2026年6月8日, 二〇二六年六月十五日, 9时30分); an
# ordinal (第六十四条, 第（十）项, 第2页) keeps its 第; any other number keeps its measure word.
PHRASE = re.compile(
    f"(?:{_NUMBER}年(?:{_NUMBER}月(?:{_NUMBER}日)?)?|{_NUMBER}月{_NUMBER}日"
    f"|{_NUMBER}时(?:{_NUMBER}分(?:{_NUMBER}秒)?)?"
    f"|第[（(]?{_NUMBER}[）)]?{_MEASURE}?|{_NUMBER}{_MEASURE}){_AFTER}")
# A longer "phrase" (a capital amount of many digits) kept whole would leave a line half
# empty; it breaks like other text.
PHRASE_LIMIT = 12


def phrase_joints(text: str) -> set[int]:
    """Offsets in ``text`` where a line must not break: inside a number with its unit."""
    joints: set[int] = set()
    for match in PHRASE.finditer(text):
        start, end = match.span()
        if 1 < end - start <= PHRASE_LIMIT:
            joints.update(range(start + 1, end))
    return joints


def atoms(text: str) -> list[str]:
    """The smallest pieces: one CJK character, one space, one Latin word, one —— or ……."""
    return _ATOM.findall(text)


def units(text: str) -> list[str]:
    """Atoms joined wherever a break between them would break a rule."""
    out: list[str] = []
    # The last character of out[-1] that is not a space ("" if none): whether the unit
    # ends with opening punctuation, which must keep what follows.
    tail = ""
    joints = phrase_joints(text)
    at = 0
    for atom in _ATOM.findall(text):
        start, at = at, at + len(atom)
        if not out:
            out.append(atom)
            tail = atom.rstrip(_SPACES)[-1:]
        elif start in joints:   # inside 六十日, 2026年6月8日: no phrase contains a space
            out[-1] += atom
            tail = atom[-1]
        elif atom in _SPACE_ATOMS:  # a space is always an atom of its own
            if tail in OPENING:
                out[-1] += atom  # "（ " keeps the bracket with what follows the space
            else:
                out.append(atom)
                tail = ""
        elif atom[0] in CLOSING and out[-1] in _SPACE_ATOMS and len(out) > 1:
            space = out.pop()    # "word ，": the comma must not start a line either
            out[-1] += space + atom
            tail = atom[-1]
        elif atom[0] in CLOSING or tail in OPENING:
            out[-1] += atom
            tail = atom[-1]
        else:
            out.append(atom)
            tail = atom[-1]
    return out


def break_lines(text: str, width_of: Callable[[str], float], first_width: float,
                width: float, char_space: float = 0.0) -> list[Line]:
    """Greedy lines of at most ``first_width`` (the first) and ``width`` (the rest).

    ``width_of(s)`` is the advance of ``s`` including ``char_space`` after each character.
    A positive ``char_space`` after a line's last character is not part of the line; a
    negative one is, since it makes a grid: 28 characters of 16 pt fill 156 mm when each
    takes 156/28 mm (the drawing then closes the line up by the 0.2 pt its last glyph
    needs). A "\\n" in the text ends a line without justification.
    """
    trailing = max(char_space, 0.0)
    lines: list[Line] = []
    for segment in text.split("\n"):
        available = first_width if not lines else width
        current: list[str] = []
        used = 0.0
        for unit in units(segment):
            advance = width_of(unit)
            # Only ASCII spaces are break opportunities that vanish at a line's ends (the
            # ideographic space U+3000 is a full-width character clerks use to leave
            # blanks); units() gives every such space a unit of its own.
            if unit in _SPACE_ATOMS:
                if current and used + advance - trailing <= available + EPSILON:
                    current.append(unit)
                    used += advance
                elif current:
                    lines.append(Line(_strip(current), False))
                    current, used, available = [], 0.0, width
                continue
            if used + advance - trailing <= available + EPSILON:
                current.append(unit)
                used += advance
                continue
            if advance - trailing > width + EPSILON:
                # Longer than a whole line (a hash, a URL): cut it by characters, starting
                # in the room left on this line.
                pieces = _cut(unit, width_of, available - used, width, trailing)
                if current or pieces[0]:
                    lines.append(Line(_strip(current + [pieces[0]]), False))
                lines.extend(Line(piece, False) for piece in pieces[1:-1])
                current, used, available = [pieces[-1]], width_of(pieces[-1]), width
                continue
            if current:
                lines.append(Line(_strip(current), False))
            current, used, available = [unit], advance, width
        lines.append(Line(_strip(current), True))
    return lines


def _strip(parts: list[str]) -> str:
    return "".join(parts).strip(_SPACES)


def _cut(unit: str, width_of: Callable[[str], float], first: float, width: float,
         trailing: float) -> list[str]:
    """Pieces of an over-long unit; the first fits ``first`` and may be empty.

    Cuts fall inside Latin runs where possible; only a unit with no such place (a long run
    of punctuation in a very narrow cell) is cut against the rules, rather than overflow."""
    pieces: list[str] = []
    start, n = 0, len(unit)
    available = first
    while start < n:
        end, used = start, 0.0
        while end < n:
            advance = width_of(unit[end])
            if used + advance - trailing > available + EPSILON:
                break
            used += advance
            end += 1
        if end == n:
            pieces.append(unit[start:])
            break
        cut = end
        while cut > start and not _may_break(unit, cut):
            cut -= 1
        if cut == start:
            if not pieces and available < width:
                pieces.append("")  # no good place in the room left: start on a new line
                available = width
                continue
            cut = max(end, start + 1)
        pieces.append(unit[start:cut])
        start, available = cut, width
    return pieces or [""]


def _may_break(text: str, at: int) -> bool:
    return text[at] not in CLOSING and text[at - 1] not in OPENING
