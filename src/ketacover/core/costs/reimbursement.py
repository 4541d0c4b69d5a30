"""Out-of-network reimbursement through a superbill: what comes back, and what the patient keeps.

The patient pays the clinic's charge. The plan then reimburses the allowed amount minus the
patient's share under its out-of-network cost sharing (see :mod:`ketacover.core.costs.share`), and
the gap between the charge and the allowed amount (balance billing) stays with the patient. This
is the superbill pathway of ``shared/design/product.md`` (step 2, PPO/POS out-of-network benefits).

The allowed amount is the plan's to say. When it is unknown, no percentage is invented: the result
is a range, from no reimbursement at all to the best case where the plan allows the full charge,
and ``missing`` says to get the allowed amount from the plan.

>>> from ketacover.core.model import CostShare
>>> terms = CostShare(deductible=Decimal("0"), coinsurance_percent=Decimal("40"),
...                   out_of_pocket_max=Decimal("6000"))
>>> course_reimbursement(Decimal("500"), 2, terms, allowed_per_session=Decimal("300")).net
Decimal('640.00')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ketacover.core.costs.amounts import ZERO, amount, count, missing, usd
from ketacover.core.costs.share import NetworkTier, ShareResult, share_for_sessions
from ketacover.core.model import CostShare

_OON = NetworkTier.OUT_OF_NETWORK


@dataclass(frozen=True, slots=True)
class ChargeLine:
    """One line of a superbill: the clinic's charge and, if known, the plan's allowed amount."""

    charge: Decimal
    allowed: Decimal | None = None
    label: str = "session"
    """What the line is for (``session``, ``evaluation``); used in messages."""


@dataclass(frozen=True, slots=True)
class Reimbursement:
    """The money flow of a superbill claim, totalled over its lines.

    Exact figures (``reimbursement``, ``net`` and the rest) are None unless every allowed amount
    and the out-of-network cost sharing are known; the range ``reimbursement_low`` to
    ``reimbursement_high`` is given whenever the cost sharing is known. When both ends of the
    range meet (a deductible that swallows even the full charge), ``reimbursement`` and ``net``
    are that settled figure, while the breakdown still needs the allowed amount.
    """

    paid_up_front: Decimal
    """What the patient pays the clinic: the sum of the charges."""
    allowed_total: Decimal | None
    balance_billed: Decimal | None
    """Charges above the allowed amounts, which the patient owes on top of the share."""
    patient_share: Decimal | None
    """Deductible, coinsurance and copays under the out-of-network cost sharing."""
    reimbursement: Decimal | None
    """What the plan pays back: allowed minus the patient's share."""
    net: Decimal | None
    """What the patient is out after reimbursement: share plus balance billing."""
    reimbursement_low: Decimal | None
    """Least the plan would pay back (unknown allowed amounts taken as zero)."""
    reimbursement_high: Decimal | None
    """Most the plan would pay back (unknown allowed amounts taken as the full charge)."""
    share: ShareResult | None
    """The exact share, session by session, when every allowed amount is known."""
    missing: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    @property
    def best_case_net(self) -> Decimal | None:
        """The patient's net cost if the plan pays back the most it could."""
        high = self.reimbursement_high
        return None if high is None else self.paid_up_front - high

    @property
    def worst_case_net(self) -> Decimal | None:
        """The patient's net cost if the plan pays back the least it could."""
        low = self.reimbursement_low
        return None if low is None else self.paid_up_front - low


def course_reimbursement(
    charge_per_session: Decimal,
    sessions: int,
    cost_share: CostShare | None,
    *,
    allowed_per_session: Decimal | None = None,
) -> Reimbursement:
    """Reimbursement for ``sessions`` sessions with the same charge and allowed amount each."""
    line = ChargeLine(charge_per_session, allowed_per_session)
    return superbill_reimbursement((line,) * count("sessions", sessions), cost_share)


def superbill_reimbursement(
    lines: Sequence[ChargeLine], cost_share: CostShare | None
) -> Reimbursement:
    """Reimbursement for the lines of a superbill, in the order the plan processes them.

    ``cost_share`` is the plan's out-of-network cost sharing; None when it is unknown.
    """
    checked = tuple(_checked(i, line) for i, line in enumerate(lines))
    paid = sum((line.charge for line in checked), ZERO)
    assumptions: list[str] = []
    for line in checked:
        if line.allowed is not None and line.allowed > line.charge:
            assumptions.append(
                f"The allowed amount for the {line.label} ({usd(line.allowed)}) is above the "
                f"charge; the plan is taken to allow no more than the charge ({usd(line.charge)})."
            )
    capped = tuple(
        ChargeLine(
            line.charge,
            None if line.allowed is None else min(line.allowed, line.charge),
            line.label,
        )
        for line in checked
    )
    unknown = sorted({line.label for line in capped if line.allowed is None})
    gaps = [
        missing(
            f"allowed amount ({label})",
            f"ask the plan for its out-of-network allowed amount for the {label}, or read it "
            "from an explanation of benefits",
        )
        for label in unknown
    ]
    if cost_share is None:
        return _unknown(
            paid,
            missing=(
                missing(
                    "plan.out_of_network",
                    "ask the plan whether it pays out of network, and for its out-of-network "
                    "deductible, coinsurance and out-of-pocket maximum",
                ),
                *gaps,
            ),
            assumptions=tuple(assumptions),
        )
    high = share_for_sessions(
        [_allowed_or(line, line.charge) for line in capped], cost_share, tier=_OON
    )
    if high.plan_total is None:
        return _unknown(
            paid, missing=(*high.missing, *gaps), assumptions=(*assumptions, *high.assumptions)
        )
    assumptions.extend(high.assumptions)
    assumptions.append(
        "Balance billing (charges above the allowed amount) is the patient's to pay and is not "
        "counted toward the out-of-pocket maximum here."
    )
    if unknown:
        low = share_for_sessions(
            [_allowed_or(line, ZERO) for line in capped], cost_share, tier=_OON
        )
        # Same terms as the best case, so the share is computed here too.
        assert low.plan_total is not None
        low_total = min(low.plan_total, high.plan_total)
        # Reimbursement rises with the allowed amount, so equal ends settle it.
        settled = high.plan_total if low_total == high.plan_total else None
        if settled is None:
            assumptions.append(
                f"The allowed amount is unknown, so reimbursement is a range from "
                f"{usd(low_total)} to {usd(high.plan_total)} (if the plan allowed the full "
                "charge); the real allowed amount must come from the plan."
            )
        else:
            assumptions.append(
                "The allowed amount is unknown, but any allowed amount up to the charge gives "
                f"the same reimbursement, {usd(settled)}; the split between the share and "
                "balance billing needs the allowed amount from the plan."
            )
        return Reimbursement(
            paid_up_front=paid,
            allowed_total=None,
            balance_billed=None,
            patient_share=None,
            reimbursement=settled,
            net=None if settled is None else paid - settled,
            reimbursement_low=low_total,
            reimbursement_high=high.plan_total,
            share=None,
            missing=(*gaps, *high.missing),
            assumptions=tuple(assumptions),
        )
    allowed_total = sum((_allowed_or(line, ZERO) for line in capped), ZERO)
    return Reimbursement(
        paid_up_front=paid,
        allowed_total=allowed_total,
        balance_billed=paid - allowed_total,
        patient_share=high.patient_total,
        reimbursement=high.plan_total,
        net=paid - high.plan_total,
        reimbursement_low=high.plan_total,
        reimbursement_high=high.plan_total,
        share=high,
        missing=high.missing,
        assumptions=tuple(assumptions),
    )


def _checked(index: int, line: ChargeLine) -> ChargeLine:
    charge = amount(f"lines[{index}].charge", line.charge)
    allowed = None if line.allowed is None else amount(f"lines[{index}].allowed", line.allowed)
    return ChargeLine(charge, allowed, line.label)


def _allowed_or(line: ChargeLine, default: Decimal) -> Decimal:
    return default if line.allowed is None else line.allowed


def _unknown(
    paid: Decimal, *, missing: tuple[str, ...], assumptions: tuple[str, ...]
) -> Reimbursement:
    return Reimbursement(
        paid_up_front=paid,
        allowed_total=None,
        balance_billed=None,
        patient_share=None,
        reimbursement=None,
        net=None,
        reimbursement_low=None,
        reimbursement_high=None,
        share=None,
        missing=missing,
        assumptions=assumptions,
    )
