"""Reading cases, always as a given user: a selector never returns what the user may not see."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from ketacover.web.accounts.models import Actor, Membership, Role, user_id_of
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, DocumentRecord

PAGE_SIZE = 25


def visible_cases(user: Actor) -> QuerySet[CaseRecord]:
    """Every case ``user`` may see: all cases of workspaces where they are owner, staff or
    prescriber, and for a patient only their own case."""
    if not user.is_authenticated:
        return CaseRecord.objects.none()
    memberships = Membership.objects.filter(user_id=user_id_of(user))
    whole = memberships.exclude(role=Role.PATIENT).values("workspace_id")
    own = memberships.filter(role=Role.PATIENT, case__isnull=False).values("case_id")
    return CaseRecord.objects.filter(Q(workspace_id__in=whole) | Q(pk__in=own))


def case_get(*, user: Actor, pk: int) -> CaseRecord:
    """The case ``pk`` if ``user`` may see it; 404 otherwise (never saying it exists)."""
    try:
        return visible_cases(user).select_related("workspace").get(pk=pk)
    except CaseRecord.DoesNotExist:
        raise Http404("No such case.") from None


def case_list(
    *, user: Actor, query: str = "", stage: str = "", payer: str = "", page: int = 1
) -> Page[CaseRecord]:
    """A page of the cases ``user`` may see, filtered by a search text, stage and payer."""
    cases = visible_cases(user).select_related("assignee")
    if query:
        cases = cases.filter(
            Q(patient_name__icontains=query)
            | Q(case_id__icontains=query)
            | Q(payer__icontains=query)
        )
    if stage:
        cases = cases.filter(stage=stage)
    if payer:
        cases = cases.filter(payer=payer)
    return Paginator(cases.order_by("next_due", "id"), PAGE_SIZE).get_page(page)


def deadlines_due(*, user: Actor, today: date, days: int = 7) -> dict[str, list[DeadlineRecord]]:
    """Deadlines of visible cases: overdue (up to 90 days back), due today, and this week."""
    rows = (
        DeadlineRecord.objects.filter(
            case__in=visible_cases(user),
            due__gte=today - timedelta(days=90),
            due__lte=today + timedelta(days=days),
        )
        .select_related("case")
        .order_by("due", "id")
    )
    grouped: dict[str, list[DeadlineRecord]] = {"overdue": [], "today": [], "week": []}
    for row in rows:
        key = "overdue" if row.due < today else ("today" if row.due == today else "week")
        grouped[key].append(row)
    return grouped


def document_get(*, user: Actor, case_pk: int, pk: int) -> DocumentRecord:
    """A stored document of a case ``user`` may see; 404 otherwise."""
    case = case_get(user=user, pk=case_pk)
    try:
        return case.documents.get(pk=pk)
    except DocumentRecord.DoesNotExist:
        raise Http404("No such document.") from None


def membership_for(*, user: Actor, case: CaseRecord) -> Membership | None:
    """``user``'s membership in the case's workspace."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user_id=user_id_of(user), workspace=case.workspace).first()
