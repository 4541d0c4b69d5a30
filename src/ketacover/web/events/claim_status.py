"""Setting where a composed claim stands, as a whole and line by line (draft, sent, accepted,
paid, denied, appealed); the claim recorded on the case carries it, with the billed total of the
claim as composed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.http import HttpRequest

from ketacover.core.billing import ProfessionalClaim
from ketacover.core.errors import KetacoverError
from ketacover.core.model import Case, Claim, ClaimLineStatus, ClaimStatus
from ketacover.web.accounts.models import Actor
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of, case_save
from ketacover.web.events.claims_panel import recorded_claim


def claim_status_set(
    *,
    user: Actor,
    record: CaseRecord,
    claim: ProfessionalClaim,
    expected_version: int,
    today: date,
    status: ClaimStatus,
    lines: dict[int, ClaimStatus],
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record ``status`` for the claim of ``claim.service_date`` and each line's status
    (``lines``: line number to status). The first status other than draft records the claim on
    the case (billed: the composed total; sent on: today, when it is sent). The audit event
    names the claim's place and the statuses, never the date or the amounts."""
    case = case_of(record)
    numbers = {line.number: line for line in claim.lines}
    unknown = sorted(set(lines) - set(numbers))
    if unknown:
        raise KetacoverError(f"lines: the claim has no line {unknown[0]}")
    found = recorded_claim(case, claim.service_date)
    if found is not None and (found[1].service_to or found[1].service_from) != (
        found[1].service_from
    ):
        if lines:
            raise KetacoverError(
                "lines: the claim recorded covers several dates of service; its lines are not "
                "this date's, so only its status can be set here"
            )
        index, current = found
        kept = replace(
            current,
            status=status,
            submitted=current.submitted or (today if status is not ClaimStatus.DRAFT else None),
        )
        claims = tuple(kept if i == index else c for i, c in enumerate(case.claims))
        return _save(
            user, record, case, claims, index, status, lines, expected_version, today, request
        )
    earlier = () if found is None else found[1].lines
    paid: dict[int, Decimal | None] = {}
    for answer in earlier:
        number = answer.line_number or next(
            (n for n, line in numbers.items() if line.code == answer.code.strip().upper()), None
        )
        if number is not None:
            paid[number] = answer.paid
    answers = tuple(
        ClaimLineStatus(
            code=numbers[n].code, status=lines.get(n, status), paid=paid.get(n), line_number=n
        )
        for n in sorted(numbers)
        if n in lines or n in paid
    )
    sent = status is not ClaimStatus.DRAFT
    if found is None:
        if not sent:
            raise KetacoverError("status: a draft claim is not recorded until it is sent")
        kept = Claim(
            service_from=claim.service_date,
            submitted=today,
            status=status,
            billed=claim.total,
            lines=answers,
        )
        claims = (*case.claims, kept)
        index = len(claims) - 1
    else:
        index, current = found
        kept = replace(
            current,
            status=status,
            submitted=current.submitted or (today if sent else None),
            lines=answers,
        )
        claims = tuple(kept if i == index else c for i, c in enumerate(case.claims))
    return _save(user, record, case, claims, index, status, lines, expected_version, today, request)


def _save(
    user: Actor,
    record: CaseRecord,
    case: Case,
    claims: tuple[Claim, ...],
    index: int,
    status: ClaimStatus,
    lines: dict[int, ClaimStatus],
    expected_version: int,
    today: date,
    request: HttpRequest | None,
) -> CaseRecord:
    return case_save(
        user=user,
        record=record,
        case=replace(case, claims=claims),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={
            "changed": "claims",
            "index": index,
            "status": status.value,
            "lines": {str(n): s.value for n, s in sorted(lines.items())},
        },
    )
