"""A row read with plain SQL becomes the instance the ORM would have made: converted values,
the columns not read deferred, the instance marked as saved."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from ketacover.web.sql_rows import model_from_row

pytestmark = pytest.mark.django_db


def test_a_row_becomes_the_instance_the_orm_reads():
    made = User.objects.create_user("synthetic.row", is_staff=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, username, is_staff, date_joined FROM auth_user WHERE id = %s", [made.pk]
        )
        row = cursor.fetchone()
    user = model_from_row(User, ["id", "username", "is_staff", "date_joined"], row)
    stored = User.objects.get(pk=made.pk)
    assert (user.pk, user.username, user.date_joined) == (
        stored.pk,
        "synthetic.row",
        stored.date_joined,
    )
    assert user.is_staff is True
    assert timezone.is_aware(user.date_joined)
    assert user._state.adding is False
    assert "email" in user.get_deferred_fields()
    assert user.email == stored.email  # read on first use


def test_values_beyond_the_named_columns_are_ignored():
    made = User.objects.create_user("synthetic.extra")
    user = model_from_row(User, ["id", "username"], [made.pk, made.username, "extra"])
    assert user.username == "synthetic.extra"
