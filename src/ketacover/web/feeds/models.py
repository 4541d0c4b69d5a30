"""A calendar feed: the deadlines of one case, or of a whole workspace, at a secret address.

The address holds a random token; only its SHA-256 hash is stored, so the address is shown once
when the feed is made. A revoked feed answers 404 from then on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """One secret iCalendar address."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    case = models.ForeignKey(
        "cases.CaseRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        help_text="The one case of the feed; empty for every case of the workspace.",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"

    @property
    def active(self) -> bool:
        """True until the feed is revoked."""
        return self.revoked_at is None
