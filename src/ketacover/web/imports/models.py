"""The remittance files a workspace imported: one row per distinct 835 file, with its figures
for the history list and the file itself, compressed and encrypted at rest, so that opening it
shows its claims again from the same reading as its preview.

The patient names and member ids an 835 holds stay inside the encrypted file; the columns in
plain are the file's name (sanitized), size and digest, who uploaded it and when, the payer, the
check or EFT number and the totals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ketacover.web.sealed import SealedBinaryField


class RemittanceFile(models.Model):
    """One 835 file imported into a workspace (the same file again is the same row)."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="remittance_files"
    )
    name = models.CharField(max_length=120)
    """The file name as given, sanitized (letters, digits, dot, dash, underscore, space)."""
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = SealedBinaryField()
    """The file, zlib-compressed, encrypted at rest; decrypted only to show it to staff."""
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    """When it was applied to the workspace's cases (empty while only previewed)."""
    payer = models.CharField(max_length=120)
    """The payer (N1*PR) of the first transaction set."""
    trace = models.CharField(max_length=80, blank=True)
    """Check or EFT trace number (TRN02) of the first transaction set."""
    payment_date = models.DateField(null=True, blank=True)
    transactions = models.PositiveIntegerField()
    claims = models.PositiveIntegerField()
    payment = models.DecimalField(max_digits=14, decimal_places=2)
    billed = models.DecimalField(max_digits=14, decimal_places=2)
    paid = models.DecimalField(max_digits=14, decimal_places=2)
    patient_responsibility = models.DecimalField(max_digits=14, decimal_places=2)
    contractual = models.DecimalField(max_digits=14, decimal_places=2)
    denied = models.PositiveIntegerField()
    """Claims denied whole or in part."""
    denied_amount = models.DecimalField(max_digits=14, decimal_places=2)

    objects: models.Manager[RemittanceFile] = models.Manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "sha256"], name="remittance_file_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.payer})"
