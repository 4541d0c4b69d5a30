"""Who is calling: a personal token (``Authorization: Bearer kc_...``) for scripts, or the
logged-in session for same-origin pages (with Django's CSRF check on changes)."""

from __future__ import annotations

from typing import Final, cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from ketacover.web.api.services import token_find
from ketacover.web.cases.services import PermissionDeniedError

READS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods a read-only token may use; every other method changes something."""


class TokenAuth(HttpBearer):
    """A personal API token. A token that is presented but unknown, revoked or expired is
    refused outright (401), even when a session cookie comes with it; a read-only token is
    refused (403) on every method that changes something, before the request is read."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = token_find(token=token)
        if found is None:
            raise AuthenticationError()
        if request.method not in READS and not found.may_write:
            raise PermissionDeniedError(
                "This token is read-only; make a read-and-write token to change cases."
            )
        request.user = found.user
        return found.user


class SessionCookieAuth(SessionAuth):
    """The logged-in session. Anonymous callers are simply not authenticated (401); a logged-in
    caller changing something must pass the CSRF check (403 otherwise)."""

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        return cast(User | None, super().__call__(request))
