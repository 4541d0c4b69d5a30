"""Reading what the API needs beyond the case selectors, always as a given user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ketacover.web.accounts.models import Actor, Membership, Role, Workspace, user_id_of
from ketacover.web.api.models import ApiToken
from ketacover.web.cases.services import PermissionDeniedError


def token_list(*, user: Actor) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones included)."""
    return ApiToken.objects.filter(user_id=user_id_of(user))


def token_get(*, user: Actor, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's."""
    try:
        return token_list(user=user).get(pk=pk)
    except ApiToken.DoesNotExist:
        raise Http404("No such token.") from None


def staff_workspace(*, user: Actor) -> Workspace:
    """The workspace where ``user`` adds cases: the first where they are owner, staff or
    prescriber (as on the case-upload page); patients add none."""
    membership = (
        Membership.objects.filter(user_id=user_id_of(user))
        .exclude(role=Role.PATIENT)
        .select_related("workspace")
        .order_by("id")
        .first()
    )
    if membership is None:
        raise PermissionDeniedError("only workspace staff can add cases")
    return membership.workspace
