"""Views of a case's uploaded files: attach one, download one, and generate the packet with the
uploaded PDFs. Views parse input, call one service or selector, and answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.web.cases.selectors import case_get
from ketacover.web.cases.services import PermissionDeniedError
from ketacover.web.downloads import disposition
from ketacover.web.uploads import selectors, services
from ketacover.web.uploads.forms import UploadForm


def _back(pk: int) -> HttpResponseBase:
    return redirect(reverse("cases:section", args=[pk, "documents"]) + "#case-section")


@login_required
@require_POST
def upload_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Attach a file to the case (staff only; checked by content)."""
    record = case_get(user=request.user, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.errors.get("file", ["Choose a file."]))
        )
        return _back(pk)
    upload = form.cleaned_data["file"]
    try:
        kept = services.upload_create(
            user=request.user,
            record=record,
            name=upload.name or "",
            content=upload.read(),
            request=request,
        )
    except PermissionDeniedError:
        messages.error(request, "Only workspace staff can attach files to a case.")
        return _back(pk)
    except KetacoverError as error:
        messages.error(request, str(error).partition(": ")[2] or str(error))
        return _back(pk)
    messages.success(request, f"{kept.name} attached (version {kept.version}).")
    return _back(pk)


@login_required
@require_GET
def upload_download(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    """Download an uploaded file (access checked, download audited), never shown inline."""
    upload = selectors.upload_get(user=request.user, case_pk=pk, pk=upload_pk)
    services.upload_downloaded(user=request.user, upload=upload, request=request)
    response = HttpResponse(upload.content.decrypt(), content_type=upload.content_type)
    response["Content-Disposition"] = disposition(upload.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def packet_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Generate the prior-authorization packet with the case's uploaded PDFs appended."""
    record = case_get(user=request.user, pk=pk)
    try:
        document = services.packet_generate(
            user=request.user, record=record, today=timezone.localdate(), request=request
        )
    except PermissionDeniedError:
        messages.error(request, "Only workspace staff can generate documents.")
        return _back(pk)
    except MissingFactsError as error:
        messages.error(request, "The case is missing: " + "; ".join(error.missing))
        return _back(pk)
    except KetacoverError as error:
        messages.error(request, str(error))
        return _back(pk)
    messages.success(request, f"{document.title} (version {document.version}) is ready.")
    return redirect(reverse("cases:section", args=[pk, "documents"]) + "#case-section")
