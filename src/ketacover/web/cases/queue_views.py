"""The work queue's actions: mark items done or snoozed, undo, the "Done and snoozed" list, and
the REMS monitoring forms of a case recorded in one go. Views parse input, call one service and
redirect back to the dashboard with the filters it had."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ketacover.core.errors import KetacoverError
from ketacover.web.cases import marks, queue, selectors
from ketacover.web.cases.list_audit import list_viewed
from ketacover.web.cases.services import ConflictError
from ketacover.web.converters import is_id

UNDO: Final = "queue_undo"
"""The session key of the last marks a user made, offered as "Undo" on the next dashboard."""

_FILTERS: Final = ("stage", "payer", "assignee")


def _today() -> date:
    """Today's date where the clinic is (the web edge may read the clock; the core never does)."""
    return timezone.localdate()


def _back(request: HttpRequest) -> HttpResponseRedirect:
    """Back where the form was: the "Done and snoozed" list, or the dashboard with its
    filters."""
    if request.POST.get("back") == "marked":
        return HttpResponseRedirect(reverse("cases:queue_marked"))
    kept = {name: request.POST.get(name, "")[:200] for name in _FILTERS}
    query = urlencode({name: value for name, value in kept.items() if value})
    return HttpResponseRedirect(reverse("dashboard") + (f"?{query}" if query else ""))


def _ids(text: str) -> list[int]:
    """Comma-separated ids as numbers (at most ``marks.MOST_ITEMS``); anything else is an error
    naming the item."""
    parts = text.split(",", marks.MOST_ITEMS)
    if len(parts) > marks.MOST_ITEMS or not all(is_id(part) for part in parts):
        raise KetacoverError("item: not a list of items")
    return [int(part) for part in parts]


def _staff_scope(request: HttpRequest) -> selectors.Scope:
    scope = selectors.scope_of(request.user)
    if not scope.works_in_clinic:
        raise PermissionDenied("The work queue is for the clinic's staff.")
    return scope


def _set_aside(request: HttpRequest, scope: selectors.Scope, today: date) -> None:
    if "done" in request.POST:
        ids, days = _ids(request.POST["done"]), None
    else:
        given, _, listed = request.POST.get("snooze", "").partition(":")
        if not given.isdigit():
            raise KetacoverError("snooze: choose 1 day, 3 days or 1 week")
        ids, days = _ids(listed), int(given)
    made = marks.queue_items_set_aside(
        user=request.user,
        scope=scope,
        deadline_ids=ids,
        snooze_days=days,
        today=today,
        request=request,
    )
    items = f"{len(made)} items" if len(made) > 1 else "1 item"
    if days is None:
        text = f"Marked {items} done."
    else:
        back = today + timedelta(days=days)
        text = f"Snoozed {items} until {back:%b} {back.day}."
    request.session[UNDO] = {"text": text, "marks": [mark.pk for mark in made]}


def _rems(request: HttpRequest, today: date) -> None:
    given, _, version = request.POST["rems"].partition(":")
    if not is_id(given) or not is_id(version):
        raise KetacoverError("rems: not a case")
    record = selectors.case_get(user=request.user, pk=int(given))
    count = marks.case_rems_forms_submitted(
        user=request.user,
        record=record,
        expected_version=int(version),
        today=today,
        request=request,
    )
    forms = f"{count} REMS monitoring forms" if count > 1 else "1 REMS monitoring form"
    messages.success(request, f"{forms} of case {record.case_id} recorded as submitted today.")


@login_required
@require_POST
def queue_act(request: HttpRequest) -> HttpResponseRedirect:
    """One button of the queue: Done, a Snooze, or "Record all as submitted" for the REMS
    forms of a case."""
    scope = _staff_scope(request)
    today = _today()
    try:
        if "rems" in request.POST:
            _rems(request, today)
        else:
            _set_aside(request, scope, today)
    except ConflictError:
        messages.error(request, "The case changed since the page was drawn; look again.")
    except KetacoverError as error:
        messages.error(request, str(error).partition(": ")[2] or str(error))
    return _back(request)


@login_required
@require_POST
def queue_undo(request: HttpRequest) -> HttpResponseRedirect:
    """Bring items back into the queue: "Undo" right after marking them, or "Bring back" in
    the "Done and snoozed" list."""
    scope = _staff_scope(request)
    try:
        ids = [int(value) for value in request.POST.getlist("mark") if is_id(value)]
        count = marks.queue_items_restore(
            user=request.user, scope=scope, mark_ids=ids, today=_today(), request=request
        )
    except KetacoverError as error:
        messages.error(request, str(error).partition(": ")[2] or str(error))
    else:
        request.session.pop(UNDO, None)
        items = f"{count} items" if count != 1 else "1 item"
        messages.success(request, f"Brought {items} back into the queue.")
    return _back(request)


@login_required
@require_GET
def queue_marked(request: HttpRequest) -> HttpResponse:
    """The items set aside now (done, or snoozed past today), to bring any of them back."""
    scope = _staff_scope(request)
    today = _today()
    number = request.GET.get("page", "1")
    page = queue.marks_list(scope=scope, today=today, page=int(number) if is_id(number) else 1)
    list_viewed(
        user=request.user,
        scope=scope,
        name="queue_set_aside",
        rows=len(page.object_list),
        request=request,
        filters={},
        searched=False,
        page=page.number,
        shown=[mark.case for mark in page.object_list],
    )
    rows = [
        {
            "mark": mark,
            "label": queue.kind_label(mark.kind, "Deadline"),
        }
        for mark in page.object_list
    ]
    return render(
        request, "ketacover/queue_marked.html", {"page": page, "rows": rows, "today": today}
    )
