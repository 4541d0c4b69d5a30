"""Case pages. Views parse input, call one service or selector, and render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketacover.core.errors import InvalidCaseFileError, KetacoverError, MissingFactsError
from ketacover.core.stage import Stage
from ketacover.web.accounts.models import Membership, Role, user_id_of
from ketacover.web.cases import selectors, services
from ketacover.web.cases.forms import AssignForm, CaseImportForm, DocumentForm
from ketacover.web.cases.models import CaseRecord


def _today() -> date:
    """Today's date where the clinic is (the web edge may read the clock; the core never does)."""
    return timezone.localdate()


def _filters(request: HttpRequest) -> dict[str, str]:
    """The stage, payer and assignee filters of a list, as given (kept in the form)."""
    return {name: request.GET.get(name, "")[:200] for name in ("stage", "payer", "assignee")}


def _filter_context(request: HttpRequest, filters: dict[str, str]) -> dict[str, object]:
    return {
        **filters,
        **selectors.filter_choices(user=request.user),
        "stages": [(stage.value, stage.label) for stage in Stage],
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """What is due across the user's cases: overdue, today, this week; filtered by stage, payer
    and assignee."""
    today = _today()
    filters = _filters(request)
    due = selectors.deadlines_due(
        user=request.user,
        today=today,
        stage=filters["stage"],
        payer=filters["payer"],
        assignee=filters["assignee"],
    )
    context = {"due": due, "today": today, **_filter_context(request, filters)}
    return render(request, "ketacover/dashboard.html", context)


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases with search, stage, payer and assignee filters and paging; the table alone for
    HTMX requests."""
    page_number = request.GET.get("page", "1")
    filters = _filters(request)
    page = selectors.case_list(
        user=request.user,
        query=request.GET.get("q", "").strip()[:100],
        page=int(page_number) if page_number.isdigit() else 1,
        **filters,
    )
    context = {"page": page, "q": request.GET.get("q", ""), **_filter_context(request, filters)}
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
    return render(request, "ketacover/case_import.html", {"form": form, "problems": problems})


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page: assessment, deadlines, costs, timeline and documents."""
    from ketacover.core.costs import case_costs
    from ketacover.core.coverage import assess
    from ketacover.core.deadlines import case_deadlines

    record = selectors.case_get(user=request.user, pk=pk)
    case = services.case_of(record)
    services.case_viewed(user=request.user, record=record, request=request)
    today = _today()
    membership = selectors.membership_for(user=request.user, case=record)
    context = {
        "record": record,
        "case": case,
        "assessment": assess(case, today),
        "deadlines": sorted(case_deadlines(case, today), key=lambda d: d.due),
        "costs": case_costs(case),
        "documents": record.documents.only("id", "kind", "fmt", "title", "version", "created_at")[
            :50
        ],
        "document_form": DocumentForm(),
        "today": today,
        "can_edit": membership is not None and membership.role != Role.PATIENT,
        "assign_form": _assign_form(request, record),
    }
    return render(request, "ketacover/case_detail.html", context)


def _assign_form(request: HttpRequest, record: CaseRecord) -> AssignForm | None:
    """The assignee form for owners and staff; ``None`` for everyone else."""
    members = selectors.assignable_members(user=request.user, record=record)
    if not members:
        return None
    choices = [(m.user_id, m.user.get_username()) for m in members]
    return AssignForm(initial={"assignee": record.assignee_id or ""}, members=choices)


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
    return redirect("cases:detail", pk=pk)


@login_required
@require_POST
def document_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Generate a document; missing facts are listed instead of producing a letter with holes."""
    record = selectors.case_get(user=request.user, pk=pk)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a document kind and a format.")
        return redirect("cases:detail", pk=pk)
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
        return redirect("cases:detail", pk=pk)
    except KetacoverError as error:
        messages.error(request, str(error))
        return redirect("cases:detail", pk=pk)
    messages.success(request, f"{document.title} (version {document.version}) is ready.")
    return redirect("cases:detail", pk=pk)


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
    response = HttpResponse(bytes(document.content), content_type=_CONTENT_TYPES[document.fmt])
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response
