"""Reading cases, always as a given user: a selector never returns what the user may not see."""

from __future__ import annotations

from dataclasses import dataclass
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


UNASSIGNED = "none"
"""The assignee filter value for cases nobody is assigned to."""


def _by_assignee(cases: QuerySet[CaseRecord], assignee: str) -> QuerySet[CaseRecord]:
    """``assignee`` is a user id, :data:`UNASSIGNED`, or empty for anyone."""
    if assignee == UNASSIGNED:
        return cases.filter(assignee__isnull=True)
    if assignee.isdigit():
        return cases.filter(assignee_id=int(assignee))
    return cases


def case_list(
    *,
    user: Actor,
    query: str = "",
    stage: str = "",
    payer: str = "",
    assignee: str = "",
    page: int = 1,
) -> Page[CaseRecord]:
    """A page of the cases ``user`` may see, filtered by a search text, stage, payer and
    assignee (a user id, or ``none`` for unassigned)."""
    cases = _by_assignee(visible_cases(user).select_related("assignee"), assignee)
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


@dataclass(frozen=True)
class DueGroup:
    """One group of the dashboard: the first rows and how many there are in all."""

    rows: list[DeadlineRecord]
    total: int


DUE_ROWS = 50
"""Rows shown per dashboard group; the filters narrow the rest down."""


def deadlines_due(
    *,
    user: Actor,
    today: date,
    days: int = 7,
    stage: str = "",
    payer: str = "",
    assignee: str = "",
    limit: int = DUE_ROWS,
) -> dict[str, DueGroup]:
    """Deadlines of visible cases: overdue (up to 90 days back), due today, and this week; only
    of cases at ``stage``, with ``payer`` and assigned to ``assignee`` when given. Each group
    holds its first ``limit`` rows (soonest first) and its total count."""
    cases = _by_assignee(visible_cases(user), assignee)
    if stage:
        cases = cases.filter(stage=stage)
    if payer:
        cases = cases.filter(payer=payer)
    rows = (
        DeadlineRecord.objects.filter(case__in=cases)
        .select_related("case")
        .only("due", "explain", "kind", "case__id", "case__case_id", "case__patient_name")
        .order_by("due", "id")
    )
    ranges = {
        "overdue": rows.filter(due__gte=today - timedelta(days=90), due__lt=today),
        "today": rows.filter(due=today),
        "week": rows.filter(due__gt=today, due__lte=today + timedelta(days=days)),
    }
    return {
        key: DueGroup(rows=list(group[:limit]), total=group.count())
        for key, group in ranges.items()
    }


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


def filter_choices(*, user: Actor) -> dict[str, list[tuple[str, str]]]:
    """What the case filters offer ``user``: the payers of the cases they see, and the people a
    case can be assigned to (owners, staff and prescribers of their workspaces)."""
    # Ordered by the payer alone: the model's default ordering would add its columns to the
    # DISTINCT and return one row per case.
    payers = (
        visible_cases(user)
        .exclude(payer="")
        .order_by("payer")
        .values_list("payer", flat=True)
        .distinct()
    )
    workspaces = Membership.objects.filter(user_id=user_id_of(user)).exclude(role=Role.PATIENT)
    members = (
        Membership.objects.filter(workspace_id__in=workspaces.values("workspace_id"))
        .exclude(role=Role.PATIENT)
        .select_related("user")
        .order_by("user__username")
    )
    people = (
        {str(m.user_id): m.user.get_username() for m in members} if user.is_authenticated else {}
    )
    return {
        "payers": [(p, p) for p in sorted(set(payers))],
        "assignees": [(UNASSIGNED, "Nobody yet"), *sorted(people.items(), key=lambda i: i[1])],
    }


def assignable_members(*, user: Actor, record: CaseRecord) -> list[Membership]:
    """Who the case can be assigned to: owners, staff and prescribers of its workspace; nobody
    when ``user`` is not an owner or staff member there."""
    membership = membership_for(user=user, case=record)
    if membership is None or membership.role not in {Role.OWNER, Role.STAFF}:
        return []
    return list(
        Membership.objects.filter(workspace=record.workspace)
        .exclude(role=Role.PATIENT)
        .select_related("user")
        .order_by("user__username")
    )
