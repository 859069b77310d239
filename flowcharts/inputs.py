"""What the charts are drawn from, read once per drawing.

Procedures are read from resources/casework/procedures.toml, the file casework.procedures
loads for the cases (or a copy of it, given by path): the same keys, parsed the same way
(tests/flowcharts check both give the same procedures). A step may also carry keys the
cases do not use but a chart shows when present:

    time_limit_zh / time_limit_en   the step's time limit, as the bureau words it
    condition_zh / condition_en     for an optional step: when it is held

The legal review's figures come from the data folder when a session is given (its settings
and the major-decision catalogue in force), else from the shipped defaults.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from flowcharts.errors import BadProcedureFile
from resources import resource_path

PROCEDURES_FILE = resource_path("casework", "procedures.toml")
MATERIALS_FILE = resource_path("review", "materials.toml")


@dataclass(frozen=True)
class ChartStep:
    code: str
    name_zh: str
    name_en: str
    optional: bool = False
    enforcement: bool = False
    time_limit_zh: str = ""
    time_limit_en: str = ""
    condition_zh: str = ""
    condition_en: str = ""


@dataclass(frozen=True)
class ChartProcedure:
    code: str
    name_zh: str
    name_en: str
    min_officers: int
    steps: tuple[ChartStep, ...]

    def has_step(self, code: str) -> bool:
        return any(step.code == code for step in self.steps)


@dataclass(frozen=True)
class MajorRule:
    """A rule of the major-decision catalogue, as a chart names it."""

    code: str
    name_zh: str
    name_en: str
    procedures: tuple[str, ...]      # empty: any procedure
    needs_hearing: bool              # matches only a case that held its hearing


@dataclass(frozen=True)
class ReviewInputs:
    time_limit_days: int
    extension_days: int
    all_ordinary: bool               # measure 24: every ordinary-procedure decision
    rules: tuple[MajorRule, ...]
    materials: tuple[tuple[str, str, str], ...]   # (title_zh, title_en, required)
    from_data_folder: bool


@dataclass(frozen=True)
class ChartInputs:
    procedures: dict[str, ChartProcedure]
    procedures_file: str             # the file's name, as the chart's title shows it
    procedures_sha256: str
    materials_sha256: str
    review: ReviewInputs = field(repr=False)


def _text(spec: dict, key: str) -> str:
    value = spec.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _step(spec: dict) -> ChartStep:
    return ChartStep(spec["code"], spec["name_zh"], spec["name_en"], bool(spec.get("optional")),
                     bool(spec.get("enforcement")), _text(spec, "time_limit_zh"),
                     _text(spec, "time_limit_en"), _text(spec, "condition_zh"),
                     _text(spec, "condition_en"))


def read_procedures(path: Path = PROCEDURES_FILE) -> tuple[dict[str, ChartProcedure], str]:
    """The procedures in ``path`` and the file's SHA-256; BadProcedureFile when the file is
    missing or not a procedure file."""
    try:
        raw = Path(path).read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
        result = {code: ChartProcedure(code, spec["name_zh"], spec["name_en"],
                                       int(spec["min_officers"]),
                                       tuple(_step(s) for s in spec["step"]))
                  for code, spec in data.items()}
    except OSError as error:
        raise BadProcedureFile(str(path), error.strerror or str(error)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadProcedureFile(str(path), str(error)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BadProcedureFile(str(path), f"missing or wrong key {error}") from None
    return result, hashlib.sha256(raw).hexdigest()


def _major_rules(rules) -> tuple[MajorRule, ...]:  # noqa: ANN001 - review.catalogue.Rule
    return tuple(MajorRule(r.code, r.name_zh, r.name_en, tuple(r.procedures),
                           bool(r.hearing_held)) for r in rules)


def _materials() -> tuple[tuple[str, str, str], ...]:
    from review.materials import material_items
    return tuple((i.title_zh, i.title_en, i.required) for i in material_items())


def default_review() -> ReviewInputs:
    """The review's figures as LawDesk ships them."""
    from config.settings import SPECS
    from review.catalogue import shipped_rules
    from review.settings import ALL_ORDINARY, EXTENSION_DAYS, TIME_LIMIT_DAYS
    return ReviewInputs(SPECS[TIME_LIMIT_DAYS].default, SPECS[EXTENSION_DAYS].default,
                        SPECS[ALL_ORDINARY].default, _major_rules(shipped_rules()),
                        _materials(), False)


def review_in(session: Session, on: date) -> ReviewInputs:
    """The review's figures as the data folder holds them on ``on``."""
    from review.catalogue import rules_in_force
    from review.settings import (ALL_ORDINARY, EXTENSION_DAYS, TIME_LIMIT_DAYS,
                                 review_setting)
    return ReviewInputs(int(review_setting(session, TIME_LIMIT_DAYS)),
                        int(review_setting(session, EXTENSION_DAYS)),
                        bool(review_setting(session, ALL_ORDINARY)),
                        _major_rules(rules_in_force(session, on)), _materials(), True)


def chart_inputs(review: ReviewInputs | None = None,
                 procedures_file: Path = PROCEDURES_FILE) -> ChartInputs:
    procedures, digest = read_procedures(procedures_file)
    return ChartInputs(procedures, Path(procedures_file).name, digest,
                       hashlib.sha256(MATERIALS_FILE.read_bytes()).hexdigest(),
                       review or default_review())
