"""Saving a workspace's clinic profile: owners and staff only, in one write, audited."""

from __future__ import annotations

from typing import Any, Final

from django.db import transaction
from django.http import HttpRequest

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import Actor, Membership, Workspace, user_id_of
from ketacover.web.accounts.selectors import MANAGERS
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.clinics.models import ClinicProfile

COLUMNS: Final = (
    "name",
    "line1",
    "line2",
    "city",
    "state",
    "postal_code",
    "phone",
    "npi",
    "tin",
    "taxonomy",
    "place_of_service",
)
"""The profile's own columns, as the form gives them."""


def clinic_profile_save(
    *,
    user: Actor,
    workspace: Workspace,
    fields: dict[str, Any],
    prescribers: list[dict[str, str]],
    request: HttpRequest | None = None,
) -> ClinicProfile:
    """Write the clinic profile of ``workspace`` (created on first save). The audit event names
    the columns changed and the number of prescribers and fees, never their values."""
    member = Membership.objects.filter(user_id=user_id_of(user), workspace=workspace).first()
    if member is None or member.role not in MANAGERS:
        raise KetacoverError("only owners and staff can change the clinic profile")
    with transaction.atomic():
        profile = ClinicProfile.objects.select_for_update().filter(
            workspace=workspace
        ).first() or ClinicProfile(workspace=workspace)
        created = profile.pk is None
        changed = [name for name in COLUMNS if getattr(profile, name) != (fields.get(name) or "")]
        for name in COLUMNS:
            setattr(profile, name, fields.get(name) or "")
        fees = list(fields.get("fee_schedule") or [])
        if profile.fee_schedule != fees:
            changed.append("fee_schedule")
        if profile.prescribers != prescribers:
            changed.append("prescribers")
        profile.fee_schedule = fees
        profile.prescribers = prescribers
        profile.updated_by_id = user_id_of(user)
        profile.save()
        audit_record(
            user=user,
            action=Action.CREATE if created else Action.UPDATE,
            object_type="clinic_profile",
            object_id=profile.pk,
            workspace=workspace,
            request=request,
            detail={"changed": changed, "prescribers": len(prescribers), "fees": len(fees)},
        )
    return profile
