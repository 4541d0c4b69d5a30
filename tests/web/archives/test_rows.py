"""Rows as JSON and back: every stored field travels under its name, typed; a field of a kind the
format cannot carry is an error, never silently dropped."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import models

from ketacover.web.archives import layout, rows
from ketacover.web.archives.layout import ArchiveError, Table


def _field(field: models.Field, name: str = "value") -> models.Field:
    field.set_attributes_from_name(name)
    return field


def test_every_field_of_every_table_travels_but_the_id_workspace_and_declared_ones():
    for table in layout.TABLES:
        travelled = {field.name for field in rows.stored_fields(table)}
        every = {field.name for field in table.model._meta.concrete_fields}
        assert every - travelled <= {"id", "workspace", "content"} | table.leave_out, table.entry


def test_users_never_carry_administration_flags_or_the_password_as_a_field():
    names = {field.name for field in rows.stored_fields(layout.USERS)}
    assert not names & {"is_staff", "is_superuser", "password"}
    assert {"username", "email", "is_active", "date_joined"} <= names


@pytest.mark.parametrize(
    ("field", "value", "written"),
    [
        (models.DecimalField(max_digits=8, decimal_places=2), Decimal("12.50"), "12.50"),
        (models.DateField(), date(2026, 11, 23), "2026-11-23"),
        (
            models.DateTimeField(),
            datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=UTC),
            "2026-11-23T10:00:00.123456+00:00",
        ),
        (models.JSONField(), {"a": [1, 2.5, None]}, {"a": [1, 2.5, None]}),
        (models.BooleanField(), False, False),
        (models.CharField(max_length=5, null=True), None, None),
    ],
)
def test_values_are_written_as_json_and_read_back_equal(field, value, written):
    field = _field(field)
    table = layout.WORKSPACE
    assert rows._to_json(table, field, value) == written
    assert rows._from_json(field, written, "x.json: [0].value") == value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (models.DecimalField(max_digits=8, decimal_places=2), 12.5, "must be a decimal number"),
        (models.DecimalField(max_digits=8, decimal_places=2), "twelve", "must be a decimal"),
        (models.DateField(), 20261123, "must be a date (YYYY-MM-DD)"),
        (models.DateField(), "2026-11-23T10:00", "must be a date (YYYY-MM-DD)"),
        (models.DateTimeField(), 5, "must be a date and time in ISO 8601"),
        (models.DateTimeField(), "yesterday", "must be a date and time in ISO 8601"),
        (models.IntegerField(), True, "must be a whole number"),
        (models.UUIDField(), "a-uuid", "a kind of field the archive cannot carry"),
        (models.SlugField(max_length=50), "not a slug!", "is not a valid value"),
        (models.SlugField(max_length=5), "toolong", "must be at most 5 characters"),
    ],
)
def test_values_of_the_wrong_kind_are_named(field, value, message):
    field = _field(field)
    with pytest.raises(ArchiveError, match=re.escape(f"x.json: [0].value: {message}")) as raised:
        rows._from_json(field, value, "x.json: [0].value")
    assert str(value) not in str(raised.value)


def test_a_field_kind_the_format_cannot_carry_stops_the_export():
    with pytest.raises(ArchiveError, match="value: a kind of field the archive cannot carry"):
        rows._to_json(layout.WORKSPACE, _field(models.UUIDField()), uuid.uuid4())


def test_a_reference_to_something_the_format_does_not_carry_stops_it():
    table = Table("permissions.json", Permission, ("pk",))
    field = Permission._meta.get_field("content_type")
    with pytest.raises(ArchiveError, match="content_type: a reference the archive format"):
        rows.reference_kind(table, field)
