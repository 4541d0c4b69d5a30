"""Which denial a letter answers: the one named, else the newest open one.

A case can hold several denials (a prior-authorization denial, then a claim denial, then the
decision on an internal appeal). Each appeal, peer-to-peer sheet and external review answers one
of them. Without a choice the newest *open* denial is answered: one whose claim is not paid, whose
prior authorization is not since approved, and that no appeal has overturned or withdrawn. With
none open, the newest is answered. The choices are labeled in words (payer, notice date, what was
denied) for the web app's select and the CLI's error message.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters.denial_subject import (
    claim_of,
    denied_treatment,
    prior_authorization_of,
    service_dates,
)
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.text import short_date
from ketacover.core.model import AppealOutcome, Case, ClaimStatus, Decision, Denial

_CLOSING: Final = frozenset(
    {AppealOutcome.OVERTURNED, AppealOutcome.PARTIALLY_OVERTURNED, AppealOutcome.WITHDRAWN}
)
"""Appeal outcomes that close the denial they answer."""

_APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})

_PAID: Final = frozenset({ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID})


def is_open(case: Case, denial: Denial) -> bool:
    """Whether the denial still stands: not overturned or withdrawn on appeal, its claim not paid,
    its prior authorization not since approved."""
    if any(a.denial_id == denial.id and a.outcome in _CLOSING for a in case.appeals):
        return False
    claim = claim_of(case, denial)
    if claim is not None and claim.status in _PAID:
        return False
    pa = prior_authorization_of(case, denial)
    return pa is None or pa.decision not in _APPROVED


def newest(case: Case, *, pre_service_only: bool = False) -> Denial | None:
    """The newest open denial by notice date (the one recorded last on the same day), else the
    newest of all; ``None`` without denials. ``pre_service_only`` looks at prior-authorization
    denials only (a peer-to-peer call is about one), falling back to every denial."""
    pool = [d for d in case.denials if d.pre_service] if pre_service_only else []
    pool = pool or list(case.denials)
    if not pool:
        return None
    ranked = sorted(enumerate(pool), key=lambda pair: (pair[1].notice_date, pair[0]))
    open_ones = [d for _, d in ranked if is_open(case, d)]
    return open_ones[-1] if open_ones else ranked[-1][1]


def label(case: Case, denial: Denial) -> str:
    """``Example Health, notice of 11/09/2026: claim CLM-1, IV ketamine infusion on
    10/22/2026``: a denial in words, short enough for a select or an error message."""
    payer = case.plan.payer if case.plan is not None else "The plan"
    treatment = denied_treatment(case, denial)
    what = treatment.label if treatment is not None else "the requested services"
    if denial.pre_service:
        what = f"prior authorization for {what}"
    else:
        dates = service_dates(case, denial)
        claim = f"claim {denial.claim_number}" if denial.claim_number else "claim"
        when = f" on {', '.join(short_date(d) for d in dates)}" if dates else ""
        what = f"{claim}, {what}{when}"
    text = f"{payer}, notice of {short_date(denial.notice_date)}: {what}"
    if not is_open(case, denial):
        text += " (closed)"
    return text


def choices(case: Case) -> list[tuple[str, str]]:
    """Every denial as (id, label), newest first."""
    ranked = sorted(enumerate(case.denials), key=lambda pair: (pair[1].notice_date, pair[0]))
    return [(d.id, label(case, d)) for _, d in reversed(ranked)]


def select_denial(
    case: Case, options: Options, document: str, *, pre_service_only: bool = False
) -> Denial:
    """The denial ``document`` answers: ``options.denial_id``, else the newest open one.

    Raises :class:`MissingFactsError` when the case has no denial and :class:`KetacoverError`
    naming the field and listing the case's denials when ``options.denial_id`` is unknown.
    """
    chosen = newest(case, pre_service_only=pre_service_only)
    if chosen is None:
        raise MissingFactsError(document, ["denials: the denial notice this document answers"])
    if options.denial_id is None:
        return chosen
    for denial in case.denials:
        if denial.id == options.denial_id:
            return denial
    known = "; ".join(f"{d_id} ({words})" for d_id, words in choices(case))
    raise KetacoverError(
        f"denial_id: no denial with id {options.denial_id!r} among the case's denials; "
        f"the denials are: {known}"
    )
