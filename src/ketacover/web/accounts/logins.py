"""Logins: every login, logout and failed login goes into the audit trail, and repeated failures
lock a username out from one address for a while (issue 4: lockout after repeated failed logins;
OWASP ASVS 2.2.1, anti-automation).

A failed attempt is counted under a hash of the username given and the client address, so the
table holds neither, and the audit event says only whether a username was given: never the
username or password typed. Counting happens in the database, so every app server sees the same
count (SQLite or PostgreSQL alike).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Final

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone

from ketacover.web.accounts.models import Actor, LoginFailure
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record, client_ip

FAILURE_LIMIT: Final = 5
"""Failed logins for one username from one address that trigger the lockout..."""
FAILURE_WINDOW: Final = timedelta(minutes=15)
"""...when they fall within this span."""
LOCKOUT: Final = timedelta(minutes=15)
"""How long logins are refused after the limit is reached."""
LOCKED_MESSAGE: Final = (
    "Too many failed logins. Logging in is paused for 15 minutes; try again later or reset "
    "your password."
)


def failure_key(username: str, ip: str | None) -> str:
    """The hash under which failures of ``username`` from ``ip`` are counted."""
    material = f"{username.strip().casefold()}|{ip or ''}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def login_locked(*, username: str, ip: str | None, now: datetime | None = None) -> bool:
    """True while ``username`` from ``ip`` is locked out: some run of ``FAILURE_LIMIT`` failures
    within ``FAILURE_WINDOW`` ended less than ``LOCKOUT`` ago."""
    now = now or timezone.now()
    recent = list(
        LoginFailure.objects.filter(
            key=failure_key(username, ip), at__gt=now - LOCKOUT - FAILURE_WINDOW
        )
        .order_by("-at")
        .values_list("at", flat=True)[:100]
    )
    for index in range(len(recent) - FAILURE_LIMIT + 1):
        last, first = recent[index], recent[index + FAILURE_LIMIT - 1]
        if last > now - LOCKOUT and last - first <= FAILURE_WINDOW:
            return True
    return False


def login_failed(
    *,
    username: str | None,
    request: HttpRequest | None,
    now: datetime | None = None,
    second_step: bool = False,
) -> None:
    """Count a failed login and record it (without the username, password or code typed).

    ``second_step`` marks a wrong two-factor code: it counts toward the same lockout as a wrong
    password, so the code cannot be guessed either (ASVS 2.8.1 with 2.2.1).
    """
    now = now or timezone.now()
    if username:
        key = failure_key(username, client_ip(request))
        LoginFailure.objects.filter(key=key, at__lt=now - LOCKOUT - FAILURE_WINDOW).delete()
        LoginFailure.objects.create(key=key, at=now)
    detail: dict[str, bool] = {"username_given": bool(username)}
    if second_step:
        detail["second_step"] = True
    audit_record(
        user=AnonymousUser(),
        action=Action.LOGIN_FAILED,
        object_type="user",
        request=request,
        detail=detail,
    )


def login_refused(*, request: HttpRequest | None) -> None:
    """Record a login refused because of the lockout (the password was not even checked)."""
    audit_record(
        user=AnonymousUser(),
        action=Action.LOGIN_FAILED,
        object_type="user",
        request=request,
        detail={"username_given": True, "locked": True},
    )


def login_succeeded(*, user: Actor, request: HttpRequest | None) -> None:
    """Record a login and forget the failures counted for that username and address."""
    if request is not None and user.is_authenticated:
        LoginFailure.objects.filter(
            key=failure_key(user.get_username(), client_ip(request))
        ).delete()
    audit_record(
        user=user, action=Action.LOGIN, object_type="user", object_id=user.pk or "", request=request
    )


def logged_out(*, user: Actor | None, request: HttpRequest | None) -> None:
    """Record a logout (nothing to record for a visitor who was not logged in)."""
    if user is None or not user.is_authenticated:
        return
    audit_record(
        user=user,
        action=Action.LOGOUT,
        object_type="user",
        object_id=user.pk or "",
        request=request,
    )
