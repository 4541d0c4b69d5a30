"""Signing up for a personal workspace, in two steps that do not tell whether a username is
taken (OWASP ASVS 4.0 2.2.1 anti-automation; OWASP Authentication Cheat Sheet, "Account
creation" and "Authentication and error messages").

1. The sign-up page takes a username, an e-mail address and a password and always answers the
   same: "check your e-mail". The password is hashed either way, so the answer takes as long. If
   the username is free, the address gets a link that creates the account; if it is taken, the
   address gets a note saying so. So only someone who reads that mailbox learns the answer, one
   sign-up at a time.
2. The link (valid ``REQUEST_LIFETIME``, once) opens a page whose button creates the account
   with its personal workspace and logs in.

Sign-ups are throttled per client address (``ADDRESS_LIMIT`` per ``THROTTLE_WINDOW``) and in
total (``GLOBAL_LIMIT`` per ``THROTTLE_WINDOW``), counted in the database so every worker sees
the same counts. Signing up through an invitation is unchanged: the invitation link proves the
address, and the invited person picks a username with the invitation's token in hand. Saving
the patient navigator's case creates its account at once (the case travels with the form) and
says when a username is taken; it counts against the same budget.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Final

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from ketacover.web.accounts.models import SignupAttempt, SignupRequest
from ketacover.web.accounts.selectors import token_hash
from ketacover.web.accounts.services import AccessError, account_signup
from ketacover.web.audit.services import client_ip

REQUEST_LIFETIME: Final = timedelta(hours=24)
"""How long a sign-up link works."""
THROTTLE_WINDOW: Final = timedelta(hours=1)
ADDRESS_LIMIT: Final = 5
"""Sign-ups one client address may ask for per ``THROTTLE_WINDOW``..."""
GLOBAL_LIMIT: Final = 100
"""...and all addresses together."""
THROTTLED_MESSAGE: Final = "Too many sign-ups right now. Try again in an hour."
TAKEN_MESSAGE: Final = (
    "This username was taken in the meantime. Sign up again with another username."
)


class SignupThrottledError(AccessError):
    """The sign-up budget of this client address, or of everybody, is used up."""


def address_key(request: HttpRequest | None) -> str:
    """The hash under which sign-ups from this request's client address are counted."""
    return hashlib.sha256(f"signup|{client_ip(request) or ''}".encode()).hexdigest()


def signup_throttled(*, request: HttpRequest | None, now: datetime | None = None) -> bool:
    """True when this client address, or everybody together, used up the sign-up budget."""
    now = now or timezone.now()
    recent = SignupAttempt.objects.filter(at__gt=now - THROTTLE_WINDOW)
    if recent.count() >= GLOBAL_LIMIT:
        return True
    return recent.filter(address=address_key(request)).count() >= ADDRESS_LIMIT


def signup_count(*, request: HttpRequest | None, now: datetime | None = None) -> None:
    """Count one sign-up from this client address (the sign-up page, an invitation, the
    navigator's "save"); :class:`SignupThrottledError` when the budget (of the address, or of
    everybody) is used up."""
    now = now or timezone.now()
    if signup_throttled(request=request, now=now):
        raise SignupThrottledError(THROTTLED_MESSAGE)
    SignupAttempt.objects.filter(at__lt=now - THROTTLE_WINDOW).delete()
    SignupAttempt.objects.create(address=address_key(request), at=now)


def signup_request(
    *,
    username: str,
    email: str,
    password: str,
    site: str,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> None:
    """Ask for a personal account: e-mail ``email`` the link that creates it, or a note that the
    username is taken. Raises :class:`AccessError` only when the throttle refuses, which says
    nothing about the username. ``site`` is the address the link starts with."""
    now = now or timezone.now()
    signup_count(request=request, now=now)
    SignupRequest.objects.filter(expires_at__lt=now).delete()
    hashed = make_password(password)
    token = secrets.token_urlsafe(32)
    if User.objects.filter(username__iexact=username).exists():
        subject = "Your ketacover sign-up"
        text = (
            f'Someone (perhaps you) asked to create a ketacover account named "{username}" '
            "with this e-mail address. That username cannot be used.\n\n"
            f"If the account is yours, log in or reset its password:\n"
            f"{site.rstrip('/')}{reverse('accounts:password_reset')}\n\n"
            f"Otherwise sign up again with another username:\n"
            f"{site.rstrip('/')}{reverse('accounts:signup')}\n"
        )
    else:
        SignupRequest.objects.create(
            token_hash=token_hash(token),
            username=username,
            email=email,
            password=hashed,
            expires_at=now + REQUEST_LIFETIME,
        )
        link = site.rstrip("/") + reverse("accounts:signup_confirm", args=[token])
        subject = "Finish creating your ketacover account"
        text = (
            f'Someone (perhaps you) asked to create the ketacover account "{username}" with '
            "this e-mail address.\n\n"
            f"Create it here (the link works once, for 24 hours):\n{link}\n\n"
            "If you did not ask for this, ignore this e-mail; no account is created.\n"
        )
    send_mail(
        subject=subject,
        message=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )


def signup_request_by_token(token: str, *, now: datetime | None = None) -> SignupRequest:
    """The open sign-up request behind a link's token; 404 when unknown, used or expired."""
    now = now or timezone.now()
    found = SignupRequest.objects.filter(token_hash=token_hash(token), expires_at__gt=now).first()
    if found is None:
        raise Http404("This sign-up link is not valid: it was used or has expired.")
    return found


def signup_confirm(*, token: str, request: HttpRequest | None = None) -> User:
    """Create the account a sign-up link asked for, with its personal workspace; the link is
    spent. :class:`AccessError` when the username was taken since the link was sent."""
    found = signup_request_by_token(token)
    SignupRequest.objects.filter(pk=found.pk).delete()
    try:
        return account_signup(
            username=found.username,
            email=found.email,
            password=found.password,
            password_hashed=True,
            request=request,
        )
    except AccessError:
        raise AccessError(TAKEN_MESSAGE, field="username") from None
