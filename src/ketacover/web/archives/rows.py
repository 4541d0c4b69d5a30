"""Rows as JSON and back: every stored field of a table under its own name, typed as the database
keeps it, so a field added to a model travels in archives without a change here.

Text, numbers, booleans and JSON stay themselves; dates are ``YYYY-MM-DD``, times ISO 8601 in
UTC with their offset, decimals strings. A reference to a case is its case id, to a user their
username; the workspace is implied. A field of a kind this module does not know is an error at
export, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models

from ketacover.web.accounts.models import Workspace
from ketacover.web.archives.layout import ArchiveError, Table
from ketacover.web.cases.models import CaseRecord
from ketacover.web.sealed import SealedBinaryField

if TYPE_CHECKING:
    Field = models.Field[Any, Any]
else:
    Field = models.Field
Json = Any
"""A value as :mod:`json` reads and writes it."""


def stored_fields(table: Table) -> list[Field]:
    """The fields of ``table`` written to the archive: all concrete fields but the primary key,
    the workspace (implied), the encrypted bytes (written as files) and those left out."""
    fields = []
    for field in table.model._meta.concrete_fields:
        if (
            field.primary_key
            or field.name in table.leave_out
            or isinstance(field, SealedBinaryField)
            or (field.is_relation and field.related_model is Workspace)
        ):
            continue
        fields.append(field)
    return fields


def reference_kind(table: Table, field: Field) -> str:
    """``case`` or ``user``: what a relation field names; any other relation is an error."""
    if field.related_model is CaseRecord:
        return "case"
    if field.related_model is get_user_model():
        return "user"
    raise ArchiveError(
        f"{table.entry}: {field.name}: a reference the archive format does not carry"
    )


def encode(table: Table, obj: models.Model, name_of: Callable[[str, int], str]) -> dict[str, Json]:
    """``obj`` as a JSON object; ``name_of(kind, pk)`` gives a referenced row's natural key."""
    row: dict[str, Json] = {"id": obj.pk}
    for field in stored_fields(table):
        value = getattr(obj, field.attname)
        if field.is_relation:
            row[field.name] = (
                None if value is None else name_of(reference_kind(table, field), value)
            )
        else:
            row[field.name] = _to_json(table, field, value)
    return row


def _to_json(table: Table, field: Field, value: object) -> Json:
    if value is None:
        return None
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(field, models.DateField) and isinstance(value, date):
        return value.isoformat()
    if isinstance(field, models.DecimalField):
        return str(value)
    if isinstance(field, _PLAIN):
        return value
    raise ArchiveError(f"{table.entry}: {field.name}: a kind of field the archive cannot carry")


_PLAIN = (
    models.JSONField,
    models.BooleanField,
    models.IntegerField,
    models.CharField,
    models.TextField,
    models.GenericIPAddressField,
)


def decode(
    table: Table, data: Json, where: str, *, extra: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The row ``data`` (read at ``where``, e.g. ``cases.json: [3]``) as field values, references
    as their natural keys; keys in ``extra`` are left for the caller. ArchiveError names the
    entry, the row and the field."""
    if not isinstance(data, dict):
        raise ArchiveError(f"{where}: must be an object")
    fields = stored_fields(table)
    known = {field.name for field in fields} | {"id"} | extra
    unknown = sorted(key for key in data if key not in known)
    if unknown:
        raise ArchiveError(f"{where}: unknown field {unknown[0][:40]!r}")
    ident = data.get("id")
    if not isinstance(ident, int) or isinstance(ident, bool) or ident < 1:
        raise ArchiveError(f"{where}.id: must be a positive whole number")
    row: dict[str, Any] = {"id": ident}
    row.update((key, data[key]) for key in extra if key in data)
    for field in fields:
        at = f"{where}.{field.name}"
        if field.name in data:
            row[field.name] = _from_json(field, data[field.name], at)
        elif field.has_default():
            row[field.name] = field.get_default()
        elif field.null:
            row[field.name] = None
        else:
            raise ArchiveError(f"{at}: missing")
    return row


def _from_json(field: Field, value: Json, at: str) -> Json:
    if value is None:
        if field.null:
            return None
        raise ArchiveError(f"{at}: must not be null")
    if field.is_relation:
        if not isinstance(value, str) or not value:
            raise ArchiveError(f"{at}: must be a case id or a username (text)")
        return value
    result = _typed(field, value, at)
    try:
        field.run_validators(result)
    except ValidationError:
        raise ArchiveError(f"{at}: {_limit(field, result)}") from None
    if field.choices and result not in {choice for choice, _ in field.flatchoices}:
        choices = ", ".join(str(choice) for choice, _ in field.flatchoices)
        raise ArchiveError(f"{at}: must be one of {choices}")
    return result


def _typed(field: Field, value: Json, at: str) -> Json:
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BooleanField):
        if isinstance(value, bool):
            return value
        raise ArchiveError(f"{at}: must be true or false")
    if isinstance(field, models.IntegerField):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ArchiveError(f"{at}: must be a whole number")
    if isinstance(field, models.DateTimeField):
        return _datetime(value, at)
    if isinstance(field, models.DateField):
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise ArchiveError(f"{at}: must be a date (YYYY-MM-DD)")
    if isinstance(field, models.DecimalField):
        try:
            return Decimal(value) if isinstance(value, str) else _not_decimal()
        except (InvalidOperation, ValueError):
            raise ArchiveError(f"{at}: must be a decimal number written as text") from None
    if isinstance(field, models.CharField | models.TextField | models.GenericIPAddressField):
        if isinstance(value, str):
            return value
        raise ArchiveError(f"{at}: must be text")
    raise ArchiveError(f"{at}: a kind of field the archive cannot carry")


def _datetime(value: Json, at: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ArchiveError(f"{at}: must be a date and time in ISO 8601 with its UTC offset")
    return moment


def _not_decimal() -> Decimal:
    raise ValueError


def _limit(field: Field, value: Json) -> str:
    """What a value that failed the field's validators breaks, without quoting it."""
    if isinstance(field, models.CharField) and field.max_length and len(value) > field.max_length:
        return f"must be at most {field.max_length} characters"
    if isinstance(field, models.GenericIPAddressField):
        return "must be an IP address"
    if isinstance(field, models.EmailField):
        return "must be an e-mail address"
    if isinstance(field, models.IntegerField):
        return "is out of range"
    return "is not a valid value"
