"""The health check at ``/healthz``: whether this server can do its work, for a load balancer and
for monitoring.

It answers ``200`` when every check passes and ``503`` when one fails, with a small JSON object
naming each check's state in one word and nothing else: no health data, no key, no host name,
no error text (the reason is logged on the server, by exception class only). The checks:

- ``database``: a connection to the configured database opens (``ok`` or ``unreachable``);
- ``migrations``: the newest migration of every app is recorded as applied (``ok``,
  ``pending`` after an upgrade whose ``ketacover migrate`` has not run yet, or ``unknown`` when
  the database cannot be reached);
- ``secret_key``: Django's secret key is set, is not the debug-mode key and passes Django's own
  strength test (``ok`` or ``weak``);
- ``data_key``: the data keys that encrypt stored files are configured and well formed (``ok``
  or ``unreadable``).

It is answered by a middleware placed first, before Django validates the ``Host`` header,
redirects plain http to https, or loads a session: a load balancer probing the server by its
address over plain http gets the answer, not a 400 or a redirect, and no session or audit row is
written. Its answer does not depend on the ``Host`` header. What it reads costs two small
queries; the set of migrations the code expects is read from disk once per process.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from django.conf import settings
from django.core.checks.security.base import check_secret_key
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from ketacover.web import crypto

PATH: Final = "/healthz"
"""Where the health check answers (exactly this path, GET or HEAD)."""
OK: Final = "ok"

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def expected_migrations() -> frozenset[tuple[str, str]]:
    """The newest migration of each app, as (app label, name): read from the installed code,
    once per process (the code does not change under a running server)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def _database_states() -> tuple[str, str]:
    """The states of ``database`` and ``migrations``."""
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        logger.warning("health check: database unreachable (%s)", type(error).__name__)
        return "unreachable", "unknown"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {(str(app), str(name)) for app, name in cursor.fetchall()}
    except DatabaseError as error:
        # A kept connection whose server went away fails here first, not in ensure_connection.
        if not connection.is_usable():
            logger.warning("health check: database unreachable (%s)", type(error).__name__)
            return "unreachable", "unknown"
        logger.warning("health check: migrations not readable (%s)", type(error).__name__)
        return OK, "pending"
    missing = expected_migrations() - applied
    if missing:
        logger.warning("health check: %d app(s) with migrations not applied", len(missing))
        return OK, "pending"
    return OK, OK


def _secret_key_state() -> str:
    key = str(getattr(settings, "SECRET_KEY", "") or "")
    if not key or key == settings.DEVELOPMENT_SECRET_KEY or check_secret_key(None):
        return "weak"
    return OK


def _data_key_state() -> str:
    try:
        crypto.keyring()
    except crypto.DataKeyError:
        logger.warning("health check: data keys unreadable")
        return "unreadable"
    return OK


def health() -> dict[str, str]:
    """Every check's state, and ``status``: ``ok`` when all are ``ok``, else ``fail``."""
    database, migrations = _database_states()
    checks = {
        "database": database,
        "migrations": migrations,
        "secret_key": _secret_key_state(),
        "data_key": _data_key_state(),
    }
    return {"status": OK if all(v == OK for v in checks.values()) else "fail", **checks}


def health_response(request: HttpRequest) -> HttpResponse:
    """The health check's answer to ``request`` (a GET or HEAD of :data:`PATH`)."""
    if request.method not in {"GET", "HEAD"}:
        refused = HttpResponse(status=405, content_type="text/plain; charset=utf-8")
        refused["Allow"] = "GET, HEAD"
        return refused
    states = health()
    body = json.dumps(states, separators=(",", ":")).encode("ascii")
    response = HttpResponse(
        b"" if request.method == "HEAD" else body,
        status=200 if states["status"] == OK else 503,
        content_type="application/json",
    )
    response["Content-Length"] = str(len(response.content))
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """Answers :data:`PATH` itself, ahead of every other middleware; passes the rest on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == PATH:
            return health_response(request)
        return self.get_response(request)
