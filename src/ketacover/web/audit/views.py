"""The audit log page and its CSV export, for workspace owners.

Views parse input, call one service or selector, and render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ketacover.web.accounts.selectors import workspace_for_owner
from ketacover.web.audit import exports, selectors
from ketacover.web.audit.forms import AuditFilterForm
from ketacover.web.downloads import disposition

PAGE_SIZE = 50


@login_required
@require_GET
def audit_log(request: HttpRequest, pk: int) -> HttpResponse:
    """A workspace's events newest first, filtered and paged."""
    workspace = workspace_for_owner(user=request.user, pk=pk)
    users = selectors.audit_users(user=request.user, workspace=workspace)
    form = AuditFilterForm(request.GET or None, users=users)
    events = selectors.audit_events(
        user=request.user, workspace=workspace, where=form.audit_filter()
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"workspace": workspace, "form": form, "page": page}
    return render(request, "audit/log.html", context)


@login_required
@require_GET
def audit_export(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    """The filtered log as CSV, streamed; the export itself is recorded. A filter that is not
    valid is refused (400, the problems as text) rather than exporting everything."""
    workspace = workspace_for_owner(user=request.user, pk=pk)
    users = selectors.audit_users(user=request.user, workspace=workspace)
    form = AuditFilterForm(request.GET or None, users=users)
    if form.is_bound and not form.is_valid():
        problems = [f"{name}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()]
        return HttpResponse(
            "The filter is not valid; nothing was exported.\n" + "\n".join(problems),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    where = form.audit_filter()
    events = selectors.audit_events(user=request.user, workspace=workspace, where=where)
    exports.audit_exported(user=request.user, workspace=workspace, where=where, request=request)
    response = StreamingHttpResponse(
        exports.csv_lines(events.iterator(chunk_size=1000)), content_type="text/csv; charset=utf-8"
    )
    name = f"audit-{workspace.pk}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = disposition(name)
    response["Cache-Control"] = "no-store"
    return response
