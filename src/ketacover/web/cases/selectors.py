"""Reading cases, always as a given user: a selector never returns what the user may not see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, models
from django.db.models import Q, QuerySet
from django.http import Http404

from ketacover.web.accounts.models import Actor, Membership, Role, Workspace, user_id_of
from ketacover.web.cases.models import (
    CaseRecord,
    DocumentRecord,
    WorkspaceStamp,
)
from ketacover.web.converters import is_id
from ketacover.web.sql_rows import model_from_row

PAGE_SIZE = 25
STAFF_SECONDS = 10 * 60
"""How long a workspace's staff list is kept in the per-process cache at most (its key names the
workspace stamps anyway)."""


def _table(model: type[models.Model]) -> str:
    """``model``'s table name, quoted for the database in use."""
    return str(connection.ops.quote_name(model._meta.db_table))


def _marks(values: tuple[int, ...]) -> str:
    """Placeholders for ``IN (...)``; ``NULL`` (matching nothing) for no values."""
    return ", ".join(["%s"] * len(values)) or "NULL"


def _rows(sql: str, params: Sequence[int | str]) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` with ``params`` (every value passed as a parameter, never in the
    text)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


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
    """``assignee`` is a user id, :data:`UNASSIGNED`, or empty for anyone; digits that cannot
    be a user id (above the largest row id) match nobody, before the database sees them."""
    if assignee == UNASSIGNED:
        return cases.filter(assignee__isnull=True)
    if assignee.isdigit():
        return cases.filter(assignee_id=int(assignee)) if is_id(assignee) else cases.none()
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
class Scope:
    """What a user may see, from their memberships: whole workspaces (as owner, staff or
    prescriber) and single cases (as a patient). The same rule as :func:`visible_cases`, read
    once so a page can use it for several queries."""

    workspaces: tuple[int, ...]
    cases: tuple[int, ...]
    roles: Mapping[int, str]
    """The user's role in each workspace they belong to."""
    stamps: Mapping[int, str | None] = field(default_factory=dict)
    """The stamp of each of those workspaces (``cases.stamps``), read with the memberships,
    before any case: None for a workspace none of whose cases changed since stamps began."""

    @property
    def works_in_clinic(self) -> bool:
        """Owner, staff or prescriber somewhere (the staff pages are offered)."""
        return bool(self.workspaces)

    def key(self) -> str:
        """The scope and the stamps of its workspaces as text, for cache keys: two users with
        the same key see the same cases, as they are now."""
        stamps = ",".join(f"{pk}={self.stamps.get(pk)}" for pk in sorted(self.roles))
        return f"w{','.join(map(str, self.workspaces))}c{','.join(map(str, self.cases))}s{stamps}"


def scope_of(user: Actor) -> Scope:
    """``user``'s scope, in one query; empty for an anonymous user.

    Read on every page view, so written as SQL: the ORM spent ten times as long building this
    query as the database spent answering it (bench/README.md)."""
    if not user.is_authenticated:
        return Scope(workspaces=(), cases=(), roles={})
    rows = _rows(
        f"SELECT m.workspace_id, m.role, m.case_id, s.token FROM {_table(Membership)} m "
        f"LEFT JOIN {_table(WorkspaceStamp)} s ON s.workspace_id = m.workspace_id "
        "WHERE m.user_id = %s",
        [user_id_of(user)],
    )
    workspaces, cases, roles, stamps = set(), set(), {}, {}
    for workspace_id, role, case_id, token in rows:
        roles[workspace_id] = role
        stamps[workspace_id] = token
        if role != Role.PATIENT:
            workspaces.add(workspace_id)
        elif case_id is not None:
            cases.add(case_id)
    return Scope(
        workspaces=tuple(sorted(workspaces)), cases=tuple(sorted(cases)), roles=roles, stamps=stamps
    )


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


def payer_choices(*, scope: Scope) -> list[tuple[str, str]]:
    """The payers of the cases in ``scope``, for the payer filter."""
    # Ordered by the payer alone: the model's default ordering would add its columns to the
    # DISTINCT and return one row per case. The (workspace, payer) index answers it.
    payers = (
        CaseRecord.objects.filter(Q(workspace_id__in=scope.workspaces) | Q(pk__in=scope.cases))
        .exclude(payer="")
        .order_by("payer")
        .values_list("payer", flat=True)
        .distinct()
    )
    return [(p, p) for p in sorted(set(payers))]


def assignee_choices(*, scope: Scope) -> list[tuple[str, str]]:
    """Whom the assignee filter offers: nobody yet, and the owners, staff and prescribers of
    the workspaces where the user is one of them, by username."""
    people = (
        {str(pk): name for pk, name in _staff_of(scope.workspaces, scope.stamps)}
        if scope.workspaces
        else {}
    )
    return [(UNASSIGNED, "Nobody yet"), *sorted(people.items(), key=lambda i: i[1])]


def filter_choices(*, user: Actor, scope: Scope | None = None) -> dict[str, list[tuple[str, str]]]:
    """What the case filters offer ``user``: the payers of the cases they see, and the people a
    case can be assigned to (owners, staff and prescribers of their workspaces). ``scope`` is
    ``user``'s scope when the caller has read it already."""
    scope = scope or scope_of(user)
    return {"payers": payer_choices(scope=scope), "assignees": assignee_choices(scope=scope)}


_PAGE_FIELDS = (
    "id",
    "workspace_id",
    "case_id",
    "version",
    "patient_name",
    "payer",
    "stage",
    "next_due",
    "assignee_id",
    "created_at",
    "updated_at",
    "data",
)
"""The case record's columns the case page reads: all of them, the case document included (the
summary and every section need it, and reading it apart was a second query)."""


_PAGE_EXTRAS = ("assignee_name",)
"""The values :func:`case_page_get` reads beside the record's columns, set on the record as
attributes of these names."""


def _page_record(row: Sequence[Any]) -> CaseRecord:
    """The case record of one row of :func:`case_page_get`, built as the ORM builds a row
    (the database's and the fields' converters, then ``Model.from_db``), with the extra values
    as attributes. A plain cursor instead of ``Manager.raw``, which spent longer mapping the
    columns than the database took."""
    record = model_from_row(CaseRecord, _PAGE_FIELDS, row, alias=connection.alias)
    for name, value in zip(_PAGE_EXTRAS, row[len(_PAGE_FIELDS) :], strict=True):
        setattr(record, name, value)
    return record


def case_page_get(*, user: Actor, pk: int, scope: Scope) -> CaseRecord:
    """The case ``pk`` for its page if ``user`` (whose scope is ``scope``) may see it; 404
    otherwise, never saying whether it exists.

    One query, written as SQL (read on every view of a case page and of each of its sections;
    the ORM took seven times as long to build it as to run it): the record with its case
    document, ``workspace`` (its id only, for the audit trail) and
    ``assignee_name``. The scope rule is :func:`visible_cases`'s: a case of a workspace where
    the user is owner, staff or prescriber, or the one case of their patient membership.
    """
    if not scope.workspaces and not scope.cases:
        raise Http404("No such case.")
    name = connection.ops.quote_name
    columns = ", ".join(f"c.{name(column)}" for column in _PAGE_FIELDS)
    sql = (
        f"SELECT {columns}, u.username AS assignee_name "
        f"FROM {_table(CaseRecord)} c LEFT JOIN {_table(User)} u ON u.id = c.assignee_id "
        f"WHERE c.id = %s AND (c.workspace_id IN ({_marks(scope.workspaces)}) "
        f"OR c.id IN ({_marks(scope.cases)}))"
    )
    params: list[int | str] = [pk, *scope.workspaces, *scope.cases]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such case.")
    record = _page_record(row)
    record.workspace = Workspace.from_db(connection.alias, ["id"], [record.workspace_id])
    return record


def _staff_of(
    workspaces: tuple[int, ...], stamps: Mapping[int, str | None]
) -> list[tuple[int, str]]:
    """(user id, username) of the owners, staff and prescribers of ``workspaces``, by username.

    Read on every case page and dashboard, so kept in the per-process cache under the
    workspaces' stamps (``stamps``, read with the viewer's memberships), which change with every
    change of a membership or a member's username (``cases.stamps``); read as SQL on a miss."""
    key = "staff:" + ",".join(f"{pk}={stamps.get(pk)}" for pk in workspaces)
    found = cache.get(key)
    if isinstance(found, list):
        return found
    rows = _rows(
        f"SELECT DISTINCT m.user_id, u.username FROM {_table(Membership)} m "
        f"JOIN {_table(User)} u ON u.id = m.user_id "
        f"WHERE m.workspace_id IN ({_marks(workspaces)}) AND m.role <> %s ORDER BY u.username",
        [*workspaces, Role.PATIENT.value],
    )
    staff = [(pk, name) for pk, name in rows]
    cache.set(key, staff, STAFF_SECONDS)
    return staff


def workspace_staff(*, workspace_id: int, scope: Scope) -> list[tuple[int, str]]:
    """Who a case of the workspace can be assigned to (owners, staff and prescribers), as
    (user id, username) by username. For owners and staff of that workspace only; ``scope`` is
    the viewer's (its stamps key the cached list)."""
    return _staff_of((workspace_id,), scope.stamps)


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


def latest_document(*, record: CaseRecord, kind: str) -> DocumentRecord | None:
    """The newest generated document of ``kind`` of the case (its id, version and when; the
    content left unread), or None. For a case the caller already let the viewer see.

    Written as SQL: the case page's overview reads it on every view, and the ORM spent longer
    building the statement than the database took to answer it."""
    fields = ("id", "version", "created_at")
    name = connection.ops.quote_name
    rows = _rows(
        f"SELECT {', '.join(name(f) for f in fields)} FROM {_table(DocumentRecord)} "
        f"WHERE {name('case_id')} = %s AND {name('kind')} = %s "
        f"ORDER BY {name('created_at')} DESC, {name('id')} DESC LIMIT 1",
        [record.pk, kind],
    )
    return model_from_row(DocumentRecord, fields, rows[0], alias=connection.alias) if rows else None
