"""Changing people and access: signing up, inviting, accepting, changing roles, removing.

Each service checks who is acting, validates before it writes, writes in one transaction and
records an audit event. Messages name the field, never a person.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import (
    Actor,
    Invitation,
    Membership,
    Role,
    Workspace,
    user_id_of,
)
from ketacover.web.accounts.selectors import invitation_by_token, token_hash, workspace_for_owner
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord

INVITATION_LIFETIME: Final = timedelta(days=7)
"""How long an invitation link works."""
PERSONAL_WORKSPACE: Final = "Personal workspace"


class AccessError(KetacoverError):
    """A change to people or access that cannot be made; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class SentInvitation:
    """A stored invitation and the link that was e-mailed (its token exists nowhere else)."""

    invitation: Invitation
    link: str


def account_signup(
    *,
    username: str,
    email: str,
    password: str,
    invitation_token: str | None = None,
    request: HttpRequest | None = None,
    password_hashed: bool = False,
) -> User:
    """Create an account. With an invitation the user joins that workspace (under the invited
    address); otherwise a personal workspace is created with the user as its owner.
    ``password_hashed`` says ``password`` is already a hash (a confirmed sign-up request)."""
    invitation = invitation_by_token(invitation_token) if invitation_token else None
    if User.objects.filter(username__iexact=username).exists():
        raise AccessError("A user with that username already exists.", field="username")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            email=invitation.email if invitation is not None else email,
            password=None if password_hashed else password,
        )
        if password_hashed:
            User.objects.filter(pk=user.pk).update(password=password)
            user.password = password
        audit_record(
            user=user, action=Action.CREATE, object_type="user", object_id=user.pk, request=request
        )
        if invitation is not None:
            _join(user=user, invitation=invitation, request=request)
        else:
            workspace = Workspace.objects.create(
                name=PERSONAL_WORKSPACE, kind=Workspace.Kind.PERSONAL
            )
            membership = Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)
            audit_record(
                user=user,
                action=Action.CREATE,
                object_type="membership",
                object_id=membership.pk,
                workspace=workspace,
                request=request,
                detail={"role": Role.OWNER},
            )
    return user


def invitation_create(
    *,
    user: Actor,
    workspace: Workspace,
    email: str,
    role: str,
    case: CaseRecord | None,
    site: str,
    request: HttpRequest | None = None,
) -> SentInvitation:
    """Invite ``email`` into ``workspace`` as ``role`` and e-mail the one-time link.

    ``site`` is the address the link starts with (``https://ketacover.example.org``). A patient
    invitation needs the one case the patient will see, from this workspace.
    """
    workspace_for_owner(user=user, pk=workspace.pk)
    if role not in Role.values:
        raise AccessError("Choose a role.", field="role")
    if role == Role.PATIENT:
        if case is None:
            raise AccessError("Choose the case the patient will see.", field="case")
        if case.workspace_id != workspace.pk:
            raise AccessError("Choose a case of this workspace.", field="case")
    else:
        case = None
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            workspace=workspace,
            email=email.strip(),
            role=role,
            case=case,
            token_hash=token_hash(token),
            expires_at=timezone.now() + INVITATION_LIFETIME,
            created_by_id=user_id_of(user),
        )
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="invitation",
            object_id=invitation.pk,
            workspace=workspace,
            request=request,
            detail={"role": role, "case": case.pk if case is not None else None},
        )
    link = site.rstrip("/") + reverse("accounts:invitation", args=[token])
    send_mail(
        subject=f"You are invited to {workspace.name} on ketacover",
        message=_invitation_text(invitation, link),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return SentInvitation(invitation=invitation, link=link)


def _invitation_text(invitation: Invitation, link: str) -> str:
    expires = timezone.localtime(invitation.expires_at)
    return (
        f"You are invited to join {invitation.workspace.name} on ketacover as "
        f"{invitation.get_role_display().lower()}.\n\n"
        f"Accept the invitation here (log in or sign up with this e-mail address):\n{link}\n\n"
        f"The link works once and expires on {expires:%B} {expires.day}, "
        f"{expires:%Y at %H:%M %Z}.\n"
        "If you did not expect this e-mail, ignore it.\n"
    )


def invitation_accept(*, user: Actor, token: str, request: HttpRequest | None = None) -> Membership:
    """Join the workspace of the invitation behind ``token`` as the logged-in ``user``."""
    if not user.is_authenticated:
        raise AccessError("Log in or sign up first.")
    invitation = invitation_by_token(token)
    address = (getattr(user, "email", "") or "").strip().casefold()
    if address != invitation.email.strip().casefold():
        raise AccessError(
            "This invitation was sent to a different e-mail address. Log in with the account "
            "for that address, or ask for a new invitation."
        )
    with transaction.atomic():
        return _join(user=user, invitation=invitation, request=request)


def _join(*, user: Actor, invitation: Invitation, request: HttpRequest | None) -> Membership:
    """Add the membership and spend the invitation (inside the caller's transaction)."""
    if Membership.objects.filter(workspace=invitation.workspace, user_id=user_id_of(user)).exists():
        raise AccessError("You are already a member of this workspace.")
    spent = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )
    if spent == 0:
        raise AccessError("This invitation was already used.")
    membership = Membership.objects.create(
        workspace=invitation.workspace,
        user_id=user_id_of(user),
        role=invitation.role,
        case=invitation.case if invitation.role == Role.PATIENT else None,
    )
    audit_record(
        user=user,
        action=Action.CREATE,
        object_type="membership",
        object_id=membership.pk,
        workspace=invitation.workspace,
        request=request,
        detail={"role": invitation.role, "invitation": invitation.pk},
    )
    return membership


def invitation_revoke(
    *, user: Actor, workspace: Workspace, pk: int, request: HttpRequest | None = None
) -> None:
    """Withdraw an open invitation: its link stops working."""
    workspace_for_owner(user=user, pk=workspace.pk)
    with transaction.atomic():
        deleted, _ = workspace.invitations.filter(pk=pk, accepted_at__isnull=True).delete()
        if deleted == 0:
            raise AccessError("That invitation is no longer open.")
        audit_record(
            user=user,
            action=Action.DELETE,
            object_type="invitation",
            object_id=pk,
            workspace=workspace,
            request=request,
        )


def _member(workspace: Workspace, pk: int) -> Membership:
    membership = workspace.memberships.filter(pk=pk).first()
    if membership is None:
        raise AccessError("That person is not a member of this workspace.")
    return membership


def _keeps_an_owner(workspace: Workspace, leaving: Membership) -> bool:
    return workspace.memberships.filter(role=Role.OWNER).exclude(pk=leaving.pk).exists()


def membership_change_role(
    *,
    user: Actor,
    workspace: Workspace,
    pk: int,
    role: str,
    request: HttpRequest | None = None,
) -> Membership:
    """Give a member another role (owner, staff or prescriber); a workspace keeps one owner.

    A patient's role is not changed here: a patient is tied to one case, so they are removed and
    invited again instead.
    """
    workspace_for_owner(user=user, pk=workspace.pk)
    if role not in {Role.OWNER, Role.STAFF, Role.PRESCRIBER}:
        raise AccessError("Choose owner, staff or prescriber.", field="role")
    with transaction.atomic():
        membership = _member(workspace, pk)
        if membership.role == Role.PATIENT:
            raise AccessError("A patient's role cannot be changed; remove them and invite again.")
        demoted = membership.role == Role.OWNER and role != Role.OWNER
        if demoted and not _keeps_an_owner(workspace, membership):
            raise AccessError("A workspace needs an owner; make someone else owner first.")
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            user=user,
            action=Action.UPDATE,
            object_type="membership",
            object_id=membership.pk,
            workspace=workspace,
            request=request,
            detail={"role": role},
        )
    return membership


def membership_remove(
    *, user: Actor, workspace: Workspace, pk: int, request: HttpRequest | None = None
) -> None:
    """Take a member out of the workspace; a workspace keeps one owner."""
    workspace_for_owner(user=user, pk=workspace.pk)
    with transaction.atomic():
        membership = _member(workspace, pk)
        if membership.role == Role.OWNER and not _keeps_an_owner(workspace, membership):
            raise AccessError("A workspace needs an owner; make someone else owner first.")
        membership.delete()
        audit_record(
            user=user,
            action=Action.DELETE,
            object_type="membership",
            object_id=pk,
            workspace=workspace,
            request=request,
        )
