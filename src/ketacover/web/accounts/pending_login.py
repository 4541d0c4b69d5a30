"""A login waiting for its second step: the password was right, the code is still to come.

Until the code is accepted the session is not logged in: it only holds who is logging in, the
authentication backend, where to go afterwards and when the password was accepted. The state
lasts ``LIFETIME``; after that the password step starts again. The session key is renewed when
the state is set, and again by Django's ``login`` when the code is accepted (no session
fixation, OWASP ASVS 3.2.1).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Final

from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.http import HttpRequest

SESSION_KEY: Final = "ketacover_pending_login"
LIFETIME: Final = 5 * 60
"""Seconds between an accepted password and the code that must follow it."""


@dataclass(frozen=True, slots=True)
class PendingLogin:
    """Who is logging in, with which backend, and where they go once the code is accepted."""

    user_id: int
    backend: str
    next_url: str
    started: float


def pending_begin(request: HttpRequest, *, user: User, backend: str, next_url: str) -> None:
    """Remember that ``user`` gave the right password; they are not logged in yet."""
    if request.user.is_authenticated:
        # Someone else was logged in in this browser: they are logged out first.
        logout(request)
    else:
        request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "user": user.pk,
        "backend": backend,
        "next": next_url,
        "started": time.time(),
    }


def pending_get(request: HttpRequest) -> PendingLogin | None:
    """The login waiting for its code, or ``None`` (none, or it took longer than ``LIFETIME``;
    an expired one is forgotten)."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return None
    pending = PendingLogin(
        user_id=int(stored["user"]),
        backend=str(stored["backend"]),
        next_url=str(stored["next"]),
        started=float(stored["started"]),
    )
    if not 0 <= time.time() - pending.started <= LIFETIME:
        pending_clear(request)
        return None
    return pending


def pending_clear(request: HttpRequest) -> None:
    """Forget the waiting login."""
    request.session.pop(SESSION_KEY, None)
