"""The case page's two large parts (the heading, and everything from the assessment to the
timeline), drawn once and kept in the database (:class:`~ketacover.web.cases.models.CasePage`)
until something they show changes, so every server process and every restart serves them
without drawing them again; ``ketacover pages`` draws them ahead for every case each night
(:mod:`ketacover.web.cases.drawing`).

What the parts show depends on the code that draws them (:func:`drawing_code`: a new release
or any edit of the templates or rules), the case document (its ``version``, bumped by every
change through ``case_save``), the record's last write (``updated_at``: every save of the
record, including an assignment, and a reused primary key never meets an old row), the case's
generated documents and uploaded files (their count and highest id, which change whenever one
is added or removed, since ids are never reused), today's date, whether the viewer may edit
(staff see the forms, a patient does not), the language and the time zone. A stored row names
the last three as its ``variant`` and the rest as its ``key`` (:func:`parts_key`); a row whose
key is not the case's key now is never served: the parts are drawn again and the row replaced.

Nothing of one request or one user is drawn into a stored part: the parts are drawn without a
request (:func:`render_parts`), with stand-ins for the CSRF token and the time of day that the
call forms show (:class:`Marks`: random, drawn with each row, kept in it and never sent out),
and every request replaces them with its own token and the time now (:func:`case_parts`). Who
may see the case is checked by the database in the same query that reads the row
(``selectors.case_page_get``: the row is joined to the case the scope lets the viewer see), so
a stored page can only reach someone the database already let see the case, in the variant of
their role; the parts that differ per person (the assignee form and the page frame with the
user name and messages) are drawn on every request.

The parts are read with the case record, decompressed (about 0.1 ms) and filled in on every
request; nothing is kept in the process between requests.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path
from typing import TYPE_CHECKING, Final

import django
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

import ketacover
from ketacover.web.cases.forms import DocumentForm
from ketacover.web.cases.models import CasePage, CaseRecord

if TYPE_CHECKING:
    from ketacover.core.model import Case

LEVEL: Final = 6
"""zlib's compression level for stored parts (its default: a page's 47 KB of HTML to about
11 KB, undone in about 0.11 ms)."""


@dataclass(frozen=True, slots=True)
class CaseParts:
    """The two large parts of the case page, as HTML."""

    head: str
    body: str


@dataclass(frozen=True, slots=True)
class Marks:
    """The stand-ins of one drawing of the parts: random, drawn with the row that keeps them, so
    they cannot be typed into a case to be replaced, and the same for every process reading the
    row."""

    nonce: str

    @classmethod
    def drawn(cls) -> Marks:
        """New stand-ins, for a new drawing."""
        return cls(secrets.token_hex(16))

    @property
    def csrf(self) -> str:
        """Stands in for the CSRF token."""
        return f"csrf{self.nonce}"

    @property
    def time(self) -> str:
        """Stands in for the time of day (HH:MM) in the call forms."""
        return f"time{self.nonce}"


@dataclass(frozen=True, slots=True)
class Drawn:
    """Parts drawn with stand-ins for one case, variant and key: what a row keeps."""

    case_id: int
    variant: str
    key: str
    marks: Marks
    parts: CaseParts


@functools.cache
def drawing_code() -> str:
    """What draws the parts, as a short digest: the ketacover package's files (code, templates,
    rules) and the versions of ketacover and Django. A new release, or any edit of those files,
    makes every stored page stale, so no page drawn by older code is served. Read once per
    process (about 3 MB)."""
    digest = hashlib.sha256(f"{ketacover.__version__} {django.get_version()}".encode())
    root = Path(ketacover.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def parts_key(record: CaseRecord, *, today: date) -> str:
    """What the parts of ``record`` show besides their variant (see the module doc), as the
    text kept in a row's ``key``. ``record`` comes with its document and upload stamps
    (``selectors.case_page_get``, or the nightly pass)."""
    written = record.updated_at.astimezone(UTC).isoformat() if record.updated_at else ""
    return ":".join(
        str(part)
        for part in (
            drawing_code(),
            record.version,
            written,
            getattr(record, "documents_stamp", None),
            getattr(record, "uploads_stamp", None),
            today.isoformat(),
        )
    )


def render_parts(
    record: CaseRecord,
    *,
    today: date,
    can_edit: bool,
    csrf_token: str,
    now_time: object = None,
    query: Mapping[str, str] | None = None,
) -> CaseParts:
    """Draw the parts: the assessment, deadlines and costs computed from the case document,
    the journey sections, the documents and the uploaded files.

    No request is needed or used: the CSRF token and the time of day are taken from the
    arguments, and the files are listed for the case as it is (``{% case_uploads %}``), since
    whoever is shown the parts was let see the case by the database before (the page's
    ``selectors.case_page_get``)."""
    from ketacover.core.billing.abn import abn_applies
    from ketacover.core.billing.good_faith import is_self_pay
    from ketacover.core.costs import case_costs
    from ketacover.core.coverage import assess
    from ketacover.core.deadlines import case_deadlines
    from ketacover.core.letters.readiness import request_kind
    from ketacover.core.model import PayerCategory
    from ketacover.web.cases.services import case_of

    case = case_of(record)
    original_medicare = case.plan is not None and case.plan.category is PayerCategory.MEDICARE
    context = {
        "record": record,
        "case": case,
        "assessment": assess(case, today),
        "deadlines": sorted(case_deadlines(case, today), key=lambda d: d.due),
        "costs": case_costs(case),
        "documents": list(
            record.documents.only("id", "kind", "fmt", "title", "version", "created_at")[:50]
        ),
        "document_form": DocumentForm(
            initial={"kind": request_kind(case)},
            denials=_denial_choices(case),
            original_medicare=original_medicare,
        ),
        "self_pay": is_self_pay(case),
        "original_medicare": original_medicare,
        "abn_applies": abn_applies(case),
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


def parts_draw(record: CaseRecord, *, today: date, can_edit: bool) -> Drawn:
    """The parts of ``record`` for the current language and time zone, drawn with new
    stand-ins, ready to keep. ``record`` carries its stamps (see :func:`parts_key`)."""
    marks = Marks.drawn()
    parts = render_parts(
        record, today=today, can_edit=can_edit, csrf_token=marks.csrf, now_time=marks.time
    )
    variant = CasePage.variant_for(can_edit=can_edit)
    return Drawn(record.pk, variant, parts_key(record, today=today), marks, parts)


def _packed(html: str) -> bytes:
    return zlib.compress(html.encode(), LEVEL)


def _unpacked(data: bytes | memoryview) -> str:
    return zlib.decompress(data).decode()


def parts_store(drawn: Sequence[Drawn]) -> None:
    """Keep ``drawn``, each as the one row of its case and variant: inserted, or replacing the
    row there (one ``INSERT ... ON CONFLICT ... DO UPDATE`` statement, on SQLite and
    PostgreSQL alike)."""
    if not drawn:
        return
    name = connection.ops.quote_name
    columns = ("case_id", "variant", "key", "nonce", "head", "body", "drawn_at")
    sql = (
        f"INSERT INTO {name(CasePage._meta.db_table)} ({', '.join(map(name, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({name('case_id')}, {name('variant')}) DO UPDATE SET "
        + ", ".join(f"{name(column)} = excluded.{name(column)}" for column in columns[2:])
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (
            item.case_id,
            item.variant,
            item.key,
            item.marks.nonce,
            _packed(item.parts.head),
            _packed(item.parts.body),
            now,
        )
        for item in drawn
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def stored_parts(record: CaseRecord, *, variant: str, key: str) -> tuple[CaseParts, Marks] | None:
    """The parts kept for ``record`` in ``variant``, read with the record
    (``selectors.case_page_get``), with their stand-ins; None when there is no row, or its
    variant or key is not the one asked for (a stale row is never served)."""
    head, body = getattr(record, "page_head", None), getattr(record, "page_body", None)
    nonce = getattr(record, "page_nonce", None)
    if head is None or body is None or not nonce:
        return None
    if getattr(record, "page_variant", None) != variant or getattr(record, "page_key", None) != key:
        return None
    parts = CaseParts(head=_unpacked(head), body=_unpacked(body))
    return parts, Marks(str(nonce))


def _filled(html: str, marks: Marks, token: str, now: str) -> SafeString:
    return mark_safe(html.replace(marks.csrf, token).replace(marks.time, now))


def case_parts(
    request: HttpRequest, record: CaseRecord, *, today: date, can_edit: bool
) -> CaseParts:
    """The parts for this request: the row read with ``record`` when it is current, else drawn
    and kept (replacing a stale row), with this request's CSRF token and the time now put in.
    A page asked with ``denial_for`` (a denial form filled in from a request) is drawn for the
    request alone and not kept."""
    token = get_token(request)
    if request.GET.get("denial_for"):
        return render_parts(
            record, today=today, can_edit=can_edit, csrf_token=token, query=request.GET
        )
    variant = CasePage.variant_for(can_edit=can_edit)
    found = stored_parts(record, variant=variant, key=parts_key(record, today=today))
    if found is None:
        drawn = parts_draw(record, today=today, can_edit=can_edit)
        parts_store([drawn])
        found = drawn.parts, drawn.marks
    parts, marks = found
    now = timezone.localtime().strftime("%H:%M")
    return CaseParts(
        head=_filled(parts.head, marks, token, now), body=_filled(parts.body, marks, token, now)
    )


def _denial_choices(case: Case) -> list[tuple[str, str]]:
    """The case's denials for the generate form, newest open first (the default)."""
    from ketacover.core.letters.denial_choice import choices, newest

    listed = choices(case)
    first = newest(case)
    return sorted(listed, key=lambda pair: first is None or pair[0] != first.id)
