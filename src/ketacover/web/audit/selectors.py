"""Reading the audit trail: a workspace's events, for its owners only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.accounts.selectors import workspace_for_owner
from ketacover.web.audit.models import Action, AuditEvent

ACCOUNT_ACTIONS = (Action.LOGIN, Action.LOGOUT)
"""Logins and logouts belong to no workspace; owners see those of their members."""


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What to show: one action, one user, and a range of days (inclusive, local time)."""

    action: str = ""
    user_id: int | None = None
    start: date | None = None
    end: date | None = None

    def as_detail(self) -> dict[str, str | int | None]:
        """The filter as ids and dates, for the audit record of an export."""
        return {
            "action": self.action or None,
            "user": self.user_id,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.get_current_timezone())


def audit_events(
    *, user: Actor, workspace: Workspace, where: AuditFilter | None = None
) -> QuerySet[AuditEvent]:
    """The events of ``workspace`` newest first (owners only: 404 for non-members, 403 for
    other roles), with the logins and logouts of its members."""
    workspace_for_owner(user=user, pk=workspace.pk)
    where = where or AuditFilter()
    members = workspace.memberships.values("user_id")
    events = AuditEvent.objects.filter(
        Q(workspace=workspace)
        | Q(workspace__isnull=True, user_id__in=members, action__in=ACCOUNT_ACTIONS)
    )
    if where.action:
        events = events.filter(action=where.action)
    if where.user_id is not None:
        events = events.filter(user_id=where.user_id)
    if where.start is not None:
        events = events.filter(at__gte=_midnight(where.start))
    if where.end is not None and where.end < date.max:
        events = events.filter(at__lt=_midnight(where.end + timedelta(days=1)))
    return events.select_related("user").order_by("-at", "-id")


def audit_users(*, user: Actor, workspace: Workspace) -> QuerySet[User]:
    """The people an owner can filter the log by: the workspace's members."""
    workspace_for_owner(user=user, pk=workspace.pk)
    return User.objects.filter(memberships__workspace=workspace).order_by("username")
