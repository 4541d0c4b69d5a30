"""The session engine: Django's database sessions, read with one SQL statement.

Every page view reads its session (``SESSION_ENGINE``); Django's database backend builds that
read with the ORM, which took longer than the database took to answer it (bench/README.md).
This engine reads the same row (the key and an expiry still in the future) with a
parameterized statement and leaves everything else (saving, expiry, key rotation, the signed
encoding) to Django's backend.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database session store with a lighter read (see module doc)."""

    def _get_session_from_db(self) -> Session | None:
        """The session's row while it has not expired; None (and the key dropped, as Django's
        backend does) when it is unknown or expired. A key that failed Django's validation
        (None here) is not looked up."""
        key = self.session_key
        if key is None:
            return None
        alias = router.db_for_read(Session)
        connection = connections[alias]
        table = connection.ops.quote_name(Session._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(session_key=key, session_data=row[0])
