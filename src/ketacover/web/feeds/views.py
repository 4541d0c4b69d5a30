"""Calendar feed pages: the list where owners and staff make and revoke feeds, and the feed
itself, which calendar programs fetch without logging in (the secret address is the key).

Views parse input, call one service or selector, and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.selectors import MANAGERS, workspace_for
from ketacover.web.feeds import selectors, services
from ketacover.web.feeds.forms import FeedForm


@login_required
@require_http_methods(["GET", "POST"])
def feed_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The workspace's calendar feeds; a new feed's address is shown once, here."""
    workspace = workspace_for(user=request.user, pk=pk, roles=MANAGERS)
    form = FeedForm(request.POST or None, workspace=workspace)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.feed_create(
                user=request.user,
                workspace=workspace,
                case=form.cleaned_data["case"],
                site=request.build_absolute_uri("/"),
                request=request,
            )
        except KetacoverError as error:
            form.add_error("case", str(error))
        else:
            form = FeedForm(workspace=workspace)
    context = {
        "workspace": workspace,
        "feeds": selectors.feed_list(user=request.user, workspace=workspace),
        "form": form,
        "created": created,
    }
    response = render(request, "feeds/list.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def feed_revoke(request: HttpRequest, pk: int, feed_pk: int) -> HttpResponseBase:
    """Revoke a feed: its address stops working at once."""
    workspace = workspace_for(user=request.user, pk=pk, roles=MANAGERS)
    services.feed_revoke(user=request.user, workspace=workspace, pk=feed_pk, request=request)
    messages.success(request, "The feed is revoked; its address no longer works.")
    return redirect("feeds:list", pk=pk)


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar file of a feed (404 once revoked); each fetch is recorded."""
    calendar = services.feed_calendar(
        token=token, today=timezone.localdate(), stamp=timezone.now(), request=request
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ketacover.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
