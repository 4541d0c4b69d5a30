"""The Good Faith Estimate of a self-pay case, made on the case page and kept with its documents.

The estimate is composed in the core (:mod:`ketacover.core.billing.good_faith`) from the case
as stored and laid out by :mod:`ketacover.render.good_faith`; like every generated document it is
kept as a new version, its making audited, and downloaded through the documents list (scoped to
the workspace, each download audited).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.web.accounts.models import Actor, Role
from ketacover.web.cases import selectors
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.cases.selectors import membership_for
from ketacover.web.cases.services import PermissionDeniedError, case_of, document_keep

FMT = "pdf"


def good_faith_generate(
    *, user: Actor, record: CaseRecord, today: date, request: HttpRequest | None = None
) -> DocumentRecord:
    """Compose the case's Good Faith Estimate, dated ``today``, and keep it as a new version;
    raises :class:`MissingFactsError` listing what the case lacks."""
    from ketacover.core.billing.good_faith import DOCUMENT, estimate
    from ketacover.render.good_faith import KIND, good_faith_pdf

    membership = membership_for(user=user, case=record)
    if membership is None or membership.role == Role.PATIENT:
        raise PermissionDeniedError("only workspace staff can make a Good Faith Estimate")
    content = good_faith_pdf(estimate(case_of(record)), issued=today)
    return document_keep(
        user=user,
        record=record,
        kind=KIND,
        fmt=FMT,
        title=DOCUMENT,
        content=content,
        request=request,
    )


@login_required
@require_POST
def good_faith_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Make the Good Faith Estimate; what the case lacks is listed instead."""
    record = selectors.case_get(user=request.user, pk=pk)
    try:
        document = good_faith_generate(
            user=request.user, record=record, today=timezone.localdate(), request=request
        )
    except MissingFactsError as error:
        asks = [_ask(item) for item in error.missing]
        messages.error(request, "The Good Faith Estimate needs: " + " ".join(asks))
        return redirect(reverse("cases:section", args=[pk, "documents"]) + "#case-section")
    except KetacoverError as error:
        messages.error(request, str(error))
        return redirect(reverse("cases:section", args=[pk, "documents"]) + "#case-section")
    messages.success(request, f"{document.title} (version {document.version}) is ready.")
    return redirect(reverse("cases:section", args=[pk, "documents"]) + "#case-section")


_FIELDS = {
    "treatment_plan.self_pay": "Whether the patient pays the clinic directly",
    "treatment_plan.scheduled_on": "The day the first session was scheduled",
    "treatment_plan.start": "The date of the first session",
    "treatment_plan.weeks": "The length of the course in weeks",
    "treatment_plan.dose_mg": "The planned dose per session",
    "treatment_plan.infusion_minutes": "The infusion minutes per session",
    "treatment_plan.ndc": "The ketamine product's NDC",
    "treatment_plan.strength": "The ketamine product's strength",
    "treatment_plan": "The course of treatment",
    "clinic.npi": "The clinic's NPI",
    "clinic.tin": "The clinic's tax identification number",
    "clinic.address": "The clinic's address",
    "clinic.fee_schedule": "A charge in the clinic's fee schedule",
    "clinic": "The clinic",
    "diagnoses": "A diagnosis code",
}


def _ask(item: str) -> str:
    """One missing fact in words: its label and why, without the case-file path."""
    field, _, why = item.partition(":")
    label = _FIELDS.get(field.strip(), "A fact of the case")
    return f"{label}: {why.strip()}." if why else f"{label}."
