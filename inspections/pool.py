"""The inspector pool of a draw (执法检查人员库): officers holding a valid enforcement
certificate on the draw day (持证上岗), of one unit or of all, as public facts (certificate
number, name, unit)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Certificate, Officer, Unit
from organisation.officers import certified_condition, with_current_certificate


def certified_inspectors(session: Session, on: date, unit_id: str | None
                         ) -> list[dict[str, str]]:
    """Each certified officer as {"certificate", "name", "unit", "officer_id"}, by number."""
    query = with_current_certificate(
        select(Officer.id, Officer.name, Unit.name, Certificate.number)
        .join(Unit, Unit.id == Officer.unit_id), on).where(certified_condition(on))
    if unit_id is not None:
        query = query.where(Officer.unit_id == unit_id)
    rows = [{"certificate": number, "name": name, "unit": unit, "officer_id": officer_id}
            for officer_id, name, unit, number in session.execute(query)]
    return sorted(rows, key=lambda o: o["certificate"])
