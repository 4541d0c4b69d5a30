"""Recording a peer-to-peer call scheduled on a denial, and later what came of it.

A peer-to-peer review is an informal call between the treating clinician and the plan's (or UM
vendor's) reviewer, usually after a prior-authorization denial. It is **not a formal appeal and
does not stop the appeal clock**: the written appeal still has to be filed on time, so the
denial's appeal deadlines stay as they are (sourcebook appeals.toml, peer-to-peer review (partly
verified)).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from django.http import HttpRequest

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import Actor
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of, case_save


def denial_peer_to_peer(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    denial_id: str,
    at: datetime,
    with_whom: str | None = None,
    outcome: str | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record the peer-to-peer call on denial ``denial_id``: when (with a time zone), with whom
    and, once known, its outcome. Saving again replaces the earlier entry."""
    if at.tzinfo is None:
        raise KetacoverError("at: the call time needs a time zone")
    case = case_of(record)
    denial = next((d for d in case.denials if d.id == denial_id), None)
    if denial is None:
        raise KetacoverError(f"denial_id: no denial {denial_id!r}")
    if at.date() < denial.notice_date:
        raise KetacoverError("on: the call is dated before the denial notice")
    if outcome and at.date() > today:
        raise KetacoverError("outcome: the call has not happened yet")
    changed = replace(
        denial, peer_to_peer=at, peer_to_peer_with=with_whom, peer_to_peer_outcome=outcome
    )
    denials = tuple(changed if d.id == denial_id else d for d in case.denials)
    return case_save(
        user=user,
        record=record,
        case=replace(case, denials=denials),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "denials", "id": denial_id, "peer_to_peer": True},
    )
