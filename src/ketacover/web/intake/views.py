"""The intake wizard's pages. Views parse input, call one service or selector, and render.

Each step is its own page and form. Saving a step moves on to the next; a step that keeps a list
(diagnoses, scores, treatments) saves each entry as it is added or removed. Every form carries
the case version it was opened at, so a save over someone else's change is refused with both
versions named and everything typed kept on the page.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ketacover.core import scales
from ketacover.core.errors import InvalidCaseFileError
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import ConflictError, PermissionDeniedError, case_of, case_viewed
from ketacover.web.intake import selectors, services, steps
from ketacover.web.intake.changes import InvalidStepError
from ketacover.web.intake.clinical_forms import (
    ITEM_SCALES,
    DiagnosisDateForm,
    DiagnosisForm,
    Gad7Form,
    IndexForm,
    Phq9Form,
    TotalForm,
    TreatmentForm,
    TrialDatesForm,
    TrialForm,
)
from ketacover.web.intake.forms import PatientForm, PlanForm, ProvidersForm

FORM_STEPS: dict[str, Any] = {
    "patient": PatientForm,
    "plan": PlanForm,
    "providers": ProvidersForm,
    "treatment": TreatmentForm,
}
"""Steps that are one form; Next saves it."""
LIST_FORMS: dict[str, dict[str, Any]] = {
    "diagnoses": {
        "diagnosis_add": DiagnosisForm,
        "diagnosis_remove": IndexForm,
        "diagnosis_primary": IndexForm,
        "diagnosis_date": DiagnosisDateForm,
    },
    "scales": {
        "score_phq9": Phq9Form,
        "score_gad7": Gad7Form,
        "score_total": TotalForm,
        "score_remove": IndexForm,
    },
    "history": {"trial_add": TrialForm, "trial_remove": IndexForm, "trial_dates": TrialDatesForm},
}
"""Steps that keep a list: each posted action's form."""
COST_STEPS = {
    "plan": ("plan.",),
    "treatment": ("treatment_plan.", "allowed amount (session)"),
}
"""Steps that ask for facts the cost comparison needs, with how the comparison names them."""
_SESSION_KEY = "intake_reached"


def _today() -> date:
    """Today where the clinic is (the web edge may read the clock; the core never does)."""
    return timezone.localdate()


def _version(request: HttpRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


def _reached(request: HttpRequest, record: CaseRecord, at_least: int = 0) -> int:
    """The furthest step the user has opened for this case, remembered in the session."""
    seen: dict[str, int] = request.session.get(_SESSION_KEY, {})
    furthest = max(seen.get(str(record.pk), 1), at_least)
    if furthest != seen.get(str(record.pk)):
        request.session[_SESSION_KEY] = {**seen, str(record.pk): furthest}
    return furthest


def _show_errors(form: forms.Form, error: Exception, request: HttpRequest) -> forms.Form:
    """Put a service's complaint on the form: on the field it names, else above the form."""
    if isinstance(error, InvalidStepError):
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
    elif isinstance(error, ConflictError):
        form.add_error(
            None,
            f"Someone else saved this case while you were working (you opened version "
            f"{_version(request)}; it is now version {error.current.version}). What you typed "
            "is kept below: check it against the case and save again to keep it.",
        )
        data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
        data["version"] = str(error.current.version)
        form.data = data
    elif isinstance(error, InvalidCaseFileError):
        for problem in error.problems:
            form.add_error(None, f"{problem.path}: {problem.message}")
    return form


@login_required
@require_http_methods(["GET", "POST"])
def intake_start(request: HttpRequest) -> HttpResponseBase:
    """Step 1 of a new case: the patient and a case id; saving creates the case."""
    workspaces = selectors.intake_workspaces(user=request.user)
    if not workspaces.exists():
        raise PermissionDenied("only workspace staff can add cases")
    initial = {"case_id": f"case-{secrets.token_hex(4)}", "workspace": workspaces.first()}
    form = PatientForm(request.POST or None, initial=initial, workspaces=workspaces)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.intake_start(
                user=request.user,
                workspace=form.cleaned_data["workspace"],
                case_id=form.cleaned_data["case_id"],
                data=form.cleaned_data,
                today=_today(),
                request=request,
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from None
        except InvalidStepError as error:
            _show_errors(form, error, request)
        else:
            _reached(request, record, 2)
            messages.success(request, f"Case {record.case_id} created.")
            return redirect("intake:step", pk=record.pk, step="plan")
    context = _context(None, steps.STEPS[0], 1)
    context.update(form=form, new=True)
    return render(request, "intake/form_step.html", context)


def _context(record: CaseRecord | None, step: steps.Step, reached: int) -> dict[str, Any]:
    return {
        "record": record,
        "step": step,
        "total": len(steps.STEPS),
        "progress": steps.progress(step, reached),
        "previous": steps.previous_step(step),
        "next": steps.next_step(step),
        "version": record.version if record is not None else 0,
    }


@login_required
@require_GET
def intake_resume(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Open a case's intake at the furthest step reached."""
    record = selectors.intake_case_get(user=request.user, pk=pk)
    furthest = max(_reached(request, record), steps.filled(case_of(record)))
    return redirect("intake:step", pk=record.pk, step=steps.STEPS[furthest - 1].slug)


@login_required
@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
    """One step of an existing case's intake."""
    current = steps.BY_SLUG.get(step)
    if current is None:
        raise Http404("No such step.")
    record = selectors.intake_case_get(user=request.user, pk=pk)
    if step in FORM_STEPS:
        return _form_step(request, record, current)
    return _list_step(request, record, current)


def _apply(
    request: HttpRequest, record: CaseRecord, change: str, form: forms.Form
) -> CaseRecord | None:
    """Save a valid form's change; on a problem, show it on the form and return None."""
    data = dict(form.cleaned_data)
    if isinstance(form, Phq9Form | Gad7Form):
        data.update(scale=form.scale.value, count=ITEM_SCALES[form.scale])
        change = "score_items"
    try:
        return services.intake_apply(
            user=request.user,
            record=record,
            change=change,
            data=data,
            expected_version=_version(request),
            today=_today(),
            request=request,
        )
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from None
    except (InvalidStepError, ConflictError, InvalidCaseFileError) as error:
        _show_errors(form, error, request)
        return None


def _form_step(request: HttpRequest, record: CaseRecord, current: steps.Step) -> HttpResponse:
    form_class = FORM_STEPS[current.slug]
    case = case_of(record)
    extra = {"existing": True} if form_class is PatientForm else {}
    initial = form_class.initial_from(case)
    flagged = selectors.suicidal_ideation_flag(case) if current.slug == "treatment" else None
    prefilled = flagged is not None and case.history.suicidal_ideation is None
    if prefilled:
        # PHQ-9 item 9 above 0: offered as Yes for staff to confirm, saved only with the step.
        initial["suicidal_ideation"] = "yes"
    form = form_class(request.POST or None, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        saved = _apply(request, record, current.slug, form)
        if saved is not None:
            after = steps.next_step(current)
            if after is None:
                messages.success(request, f"Intake of case {saved.case_id} is complete.")
                return redirect("cases:detail", pk=saved.pk)
            _reached(request, saved, after.number)
            messages.success(request, f"{current.title} saved.")
            return redirect("intake:step", pk=saved.pk, step=after.slug)
    if request.method == "GET":
        case_viewed(user=request.user, record=record, request=request)
    reached = max(_reached(request, record, current.number), steps.filled(case))
    context = _context(record, current, reached)
    context.update(form=form, case=case, flagged=flagged, prefilled=prefilled)
    if current.slug in COST_STEPS:
        context.update(
            cost_gaps=selectors.cost_gaps(case, COST_STEPS[current.slug]),
            cost_ceilings=selectors.cost_ceilings(case),
        )
    if request.method == "POST":
        context["version"] = form.data.get("version", record.version)
    return render(request, "intake/form_step.html", context)


def _list_step(request: HttpRequest, record: CaseRecord, current: steps.Step) -> HttpResponse:
    actions = LIST_FORMS[current.slug]
    bound: dict[str, forms.Form] = {}
    version: Any = record.version
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in actions:
            raise Http404("No such action.")
        chosen = request.POST.get("fill", "") if action == "diagnosis_add" else ""
        if chosen:
            # A search result was chosen: it fills the code field; nothing is added yet.
            bound[action] = _filled_diagnosis(request.POST, chosen)
            version = request.POST.get("version", record.version)
        else:
            form = actions[action](request.POST, prefix=_prefix(action))
            if form.is_valid():
                saved = _apply(request, record, action, form)
                if saved is not None:
                    messages.success(request, "Saved.")
                    return redirect("intake:step", pk=saved.pk, step=current.slug)
            bound[action] = form
            version = form.data.get("version", record.version)
    else:
        case_viewed(user=request.user, record=record, request=request)
    case = case_of(record)
    reached = max(_reached(request, record, current.number), steps.filled(case))
    context = _context(record, current, reached)
    for action, form_class in actions.items():
        if form_class not in (IndexForm, DiagnosisDateForm, TrialDatesForm):
            context[action] = bound.get(action) or form_class(prefix=_prefix(action))
    context.update(case=case, version=version, errors=[f for f in bound.values() if f.errors])
    if current.slug == "scales":
        context["item_forms"] = [(a, context[a]) for a in ("score_phq9", "score_gad7")]
        context.update(
            score_rows=selectors.score_rows(case),
            flagged=selectors.suicidal_ideation_flag(case),
            question=scales.QUESTION,
        )
    elif current.slug == "diagnoses":
        context["rows"] = selectors.diagnosis_rows(case)
    elif current.slug == "history":
        context["rows"] = selectors.history_rows(case)
    return render(request, f"intake/{current.slug}.html", context)


def _filled_diagnosis(posted: QueryDict, code: str) -> DiagnosisForm:
    """The add-a-diagnosis form with a chosen search result in its code field, not yet added.

    What was already set for this diagnosis (primary, date) is kept; the code is checked when the
    diagnosis is added.
    """
    return DiagnosisForm(
        initial={
            "code": code[:20],
            "primary": posted.get("primary") == "on",
            "since": posted.get("since", ""),
        }
    )


def _prefix(action: str) -> str | None:
    """Form prefixes keep the ids of several forms on one page apart."""
    return {
        "score_phq9": "phq9",
        "score_gad7": "gad7",
        "score_total": "total",
        "diagnosis_date": "edit",
        "trial_dates": "edit",
    }.get(action)


@login_required
@require_GET
def icd_search(request: HttpRequest) -> HttpResponse:
    """ICD-10-CM codes matching ``q`` (or the code field's text), as a list to choose from."""
    query = request.GET.get("q") or request.GET.get("code", "")
    matches = selectors.icd_code_list(user=request.user, query=query)
    return render(request, "intake/_icd_results.html", {"matches": matches, "query": query})


@login_required
@require_GET
def drug_search(request: HttpRequest) -> HttpResponse:
    """Antidepressants and augmenting agents matching ``q`` (or the name field's text)."""
    query = request.GET.get("q") or request.GET.get("name", "")
    matches = selectors.drug_list(user=request.user, query=query)
    return render(request, "intake/_drug_options.html", {"matches": matches, "query": query})
