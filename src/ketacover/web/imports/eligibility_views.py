"""Pages of a 271 eligibility response merged into a case: upload and preview, merge, cancel.

Upload → preview → merge, as for a FHIR bundle (:mod:`ketacover.web.imports.views`): the
preview carries the upload back signed (:mod:`ketacover.web.imports.pending`) with the case
version it was made at; a file that cannot be read is named by segment and element and nothing is
kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from ketacover.core.errors import KetacoverError
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import ConflictError, case_of
from ketacover.web.imports.eligibility import eligibility_merge as merge_service
from ketacover.web.imports.eligibility import eligibility_preview
from ketacover.web.imports.forms import EligibilityForm, PendingForm
from ketacover.web.imports.pending import PendingError, pending_clear, pending_get, pending_put
from ketacover.web.imports.views import _owner, _show, _staff_case, _today

X271 = "271"
_PAGES = ("imports/eligibility.html", "imports/_eligibility_result.html")


def _context(record: CaseRecord, **extra: object) -> dict[str, Any]:
    return {"record": record, "case": case_of(record), **extra}


def _preview_into(
    request: HttpRequest, record: CaseRecord, text: str, context: dict[str, Any]
) -> None:
    preview = eligibility_preview(user=request.user, record=record, text=text, request=request)
    token = pending_put(
        request.session,
        kind=X271,
        owner=_owner(request, record.pk),
        content=text,
        extra={"version": preview.version},
    )
    context.update(preview=preview, confirm=PendingForm(initial={"token": token}))


@login_required
@require_http_methods(["GET", "POST"])
def eligibility_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a 271 and see what it says and what merging it would fill or conflict with."""
    record = _staff_case(request, pk)
    form = EligibilityForm(request.POST or None, request.FILES or None)
    context = _context(record, form=form)
    if request.method == "POST" and form.is_valid():
        try:
            _preview_into(request, record, form.cleaned_data["text"], context)
        except KetacoverError as error:
            form.add_error("file", str(error))
    status = 400 if request.method == "POST" and "preview" not in context else 200
    return _show(request, *_PAGES, context, status)


@login_required
@require_POST
def eligibility_merge(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Merge the previewed 271; after a conflict, the preview again against the saved case."""
    record = _staff_case(request, pk)
    form = PendingForm(request.POST)
    context = _context(record, form=EligibilityForm())
    try:
        if not form.is_valid():
            raise PendingError("the preview is missing; upload the file again")
        text, extra = pending_get(
            request.session,
            kind=X271,
            owner=_owner(request, record.pk),
            token=form.cleaned_data["token"],
        )
    except KetacoverError as error:
        context["error"] = str(error)
        return _show(request, *_PAGES, context, 400)
    try:
        merged = merge_service(
            user=request.user,
            record=record,
            text=text,
            expected_version=int(extra["version"]),
            today=_today(),
            request=request,
        )
    except ConflictError as error:
        record.refresh_from_db()
        context.update(_context(record), conflict=str(error))
        _preview_into(request, record, text, context)
        return _show(request, *_PAGES, context, 409)
    except KetacoverError as error:
        context["error"] = str(error)
        return _show(request, *_PAGES, context, 400)
    pending_clear(request.session, kind=X271)
    if merged.fills:
        plural = "s" if len(merged.fills) != 1 else ""
        messages.success(
            request, f"Merged the eligibility response: {len(merged.fills)} field{plural} filled."
        )
    else:
        messages.info(request, "The response adds nothing new to this plan; nothing was changed.")
    return redirect("cases:detail", pk=record.pk)


@login_required
@require_POST
def eligibility_cancel(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Drop a previewed 271; nothing was changed."""
    record = _staff_case(request, pk)
    pending_clear(request.session, kind=X271)
    messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("cases:detail", pk=record.pk)
