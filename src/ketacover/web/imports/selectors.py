"""Reading what an import works on, always as the acting user: the workspaces they may import
into, and that workspace's cases (never another workspace's)."""

from __future__ import annotations

from django.db.models import QuerySet

from ketacover.web.accounts.models import Actor, Membership, Role, Workspace, user_id_of
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import visible_cases


def import_memberships(*, user: Actor) -> QuerySet[Membership]:
    """The user's memberships that may change cases (every role but patient)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user_id=user_id_of(user))
        .exclude(role=Role.PATIENT)
        .select_related("workspace")
        .order_by("workspace__name", "pk")
    )


def workspace_records(*, user: Actor, workspace: Workspace) -> QuerySet[CaseRecord]:
    """The cases of ``workspace`` that ``user`` may see (none if they are not staff there)."""
    if not import_memberships(user=user).filter(workspace=workspace).exists():
        return CaseRecord.objects.none()
    return visible_cases(user).filter(workspace=workspace).order_by("pk")
