"""The case page's two large parts (the heading, and everything from the assessment to the
timeline), drawn once and then kept in the ``pages`` cache until something they show changes.

What the parts show depends on the case document (its ``version``, bumped by every change
through ``case_save``), the record's last write (``updated_at``: every save of the record,
including an assignment, and a reused primary key never meets an old entry), the case's
generated documents and uploaded files (their count and highest id, which change whenever one
is added or removed, since ids are never reused), today's date, whether the viewer may edit
(staff see the forms, a patient does not), the language and the time zone. The cache key names
all of them (:func:`parts_key`).

Nothing of one request or one user is drawn into a cached part: the parts are drawn without the
request's context, with stand-ins for the CSRF token and the time of day that the call forms
show (random per process, never sent out), and every request replaces them with its own token
and the time now (:func:`case_parts`). Who may see the case is checked before the cache is read
(``selectors.case_page_get``), so the cache can only hand a case to someone the database
already let see it, in the variant of their role; the parts that differ per person (the
assignee form and the page frame with the user name and messages) are drawn on every request.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from ketacover.web.cases.forms import DocumentForm
from ketacover.web.cases.models import CaseRecord

_NONCE: Final = secrets.token_hex(16)
"""Random per process: the stand-ins cannot be typed into a case to be replaced."""

CSRF_MARK: Final = f"csrf{_NONCE}"
"""Stands in for the CSRF token in a cached part."""

TIME_MARK: Final = f"time{_NONCE}"
"""Stands in for the time of day (HH:MM) in the call forms of a cached part."""

CACHE: Final = "pages"
"""The cache the parts are kept in (settings.CACHES)."""

SECONDS: Final = 24 * 60 * 60
"""How long a part is kept at most (its key names the day anyway)."""


@dataclass(frozen=True, slots=True)
class CaseParts:
    """The two cached parts of the case page, as HTML."""

    head: str
    body: str


def parts_key(record: CaseRecord, *, today: date, can_edit: bool) -> str:
    """The cache key of ``record``'s parts: everything they depend on (see the module doc).
    ``record`` comes from ``selectors.case_page_get`` (with its document and upload stamps)."""
    stamp = record.updated_at.isoformat() if record.updated_at else ""
    return ":".join(
        str(part)
        for part in (
            "case-page",
            _NONCE,
            record.pk,
            record.version,
            stamp,
            getattr(record, "documents_stamp", None),
            getattr(record, "uploads_stamp", None),
            today.isoformat(),
            "edit" if can_edit else "read",
            translation.get_language(),
            timezone.get_current_timezone_name(),
        )
    )


def render_parts(
    request: HttpRequest,
    record: CaseRecord,
    *,
    today: date,
    can_edit: bool,
    csrf_token: str,
    now_time: object = None,
    query: Mapping[str, str] | None = None,
) -> CaseParts:
    """Draw the parts: the assessment, deadlines and costs computed from the case document,
    the journey sections, the documents and the uploaded files. ``request`` is given to the
    upload list for its access check only; the CSRF token and the time of day are taken from
    the arguments, never from the request."""
    from ketacover.core.costs import case_costs
    from ketacover.core.coverage import assess
    from ketacover.core.deadlines import case_deadlines
    from ketacover.web.cases.services import case_of

    case = case_of(record)
    context = {
        "request": request,
        "record": record,
        "case": case,
        "assessment": assess(case, today),
        "deadlines": sorted(case_deadlines(case, today), key=lambda d: d.due),
        "costs": case_costs(case),
        "documents": list(
            record.documents.only("id", "kind", "fmt", "title", "version", "created_at")[:50]
        ),
        "document_form": DocumentForm(),
        "today": today,
        "can_edit": can_edit,
        "csrf_token": csrf_token,
        "now_time": now_time,
        "query": query or {},
    }
    return CaseParts(
        head=render_to_string("ketacover/_case_head.html", context),
        body=render_to_string("ketacover/_case_body.html", context),
    )


def _filled(html: str, token: str, now: str) -> SafeString:
    return mark_safe(html.replace(CSRF_MARK, token).replace(TIME_MARK, now))


def case_parts(
    request: HttpRequest, record: CaseRecord, *, today: date, can_edit: bool
) -> CaseParts:
    """The parts for this request: from the cache (drawn first when missing), with this
    request's CSRF token and the time now put in. A page asked with ``denial_for`` (a denial
    form filled in from a request) is drawn for the request alone and not kept."""
    token = get_token(request)
    if request.GET.get("denial_for"):
        return render_parts(
            request, record, today=today, can_edit=can_edit, csrf_token=token, query=request.GET
        )
    cache = caches[CACHE]
    key = parts_key(record, today=today, can_edit=can_edit)
    found = cache.get(key)
    if not isinstance(found, CaseParts):
        found = render_parts(
            request,
            record,
            today=today,
            can_edit=can_edit,
            csrf_token=CSRF_MARK,
            now_time=TIME_MARK,
        )
        cache.set(key, found, SECONDS)
    now = timezone.localtime().strftime("%H:%M")
    return CaseParts(head=_filled(found.head, token, now), body=_filled(found.body, token, now))
