"""Setting work-queue items aside and bringing them back: done, snoozed for a few days, undone;
and the REMS monitoring forms of a case recorded as submitted in one go.

A mark names its item by case, deadline kind, due date and event (``QueueMark``), so it
survives the case's next save; the deadline rows repeat it (``hidden_until``) and the case's
"Next due" is worked out again, so the dashboard and the case list agree. Every change is one
audit event per item (object ``queue_item``, the mark's id, the case and the deadline kind:
never a date or a name), written in the transaction that makes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ketacover.core.errors import KetacoverError
from ketacover.core.model import Treatment
from ketacover.web.accounts.models import Actor, Workspace, user_id_of
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, QueueMark
from ketacover.web.cases.queue import next_due_of
from ketacover.web.cases.selectors import Scope
from ketacover.web.cases.services import PermissionDeniedError, case_of, case_save

SNOOZE_DAYS: Final = {1: "1 day", 3: "3 days", 7: "1 week"}
"""How long an item can be snoozed, in days, and what the button says."""

MOST_ITEMS: Final = 200
"""The most items one action may name (a bucket shows 50)."""


def _staff_only(scope: Scope) -> None:
    if not scope.works_in_clinic:
        raise PermissionDeniedError("only workspace staff can work the queue")


def _renumber(case_ids: Iterable[int], today: date) -> None:
    """Work out "Next due" again for ``case_ids`` from their deadline rows. Saved through the
    model (``update_fields``), so the workspace's stamp changes and the dashboard is read
    afresh; the case's version and last write stay as they are."""
    for record in CaseRecord.objects.filter(pk__in=set(case_ids)).only("pk", "workspace_id"):
        items = list(record.deadlines.values_list("due", "hidden_until"))
        record.next_due = next_due_of(items, today)
        record.save(update_fields=["next_due"])


def _audit(
    user: Actor, mark: QueueMark, *, set_to: str, request: HttpRequest | None, case_id: int
) -> None:
    audit_record(
        user=user,
        action=Action.UPDATE,
        object_type="queue_item",
        object_id=mark.pk,
        workspace=Workspace(pk=mark.workspace_id),
        request=request,
        detail={"case": case_id, "kind": mark.kind, "set": set_to},
    )


def queue_items_set_aside(
    *,
    user: Actor,
    scope: Scope,
    deadline_ids: list[int],
    snooze_days: int | None,
    today: date,
    request: HttpRequest | None = None,
) -> list[QueueMark]:
    """Mark the items of the deadline rows ``deadline_ids`` done (``snooze_days`` None) or
    snoozed for ``snooze_days`` days (one of :data:`SNOOZE_DAYS`). Only rows of the user's
    clinic workspaces; a row that is gone (the case was saved since the page was drawn) is an
    error naming ``item``, and nothing is marked."""
    _staff_only(scope)
    if snooze_days is not None and snooze_days not in SNOOZE_DAYS:
        raise KetacoverError("snooze: choose 1 day, 3 days or 1 week")
    wanted = set(deadline_ids)
    if not wanted or len(wanted) > MOST_ITEMS:
        raise KetacoverError(f"item: name between 1 and {MOST_ITEMS} items")
    rows = list(DeadlineRecord.objects.filter(pk__in=wanted, workspace_id__in=scope.workspaces))
    if len(rows) != len(wanted):
        raise KetacoverError("item: the case changed since the page was drawn; look again")
    until = None if snooze_days is None else today + timedelta(days=snooze_days)
    now = timezone.now()
    marks = []
    with transaction.atomic():
        for row in rows:
            mark, _ = QueueMark.objects.update_or_create(
                case_id=row.case_id,
                kind=row.kind,
                due=row.due,
                ref=row.ref,
                defaults={
                    "workspace_id": row.workspace_id,
                    "until": until,
                    "by_id": user_id_of(user),
                    "at": now,
                },
            )
            DeadlineRecord.objects.filter(
                case_id=row.case_id, kind=row.kind, due=row.due, ref=row.ref
            ).update(hidden_until=mark.hides_until)
            _audit(
                user,
                mark,
                set_to="done" if until is None else f"snoozed {snooze_days} days",
                request=request,
                case_id=row.case_id,
            )
            marks.append(mark)
        _renumber((row.case_id for row in rows), today)
    return marks


def queue_items_restore(
    *,
    user: Actor,
    scope: Scope,
    mark_ids: list[int],
    today: date,
    request: HttpRequest | None = None,
) -> int:
    """Bring the items of the marks ``mark_ids`` back into the queue (undo a done or a snooze):
    the marks are deleted and their deadline rows shown again. Marks outside the user's clinic
    workspaces, or already undone, are passed over; returns how many were brought back."""
    _staff_only(scope)
    wanted = set(mark_ids)
    if not wanted or len(wanted) > MOST_ITEMS:
        raise KetacoverError(f"mark: name between 1 and {MOST_ITEMS} items")
    with transaction.atomic():
        marks = list(
            QueueMark.objects.select_for_update().filter(
                pk__in=wanted, workspace_id__in=scope.workspaces
            )
        )
        for mark in marks:
            DeadlineRecord.objects.filter(
                case_id=mark.case_id, kind=mark.kind, due=mark.due, ref=mark.ref
            ).update(hidden_until=None)
            _audit(user, mark, set_to="back", request=request, case_id=mark.case_id)
        QueueMark.objects.filter(pk__in=[mark.pk for mark in marks]).delete()
        _renumber((mark.case_id for mark in marks), today)
    return len(marks)


def case_rems_forms_submitted(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    request: HttpRequest | None = None,
) -> int:
    """Record the REMS Patient Monitoring Form of every esketamine session of the case given by
    ``today`` and still without one as submitted ``today``: the same change as recording each
    form on the case page (``events.billing_services.session_rems_submitted``), in one save of
    the case with one audit event naming the sessions. Returns how many were recorded."""
    case = case_of(record)
    waiting = [
        index
        for index, session in enumerate(case.sessions)
        if session.treatment is Treatment.ESKETAMINE
        and session.rems_form_submitted is None
        and session.on <= today
    ]
    if not waiting:
        raise KetacoverError("sessions: no monitoring form of a session given is waiting")
    chosen = set(waiting)
    sessions = tuple(
        replace(session, rems_form_submitted=today) if index in chosen else session
        for index, session in enumerate(case.sessions)
    )
    case_save(
        user=user,
        record=record,
        case=replace(case, sessions=sessions),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "sessions", "indexes": waiting, "rems_form": True},
    )
    return len(waiting)
