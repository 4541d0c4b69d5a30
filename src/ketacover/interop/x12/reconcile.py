"""A remittance held against a set of cases: which claims match which cases, and for each matched
denial the denial added, its reason and the appeal deadline that follows.

Nothing is written anywhere: the updated cases come back for the caller to show or to save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ketacover.core.deadlines import DeadlineKind, case_deadlines, why_no_appeal_window
from ketacover.core.deadlines.deadline import Deadline
from ketacover.core.model import Case, Denial
from ketacover.interop.x12.matching import Match, MatchBasis, apply, match
from ketacover.interop.x12.model import Remittance


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchedDenial:
    """A denied claim (whole or in part) matched to a case, with the denial it adds."""

    claim_id: str
    """Patient control number (CLP01)."""
    case_id: str
    basis: MatchBasis
    """Which identifier matched."""
    denial: Denial
    """The denial added to the case (or already on it, when the remittance was applied before)."""
    appeal_deadline: Deadline | None
    """The appeal filing deadline ``case_deadlines`` computes for it."""
    why_no_deadline: str | None
    """Why no deadline can be given (for example, the plan is not on the case)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reconciliation:
    """The outcome of holding one remittance against the cases."""

    matches: tuple[Match, ...]
    """One per claim payment, in file order."""
    denials: tuple[MatchedDenial, ...]
    """Matched denials, in file order."""
    cases: tuple[Case, ...]
    """The cases with every matched claim payment applied, in the order given."""

    @property
    def unmatched(self) -> tuple[Match, ...]:
        """Claim payments no case was found for (or several were, see ``candidates``)."""
        return tuple(found for found in self.matches if found.case is None)


def reconcile(remittance: Remittance, cases: Sequence[Case], *, today: date) -> Reconciliation:
    """Match ``remittance`` to ``cases``, apply each matched claim payment, and compute the appeal
    deadline of every denial it adds. ``today`` stands in for a missing payment date."""
    matches = match(remittance, cases)
    current = {case.id: case for case in cases}
    denials: list[MatchedDenial] = []
    for found in matches:
        if found.case is None or found.basis is None:
            continue
        before = current[found.case.id]
        after = current[found.case.id] = apply(before, found.claim, today=today)
        number = found.claim.payer_claim_number or found.claim.patient_control_number
        added = [d for d in after.denials if not d.pre_service and d.claim_number == number]
        if not added or added[-1].notice_date != (found.claim.payment_date or today):
            continue
        denial = added[-1]
        deadline = next(
            (
                item
                for item in case_deadlines(after, today)
                if item.kind is DeadlineKind.APPEAL_FILING and item.ref == denial.id
            ),
            None,
        )
        category = None if after.plan is None else after.plan.category
        denials.append(
            MatchedDenial(
                claim_id=found.claim.claim_id,
                case_id=after.id,
                basis=found.basis,
                denial=denial,
                appeal_deadline=deadline,
                why_no_deadline=None if deadline else why_no_appeal_window(denial, category),
            )
        )
    return Reconciliation(
        matches=tuple(matches),
        denials=tuple(denials),
        cases=tuple(current[case.id] for case in cases),
    )
