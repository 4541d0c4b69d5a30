"""Workspace stamps: a new random token for a workspace whenever one of its cases is saved or
deleted, written in the transaction that changes the case.

Every change to what the dashboard shows goes with a save of the case record: the services
(``case_create``, ``case_save``, ``case_assign``) save it, and so does anything else that
writes cases through the model (an archive import). The stamp is written from the model's
``post_save`` and ``post_delete`` signals, so no writer has to remember it. Readers take the
token before they read the cases, so a token they see never stands for older data than what
they read next.

The workspace's people are stamped the same way: a membership saved or deleted stamps its
workspace, and a user's new username stamps every workspace they belong to, so what is cached
under the stamps (the staff a case can be assigned to, ``selectors._staff_of``) is never older
than the stamp says.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db.models.signals import post_delete, post_save

from ketacover.web.accounts.models import Membership
from ketacover.web.cases.models import CaseRecord, WorkspaceStamp


def workspace_touch(*, workspace_id: int) -> None:
    """Give ``workspace_id`` a new token (inserted the first time, replaced after; one
    statement, safe under concurrent writers)."""
    WorkspaceStamp.objects.bulk_create(
        [WorkspaceStamp(workspace_id=workspace_id, token=secrets.token_hex(16))],
        update_conflicts=True,
        unique_fields=["workspace_id"],
        update_fields=["token"],
    )


def _case_changed(sender: type[CaseRecord], instance: CaseRecord, **kwargs: object) -> None:
    # Also for fixtures loaded as they are (``raw``): the stamp is a table of its own.
    workspace_touch(workspace_id=instance.workspace_id)


def _membership_changed(sender: type[Membership], instance: Membership, **kwargs: object) -> None:
    workspace_touch(workspace_id=instance.workspace_id)


def _user_saved(
    sender: type[User],
    instance: User,
    update_fields: frozenset[str] | None = None,
    **kwargs: object,
) -> None:
    # A login saves ``last_login`` alone: nothing the workspaces show changed.
    if update_fields is not None and "username" not in update_fields:
        return
    for workspace_id in Membership.objects.filter(user_id=instance.pk).values_list(
        "workspace_id", flat=True
    ):
        workspace_touch(workspace_id=workspace_id)


def connect() -> None:
    """Stamp the workspace on every save and delete of a case or a membership, and every
    workspace of a user whose record is saved (called once, at start-up)."""
    post_save.connect(_case_changed, sender=CaseRecord, dispatch_uid="cases.stamps.save")
    post_delete.connect(_case_changed, sender=CaseRecord, dispatch_uid="cases.stamps.delete")
    post_save.connect(
        _membership_changed, sender=Membership, dispatch_uid="cases.stamps.membership_save"
    )
    post_delete.connect(
        _membership_changed, sender=Membership, dispatch_uid="cases.stamps.membership_delete"
    )
    post_save.connect(_user_saved, sender=User, dispatch_uid="cases.stamps.user_save")
