"""Workspace stamps: a new random token for a workspace whenever one of its cases is saved or
deleted, written in the transaction that changes the case.

Every change to what the dashboard shows goes with a save of the case record: the services
(``case_create``, ``case_save``, ``case_assign``) save it, and so does anything else that
writes cases through the model (an archive import). The stamp is written from the model's
``post_save`` and ``post_delete`` signals, so no writer has to remember it. Readers take the
token before they read the cases, so a token they see never stands for older data than what
they read next.
"""

from __future__ import annotations

import secrets

from django.db.models.signals import post_delete, post_save

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


def connect() -> None:
    """Stamp the workspace on every save and delete of a case (called once, at start-up)."""
    post_save.connect(_case_changed, sender=CaseRecord, dispatch_uid="cases.stamps.save")
    post_delete.connect(_case_changed, sender=CaseRecord, dispatch_uid="cases.stamps.delete")
