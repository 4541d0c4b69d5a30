"""Plain data for ``--json``: dates as ISO text, amounts as strings (``"12.34"``), enums as their
values, dataclasses as objects with their field names as keys, tuples as lists."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import typer

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def to_plain(value: object) -> JsonValue:
    """``value`` as JSON-ready data (see the module docstring for the mapping)."""
    if isinstance(value, Enum):
        return to_plain(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_plain(item) for item in value]
    if hasattr(value, "as_dict"):
        return to_plain(value.as_dict())
    return str(value)


def print_json(data: object) -> None:
    """Write ``data`` as indented JSON on standard output."""
    typer.echo(json.dumps(to_plain(data), indent=2, ensure_ascii=False))
