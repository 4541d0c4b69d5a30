"""A file attached to a case: its bytes in the database with what was checked about them.

Files are kept in the database, encrypted at rest (:mod:`ketacover.web.sealed`), never under the
static root or at a guessable path, and are decrypted only by the view that serves them after its
access check.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ketacover.web.sealed import SealedBinaryField


class Upload(models.Model):
    """One version of a file attached to a case; uploading the same name again adds a version."""

    case = models.ForeignKey("cases.CaseRecord", on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=120)
    """The file name as given, sanitized (letters, digits, dot, dash, underscore, space)."""
    content_type = models.CharField(max_length=40)
    """``application/pdf``, ``image/png`` or ``image/jpeg``, as read from the content."""
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = SealedBinaryField()
    """The file's bytes, encrypted at rest; ``content.decrypt()`` only where they are served."""
    version = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: models.Manager[Upload] = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "name", "version"], name="upload_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def filename(self) -> str:
        """A download name without health data: case id, upload number, version, extension."""
        extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
        return (
            f"{self.case.case_id}-upload-{self.pk}-v{self.version}."
            f"{extension.get(self.content_type, 'bin')}"
        )
