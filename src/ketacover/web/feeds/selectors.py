"""Reading calendar feeds, always as a given user (owners and staff of the workspace)."""

from __future__ import annotations

from django.db.models import QuerySet

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.accounts.selectors import MANAGERS, workspace_for
from ketacover.web.feeds.models import CalendarFeed


def feed_list(*, user: Actor, workspace: Workspace) -> QuerySet[CalendarFeed]:
    """The workspace's feeds, newest first, active and revoked."""
    workspace_for(user=user, pk=workspace.pk, roles=MANAGERS)
    return workspace.calendar_feeds.select_related("case", "created_by").all()
