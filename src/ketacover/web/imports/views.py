"""Import pages. Upload → preview → confirm: the upload is checked by its content and previewed;
the confirm button carries it back signed (:mod:`ketacover.web.imports.pending`) with the version
it was previewed at; the service applies it or says what conflicted. Each view parses input,
calls one service or selector, and renders: the result alone for htmx, else the whole page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ketacover.core.errors import KetacoverError
from ketacover.interop.fhir import FhirImportError
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.cases import selectors as case_selectors
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import ConflictError, case_of
from ketacover.web.imports import history, selectors, services
from ketacover.web.imports.forms import BundleForm, PendingForm, RemittanceForm
from ketacover.web.imports.pending import (
    PendingError,
    pending_clear,
    pending_get,
    pending_owner,
    pending_put,
)

FHIR = "fhir"
X835 = "835"
_BUNDLE = ("imports/bundle.html", "imports/_bundle_result.html")
_REMITTANCE = ("imports/remittance.html", "imports/_remittance_result.html")


def _today() -> date:
    """Today where the clinic is (the web edge reads the clock; the core never does)."""
    return timezone.localdate()


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _show(
    request: HttpRequest, page: str, part: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """The result part alone for htmx (200 so it is swapped in), else the whole page."""
    if _htmx(request):
        return render(request, part, context)
    return render(request, page, context, status=status)


def _staff_case(request: HttpRequest, pk: int) -> CaseRecord:
    """The case (404 if not visible), for staff only (403 for a patient)."""
    record = case_selectors.case_get(user=request.user, pk=pk)
    membership = case_selectors.membership_for(user=request.user, case=record)
    if membership is None or membership.role == Role.PATIENT:
        raise PermissionDenied("Only workspace staff can import records into a case.")
    return record


def _owner(request: HttpRequest, what: object) -> str:
    return f"{request.user.pk}:{what}"


# FHIR bundle into a case ---------------------------------------------------------------------


def _bundle_context(record: CaseRecord, **extra: object) -> dict[str, Any]:
    return {"record": record, "case": case_of(record), **extra}


@login_required
@require_http_methods(["GET", "POST"])
def bundle_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a FHIR bundle and see what merging it would add, set and leave as it is."""
    record = _staff_case(request, pk)
    form = BundleForm(request.POST or None, request.FILES or None)
    context = _bundle_context(record, form=form)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            preview = services.bundle_preview(
                user=request.user, record=record, text=text, request=request
            )
            token = pending_put(
                request.session,
                kind=FHIR,
                owner=_owner(request, record.pk),
                content=text,
                extra={"version": preview.version},
            )
        except FhirImportError as error:
            context["problems"] = error.problems
        except KetacoverError as error:
            form.add_error("file", str(error))
        else:
            context.update(preview=preview, confirm=PendingForm(initial={"token": token}))
    status = 400 if request.method == "POST" and "preview" not in context else 200
    return _show(request, *_BUNDLE, context, status)


@login_required
@require_POST
def bundle_merge(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Merge the previewed bundle; after a conflict, the preview again against the saved case."""
    record = _staff_case(request, pk)
    form = PendingForm(request.POST)
    context = _bundle_context(record, form=BundleForm())
    owner = _owner(request, record.pk)
    try:
        if not form.is_valid():
            raise PendingError("the preview is missing; upload the file again")
        token = form.cleaned_data["token"]
        text, extra = pending_get(request.session, kind=FHIR, owner=owner, token=token)
    except KetacoverError as error:
        context["error"] = str(error)
        return _show(request, *_BUNDLE, context, 400)
    try:
        merged = services.bundle_merge(
            user=request.user,
            record=record,
            text=text,
            expected_version=int(extra["version"]),
            today=_today(),
            request=request,
        )
    except ConflictError as error:
        record.refresh_from_db()
        preview = services.bundle_preview(
            user=request.user, record=record, text=text, request=request
        )
        token = pending_put(
            request.session,
            kind=FHIR,
            owner=owner,
            content=text,
            extra={"version": preview.version},
        )
        context.update(
            _bundle_context(record),
            conflict=str(error),
            preview=preview,
            confirm=PendingForm(initial={"token": token}),
        )
        return _show(request, *_BUNDLE, context, 409)
    except KetacoverError as error:
        context["error"] = str(error)
        return _show(request, *_BUNDLE, context, 400)
    pending_clear(request.session, kind=FHIR)
    added = len(merged.diagnoses) + len(merged.trials) + len(merged.scores) + len(merged.sets)
    if added:
        plural = "s" if added != 1 else ""
        messages.success(request, f"Merged the records: {added} addition{plural}.")
    else:
        messages.info(request, "The records add nothing new to this case; nothing was changed.")
    return redirect("cases:detail", pk=record.pk)


@login_required
@require_POST
def bundle_cancel(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Drop a previewed bundle; nothing was changed."""
    record = _staff_case(request, pk)
    pending_clear(request.session, kind=FHIR)
    messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("cases:detail", pk=record.pk)


# 835 remittances for a workspace ---------------------------------------------------------------


def _memberships(request: HttpRequest) -> QuerySet[Membership]:
    found = selectors.import_memberships(user=request.user)
    if not found.exists():
        raise PermissionDenied("Only workspace staff can import remittances.")
    return found


@login_required
@require_http_methods(["GET", "POST"])
def remittance_upload(request: HttpRequest) -> HttpResponse:
    """Upload an 835: its figures, unbalanced claims, and the matches to the workspace's cases."""
    memberships = _memberships(request)
    form = RemittanceForm(request.POST or None, request.FILES or None, memberships=memberships)
    context: dict[str, Any] = {"form": form}
    if request.method == "GET":
        context["files"] = history.remittance_files_page(
            user=request.user, number=request.GET.get("page")
        )
    if request.method == "POST" and form.is_valid():
        workspace = form.cleaned_data["workspace"].workspace
        text = form.cleaned_data["text"]
        try:
            plan = services.remittance_preview(
                user=request.user,
                workspace=workspace,
                text=text,
                today=_today(),
                name=form.cleaned_data["name"],
                request=request,
            )
            token = pending_put(
                request.session,
                kind=X835,
                owner=_owner(request, workspace.pk),
                content=text,
                extra={"workspace": workspace.pk, "versions": plan.changed},
            )
        except KetacoverError as error:
            form.add_error("file", str(error))
        else:
            context.update(plan=plan, confirm=PendingForm(initial={"token": token}))
    status = 400 if request.method == "POST" and "plan" not in context else 200
    return _show(request, *_REMITTANCE, context, status)


@login_required
@require_POST
def remittance_apply(request: HttpRequest) -> HttpResponse:
    """Apply a previewed 835 to the matched cases, all or nothing."""
    memberships = _memberships(request)
    form = PendingForm(request.POST)
    context: dict[str, Any] = {"form": RemittanceForm(memberships=memberships)}
    try:
        if not form.is_valid():
            raise PendingError("the preview is missing; upload the file again")
        token = form.cleaned_data["token"]
        user_pk, _, workspace_pk = pending_owner(token).partition(":")
        membership = memberships.filter(workspace_id=int(workspace_pk or 0)).first()
        if membership is None or user_pk != str(request.user.pk):
            raise PendingError("the preview is not for one of your workspaces; upload it again")
        owner = _owner(request, membership.workspace_id)
        text, extra = pending_get(request.session, kind=X835, owner=owner, token=token)
        plan = services.remittance_apply(
            user=request.user,
            workspace=membership.workspace,
            text=text,
            versions={str(k): int(v) for k, v in dict(extra["versions"]).items()},
            today=_today(),
            request=request,
        )
    except ConflictError as error:
        pending_clear(request.session, kind=X835)
        context["error"] = (
            f"Nothing was applied: {error}. Upload the file again to see the matches as they "
            "are now."
        )
        return _show(request, *_REMITTANCE, context, 409)
    except KetacoverError as error:
        context["error"] = f"Nothing was applied: {error}"
        return _show(request, *_REMITTANCE, context, 400)
    pending_clear(request.session, kind=X835)
    context.update(plan=plan, applied=True)
    return _show(request, *_REMITTANCE, context)


@login_required
@require_POST
def remittance_cancel(request: HttpRequest) -> HttpResponseBase:
    """Drop a previewed 835; nothing was changed."""
    _memberships(request)
    pending_clear(request.session, kind=X835)
    messages.info(request, "Remittance import cancelled; nothing was changed.")
    return redirect("imports:remittances")


@login_required
@require_http_methods(["GET"])
def remittance_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of the history opened again: its payment and every claim, a page at a time."""
    _memberships(request)
    kept, text = history.remittance_file_get(user=request.user, pk=pk, request=request)
    try:
        read = history.read_file(text)
    except KetacoverError as error:
        return render(request, "imports/remittance_file.html", {"kept": kept, "error": str(error)})
    claims = [detail for _, _, details in read.remittances for detail in details]
    page = Paginator(claims, history.CLAIMS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "imports/remittance_file.html",
        {"kept": kept, "read": read, "claims": page},
    )
