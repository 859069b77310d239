"""A case as the services take it back: the CaseDetail on screen turned into a CaseInput
with one part changed. update_case replaces a case's details, parties and officers in one
go, so every edit in the editor goes through here."""
from __future__ import annotations

from dataclasses import replace

from casework.cases import CaseDetail, PartyInfo
from casework.inputs import CaseInput, PartyInput


def party_input(party: PartyInfo) -> PartyInput:
    return PartyInput(party.kind, party.name, party.id_number, party.id_type, party.address,
                      party.phone, party.legal_representative)


def case_input(detail: CaseDetail, **changes) -> CaseInput:  # noqa: ANN003
    row = detail.row
    current = CaseInput(
        type=row.type_code, procedure=row.procedure, unit=row.unit_short_name,
        officers=tuple(o.certificate_number or o.assigned_certificate
                       for o in detail.officers),
        cause=row.cause, parties=tuple(party_input(p) for p in detail.parties),
        source=detail.source, place=detail.place, occurred_on=detail.occurred_on,
        facts=detail.facts, legal_basis=detail.legal_basis, penalty=detail.penalty,
        penalty_amount=detail.penalty_amount, fields=dict(detail.fields))
    return replace(current, **changes)
