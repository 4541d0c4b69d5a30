"""A stored case: the whole case document as validated JSON, plus what lists and dashboards
need (stage, payer, patient name for search, next deadline), refreshed on every save.

The case document is the same data a case file holds (``ketacover.interop.casefile``), so the
database never drifts from the core model. ``version`` guards against lost updates.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from django.conf import settings
from django.db import models

from ketacover.core.stage import Stage
from ketacover.web.sealed import SealedBinaryField


class CaseRecord(models.Model):
    """One case in a workspace."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="cases"
    )
    case_id = models.CharField(max_length=64)
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    patient_name = models.CharField(max_length=200, db_index=True)
    payer = models.CharField(max_length=200, blank=True)
    stage = models.CharField(
        max_length=20, choices=[(s.value, s.label) for s in Stage], default=Stage.INTAKE.value
    )
    next_due = models.DateField(null=True, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["next_due", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "case_id"], name="case_id_per_workspace")
        ]
        indexes = [
            models.Index(fields=["workspace", "stage"]),
            # The dashboard's payer filter lists the distinct payers of a workspace.
            models.Index(fields=["workspace", "payer"], name="case_workspace_payer"),
        ]

    def __str__(self) -> str:
        return self.case_id


class DeadlineRecord(models.Model):
    """A deadline of a case as last computed, so dashboards query instead of recompute.

    ``workspace``, ``stage``, ``payer`` and ``assignee`` repeat the case's, so the dashboard reads
    its due list through the ``(workspace, due)`` index in date order and stops at the rows it
    shows, instead of collecting every deadline of every visible case and sorting them. They are
    written with the deadlines (``services._refresh``, on every save of the case document) and
    the assignee again when the case is assigned (``services.case_assign``).
    """

    case = models.ForeignKey(CaseRecord, on_delete=models.CASCADE, related_name="deadlines")
    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=20, default=Stage.INTAKE.value)
    payer = models.CharField(max_length=200, blank=True, default="")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(max_length=40)
    due = models.DateField(db_index=True)
    rule_id = models.CharField(max_length=80)
    explain = models.TextField()
    ref = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=300)
    hidden_until = models.DateField(null=True, blank=True)
    """The first day the work queue shows this deadline again: the day a snooze ends,
    :data:`DONE_UNTIL` when it was marked done, None when it was never set aside. Repeats the
    :class:`QueueMark` of the same item (written with the deadlines, ``services._refresh``, and
    with every mark, ``cases.marks``) so the dashboard filters on its own rows."""

    class Meta:
        ordering = ["due", "id"]
        # Ends in the id, so rows come in the dashboard's order (due, id) straight from the index.
        indexes = [models.Index(fields=["workspace", "due", "id"], name="deadline_workspace_due")]


DONE_UNTIL: Final = date(9999, 12, 31)
"""``hidden_until`` of an item marked done: it comes back only as a new item (another due date
or event)."""


class QueueMark(models.Model):
    """One item of the work queue set aside: marked done, or snoozed until a day.

    An item is a deadline of a case as the dashboard lists it, named by what stays the same
    while the case is saved again (deadline rows are written anew on every save): the case, the
    deadline's kind, its due date and the event it belongs to (``ref``). A done item therefore
    stays hidden until its due date or event changes (a new item); a snoozed one comes back on
    ``until``. Undoing deletes the mark; every change is audited (``cases.marks``)."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(CaseRecord, on_delete=models.CASCADE, related_name="queue_marks")
    kind = models.CharField(max_length=40)
    due = models.DateField()
    ref = models.CharField(max_length=64, blank=True)
    until = models.DateField(null=True, blank=True)
    """The day a snoozed item comes back; None for an item marked done."""
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "due", "ref"], name="queue_mark_item")
        ]
        indexes = [models.Index(fields=["workspace", "-at"], name="queue_mark_workspace_at")]

    def __str__(self) -> str:
        return f"queue mark {self.pk} of case {self.case_id}"

    @property
    def done(self) -> bool:
        """Marked done (not snoozed)."""
        return self.until is None

    @property
    def hides_until(self) -> date:
        """The deadline row's ``hidden_until`` for this mark."""
        return DONE_UNTIL if self.until is None else self.until


class DocumentRecord(models.Model):
    """A generated document kept with its case; each new generation is a new version."""

    case = models.ForeignKey(CaseRecord, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=40)
    fmt = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    content = SealedBinaryField()
    """The rendered bytes, encrypted at rest; ``content.decrypt()`` only where they are served."""
    sha256 = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "fmt", "version"], name="document_version"
            )
        ]

    @property
    def filename(self) -> str:
        """A download name without health data: case id, kind and version."""
        return f"{self.case.case_id}-{self.kind}-v{self.version}.{self.fmt}"


class WorkspaceStamp(models.Model):
    """A random token that changes whenever a case of the workspace is saved or deleted, in the
    same transaction (``cases.stamps``). The dashboard's cache key names the tokens of the
    user's workspaces, so a change to any case (its deadlines, stage, payer, assignee, patient
    name) makes the next dashboard read afresh. The workspace is a plain number, not a foreign
    key, so deleting a workspace never waits on its stamp."""

    workspace_id = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"workspace {self.workspace_id} at {self.token}"
