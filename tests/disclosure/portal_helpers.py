"""A bureau with something on its portal: three decisions published (one of a natural
person, with personal data in the facts), one withdrawn, one of a minor approved but never
publishable; shared by the export tests and the browser test."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from disclosure.workflow import approve_disclosure, publish_disclosure, withdraw_disclosure
from tests.conftest import REPO
from tests.disclosure.conftest import ADULT_ID, MINOR_ID

SCHEMA = REPO / "docs" / "disclosure-feed.schema.json"
CARD = "6222021234567890128"
MOBILE = "13812345678"
# What the natural person's original record holds and the portal must never show.
SECRETS = (ADULT_ID, MINOR_ID, MOBILE, CARD, "兴华路188号3单元502室", "小明", "心脏病")


@dataclass
class Portal:
    published: list[str]     # record ids, as published
    person: str              # the natural person's record
    withdrawn: str
    minor: str


def publish_some(decide, clerk, reviewer, person_party, example_input) -> Portal:  # noqa: ANN001
    facts = (example_input.facts + f"当事人手机{MOBILE}，货款转入银行卡{CARD}。"
             "当事人称其患有心脏病。")
    person = decide(parties=(person_party(),), facts=facts)
    organisation = decide()
    withdrawn = decide()
    minor = decide(parties=(person_party(MINOR_ID, name="小明"),))
    for record in (person, organisation, withdrawn, minor):
        approve_disclosure(reviewer, record)
    for record in (person, organisation, withdrawn):
        publish_disclosure(clerk, record)
    withdraw_disclosure(clerk, withdrawn, "行政复议决定撤销原处罚决定")
    return Portal([person, organisation], person, withdrawn, minor)


def read_feed(folder: Path) -> dict:
    return json.loads((folder / "feed.json").read_text(encoding="utf-8"))


def validate(feed: dict) -> None:
    import jsonschema
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(feed)
