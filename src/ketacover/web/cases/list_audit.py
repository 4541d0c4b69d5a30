"""Recording views of case lists: the cases page, its search, the dashboard of what is due, its
"Done and snoozed" list and the API's case list (issue 15, finding 7).

A list shows patients' names, payers and stages, so looking at one is a disclosure like
opening a case (HIPAA 45 CFR 164.312(b), audit controls). Each view is one ``view`` event per
workspace the viewer belongs to, so every owner sees it in their workspace's audit log, saying
which list, how many rows it showed (from that workspace where the rows say so), the page, and
which filters were used and whether a search was made: never the search text or the filter
values (a search is often a patient's name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from django.http import HttpRequest

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import Scope

LISTS: Final = frozenset({"cases", "dashboard", "queue_set_aside", "api_cases"})
"""The lists whose views are recorded (the object type is ``case_list``, the id one of these)."""


def list_viewed(
    *,
    user: Actor,
    scope: Scope,
    name: str,
    rows: int,
    request: HttpRequest | None,
    filters: Mapping[str, str],
    searched: bool,
    page: int = 1,
    shown: Iterable[CaseRecord] | None = None,
) -> None:
    """Record that ``user`` viewed the list ``name`` showing ``rows`` rows. With the records
    ``shown``, each workspace's event counts the rows from that workspace."""
    if name not in LISTS:
        raise ValueError(f"list: {name!r} is not one of {sorted(LISTS)}")
    per_workspace: dict[int, int] | None = None
    if shown is not None:
        per_workspace = {}
        for record in shown:
            per_workspace[record.workspace_id] = per_workspace.get(record.workspace_id, 0) + 1
    used = sorted(key for key, value in filters.items() if value)
    for workspace_id in sorted(scope.roles):
        counted = per_workspace.get(workspace_id, 0) if per_workspace is not None else rows
        audit_record(
            user=user,
            action=Action.VIEW,
            object_type="case_list",
            object_id=name,
            workspace=Workspace(pk=workspace_id),
            request=request,
            detail={"rows": counted, "page": page, "filters": used, "searched": searched},
        )
