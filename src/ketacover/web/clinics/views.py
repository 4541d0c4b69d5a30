"""The clinic profile page of a workspace (owners and staff; others get 404 or 403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ketacover.core.billing.fees import UNIT_NAMES
from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.selectors import MANAGERS, workspace_for
from ketacover.web.clinics.forms import ClinicProfileForm, PrescriberFormSet, fee_text
from ketacover.web.clinics.models import ClinicProfile
from ketacover.web.clinics.services import COLUMNS, clinic_profile_save


def _initial(profile: ClinicProfile | None) -> tuple[dict[str, object], list[dict[str, str]]]:
    if profile is None:
        return {"place_of_service": "11"}, []
    values: dict[str, object] = {name: getattr(profile, name) for name in COLUMNS}
    values["fee_schedule"] = fee_text(profile.fee_schedule)
    return values, list(profile.prescribers)


@login_required
@require_http_methods(["GET", "POST"])
def clinic_profile(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The workspace's clinic, prescribers and fee schedule; new cases of the workspace are
    prefilled from it and its claims priced from it (:mod:`ketacover.web.clinics.profile`).
    Nothing is written unless every part of the form is right."""
    workspace = workspace_for(user=request.user, pk=pk, roles=MANAGERS)
    profile = ClinicProfile.objects.filter(workspace=workspace).first()
    initial, rows = _initial(profile)
    if request.method == "POST":
        form = ClinicProfileForm(request.POST)
        people = PrescriberFormSet(request.POST, prefix="prescriber")
        if form.is_valid() and people.is_valid():
            prescribers = [row for row in (f.row() for f in people.forms) if row is not None]
            try:
                clinic_profile_save(
                    user=request.user,
                    workspace=workspace,
                    fields=form.cleaned_data,
                    prescribers=prescribers,
                    request=request,
                )
            except KetacoverError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Clinic profile saved.")
                return redirect("clinics:profile", pk=pk)
        status = 400
    else:
        form = ClinicProfileForm(initial=initial)
        people = PrescriberFormSet(initial=rows, prefix="prescriber")
        status = 200
    context = {
        "workspace": workspace,
        "form": form,
        "people": people,
        "units": sorted(UNIT_NAMES.items()),
    }
    response: HttpResponse = render(request, "clinics/profile.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
