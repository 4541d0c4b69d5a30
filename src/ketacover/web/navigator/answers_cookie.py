"""The cookie that carries a navigator visitor's answers from one page to the next.

After each accepted answer the navigator redirects to the next page (post, redirect, get: the
pattern that keeps the browser's Back and Reload from re-posting a form). The answers so far go
to that page in this cookie: the same signed token the page's hidden field holds
(:func:`ketacover.web.navigator.services.state_dump`), kept only in the person's own browser.
It is never stored on the server and never put in a URL, which would reach access logs.

The cookie is scoped to ``/navigator/``, hidden from scripts (``HttpOnly``), not sent with
cross-site posts (``SameSite=Lax``), secure-only when the site is served over HTTPS, and lasts
two hours: the token inside is timestamped and refused after that, so answers left on a shared
computer do not outlive a sitting. "Forget my answers" and saving to an account delete it.
Browsers keep cookies of up to 4,096 bytes (RFC 6265 section 6.1); a longer token is not sent
as a cookie and the page is shown directly instead (see :func:`fits`).
"""

from __future__ import annotations

from typing import Final

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from ketacover.core.navigator.answers import Answers, AnswersError, answers_from_data
from ketacover.web.navigator.services import SALT

NAME: Final = "ketacover_navigator"
PATH: Final = "/navigator/"
MAX_AGE: Final = 2 * 60 * 60
"""Seconds the answers are kept in the browser, and the oldest token the cookie may carry."""
LIMIT: Final = 4000
"""The longest token sent as a cookie: under the 4,096 bytes browsers keep, with room for the
cookie's name and attributes."""


def fits(token: str) -> bool:
    """Whether ``token`` is short enough for a browser to keep as this cookie."""
    return len(token) <= LIMIT


def read(request: HttpRequest) -> Answers:
    """The answers in the request's cookie: none when it is absent, expired or tampered with."""
    token = request.COOKIES.get(NAME, "")
    if not token:
        return Answers()
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        return answers_from_data(data)
    except (signing.BadSignature, AnswersError):
        return Answers()


def attach(response: HttpResponse, token: str) -> HttpResponse:
    """``response`` with ``token`` set as the answers cookie (or the cookie deleted when the
    token is too long to keep)."""
    if not fits(token):
        return forget(response)
    response.set_cookie(
        NAME,
        token,
        max_age=MAX_AGE,
        path=PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def forget(response: HttpResponse) -> HttpResponse:
    """``response`` deleting the answers cookie."""
    response.delete_cookie(NAME, path=PATH, samesite="Lax")
    return response
