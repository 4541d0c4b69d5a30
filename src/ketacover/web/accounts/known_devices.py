"""Known devices: a signed cookie a browser gets when someone logs in on it, so that a lockout
an attacker causes does not lock the real user out (OWASP, "Slow Down Online Guessing Attacks
with Device Cookies", https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies).

The cookie names the account by a hash of its username and holds a random device id; it is
signed with the secret key, so it cannot be made up. A login for that account from that browser
skips the account's pause and the address budget (see :mod:`ketacover.web.accounts.logins`); its
own failures are counted under the device id, and after ``logins.DEVICE_LIMIT`` of them the
device is treated as unknown again. The cookie opens nothing by itself: the password (and the
second factor, when on) are still needed. A browser holds one such cookie: when two people
share it, the last one to log in is its known account.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Final

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.http.response import HttpResponseBase

COOKIE: Final = "ketacover_device"
SALT: Final = "ketacover.known-device"
MAX_AGE: Final = 180 * 24 * 3600
"""Seconds a device stays known after its last login (180 days)."""


def account_tag(username: str) -> str:
    """The account as the cookie names it: a short hash of the username, not the name."""
    return hashlib.sha256(f"device|{username.strip().casefold()}".encode()).hexdigest()[:32]


def device_of(request: HttpRequest | None, username: str) -> str | None:
    """The id of this browser's known device for ``username``, or None (no cookie, a forged or
    expired one, or one made for another account)."""
    if request is None or not username:
        return None
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != account_tag(username):
        return None
    device = data.get("d")
    return device if isinstance(device, str) and device else None


def remember_device(request: HttpRequest, response: HttpResponseBase, username: str) -> None:
    """Set (or renew) the cookie that makes this browser a known device for ``username``."""
    device = device_of(request, username) or secrets.token_urlsafe(16)
    value = signing.dumps({"a": account_tag(username), "d": device}, salt=SALT)
    response.set_cookie(
        COOKIE,
        value,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
