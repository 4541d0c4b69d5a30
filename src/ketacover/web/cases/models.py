"""A stored case: the whole case document as validated JSON, plus what lists and dashboards
need (stage, payer, patient name for search, next deadline), refreshed on every save.

The case document is the same data a case file holds (``ketacover.interop.casefile``), so the
database never drifts from the core model. ``version`` guards against lost updates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ketacover.core.stage import Stage


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
        indexes = [models.Index(fields=["workspace", "stage"])]

    def __str__(self) -> str:
        return self.case_id


class DeadlineRecord(models.Model):
    """A deadline of a case as last computed, so dashboards query instead of recompute."""

    case = models.ForeignKey(CaseRecord, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=40)
    due = models.DateField(db_index=True)
    rule_id = models.CharField(max_length=80)
    explain = models.TextField()
    ref = models.CharField(max_length=64, blank=True)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["due", "id"]


class DocumentRecord(models.Model):
    """A generated document kept with its case; each new generation is a new version."""

    case = models.ForeignKey(CaseRecord, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=40)
    fmt = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    content = models.BinaryField()
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
