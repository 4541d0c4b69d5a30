"""The claims composed per date of service (read on demand), their status, and their downloads
as CMS-1500 (whole form or data only) and 837P. Every view is scoped to the workspace through
``case_get`` (404 for anyone else), and every view and download is audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.model import ClaimStatus
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases import selectors
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import ConflictError, PermissionDeniedError, case_of, case_viewed
from ketacover.web.clinics.profile import for_billing, profile_of
from ketacover.web.downloads import disposition
from ketacover.web.events import services
from ketacover.web.events.claim_status import claim_status_set
from ketacover.web.events.claims_panel import STATUS_WORDS, STATUSES, ClaimPanel, panels

FORMATS: Final = {
    "cms-1500": ("CMS-1500", "pdf", "application/pdf"),
    "cms-1500-data": ("CMS-1500 data for the red form", "data.pdf", "application/pdf"),
    "837": ("837P", "837", "application/edi-x12"),
}
"""Download formats by the name in the URL: label, file suffix and content type."""
CONFLICT: Final = (
    "Someone else changed this case since you opened it; the claims below are as saved now. "
    "Choose the status again."
)
STATUS_CHOICES: Final = [(s.value, STATUS_WORDS[s]) for s in STATUSES]


def _today() -> date:
    return timezone.localdate()


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _panels(record: CaseRecord) -> tuple[ClaimPanel, ...]:
    return panels(record, for_billing(case_of(record), profile_of(record.workspace_id)))


def _panel(record: CaseRecord, number: int) -> ClaimPanel:
    for panel in _panels(record):
        if panel.number == number:
            return panel
    raise Http404("No such claim.")


class ClaimStatusForm(forms.Form):
    """Where a claim stands, and each of its lines."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label="Claim status", choices=STATUS_CHOICES)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        panel: ClaimPanel,
        prefix: str,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, prefix=prefix, initial=initial)
        self.panel = panel
        for row in () if panel.span else panel.rows:
            self.fields[f"line_{row.line.number}"] = forms.ChoiceField(
                label=f"Line {row.line.number} ({row.line.code})",
                choices=STATUS_CHOICES,
                initial=row.status.value,
            )

    def line_statuses(self) -> dict[int, ClaimStatus]:
        return {
            row.line.number: ClaimStatus(self.cleaned_data[f"line_{row.line.number}"])
            for row in self.panel.rows
            if f"line_{row.line.number}" in self.cleaned_data
        }


def _forms(record: CaseRecord, items: tuple[ClaimPanel, ...]) -> dict[int, ClaimStatusForm]:
    return {
        panel.number: ClaimStatusForm(
            initial={"version": record.version, "status": panel.status.value},
            panel=panel,
            prefix=f"claim{panel.number}",
        )
        for panel in items
        if panel.claim is not None
    }


def _render(
    request: HttpRequest,
    record: CaseRecord,
    *,
    bound: ClaimStatusForm | None = None,
    saved: str | None = None,
    problem: str | None = None,
    status: int = 200,
) -> HttpResponse:
    items = _panels(record)
    can_edit = services.editable(user=request.user, record=record)
    forms_by_number = _forms(record, items) if can_edit else {}
    if bound is not None:
        forms_by_number[bound.panel.number] = bound
    context = {
        "record": record,
        "panels": [(panel, forms_by_number.get(panel.number)) for panel in items],
        "can_edit": can_edit,
        "saved": saved,
        "problem": problem,
        "formats": FORMATS,
        "today": _today(),
    }
    template = "events/_claim_panels.html" if _htmx(request) else "events/claims_page.html"
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def claims_composed(request: HttpRequest, pk: int) -> HttpResponse:
    """The claim of every date of service, with its lines, status, downloads and missing facts
    (the viewing is audited like the case page's)."""
    record = selectors.case_get(user=request.user, pk=pk)
    case_viewed(user=request.user, record=record, request=request)
    return _render(request, record)


@login_required
@require_POST
def claim_status(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    """Set a claim's status and its lines' (staff only; audited through the case's save)."""
    record = selectors.case_get(user=request.user, pk=pk)
    if not services.editable(user=request.user, record=record):
        return HttpResponse(
            "Only workspace staff can change a claim's status.",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    panel = _panel(record, number)
    if panel.claim is None:
        raise Http404("This claim cannot be composed yet.")
    form = ClaimStatusForm(request.POST, panel=panel, prefix=f"claim{number}")
    if not form.is_valid():
        return _render(request, record, bound=form, status=400)
    try:
        saved = claim_status_set(
            user=request.user,
            record=record,
            claim=panel.claim,
            expected_version=form.cleaned_data["version"],
            today=_today(),
            status=ClaimStatus(form.cleaned_data["status"]),
            lines=form.line_statuses(),
            request=request,
        )
    except ConflictError as error:
        return _render(request, error.current, problem=CONFLICT, status=409)
    except PermissionDeniedError:
        raise Http404("No such case.") from None
    except KetacoverError as error:
        form.add_error("status", str(error).partition(": ")[2] or str(error))
        return _render(request, record, bound=form, status=400)
    if not _htmx(request):
        messages.success(request, "Claim status saved.")
        return redirect(reverse("events:claims_composed", args=[pk]))
    return _render(request, saved, saved="Claim status saved.")


@login_required
@require_GET
def claim_download(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponseBase:
    """The claim of one date of service as a CMS-1500 PDF (whole or data only) or an 837P file;
    the download is audited, and its audit event's id is the 837's interchange control number,
    so no two files the clinic downloads share one."""
    if fmt not in FORMATS:
        raise Http404("No such format.")
    record = selectors.case_get(user=request.user, pk=pk)
    panel = _panel(record, number)
    if panel.claim is None:
        raise Http404("This claim cannot be composed yet.")
    label, suffix, content_type = FORMATS[fmt]
    event = audit_record(
        user=request.user,
        action=Action.DOWNLOAD,
        object_type="claim",
        object_id=record.pk,
        workspace=record.workspace,
        request=request,
        detail={"case": record.pk, "claim": number, "fmt": fmt},
    )
    try:
        data = _write(panel, fmt, control=int(event.pk or 1) % 999_999_999 + 1)
    except MissingFactsError as error:
        texts = "; ".join(item.partition(": ")[2] or item for item in error.missing)
        messages.error(request, f"The {label} cannot be written yet: {texts}.")
        return redirect(reverse("events:claims_composed", args=[pk]))
    response = HttpResponse(data, content_type=content_type)
    name = f"{record.case_id}-claim-{panel.on:%Y%m%d}.{suffix}"
    response["Content-Disposition"] = disposition(name)
    response["Cache-Control"] = "no-store"
    return response


def _write(panel: ClaimPanel, fmt: str, *, control: int) -> bytes:
    claim = panel.claim
    assert claim is not None
    if fmt == "837":
        from ketacover.interop.x12.professional import Interchange, write_837

        payer = claim.payer
        interchange = Interchange(
            sender_id=claim.billing.submitter_id,
            receiver_id=(payer.payer_id if payer else None) or "",
            receiver_name=payer.name if payer else "",
            control_number=control,
            created=timezone.localtime(),
        )
        return write_837([claim], interchange=interchange).encode("ascii", "replace")
    from ketacover.render.cms1500 import cms1500_pdf

    return cms1500_pdf([claim], data_only=fmt == "cms-1500-data")
