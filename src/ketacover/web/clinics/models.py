"""The clinic profile of a workspace: what every case of the workspace would otherwise retype.

One profile per workspace. The clinic's own columns are plain (none of them is health data); the
prescribers and the fee schedule are short lists kept as JSON, each entry checked by the profile
form before it is written (:mod:`ketacover.web.clinics.forms`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ClinicProfile(models.Model):
    """The clinic that bills for a workspace, its prescribers and its fee schedule."""

    workspace = models.OneToOneField(
        "accounts.Workspace", on_delete=models.CASCADE, related_name="clinic_profile"
    )
    name = models.CharField(max_length=200)
    line1 = models.CharField(max_length=200, blank=True)
    line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    postal_code = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    npi = models.CharField(max_length=10, blank=True)
    """The billing (type 2) NPI."""
    tin = models.CharField(max_length=10, blank=True)
    """The tax identification number (EIN), 9 digits."""
    taxonomy = models.CharField(max_length=10, blank=True)
    place_of_service = models.CharField(max_length=2, default="11")
    prescribers = models.JSONField(default=list, blank=True)
    """``[{"name", "credentials", "npi", "specialty", "taxonomy", "rems_setting"}]``."""
    fee_schedule = models.JSONField(default=list, blank=True)
    """``[{"code": "J0013", "charge": "8.50"}]``: the charge for one billing unit of each code."""
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: models.Manager[ClinicProfile] = models.Manager()

    def __str__(self) -> str:
        return f"clinic profile of {self.workspace_id}"
