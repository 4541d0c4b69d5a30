"""Views of the journey sections. Each parses one form, calls one service, and answers with the
section re-rendered in place (an htmx request) or a redirect to the case page (a plain post).

Nothing typed is lost: a form with errors comes back bound, on the section (htmx) or on a page of
its own (plain post); after a conflict it comes back with what the user typed, the version now
saved, and the section's list as the other person saved it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from ketacover.core.errors import InvalidCaseFileError, KetacoverError
from ketacover.web.cases import selectors
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import (
    ConflictError,
    PermissionDeniedError,
    case_of,
    case_viewed,
)
from ketacover.web.events import services
from ketacover.web.events.billing_services import abn_record, session_rems_submitted
from ketacover.web.events.case_page import section_of_journey, section_url, summary_html
from ketacover.web.events.denial_forms import DenialLetterForm
from ketacover.web.events.denial_letters import DenialLetterError
from ketacover.web.events.forms import CaseEventForm
from ketacover.web.events.peer_to_peer import denial_peer_to_peer
from ketacover.web.events.plan_criteria import plan_criterion_record
from ketacover.web.events.sections import (
    FORMS,
    CasePage,
    bound_form,
    section_context,
    template_of,
)
from ketacover.web.events.services import DenialProposal

Service = Callable[..., CaseRecord]


def _today() -> date:
    """Today where the clinic is (the web edge reads the clock; the core never does)."""
    return timezone.localdate()


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(request: HttpRequest, record: CaseRecord) -> CasePage:
    return CasePage(record=record, case=case_of(record), today=_today(), can_edit=True)


def _detail(record: CaseRecord, section: str) -> str:
    """The case page opened on the section of journey section ``section``, scrolled to it."""
    return section_url(record, section_of_journey(section)) + "#case-section"


def _section(
    request: HttpRequest,
    name: str,
    page: CasePage,
    *,
    status: int = 200,
    bound: CaseEventForm | None = None,
    conflict: int | None = None,
    proposal: DenialProposal | None = None,
    letter_form: forms.Form | None = None,
) -> HttpResponse:
    """The section alone for htmx (always 200, so htmx swaps it in), else on a page of its own."""
    context = section_context(
        name, page, bound=bound, conflict=conflict, proposal=proposal, letter_form=letter_form
    )
    if _htmx(request):
        return HttpResponse(render_to_string(template_of(name), context, request))
    context["section_template"] = template_of(name)
    context["back_section"] = section_of_journey(name)
    return render(request, "events/section_page.html", context, status=status)


def _forbidden(request: HttpRequest, record: CaseRecord) -> HttpResponseBase:
    message = "Only workspace staff can record events on a case."
    if _htmx(request):
        return HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
    messages.error(request, message)
    return redirect("cases:detail", pk=record.pk)


def _attach(form: forms.Form, path: str, message: str) -> None:
    """Show a service's ``field: message`` error on that field, else above the form."""
    name = path.split(".")[-1].split("[")[0].strip()
    if name in form.fields and name != "version":
        form.add_error(name, message)
    else:
        form.add_error(None, message)


def _saved(request: HttpRequest, record: CaseRecord, section: str, message: str) -> HttpResponse:
    """After a save: a plain post goes back to the same section of the case page (the message
    shown above it); htmx gets the section afresh with the message in it, and the summary on
    top (verdicts, stage, next step and deadline) swapped out of band. Every other section is
    read afresh when it is opened, so nothing on the page shows the case as it was."""
    if not _htmx(request):
        messages.success(request, message)
        return redirect(_detail(record, section))
    page = _page(request, record)
    context = section_context(section, page, saved=message)
    context["csrf_token"] = get_token(request)
    parts = [
        render_to_string(template_of(section), context),
        summary_html(page, oob=True),
    ]
    return HttpResponse("\n".join(parts))


def _record_event(
    request: HttpRequest, pk: int, form_name: str, service: Service
) -> HttpResponseBase:
    spec = FORMS[form_name]
    record = selectors.case_get(user=request.user, pk=pk)
    if not services.editable(user=request.user, record=record):
        return _forbidden(request, record)
    page = _page(request, record)
    form = bound_form(spec, page, request.POST)
    if not form.is_valid():
        return _section(request, spec.section, page, bound=form, status=400)
    try:
        saved = service(
            user=request.user,
            record=record,
            expected_version=form.cleaned_data["version"],
            today=page.today,
            request=request,
            **form.event_fields(),
        )
    except ConflictError as error:
        current = error.current
        case_viewed(user=request.user, record=current, request=request)
        data = request.POST.copy()
        data[f"{spec.name}-version"] = str(current.version)
        page = _page(request, current)
        kept = bound_form(spec, page, data)
        kept.is_valid()
        return _section(
            request, spec.section, page, bound=kept, conflict=current.version, status=409
        )
    except PermissionDeniedError:
        return _forbidden(request, record)
    except InvalidCaseFileError as error:
        for problem in error.problems:
            _attach(form, problem.path, problem.message)
        return _section(request, spec.section, page, bound=form, status=400)
    except KetacoverError as error:
        path, _, message = str(error).partition(": ")
        _attach(form, path, message or path)
        return _section(request, spec.section, page, bound=form, status=400)
    return _saved(request, saved, spec.section, spec.saved)


def _event_view(form_name: str, service: Service, doc: str) -> Callable[..., HttpResponseBase]:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponseBase:
        return _record_event(request, pk, form_name, service)

    view.__name__ = f"{form_name}_create"
    view.__doc__ = doc
    return view


call_create = _event_view("call", services.call_record, "Log a call and its answers.")
plan_criterion_create = _event_view(
    "plan_criterion", plan_criterion_record, "Record one of the plan's own criteria."
)
pa_create = _event_view("pa", services.prior_authorization_submit, "Record a PA request.")
decision_create = _event_view(
    "decision", services.prior_authorization_decide, "Record a PA decision."
)
denial_create = _event_view("denial", services.denial_record, "Record a denial notice.")
appeal_create = _event_view("appeal", services.appeal_file, "Record an appeal filed.")
appeal_decision_create = _event_view(
    "appeal_decision", services.appeal_decide, "Record an appeal's outcome."
)
session_create = _event_view("session", services.session_record, "Log a treatment session.")
rems_create = _event_view(
    "rems", session_rems_submitted, "Record a REMS monitoring form as submitted."
)
peer_to_peer_create = _event_view(
    "peer_to_peer", denial_peer_to_peer, "Record a peer-to-peer call on a denial."
)
claim_create = _event_view("claim", services.claim_record, "Record a claim.")
claim_update = _event_view("claim_update", services.claim_update, "Update a claim's amounts.")
abn_create = _event_view("abn", abn_record, "Record the ABN the patient signed.")


@login_required
@require_POST
def denial_letter(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Read an uploaded denial letter and show the proposed reason in the denial form to confirm;
    nothing is stored until the user saves that form."""
    record = selectors.case_get(user=request.user, pk=pk)
    if not services.editable(user=request.user, record=record):
        return _forbidden(request, record)
    page = _page(request, record)
    form = DenialLetterForm(request.POST, request.FILES, prefix="letter")
    if not form.is_valid():
        return _section(request, "denials", page, letter_form=form, status=400)
    try:
        proposal = services.denial_letter_read(
            user=request.user,
            record=record,
            content=form.cleaned_data["letter"].read(),
            today=page.today,
            request=request,
        )
    except DenialLetterError as error:
        form.add_error("letter", str(error).partition(": ")[2])
        return _section(request, "denials", page, letter_form=form, status=400)
    except PermissionDeniedError:
        return _forbidden(request, record)
    return _section(request, "denials", page, proposal=proposal)
