"""Logins: every login, logout and failed login goes into the audit trail, and failed logins
are throttled per account, per client address and per known device (OWASP ASVS 4.0 2.2.1,
anti-automation; OWASP "Blocking Brute Force Attacks").

- **Per account** (whatever address the guesses come from): after ``ACCOUNT_FREE`` failures in
  ``ACCOUNT_MEMORY`` the account is paused, first for ``FIRST_PAUSE``, doubling with each
  further failure up to ``LONGEST_PAUSE``. A pause only slows: it never locks for good, and an
  attacker keeping it paused gets one guess per ``LONGEST_PAUSE`` at most.
- **Per client address** (every username together): ``ADDRESS_LIMIT`` failures within
  ``ADDRESS_WINDOW`` pause the address until its failures fall out of the window. The address is
  the one a trusted proxy passed on (:mod:`ketacover.web.client_address`).
- **Known devices**: a browser where the account logged in before carries a signed cookie
  (:mod:`ketacover.web.accounts.known_devices`). Its logins skip the account's pause and the
  address budget, so an attacker cannot lock the real user out; the device has its own budget
  (``DEVICE_LIMIT`` failures within ``ADDRESS_WINDOW``), after which it counts as unknown.

A failure is stored under hashes (of the username, of the device id, of the address), so the
table holds neither a username nor an address; the audit event says only whether a username
was given. Counting happens in the database, so every app server and worker sees the same
counts (SQLite or PostgreSQL alike).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Final

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone

from ketacover.web.accounts.known_devices import device_of
from ketacover.web.accounts.models import Actor, LoginFailure
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record, client_ip

ACCOUNT_FREE: Final = 5
"""Failures for one account before it is paused..."""
ACCOUNT_MEMORY: Final = timedelta(hours=24)
"""...counted over this span (failures older than this are forgotten and pruned)."""
FIRST_PAUSE: Final = timedelta(minutes=1)
"""The pause after the ``ACCOUNT_FREE``-th failure; it doubles with each further one..."""
LONGEST_PAUSE: Final = timedelta(minutes=15)
"""...up to this."""
ADDRESS_LIMIT: Final = 20
"""Failures from one client address (any usernames) that pause the address..."""
ADDRESS_WINDOW: Final = timedelta(minutes=15)
"""...while they fall within this span."""
DEVICE_LIMIT: Final = 5
"""Failures on one known device (within ``ADDRESS_WINDOW``) after which it counts as unknown."""
LOCKED_MESSAGE: Final = (
    "Too many failed logins. Logging in from here is paused for a few minutes; try again "
    "later, log in from a device you used before, or reset your password."
)


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}|{value}".encode()).hexdigest()


def account_key(username: str) -> str:
    """The hash under which failures for an account (a username, any case) are counted."""
    return _digest("account", username.strip().casefold())


def device_key(device: str) -> str:
    """The hash under which failures on one known device are counted."""
    return _digest("device", device)


def address_key(ip: str | None) -> str:
    """The hash under which failures from one client address are counted."""
    return _digest("address", ip or "")


def account_pause(failures: int) -> timedelta:
    """How long an account with ``failures`` recent failures is paused after the last one."""
    if failures < ACCOUNT_FREE:
        return timedelta(0)
    doubled: timedelta = FIRST_PAUSE * (1 << min(failures - ACCOUNT_FREE, 20))
    return min(doubled, LONGEST_PAUSE)


def _account_paused(username: str, now: datetime) -> bool:
    found = LoginFailure.objects.filter(
        key=account_key(username), at__gt=now - ACCOUNT_MEMORY
    ).aggregate(count=Count("id"), last=Max("at"))
    last = found["last"]
    return last is not None and now < last + account_pause(int(found["count"]))


def _recent(now: datetime, **where: str) -> int:
    return LoginFailure.objects.filter(at__gt=now - ADDRESS_WINDOW, **where).count()


def known_device(request: HttpRequest | None, username: str, now: datetime) -> str | None:
    """This browser's known-device id for ``username`` while its own budget lasts, else None."""
    device = device_of(request, username)
    if device is None or _recent(now, key=device_key(device)) >= DEVICE_LIMIT:
        return None
    return device


def login_locked(
    *, username: str, request: HttpRequest | None, now: datetime | None = None
) -> bool:
    """True while a login for ``username`` from this request must be refused without checking
    the password: the account is paused or the address spent its budget, unless the request
    comes from a known device of the account with budget left."""
    now = now or timezone.now()
    if known_device(request, username, now) is not None:
        return False
    if _recent(now, address=address_key(client_ip(request))) >= ADDRESS_LIMIT:
        return True
    return bool(username) and _account_paused(username, now)


def login_failed(
    *,
    username: str | None,
    request: HttpRequest | None,
    now: datetime | None = None,
    second_step: bool = False,
) -> None:
    """Count a failed login and record it (without the username, password or code typed).

    ``second_step`` marks a wrong two-factor code: it counts like a wrong password, so the
    code cannot be guessed either (ASVS 2.8.1 with 2.2.1).
    """
    now = now or timezone.now()
    device = known_device(request, username, now) if username else None
    key = ""
    if device is not None:
        key = device_key(device)
    elif username:
        key = account_key(username)
    LoginFailure.objects.filter(at__lt=now - ACCOUNT_MEMORY).delete()
    LoginFailure.objects.create(key=key, address=address_key(client_ip(request)), at=now)
    detail: dict[str, bool] = {"username_given": bool(username)}
    if second_step:
        detail["second_step"] = True
    if device is not None:
        detail["known_device"] = True
    audit_record(
        user=AnonymousUser(),
        action=Action.LOGIN_FAILED,
        object_type="user",
        request=request,
        detail=detail,
    )


def login_refused(*, request: HttpRequest | None) -> None:
    """Record a login refused because of a pause (the password was not even checked)."""
    audit_record(
        user=AnonymousUser(),
        action=Action.LOGIN_FAILED,
        object_type="user",
        request=request,
        detail={"username_given": True, "locked": True},
    )


def failures_forget(*, username: str) -> None:
    """Forget the failures counted for an account (its password was just changed or reset, so
    the guesses made against the old one no longer matter)."""
    LoginFailure.objects.filter(key=account_key(username)).delete()


def login_succeeded(*, user: Actor, request: HttpRequest | None) -> None:
    """Record a login and forget the failures of the device it came from. A login from an
    unknown device proves the password too, so the account's failures are forgotten; one from
    a known device leaves them, so an attacker's pause on other devices stays."""
    if request is not None and user.is_authenticated:
        username = user.get_username()
        device = device_of(request, username)
        if device is not None:
            LoginFailure.objects.filter(key=device_key(device)).delete()
        else:
            failures_forget(username=username)
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
