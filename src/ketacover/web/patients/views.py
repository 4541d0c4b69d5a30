"""The patient's own pages: their case in plain words, in English or Spanish. Views parse
input, call one service or selector, and render.

Each page is for a patient of the case (a patient member, or the owner of the personal
workspace the navigator made). Clinic staff who open one are sent to the clinic's page of the
case; anyone else gets the 404 page, which does not say whether the case exists.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import case_get
from ketacover.web.cases.services import case_of, case_viewed
from ketacover.web.downloads import disposition
from ketacover.web.patients import selectors, services
from ketacover.web.patients.forms import LETTER_KINDS, PatientDocumentForm, PatientUploadForm
from ketacover.web.patients.overview import language_of, overview
from ketacover.web.uploads.models import Upload


def _today() -> date:
    return timezone.localdate()


class _StaffCaseError(Exception):
    """The case is one the user sees as clinic staff: their page is the clinic's."""


def _own_case(request: HttpRequest, pk: int) -> CaseRecord:
    """The patient's case ``pk``; :class:`_StaffCaseError` when the user sees it as staff; 404 when
    they do not see it at all."""
    try:
        return selectors.patient_case_get(user=request.user, pk=pk)
    except Http404:
        case_get(user=request.user, pk=pk)
        raise _StaffCaseError from None


def _staff_page(pk: int) -> HttpResponseBase:
    return redirect("cases:detail", pk=pk)


@login_required
@never_cache
@require_GET
def home(request: HttpRequest) -> HttpResponseBase:
    """A patient's start page: their case, or the list of their cases when they have several;
    clinic staff go to the work queue."""
    cases = list(selectors.patient_cases(request.user)[:50])
    if len(cases) == 1:
        return redirect("patients:case", pk=cases[0].pk)
    if not cases:
        if not selectors.is_patient_only(request.user):
            return redirect("dashboard")
        raise Http404("No case yet.")
    return render(request, "patients/home.html", {"cases": cases, **_frame(request)})


def _frame(request: HttpRequest) -> dict[str, object]:
    return {"languages": settings.LANGUAGES, "next_page": request.get_full_path()}


def _uploads(record: CaseRecord) -> list[dict[str, object]]:
    """The files the patient attached to the case, newest first, named by what they are."""
    kinds = {name: kind for kind, name in services.UPLOAD_NAMES.items()}
    labels = dict(LETTER_KINDS)
    shown = []
    for upload in Upload.objects.filter(case=record).defer("content")[:50]:
        stem = upload.name.rsplit(".", 1)[0]
        if stem in kinds:
            shown.append(
                {
                    "upload": upload,
                    "label": str(labels[kinds[stem]]),
                }
            )
    return shown


@login_required
@never_cache
@require_GET
def case_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The patient's case: status and the next step first, then money, dates, documents and
    the letters they attached. The viewing is audited."""
    try:
        record = _own_case(request, pk)
    except _StaffCaseError:
        return _staff_page(pk)
    case_viewed(user=request.user, record=record, request=request)
    language = language_of(translation.get_language())
    today = _today()
    context = {
        "record": record,
        "view": overview(case_of(record), today, language),
        "today": today,
        "clinic_documents": selectors.clinic_documents(record),
        "uploads": _uploads(record),
        "upload_form": PatientUploadForm(),
        "several": selectors.patient_cases(request.user).count() > 1,
        # The owner of a personal workspace (a saved navigator visitor) keeps the detailed file
        # and its forms; a patient of a clinic never reaches the clinic's page.
        "keeps_own_file": record.workspace.kind == Workspace.Kind.PERSONAL,
        **_frame(request),
    }
    return render(request, "patients/case.html", context)


def _back(pk: int, anchor: str) -> HttpResponseBase:
    return redirect(reverse("patients:case", args=[pk]) + anchor)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Attach an EOB, a denial letter or another letter from the plan to the patient's case."""
    try:
        record = _own_case(request, pk)
    except _StaffCaseError:
        return _staff_page(pk)
    form = PatientUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = [str(e) for field in form.errors.values() for e in field]
        messages.error(request, " ".join(problems) or _("Choose a file."))
        return _back(pk, "#letters")
    sent = form.cleaned_data["file"]
    try:
        services.patient_upload(
            user=request.user,
            record=record,
            kind=form.cleaned_data["kind"],
            content=sent.read(),
            request=request,
        )
    except KetacoverError:
        messages.error(
            request,
            _(
                "This file could not be used. Send a PDF that opens without a password, or a "
                "clear photo (PNG or JPEG), up to 10 MB."
            ),
        )
        return _back(pk, "#letters")
    messages.success(request, _("Thank you. Your clinic can see the file now."))
    return _back(pk, "#letters")


@login_required
@require_POST
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Write one of the patient's own documents (for example their appeal letter) as a PDF."""
    try:
        record = _own_case(request, pk)
    except _StaffCaseError:
        return _staff_page(pk)
    form = PatientDocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a document."))
        return _back(pk, "#documents")
    try:
        written = services.patient_document(
            user=request.user,
            record=record,
            kind=form.cleaned_data["kind"],
            denial_id=form.cleaned_data["denial"],
            note=form.cleaned_data["note"],
            today=_today(),
            language=language_of(translation.get_language()),
            request=request,
        )
    except KetacoverError:
        messages.error(
            request, _("This document cannot be written now. Your clinic can help with it.")
        )
        return _back(pk, "#documents")
    response = HttpResponse(written.content, content_type="application/pdf")
    response["Content-Disposition"] = disposition(written.filename)
    response["Cache-Control"] = "no-store"
    return response
