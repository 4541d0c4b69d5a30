"""Personal API tokens: a script acts as the user who created the token, with the same access.

Only the SHA-256 hash of a token is stored, with its first characters (the prefix) so people can
tell their tokens apart; the plain token is shown once, when it is created. A revoked token
stays listed (with when it was revoked) and opens nothing.

Every token expires (``expires_at``; 90 days unless chosen otherwise, 365 at most) and has a
scope: read-only tokens may only read (GET), read-write tokens may also change cases. A password
change or reset revokes every token of the user (:mod:`ketacover.web.api.signals`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TokenScope(models.TextChoices):
    """What a token may do."""

    READ = "read", "Read only"
    READ_WRITE = "read_write", "Read and write"


class ApiToken(models.Model):
    """One personal API token of a user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. a script.")
    prefix = models.CharField(max_length=16, help_text="The token's first characters.")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(help_text="The token opens nothing from then on.")
    scope = models.CharField(max_length=20, choices=TokenScope.choices, default=TokenScope.READ)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        """Whether the token still opens the API: neither revoked nor expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def may_write(self) -> bool:
        """Whether the token may change things (its scope is read-write)."""
        return self.scope == TokenScope.READ_WRITE
