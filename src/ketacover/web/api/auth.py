"""Who is calling: a personal token (``Authorization: Bearer kc_...``) for scripts, or the
logged-in session for same-origin pages (with Django's CSRF check on changes)."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from ketacover.web.api.services import token_authenticate


class TokenAuth(HttpBearer):
    """A personal API token. A token that is presented but unknown or revoked is refused
    outright (401), even when a session cookie comes with it."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = token_authenticate(token=token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


class SessionCookieAuth(SessionAuth):
    """The logged-in session. Anonymous callers are simply not authenticated (401); a logged-in
    caller changing something must pass the CSRF check (403 otherwise)."""

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        return cast(User | None, super().__call__(request))
