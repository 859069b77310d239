"""Records on the wire: a row's column values as canonical JSON values, and back.

Both sides use it for reference data (HQ writes rows with ``row_values``, a workstation
reads them with ``from_wire``), so a value makes the round trip exactly: comparing the JSON
forms tells whether a local row already holds what HQ sent."""
from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import UniqueConstraint, inspect
from sqlalchemy.types import TypeDecorator

from core.canonical import to_jsonable
from core.clock import parse_iso_utc
from db.models import Base


def model_for(table: str) -> type:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table:
            return mapper.class_
    raise KeyError(table)


def columns(model: type) -> list[tuple[str, Any]]:
    """(attribute key, Column) of every mapped column, in table order."""
    return [(attr.key, attr.columns[0]) for attr in inspect(model).column_attrs]


def primary_key(model: type) -> tuple[str, ...]:
    """Column names of the primary key."""
    return tuple(column.name for column in inspect(model).primary_key)


def row_values(obj: object) -> dict[str, Any]:
    """Every column of a record, by column name, as canonical JSON values."""
    return {column.name: to_jsonable(getattr(obj, key)) for key, column in columns(type(obj))}


def _python(column: Any, value: Any) -> Any:  # noqa: ANN401
    if value is None:
        return None
    kind_of = column.type
    if isinstance(kind_of, TypeDecorator):  # UtcDateTime: its own python_type is "object"
        kind_of = kind_of.impl_instance
    try:
        kind = kind_of.python_type
    except NotImplementedError:
        return value
    if kind is datetime:
        return parse_iso_utc(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is bool:
        return bool(value)
    if kind is Decimal:
        return Decimal(value)
    if kind is bytes:
        return base64.b64decode(value["base64"])
    return value


def from_wire(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """Attribute values for the model from a row's JSON values (unknown keys are ignored:
    a newer HQ may send a column this workstation does not have yet)."""
    return {key: _python(column, values.get(column.name))
            for key, column in columns(model) if column.name in values}


def natural_keys(model: type) -> list[tuple[str, ...]]:
    """The unique keys other than the primary key (unit name, certificate number …), as
    column names: rows made on two machines with different ids can clash on them."""
    table = model.__table__
    keys = [tuple(c.name for c in constraint.columns) for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)]
    keys += [(c.name,) for c in table.columns if c.unique and (c.name,) not in keys]
    return keys
