"""One audit event: who did what to which object, when and from where.

Events name objects by id and never copy health data into the trail. The application only ever
inserts them (see :mod:`ketacover.web.audit.services`); updates and deletes are refused.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    """What was done."""

    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    DOWNLOAD = "download", "Downloaded"
    EXPORT = "export", "Exported"
    LOGIN = "login", "Logged in"
    LOGOUT = "logout", "Logged out"
    LOGIN_FAILED = "login_failed", "Failed login"


class AuditEvent(models.Model):
    """An append-only record of one action."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    workspace = models.ForeignKey(
        "accounts.Workspace", null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["workspace", "-at"])]

    def save(self, **kwargs: object) -> None:
        """Insert only: an audit event, once written, is never changed."""
        if not self._state.adding:
            raise PermissionError("audit events are append-only")
        super().save(force_insert=True)

    def delete(self, **kwargs: object) -> tuple[int, dict[str, int]]:  # type: ignore[override]
        """Refused: the trail keeps every event."""
        raise PermissionError("audit events are append-only")
