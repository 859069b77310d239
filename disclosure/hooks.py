"""Disclosure's part in casework's transactions (casework.hooks): a decision issued, or a
permit or compulsory measure recorded, drafts its disclosure record in the same
transaction (disclosure.drafting). Loaded when first called (casework.hooks.lazy)."""
from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from casework.hooks import DOCUMENT_ISSUED, STEP_RECORDED, lazy
from casework.hooks import install as install_hook


def install(factory: sessionmaker) -> None:
    """Draft disclosures in every write session the factory makes."""
    install_hook(factory, DOCUMENT_ISSUED, lazy("disclosure.drafting", "on_document_issued"))
    install_hook(factory, STEP_RECORDED, lazy("disclosure.drafting", "on_step_recorded"))
