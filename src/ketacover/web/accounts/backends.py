"""The authentication backend: Django's ``ModelBackend`` with a lighter read of the logged-in
user.

Every page view of a logged-in person loads their user row (``get_user``). Django's backend
builds that read with the ORM; this one reads the same row with a parameterized statement and
builds the user as the ORM would (``Model.from_db``). Logging in, passwords and permissions are
Django's, unchanged (HIPAA 45 CFR 164.312(d), person authentication).
"""

from __future__ import annotations

from typing import Final

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connections, router

from ketacover.web.sql_rows import model_from_row

PATH: Final = "ketacover.web.accounts.backends.AccountBackend"
"""This backend's dotted path (``AUTHENTICATION_BACKENDS``; what a session records when a
login is made without a password, as after a second factor)."""


class AccountBackend(ModelBackend):
    """``ModelBackend`` with ``get_user`` as one SQL statement (see module doc)."""

    def get_user(self, user_id: object) -> User | None:
        """The active user with primary key ``user_id``; None when there is none, it is
        inactive, or the id is not a number."""
        model = User
        try:
            pk = model._meta.pk.to_python(user_id)
        except (ValidationError, TypeError, ValueError):  # a malformed id: nobody
            return None
        if pk is None:
            return None
        alias = router.db_for_read(model)
        connection = connections[alias]
        fields = list(model._meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        pk_column = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table} WHERE {pk_column} = %s", [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        user = model_from_row(model, [field.attname for field in fields], row, alias=alias)
        return user if self.user_can_authenticate(user) else None
