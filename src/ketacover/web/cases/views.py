"""Case pages. Views parse input, call one service or selector, and render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketacover.core.errors import InvalidCaseFileError, KetacoverError, MissingFactsError
from ketacover.core.stage import Stage
from ketacover.web.accounts.models import Membership, Role, user_id_of
from ketacover.web.cases import selectors, services
from ketacover.web.cases.aging import claims_aging
from ketacover.web.cases.due_list import due_board
from ketacover.web.cases.forms import AssignForm, CaseImportForm, DocumentForm
from ketacover.web.cases.list_audit import list_viewed
from ketacover.web.cases.queue_views import UNDO
from ketacover.web.downloads import disposition
from ketacover.web.events import case_page
from ketacover.web.events.sections import CasePage
from ketacover.web.patients.selectors import lands_as_patient


def _today() -> date:
    """Today's date where the clinic is (the web edge may read the clock; the core never does)."""
    return timezone.localdate()


def _typed(request: HttpRequest, name: str, limit: int) -> str:
    """A search or filter value as typed, without NUL characters (no text holds one, and
    PostgreSQL refuses them in a query), at most ``limit`` characters."""
    return request.GET.get(name, "").replace("\x00", "")[:limit]


def _filters(request: HttpRequest) -> dict[str, str]:
    """The stage, payer and assignee filters of a list, as given (kept in the form)."""
    return {name: _typed(request, name, 200) for name in ("stage", "payer", "assignee")}


STAGES = [(stage.value, stage.label) for stage in Stage]
"""The stage filter's choices."""


def _filter_context(request: HttpRequest, filters: dict[str, str]) -> dict[str, object]:
    return {**filters, **selectors.filter_choices(user=request.user), "stages": STAGES}


def _scope(request: HttpRequest) -> selectors.Scope:
    """The user's scope, read once; the navigation's ``works_in_clinic`` flag is taken from it
    (the same rule: a membership other than patient) instead of asking the database again."""
    scope = selectors.scope_of(request.user)
    vars(request)["_ketacover_works_in_clinic"] = scope.works_in_clinic
    return scope


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponseBase:
    """The work queue: what is due across the cases of the user's clinic workspaces, one block
    per case, in buckets (overdue, today, this week, the next 30 days, later), filtered by
    stage, payer and assignee. The list is read again only after one of the user's cases or
    queue items changed (:func:`ketacover.web.cases.due_list.due_board`). A patient (who works
    in no clinic, or owns only the personal workspace the navigator made) is sent to their own
    page instead."""
    filters = _filters(request)
    scope = _scope(request)
    if lands_as_patient(request.user, scope.roles.values(), scope.works_in_clinic):
        return redirect("patients:home")
    today = _today()
    board = due_board(user=request.user, scope=scope, today=today, **filters)
    list_viewed(
        user=request.user,
        scope=scope,
        name="dashboard",
        rows=board.rows,
        request=request,
        filters=filters,
        searched=False,
    )
    context = {
        **filters,
        "buckets": board.buckets,
        "today": today,
        "payers": board.payers,
        "assignees": selectors.assignee_choices(scope=scope),
        "stages": STAGES,
        "undo": request.session.pop(UNDO, None),
        "aging": claims_aging(scope=scope, today=today),
    }
    return render(request, "ketacover/dashboard.html", context)


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponseBase:
    """Cases with search, stage, payer and assignee filters and paging; the table alone for
    HTMX requests. A patient has no list: they are sent to their own page."""
    scope = _scope(request)
    if lands_as_patient(request.user, scope.roles.values(), scope.works_in_clinic):
        return redirect("patients:home")
    page_number = request.GET.get("page", "1")
    filters = _filters(request)
    query = _typed(request, "q", 200).strip()[:100]
    page = selectors.case_list(
        user=request.user,
        query=query,
        page=int(page_number) if page_number.isdigit() else 1,
        **filters,
    )
    list_viewed(
        user=request.user,
        scope=scope,
        name="cases",
        rows=len(page.object_list),
        request=request,
        filters=filters,
        searched=bool(query),
        page=page.number,
        shown=page.object_list,
    )
    context = {
        "page": page,
        "q": request.GET.get("q", ""),
        "today": _today(),
        **_filter_context(request, filters),
    }
    partial = request.headers.get("HX-Request") == "true"
    template = "ketacover/_case_table.html" if partial else "ketacover/case_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def case_import(request: HttpRequest) -> HttpResponse:
    """Add a case from a case file; every problem is shown with its path and line."""
    workspaces = Membership.objects.filter(user_id=user_id_of(request.user)).exclude(
        role=Role.PATIENT
    )
    form = CaseImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        membership = workspaces.select_related("workspace").first()
        if membership is None:
            messages.error(request, "Only workspace staff can add cases.")
            return redirect("cases:list")
        try:
            record = services.case_import(
                user=request.user,
                workspace=membership.workspace,
                text=form.cleaned_data["source"],
                fmt=form.cleaned_data["fmt"],
                today=_today(),
                request=request,
            )
        except InvalidCaseFileError as error:
            problems = error.problems
        except KetacoverError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Case {record.case_id} added.")
            return redirect("cases:detail", pk=record.pk)
    # A post that comes back to the form was refused: its problems are the answer (400).
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems}
    return render(request, "ketacover/case_import.html", context, status=status)


def _case_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The case page opened on section ``slug``: the summary, the menu and that section alone
    (an htmx request gets the section, with the summary and the menu swapped out of band).
    The viewing is audited before anything is drawn; nothing is drawn ahead or kept."""
    section = case_page.section_named(slug)
    scope = _scope(request)
    record = selectors.case_page_get(user=request.user, pk=pk, scope=scope)
    role = scope.roles.get(record.workspace_id)
    if role == Role.PATIENT:
        # A patient's page of their case is their own (web/patients), never the clinic's.
        return redirect("patients:case", pk=pk)
    services.case_viewed(user=request.user, record=record, request=request)
    can_edit = role is not None and role != Role.PATIENT
    today = _today()
    case = services.case_of(record)
    page = CasePage(record=record, case=case, today=today, can_edit=can_edit, query=request.GET)
    context: dict[str, object] = {
        "record": record,
        "menu": case_page.menu_links(record.pk),
        "active": section.slug,
        "active_title": section.title,
        "notices": list(messages.get_messages(request)),
        "section": case_page.section_html(request, section, page),
    }
    if request.headers.get("HX-Request") == "true":
        summary = case_page.summary_html(page, oob=True)
        # Drawn without the request: the fragments need none of the page frame's context.
        menu = render_to_string("ketacover/_case_menu.html", {**context, "oob": True})
        body = render_to_string("ketacover/_case_section.html", context)
        return HttpResponse(body + summary + menu)
    assign_form = None
    if role in {Role.OWNER, Role.STAFF}:
        members = selectors.workspace_staff(workspace_id=record.workspace_id, scope=scope)
        assign_form = AssignForm(initial={"assignee": record.assignee_id or ""}, members=members)
    context.update(
        summary=case_page.summary_html(page),
        assign_form=assign_form,
        assignee_name=getattr(record, "assignee_name", None),
    )
    return render(request, "ketacover/case_detail.html", context)


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page, opened on its first section (the ways to pay)."""
    return _case_page(request, pk, case_page.FIRST.slug)


@login_required
@require_GET
def case_section(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One section of the case page at its own URL: the whole page opened on it, or (htmx) the
    section alone."""
    return _case_page(request, pk, name)


def _back(pk: int, slug: str) -> str:
    """The URL of a section of the case page, scrolled to it."""
    return reverse("cases:section", args=[pk, slug]) + "#case-section"


@login_required
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Set who the case is assigned to (owners and staff)."""
    record = selectors.case_get(user=request.user, pk=pk)
    members = selectors.assignable_members(user=request.user, record=record)
    form = AssignForm(request.POST, members=[(m.user_id, m.user.get_username()) for m in members])
    if not members:
        messages.error(request, "Only owners and staff can assign cases.")
    elif not form.is_valid():
        messages.error(request, "Choose a member of this workspace.")
    else:
        try:
            services.case_assign(
                user=request.user,
                record=record,
                assignee_id=form.cleaned_data["assignee"],
                request=request,
            )
        except KetacoverError as error:
            messages.error(request, str(error).partition(": ")[2] or str(error))
        else:
            messages.success(request, "Assignee saved.")
    slug = request.POST.get("section", "")
    return redirect(_back(pk, slug if slug in case_page.BY_SLUG else case_page.FIRST.slug))


@login_required
@require_POST
def document_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Generate a document; missing facts are listed instead of producing a letter with holes."""
    from ketacover.core.letters.denial_choice import choices
    from ketacover.web.cases.services import case_of

    record = selectors.case_get(user=request.user, pk=pk)
    form = DocumentForm(request.POST, denials=choices(case_of(record)))
    if not form.is_valid():
        messages.error(request, "Choose a document kind and a format.")
        return redirect(_back(pk, "documents"))
    try:
        document = services.document_generate(
            user=request.user,
            record=record,
            kind=form.cleaned_data["kind"],
            fmt=form.cleaned_data["fmt"],
            today=_today(),
            denial_id=form.cleaned_data["denial_id"] or None,
            variant=form.cleaned_data["variant"] or None,
            request=request,
        )
    except MissingFactsError as error:
        messages.error(request, "The case is missing: " + "; ".join(error.missing))
        return redirect(_back(pk, "documents"))
    except KetacoverError as error:
        messages.error(request, str(error))
        return redirect(_back(pk, "documents"))
    messages.success(request, f"{document.title} (version {document.version}) is ready.")
    return redirect(_back(pk, "documents"))


@login_required
@require_POST
def abn_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Fill the Advance Beneficiary Notice (form CMS-R-131) for an Original Medicare patient's
    ketamine treatment; missing facts are listed instead of a notice with holes."""
    record = selectors.case_get(user=request.user, pk=pk)
    try:
        document = services.abn_generate(user=request.user, record=record, request=request)
    except MissingFactsError as error:
        messages.error(request, "The case is missing: " + "; ".join(error.missing))
    except KetacoverError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{document.title} (version {document.version}) is ready.")
    return redirect(_back(pk, "documents"))


_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Download a stored document (access checked, download audited)."""
    document = selectors.document_get(user=request.user, case_pk=pk, pk=document_pk)
    services.document_downloaded(user=request.user, document=document, request=request)
    response = HttpResponse(document.content.decrypt(), content_type=_CONTENT_TYPES[document.fmt])
    response["Content-Disposition"] = disposition(document.filename)
    response["Cache-Control"] = "no-store"
    return response
