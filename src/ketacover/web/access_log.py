"""The access log of ``ketacover serve``: gunicorn's, without what may name a patient or open
an account.

Search and filter values travel in the query string (``/cases/?q=<a patient's name>``), and
the browser repeats the whole address in the ``Referer`` header of the next request. So the
log keeps the method, the path and the protocol of each request, never its query string, and
the referring path without its query. Secret links (calendar feeds, invitations, sign-up and
password-reset links) keep their shape with the secret part replaced by ``[secret]``, here
and in Django's own log records (:class:`SecretPathFilter`). The
address logged is the client's under the trusted-proxy setting
(:mod:`ketacover.web.client_address`). Credentials and cookies are never offered to the
format. HIPAA 45 CFR 164.502(b) (minimum necessary); OWASP Logging Cheat Sheet ("data to
exclude").
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any, Final
from urllib.parse import urlsplit

from gunicorn.glogging import Logger

from ketacover.web.client_address import client_address, configured_trust

SECRET_PATHS: Final = (
    re.compile(r"(?P<head>/feeds/)(?P<secret>[^/?#]+)(?P<tail>\.ics)$"),
    re.compile(r"(?P<head>/invitations/)(?P<secret>[^/?#]+)(?P<tail>/?)$"),
    re.compile(r"(?P<head>/signup/)(?P<secret>[^/?#]+)(?P<tail>/?)$"),
    re.compile(r"(?P<head>/password-reset/[^/?#]+/)(?P<secret>[^/?#]+)(?P<tail>/?)$"),
)
"""Paths that end in a secret token (after any script prefix)."""
HIDDEN_HEADERS: Final = frozenset({"{authorization}i", "{cookie}i", "{x-csrftoken}i"})


def safe_path(path: str) -> str:
    """``path`` without a query string or fragment, its secret token (if any) replaced."""
    bare = urlsplit(path).path or "/"
    for pattern in SECRET_PATHS:
        bare = pattern.sub(r"\g<head>[secret]\g<tail>", bare)
    return bare


def safe_referer(referer: str) -> str:
    """The referring address reduced to its origin and path (secret replaced); ``-`` if none."""
    if not referer or referer == "-":
        return "-"
    parts = urlsplit(referer)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return origin + safe_path(parts.path or "/")


def safe_atoms(atoms: dict[str, Any], environ: dict[str, Any]) -> dict[str, Any]:
    """gunicorn's log atoms with the query strings, secrets and credentials taken out."""
    path = safe_path(str(environ.get("RAW_URI") or environ.get("PATH_INFO") or "/"))
    method = environ.get("REQUEST_METHOD", "-")
    protocol = environ.get("SERVER_PROTOCOL", "-")
    trust = configured_trust()
    forwarded = environ.get(trust.meta_key)
    found = client_address(environ.get("REMOTE_ADDR"), str(forwarded) if forwarded else None, trust)
    cleaned = {key: value for key, value in atoms.items() if key not in HIDDEN_HEADERS}
    cleaned.update(
        {
            "h": found or "-",
            "r": f"{method} {path} {protocol}",
            "U": safe_path(str(environ.get("PATH_INFO") or "/")),
            "q": "",
            "f": safe_referer(str(environ.get("HTTP_REFERER") or "-")),
            "{referer}i": safe_referer(str(environ.get("HTTP_REFERER") or "-")),
        }
    )
    return cleaned


class SecretPathFilter(logging.Filter):
    """A filter for Django's own log records: a path among a record's arguments (Django's
    request logger writes ``Not Found: <path>``, ``request.path`` without its query string) is
    written with its secret token replaced (:func:`safe_path`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                safe_path(item) if isinstance(item, str) and item.startswith("/") else item
                for item in record.args
            )
        return True


class AccessLogger(Logger):  # type: ignore[misc]  # gunicorn is untyped
    """gunicorn's logger writing :func:`safe_atoms` instead of the request as sent."""

    def atoms(
        self, resp: object, req: object, environ: dict[str, Any], request_time: timedelta
    ) -> dict[str, Any]:
        """gunicorn's atoms for one request, cleaned (:func:`safe_atoms`)."""
        found: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return safe_atoms(found, environ)
