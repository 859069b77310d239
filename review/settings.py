"""Review's settings (declared in config.settings), read inside the caller's transaction so
a check and the change it guards see the same values."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from config.settings import SPECS
from db.models import Setting

ALL_ORDINARY = "review.all_ordinary"          # measure 24
TIME_LIMIT_DAYS = "review.time_limit_days"
EXTENSION_DAYS = "review.extension_days"


def review_setting(session: Session, key: str) -> Any:  # noqa: ANN401
    stored = session.get(Setting, key)
    return SPECS[key].default if stored is None else json.loads(stored.value)
