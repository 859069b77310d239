"""Where the legal review stands in a procedure: before the step whose document carries the
decision (review.gate refuses to number those documents until the review passed). Which
templates carry a decision is review's data (resources/review/decision_documents.toml);
the step and procedures each is issued in are the template's own keys."""
from __future__ import annotations

import functools
import tomllib

from resources import resource_path


@functools.cache
def _template(template_id: str) -> dict:
    path = resource_path("casework", "templates", f"{template_id}.toml")
    with path.open("rb") as handle:
        return tomllib.load(handle)


def guarded_steps(procedure: str) -> frozenset[str]:
    """The steps of ``procedure`` that a case the catalogue matches may not pass before its
    review is agreed."""
    from review.gate import decision_templates
    steps = set()
    for template_id in decision_templates():
        template = _template(template_id)
        if procedure in template.get("procedures", [procedure]) and template.get("step"):
            steps.add(template["step"])
    return frozenset(steps)
