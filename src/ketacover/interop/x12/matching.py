"""Matching claim payments to cases, and applying a claim payment to its case.

A claim payment is matched, in this order, by:

1. its patient control number (CLP01): the case id (alone, or followed by the date of service as
   ketacover's 837P writes it), or a claim number recorded on the case;
2. the payer's claim number (CLP07): a claim number recorded on the case;
3. the member id (NM1*IL, else NM1*QC) and the dates of service: the plan's member id, and a
   claim or session on the case within the claim's dates of service.

The first rule that finds exactly one case decides; when a rule finds several cases the claim is
left unmatched and the candidates are reported, so that a person decides.

:func:`apply` returns a new case (the given one is not changed): the matching claim updated with
the amounts and status, each service line's answer kept by code and, where the 835 returns the
line control number ketacover wrote (``REF*6R``), by claim line number, and for a denial a
post-service :class:`~ketacover.core.model.Denial` with the CARCs and the classified reason, from
which :func:`ketacover.core.deadlines.case_deadlines` computes the appeal deadlines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ketacover.core import remittance as rules
from ketacover.core.model import (
    Case,
    Claim,
    ClaimLineStatus,
    ClaimStatus,
    Denial,
    DenialLevel,
    DenialReason,
)
from ketacover.interop.x12.classify import ClaimOutcome, outcome
from ketacover.interop.x12.model import ClaimPayment, Remittance


class MatchBasis(StrEnum):
    """Which identifier matched a claim payment to a case."""

    PATIENT_CONTROL_NUMBER = "patient_control_number"
    """CLP01 equals the case id."""
    CLAIM_NUMBER = "claim_number"
    """CLP01 equals a claim number recorded on the case."""
    PAYER_CLAIM_NUMBER = "payer_claim_number"
    """CLP07 equals a claim number recorded on the case."""
    MEMBER_AND_DATES = "member_and_dates"
    """The member id and a claim or session within the dates of service."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """One claim payment and the case it belongs to, if one was found."""

    claim: ClaimPayment
    case: Case | None = None
    basis: MatchBasis | None = None
    candidates: tuple[str, ...] = ()
    """Ids of the cases that matched equally well, when there were several (then no case)."""


def _norm(text: str | None) -> str:
    return (text or "").strip().upper()


def _claim_numbers(case: Case) -> set[str]:
    return {_norm(claim.claim_number) for claim in case.claims if claim.claim_number}


def _service_days(case: Case) -> Iterable[tuple[date, date]]:
    for claim in case.claims:
        yield claim.service_from, claim.service_to or claim.service_from
    for session in case.sessions:
        yield session.on, session.on


def _within_dates(case: Case, claim: ClaimPayment) -> bool:
    start, end = claim.service_from, claim.service_to or claim.service_from
    if start is None or end is None:
        return False
    return any(first <= end and start <= last for first, last in _service_days(case))


def _one(found: list[Case], basis: MatchBasis, claim: ClaimPayment) -> Match | None:
    unique = list({case.id: case for case in found}.values())
    if not unique:
        return None
    if len(unique) == 1:
        return Match(claim=claim, case=unique[0], basis=basis)
    return Match(claim=claim, candidates=tuple(sorted(case.id for case in unique)))


def _case_part(pcn: str) -> str:
    """The case id of a patient control number ketacover wrote (``<case id>-YYYYMMDD``, see
    :func:`ketacover.core.billing.compose`), else empty."""
    head, _, day = pcn.rpartition("-")
    return head if head and len(day) == 8 and day.isdigit() else ""


def _index(pairs: Iterable[tuple[str, Case]]) -> dict[str, list[Case]]:
    found: dict[str, list[Case]] = {}
    for key, case in pairs:
        if key:
            found.setdefault(key, []).append(case)
    return found


def match(remittance: Remittance, cases: Sequence[Case]) -> list[Match]:
    """One :class:`Match` per claim payment, in file order (``case`` is ``None`` when unmatched)."""
    by_id = _index((_norm(case.id), case) for case in cases)
    by_number = _index((number, case) for case in cases for number in _claim_numbers(case))
    by_member = _index(
        (_norm(case.plan.member_id), case) for case in cases if case.plan is not None
    )
    results = []
    for claim in remittance.claims:
        pcn, payer_number = _norm(claim.patient_control_number), _norm(claim.payer_claim_number)
        members = by_member.get(_norm(claim.member_id), [])
        found = (
            _one(by_id.get(pcn, []), MatchBasis.PATIENT_CONTROL_NUMBER, claim)
            or _one(by_id.get(_case_part(pcn), []), MatchBasis.PATIENT_CONTROL_NUMBER, claim)
            or _one(by_number.get(pcn, []), MatchBasis.CLAIM_NUMBER, claim)
            or _one(by_number.get(payer_number, []), MatchBasis.PAYER_CLAIM_NUMBER, claim)
            or _one(
                [case for case in members if _within_dates(case, claim)],
                MatchBasis.MEMBER_AND_DATES,
                claim,
            )
            or Match(claim=claim)
        )
        results.append(found)
    return results


def _next_denial_id(case: Case) -> str:
    taken = {denial.id for denial in case.denials}
    number = len(case.denials) + 1
    while f"denial-{number}" in taken:
        number += 1
    return f"denial-{number}"


def _matching_claim(case: Case, payment: ClaimPayment) -> int | None:
    """Index of the case's claim the payment is about: by number, else by dates of service."""
    numbers = {_norm(payment.patient_control_number), _norm(payment.payer_claim_number)} - {""}
    for index, claim in enumerate(case.claims):
        if claim.claim_number and _norm(claim.claim_number) in numbers:
            return index
    start, end = payment.service_from, payment.service_to or payment.service_from
    if start is None or end is None:
        return None
    for index, claim in enumerate(case.claims):
        if claim.service_from <= end and start <= (claim.service_to or claim.service_from):
            return index
    return None


def line_number(claim_payment: ClaimPayment, control_number: str | None) -> int | None:
    """The claim line a service line answers, from its line control number (``REF*6R``).

    ketacover writes ``REF*6R`` as the end of the patient control number, a hyphen and the line
    number (:mod:`ketacover.interop.x12.professional`); a payer returns it on the line of the 835
    (X12 835 loop 2110 ``REF*6R``). A number written by other software is not read (None).
    """
    if not control_number:
        return None
    prefix, _, number = control_number.strip().rpartition("-")
    expected = claim_payment.patient_control_number.strip()[-27:]
    if not number.isdigit() or not prefix or prefix != expected:
        return None
    return int(number)


def _line_results(claim_payment: ClaimPayment, read: ClaimOutcome) -> tuple[ClaimLineStatus, ...]:
    """What the remittance said about each service line: paid, denied, or as the claim."""
    found = []
    for index, line in enumerate(claim_payment.service_lines):
        if read.denied or index in read.denied_lines:
            status = ClaimStatus.DENIED
        elif line.paid > 0:
            status = ClaimStatus.PAID
        else:
            status = read.status
        found.append(
            ClaimLineStatus(
                code=line.procedure,
                status=status,
                paid=line.paid,
                line_number=line_number(claim_payment, line.control_number),
            )
        )
    return tuple(found)


def apply(case: Case, claim_payment: ClaimPayment, *, today: date) -> Case:
    """A new case with ``claim_payment`` applied: the matching claim updated (or added) and, for a
    denial, a post-service denial added with the notice date of the payment (``today`` when the
    file gives no payment date). Applying the same payment twice adds the denial once.

    A reversal (status 22) takes back an earlier payment; it changes nothing on the case.
    """
    if rules.is_reversal(claim_payment.status_code):
        return case
    read = outcome(claim_payment)
    notice = claim_payment.payment_date or today
    number = claim_payment.payer_claim_number or claim_payment.patient_control_number
    claims = list(case.claims)
    index = _matching_claim(case, claim_payment)
    allowed = claim_payment.paid + claim_payment.patient_responsibility
    lines = _line_results(claim_payment, read)
    if index is None:
        start = claim_payment.service_from or notice
        claims.append(
            Claim(
                claim_number=number,
                service_from=start,
                service_to=claim_payment.service_to or start,
                billed=claim_payment.charge,
                allowed=allowed,
                paid=claim_payment.paid,
                patient_share=claim_payment.patient_responsibility,
                status=read.status,
                lines=lines,
            )
        )
    else:
        current = claims[index]
        claims[index] = dataclasses.replace(
            current,
            claim_number=current.claim_number or number,
            allowed=allowed,
            paid=claim_payment.paid,
            patient_share=claim_payment.patient_responsibility,
            status=read.status,
            lines=lines or current.lines,
        )
    denials = case.denials
    if read.is_denial and not any(
        not d.pre_service and d.claim_number == number and d.notice_date == notice for d in denials
    ):
        denial = Denial(
            id=_next_denial_id(case),
            notice_date=notice,
            pre_service=False,
            level=DenialLevel.INITIAL,
            reason=read.reason or DenialReason.OTHER,
            carc_codes=read.denial_codes,
            claim_number=number,
        )
        denials = (*denials, denial)
    return dataclasses.replace(case, claims=tuple(claims), denials=denials)
