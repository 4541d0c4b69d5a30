"""Recording what happens on a case: calls, prior authorizations, denials, appeals, sessions
and claims. The only code of the journey sections that calls the core.

Every change goes through :func:`ketacover.web.cases.services.case_save` (or
:func:`~ketacover.web.cases.services.case_add_event`), which checks the user may change the case,
validates the whole case document before writing, refuses a save from a stale version with
:class:`~ketacover.web.cases.services.ConflictError`, refreshes the deadlines and records an audit
event. The checks here come first and name the form field in their message (``field: ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Final

from django.http import HttpRequest

from ketacover.core.codes import carc
from ketacover.core.errors import InvalidCodeError, KetacoverError
from ketacover.core.letters.denials import Classification, classify, classify_text
from ketacover.core.model import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    Call,
    CallAnswer,
    Channel,
    Decision,
    Denial,
    DenialLevel,
    DenialReason,
    PriorAuthorization,
    Treatment,
    Urgency,
)
from ketacover.web.accounts.models import Actor, Role
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.selectors import membership_for
from ketacover.web.cases.services import PermissionDeniedError, case_add_event, case_of, case_save
from ketacover.web.events.billing_services import (
    approved_authorizations,
    claim_record,
    claim_update,
    session_record,
)
from ketacover.web.events.denial_letters import letter_text


@dataclass(frozen=True, slots=True)
class PlanQuestion:
    """A standard benefits-call question whose answer is a fact of the plan."""

    field: str
    """The :class:`~ketacover.core.model.Plan` attribute the answer sets."""
    text: str
    """The question as the call log keeps it."""


PLAN_QUESTIONS: Final[tuple[PlanQuestion, ...]] = (
    PlanQuestion("prior_authorization_required", "Is prior authorization required?"),
    PlanQuestion("out_of_network_benefits", "Does the plan have out-of-network benefits?"),
    PlanQuestion("ketamine_infusion_covered", "Is IV ketamine covered for this diagnosis?"),
    PlanQuestion("esketamine_covered", "Is esketamine (Spravato) covered?"),
    PlanQuestion("appeal_window_days", "How many days are there to file an appeal?"),
)
"""The questions of the call form (the call script, product.md step 3), in order."""

_APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})


def editable(*, user: Actor, record: CaseRecord) -> bool:
    """Whether ``user`` may record events on the case (workspace staff, not a patient)."""
    membership = membership_for(user=user, case=record)
    return membership is not None and membership.role != Role.PATIENT


def _answer_words(value: bool | int) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return f"{value} days"


def call_record(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    at: datetime,
    channel: Channel,
    party: str | None = None,
    representative: str | None = None,
    reference: str | None = None,
    notes: str | None = None,
    answers: dict[str, bool | int | None] | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Log a call; its answers to :data:`PLAN_QUESTIONS` become plan facts in the same save and
    stay on the call as question/answer pairs. Unanswered questions change nothing."""
    if at.tzinfo is None:
        raise KetacoverError("at: the call time needs a time zone")
    given: dict[str, Any] = {
        q.field: v for q in PLAN_QUESTIONS if (v := (answers or {}).get(q.field)) is not None
    }
    case = case_of(record)
    if given and case.plan is None:
        raise KetacoverError("plan: the case has no plan yet; add the plan before its answers")
    pairs = tuple(
        CallAnswer(question=q.text, answer=_answer_words(given[q.field]))
        for q in PLAN_QUESTIONS
        if q.field in given
    )
    call = Call(
        at=at,
        channel=channel,
        party=party,
        representative=representative,
        reference=reference,
        answers=pairs,
        notes=notes,
    )
    changes: dict[str, Any] = {"calls": (*case.calls, call)}
    if case.plan is not None and given:
        changes["plan"] = replace(case.plan, **given)
    return case_save(
        user=user,
        record=record,
        case=replace(case, **changes),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"added": "calls", "plan_facts": sorted(given)},
    )


def _next_id(prefix: str, taken: list[str]) -> str:
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(rf"{prefix}-(\d+)", t))]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def prior_authorization_submit(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    treatment: Treatment,
    submitted: date,
    channel: Channel,
    urgency: Urgency,
    reference: str | None = None,
    received_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record a submitted prior-authorization request under the next free id ``pa-N``;
    ``received_at`` (time-zone aware) is when the plan received it, if known."""
    if submitted > today:
        raise KetacoverError("submitted: the submission date is in the future")
    case = case_of(record)
    pa = PriorAuthorization(
        id=_next_id("pa", [p.id for p in case.prior_authorizations]),
        treatment=treatment,
        submitted=submitted,
        channel=channel,
        urgency=urgency,
        reference=reference,
        received_at=received_at,
    )
    return case_add_event(
        user=user,
        record=record,
        field="prior_authorizations",
        event=pa,
        expected_version=expected_version,
        today=today,
        request=request,
    )


def prior_authorization_decide(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    authorization_id: str,
    decision: Decision,
    decided: date,
    authorization_number: str | None = None,
    sessions_approved: int | None = None,
    valid_from: date | None = None,
    valid_through: date | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record the plan's decision on request ``authorization_id``; only an approval keeps the
    authorization number, sessions and dates."""
    case = case_of(record)
    found = [pa for pa in case.prior_authorizations if pa.id == authorization_id]
    if not found:
        raise KetacoverError(f"authorization_id: no prior authorization {authorization_id!r}")
    if decided < found[0].submitted:
        raise KetacoverError("decided: the decision is dated before the request was submitted")
    approved = decision in _APPROVED
    decided_pa = replace(
        found[0],
        decision=decision,
        decided=decided,
        authorization_number=authorization_number if approved else None,
        sessions_approved=sessions_approved if approved else None,
        valid_from=valid_from if approved else None,
        valid_through=valid_through if approved else None,
    )
    requests = tuple(
        decided_pa if pa.id == authorization_id else pa for pa in case.prior_authorizations
    )
    return case_save(
        user=user,
        record=record,
        case=replace(case, prior_authorizations=requests),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "prior_authorizations", "id": authorization_id},
    )


def _carc_codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    try:
        return tuple(carc.validate(code) for code in codes)
    except InvalidCodeError as error:
        raise KetacoverError(f"carc_codes: {error}") from None


def denial_record(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    notice_date: date,
    pre_service: bool = True,
    level: DenialLevel = DenialLevel.INITIAL,
    received: date | None = None,
    reason: DenialReason | None = None,
    reason_text: str | None = None,
    carc_codes: tuple[str, ...] = (),
    claim_number: str | None = None,
    reference: str | None = None,
    prior_authorization_id: str | None = None,
    appeal_deadline_on_notice: date | None = None,
    appeal_window_days_on_notice: int | None = None,
    peer_to_peer_window_days: int | None = None,
    peer_to_peer_deadline: date | None = None,
    urgent: bool = False,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record a denial notice under the next free id ``denial-N``; the core then computes its
    appeal deadlines (a date printed on the notice wins)."""
    case = case_of(record)
    if prior_authorization_id and prior_authorization_id not in {
        pa.id for pa in case.prior_authorizations
    }:
        raise KetacoverError(
            f"prior_authorization_id: no prior authorization {prior_authorization_id!r}"
        )
    denial = Denial(
        id=_next_id("denial", [d.id for d in case.denials]),
        notice_date=notice_date,
        received=received,
        pre_service=pre_service,
        level=level,
        reason=reason,
        reason_text=reason_text,
        carc_codes=_carc_codes(carc_codes),
        claim_number=claim_number,
        reference=reference,
        prior_authorization_id=prior_authorization_id or None,
        appeal_deadline_on_notice=appeal_deadline_on_notice,
        appeal_window_days_on_notice=appeal_window_days_on_notice,
        peer_to_peer_window_days=peer_to_peer_window_days,
        peer_to_peer_deadline=peer_to_peer_deadline,
        urgent=urgent,
    )
    return case_add_event(
        user=user,
        record=record,
        field="denials",
        event=denial,
        expected_version=expected_version,
        today=today,
        request=request,
    )


@dataclass(frozen=True, slots=True)
class DenialProposal:
    """What an uploaded denial letter says, read for the user to confirm: nothing is stored."""

    classification: Classification
    """The proposed reason and what triggered it."""
    reason_text: str
    """The sentence of the letter that carries the trigger, else the letter's opening."""
    text: str
    """The letter's extracted text."""
    pages: int


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_REASON_TEXT_LIMIT: Final = 600


def _reason_sentence(text: str) -> str:
    flat = " ".join(text.split())
    found = classify_text(flat)
    if found is not None:
        for sentence in _SENTENCE.split(flat):
            if found[1] in sentence.lower():
                return sentence[:_REASON_TEXT_LIMIT]
    return flat[:_REASON_TEXT_LIMIT]


def denial_letter_read(
    *,
    user: Actor,
    record: CaseRecord,
    content: bytes,
    today: date,
    request: HttpRequest | None = None,
) -> DenialProposal:
    """Read an uploaded denial letter (a PDF, checked by content) and propose its reason with
    :func:`ketacover.core.letters.denials.classify`; the letter itself is not kept."""
    if not editable(user=user, record=record):
        raise PermissionDeniedError("only workspace staff can record denials")
    text, pages = letter_text(content)
    draft = Denial(id="draft", notice_date=today, reason_text=" ".join(text.split()))
    proposal = DenialProposal(classify(draft), _reason_sentence(text), text, pages)
    audit_record(
        user=user,
        action=Action.VIEW,
        object_type="denial_letter",
        object_id=record.pk,
        workspace=record.workspace,
        request=request,
        detail={"case": record.pk, "pages": pages},
    )
    return proposal


def appeal_file(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    denial_id: str,
    level: AppealLevel,
    submitted: date,
    expedited: bool = False,
    reference: str | None = None,
    received_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record an appeal filed against denial ``denial_id``; ``received_at`` (time-zone aware) is
    when the plan received it, if known."""
    case = case_of(record)
    denial = next((d for d in case.denials if d.id == denial_id), None)
    if denial is None:
        raise KetacoverError(f"denial_id: no denial {denial_id!r}")
    if submitted < denial.notice_date:
        raise KetacoverError("submitted: the appeal is dated before the denial notice")
    appeal = Appeal(
        denial_id=denial_id,
        level=level,
        submitted=submitted,
        expedited=expedited,
        reference=reference,
        received_at=received_at,
    )
    return case_add_event(
        user=user,
        record=record,
        field="appeals",
        event=appeal,
        expected_version=expected_version,
        today=today,
        request=request,
    )


def _index(items: tuple[Any, ...], index: int, field: str) -> None:
    if not 0 <= index < len(items):
        raise KetacoverError(f"{field}: no such entry")


def appeal_decide(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    appeal: int,
    outcome: AppealOutcome,
    decided: date,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record the outcome of the case's appeal number ``appeal`` (its place in the list)."""
    case = case_of(record)
    _index(case.appeals, appeal, "appeal")
    if decided < case.appeals[appeal].submitted:
        raise KetacoverError("decided: the decision is dated before the appeal was filed")
    changed = replace(case.appeals[appeal], outcome=outcome, decided=decided)
    appeals = tuple(changed if i == appeal else a for i, a in enumerate(case.appeals))
    return case_save(
        user=user,
        record=record,
        case=replace(case, appeals=appeals),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "appeals", "index": appeal},
    )


__all__ = [
    "PLAN_QUESTIONS",
    "DenialProposal",
    "PlanQuestion",
    "appeal_decide",
    "appeal_file",
    "approved_authorizations",
    "call_record",
    "claim_record",
    "claim_update",
    "denial_letter_read",
    "denial_record",
    "editable",
    "prior_authorization_decide",
    "prior_authorization_submit",
    "session_record",
]
