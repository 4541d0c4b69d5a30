"""Reading workspaces, members and invitations, always as a given user.

A workspace the user does not belong to is a 404 (never saying it exists); one where their role
may not do the thing asked is a 403.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from ketacover.web.accounts.models import (
    Actor,
    Invitation,
    Membership,
    RecoveryCode,
    Role,
    TwoFactor,
    Workspace,
    user_id_of,
)

MANAGERS = frozenset({Role.OWNER, Role.STAFF})
"""Roles that look after a workspace's calendar feeds."""


def token_hash(token: str) -> str:
    """How a secret link token is stored: its SHA-256 hash, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def membership_list(*, user: Actor) -> QuerySet[Membership]:
    """The user's memberships, with their workspaces, by workspace name."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user_id=user_id_of(user))
        .select_related("workspace")
        .order_by("workspace__name", "workspace_id")
    )


def workspace_for(*, user: Actor, pk: int, roles: frozenset[str]) -> Workspace:
    """Workspace ``pk`` if ``user`` is a member with one of ``roles``: 404 for non-members,
    403 for members in another role."""
    membership = membership_list(user=user).filter(workspace_id=pk).first()
    if membership is None:
        raise Http404("No such workspace.")
    if membership.role not in roles:
        raise PermissionDenied("Your role in this workspace does not allow this page.")
    return membership.workspace


def workspace_for_owner(*, user: Actor, pk: int) -> Workspace:
    """Workspace ``pk`` if ``user`` owns it (404 for non-members, 403 for other roles)."""
    return workspace_for(user=user, pk=pk, roles=frozenset({Role.OWNER}))


def member_list(*, user: Actor, workspace: Workspace) -> QuerySet[Membership]:
    """The members of a workspace ``user`` owns, by role then login name, each marked with
    ``two_factor_on``."""
    workspace_for_owner(user=user, pk=workspace.pk)
    return (
        workspace.memberships.select_related("user", "case")
        .annotate(two_factor_on=Exists(_confirmed(OuterRef("user_id"))))
        .order_by("role", "user__username")
        .all()
    )


def invitation_pending_list(*, user: Actor, workspace: Workspace) -> QuerySet[Invitation]:
    """Invitations of a workspace ``user`` owns that are neither accepted nor expired."""
    workspace_for_owner(user=user, pk=workspace.pk)
    return workspace.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("case")


def invitation_by_token(token: str) -> Invitation:
    """The open invitation behind a link's token; 404 when unknown, used or expired."""
    invitation = (
        Invitation.objects.select_related("workspace", "case")
        .filter(token_hash=token_hash(token), accepted_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        raise Http404("This invitation link is not valid: it was used, revoked or has expired.")
    return invitation


def _confirmed(user_id: int | OuterRef) -> QuerySet[TwoFactor]:
    # An OuterRef is a valid lookup value; the stubs know only plain ones.
    return TwoFactor.objects.filter(user_id=user_id, confirmed_at__isnull=False)  # type: ignore[misc]


def two_factor_on(*, user: Actor) -> bool:
    """Whether ``user`` has two-factor login switched on."""
    return user.is_authenticated and _confirmed(user.pk).exists()


def _table(model: type[Model]) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def two_factor_missing(*, user: Actor) -> bool:
    """Whether ``user`` works (as owner, staff or prescriber) in a workspace that requires
    two-factor login and has not switched it on. Patients are never required to.

    Asked before every page (``two_factor_gate``), so written as one SQL statement with
    parameters: the ORM spent longer building it than the database answering it
    (bench/README.md)."""
    if not user.is_authenticated:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {_table(Membership)} m "
            f"JOIN {_table(Workspace)} w ON w.id = m.workspace_id "
            "WHERE m.user_id = %s AND w.require_two_factor AND m.role <> %s "
            f"AND NOT EXISTS (SELECT 1 FROM {_table(TwoFactor)} t "
            "WHERE t.user_id = m.user_id AND t.confirmed_at IS NOT NULL) LIMIT 1",
            [user_id_of(user), Role.PATIENT.value],
        )
        return cursor.fetchone() is not None


def recovery_codes_left(*, user: Actor) -> int:
    """How many of ``user``'s recovery codes are still unused."""
    if not user.is_authenticated:
        return 0
    return RecoveryCode.objects.filter(user_id=user.pk, used_at__isnull=True).count()


def workspaces_requiring_two_factor(*, user: Actor) -> QuerySet[Workspace]:
    """The workspaces where ``user`` works that require two-factor login, by name."""
    if not user.is_authenticated:
        return Workspace.objects.none()
    working = Membership.objects.filter(user_id=user.pk).exclude(role=Role.PATIENT)
    return Workspace.objects.filter(
        require_two_factor=True, pk__in=working.values("workspace_id")
    ).order_by("name", "pk")
