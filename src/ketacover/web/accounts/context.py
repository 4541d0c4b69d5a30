"""Template context about the logged-in person: whether they work in a clinic workspace.

Patients see their own case only; the staff pages (intake, uploads, remittances, tokens) are not
offered to them in the navigation.
"""

from __future__ import annotations

from django.http import HttpRequest

from ketacover.web.accounts.models import Membership, Role


def membership_flags(request: HttpRequest) -> dict[str, bool]:
    """``works_in_clinic``: the user is owner, staff or prescriber somewhere."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"works_in_clinic": False}
    # A page renders several templates with the request; ask the database once per request.
    memo = vars(request)
    known = memo.get("_ketacover_works_in_clinic")
    if known is None:
        known = Membership.objects.filter(user_id=user.pk).exclude(role=Role.PATIENT).exists()
        memo["_ketacover_works_in_clinic"] = known
    return {"works_in_clinic": bool(known)}
