"""Security headers Django does not set itself: a content security policy and a permissions
policy on every response, and ``Cache-Control: no-store`` on every answer that is not a static
file.

The policy allows only this site's own scripts, styles, images and form targets (inline
``style=`` attributes are allowed; no template uses inline scripts or ``on*=`` handlers), and
forbids framing, per OWASP ASVS 4.0 section 14.4 (HTTP security headers).

Pages and API answers show health data or who may see it, so no browser or proxy may keep a
copy (ASVS 8.2.1, RFC 9111 section 5.2.2.5 ``no-store``; ``Pragma: no-cache`` for HTTP/1.0
caches, RFC 9111 section 5.4). Static files (``STATIC_URL``) keep the caching WhiteNoise gives
them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
"""What a page may load: its own origin only; images also as data: URLs; no framing."""

PERMISSIONS_POLICY: Final = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
"""Browser features no ketacover page uses, switched off."""


class SecurityHeadersMiddleware:
    """Adds ``Content-Security-Policy`` and ``Permissions-Policy`` unless a view set its own,
    and ``no-store`` to every answer outside the static files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith(self.static_prefix):
            no_store(response)
        return response


def no_store(response: HttpResponseBase) -> None:
    """Forbid keeping a copy of ``response``: ``no-store`` added to whatever Cache-Control the
    view set (a view's ``private`` stays), and ``Pragma: no-cache``."""
    current = response.headers.get("Cache-Control", "")
    directives = [part.strip() for part in current.split(",") if part.strip()]
    if "no-store" not in directives:
        kept = [part for part in directives if not part.startswith(("max-age", "public"))]
        response.headers["Cache-Control"] = ", ".join([*kept, "no-store"])
    response.headers["Pragma"] = "no-cache"
