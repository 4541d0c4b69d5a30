"""The idle timeout of a session, without writing the session on every request.

A session ends ``SESSION_COOKIE_AGE`` (30 minutes) after it was last saved: its row in the
database expires then and so does the browser's cookie (Django's database sessions). Saving it
on every request (``SESSION_SAVE_EVERY_REQUEST``) kept that 30 minutes after the last request,
at the price of one database write per page view, which serializes page views on SQLite.

This middleware saves the session again only when its last save is at least
:data:`REFRESH_SECONDS` old (a minute; less for a lifetime under 30 minutes), by recording the
time of the request in it. So a session still ends after at most 30 minutes without a request,
and at the earliest one minute sooner (29 minutes after the last request, if that request came
just before a refresh was due). Never later: the promise of docs/security.md ("idle sessions
end", HIPAA 45 CFR 164.312(a)(2)(iii) automatic logoff) holds, and a busy user causes one
session write a minute instead of one a page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

SEEN: Final = "_ketacover_seen"
"""Session key: when the session was last saved for activity (seconds since the epoch)."""

REFRESH_SECONDS: Final = 60
"""How old the last save may get before a request saves the session again (less for a short
``SESSION_COOKIE_AGE``: see :func:`refresh_seconds`)."""


def refresh_seconds() -> int:
    """:data:`REFRESH_SECONDS`, or a thirtieth of the session's lifetime when that is shorter,
    so a session in use is always refreshed well before it ends."""
    return max(1, min(REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 30))


class SessionActivityMiddleware:
    """Refreshes the expiry of a session in use at most once a :data:`REFRESH_SECONDS`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        session = getattr(request, "session", None)
        # Only a session the browser sent: a visitor without a cookie gets none created here.
        if session is not None and session.session_key is not None:
            seen = session.get(SEEN)  # loads it; an expired or unknown cookie loses its key
            if session.session_key is not None:
                now = int(time.time())
                if not isinstance(seen, int) or not 0 <= now - seen < refresh_seconds():
                    session[SEEN] = now  # modified: SessionMiddleware saves it, fresh expiry
        return self.get_response(request)
