"""The patient's share of one service or a run of sessions under a plan's cost sharing.

Sessions are walked in order, the way a plan's accumulators fill during a plan year: the
deductible still to go is paid first, then coinsurance on the rest of the allowed amount (or the
copay, when the plan uses a copay for the service), and the patient's part is capped at what is
left of the out-of-pocket maximum. The plan pays the allowed amount minus the patient's part.
These are the cost-sharing terms the case model records (``CostShare``); the product brief
(``shared/design/product.md``, step 8) asks for exactly this breakdown.

Unknown terms are never guessed. Without the deductible, or without both coinsurance and copay,
there is no number: the result lists what to ask the plan. Without the out-of-pocket maximum the
share is computed uncapped and marked as an upper bound.

>>> from ketacover.core.model import CostShare, cents
>>> terms = CostShare(deductible=Decimal("1000"), deductible_met=Decimal("800"),
...                   coinsurance_percent=Decimal("20"), out_of_pocket_max=Decimal("3000"))
>>> share_for_service(Decimal("500"), terms).patient_total
Decimal('260.00')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ketacover.core.costs.amounts import (
    ZERO,
    CostInputError,
    amount,
    count,
    missing,
    percent,
    percent_of,
    usd,
)
from ketacover.core.model import CostShare, cents


class NetworkTier(StrEnum):
    """Which tier of the plan's cost sharing applies; values match the ``Plan`` field names."""

    IN_NETWORK = "in_network"
    OUT_OF_NETWORK = "out_of_network"

    @property
    def label(self) -> str:
        """Plain-language name: ``in-network`` or ``out-of-network``."""
        return self.value.replace("_", "-")


@dataclass(frozen=True, slots=True)
class SessionShare:
    """Who pays what for one session (or one service). ``patient + plan == allowed``."""

    allowed: Decimal
    """The plan's allowed amount for the session."""
    deductible: Decimal
    """The part of the patient's payment that goes to the deductible."""
    coinsurance: Decimal
    """The patient's coinsurance (zero when a copay applies instead)."""
    copay: Decimal
    """The patient's copay (zero when coinsurance applies instead)."""
    patient: Decimal
    """What the patient pays: deductible + coinsurance + copay, after the out-of-pocket cap."""
    plan: Decimal
    """What the plan pays: allowed minus the patient's part."""


@dataclass(frozen=True, slots=True)
class ShareResult:
    """The share of a run of sessions, or why it cannot be given.

    When ``patient_total`` is None the share could not be computed and ``missing`` says which
    fact would give it; ``sessions`` is then empty. ``missing`` may also name facts that would
    make a computed share exact (the out-of-pocket maximum, say); ``assumptions`` says how the
    numbers were reached.
    """

    sessions: tuple[SessionShare, ...]
    patient_total: Decimal | None
    plan_total: Decimal | None
    deductible_left_after: Decimal | None
    """Deductible still to go after these sessions."""
    oop_left_after: Decimal | None
    """Out-of-pocket maximum still to go after these sessions (None when the maximum is unknown)."""
    assumptions: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def computed(self) -> bool:
        """Whether there are numbers (possibly upper bounds; see ``assumptions``)."""
        return self.patient_total is not None


def share_for_service(
    allowed: Decimal, cost_share: CostShare, *, tier: NetworkTier = NetworkTier.IN_NETWORK
) -> ShareResult:
    """The patient's share of one service with the given allowed amount."""
    return share_for_sessions((allowed,), cost_share, tier=tier)


def share_for_course(
    allowed_per_session: Decimal,
    sessions: int,
    cost_share: CostShare,
    *,
    tier: NetworkTier = NetworkTier.IN_NETWORK,
) -> ShareResult:
    """The patient's share of ``sessions`` sessions with the same allowed amount each."""
    return share_for_sessions(
        (allowed_per_session,) * count("sessions", sessions), cost_share, tier=tier
    )


def share_for_sessions(
    allowed: Sequence[Decimal],
    cost_share: CostShare,
    *,
    tier: NetworkTier = NetworkTier.IN_NETWORK,
    new_plan_year: Sequence[bool] | None = None,
) -> ShareResult:
    """The patient's share of each session in order, with totals.

    ``new_plan_year`` (one flag per amount, from
    :func:`ketacover.core.costs.plan_year.new_plan_year_flags`) marks the sessions that open a new
    plan year: the whole deductible and out-of-pocket maximum apply again from them on (nothing
    met yet). ``None`` means the dates are unknown and all sessions are taken to fall in one plan
    year, which the assumptions say.

    Raises :class:`~ketacover.core.costs.amounts.CostInputError` for a negative amount or a
    coinsurance outside 0-100%.
    """
    allowed_amounts = tuple(amount(f"allowed[{i}]", value) for i, value in enumerate(allowed))
    terms = _Terms.read(cost_share, tier)
    flags = tuple(new_plan_year) if new_plan_year is not None else (False,) * len(allowed_amounts)
    if len(flags) != len(allowed_amounts):
        raise CostInputError(
            f"new_plan_year: {len(flags)} flags for {len(allowed_amounts)} sessions"
        )
    assumptions = terms.assumptions(len(allowed_amounts), dated=new_plan_year is not None)
    if terms.blocking:
        return ShareResult(
            sessions=(),
            patient_total=None,
            plan_total=None,
            deductible_left_after=None,
            oop_left_after=None,
            assumptions=assumptions,
            missing=terms.blocking + terms.refining,
        )
    deductible_left = terms.deductible_left
    oop_left = terms.oop_left
    shares: list[SessionShare] = []
    for value, resets in zip(allowed_amounts, flags, strict=True):
        if resets:
            deductible_left = terms.deductible_full
            oop_left = terms.oop_full
        deductible = min(value, deductible_left)
        rest = value - deductible
        copay = ZERO if terms.copay is None else min(terms.copay, rest)
        coinsurance = ZERO if terms.copay is not None else percent_of(rest, terms.coinsurance)
        if oop_left is not None:
            deductible = min(deductible, oop_left)
            coinsurance = min(coinsurance, oop_left - deductible)
            copay = min(copay, oop_left - deductible - coinsurance)
        patient = deductible + coinsurance + copay
        if oop_left is not None:
            oop_left -= patient
        deductible_left -= deductible
        shares.append(SessionShare(value, deductible, coinsurance, copay, patient, value - patient))
    return ShareResult(
        sessions=tuple(shares),
        patient_total=sum((s.patient for s in shares), ZERO),
        plan_total=sum((s.plan for s in shares), ZERO),
        deductible_left_after=deductible_left,
        oop_left_after=oop_left,
        assumptions=assumptions,
        missing=terms.refining,
    )


@dataclass(frozen=True, slots=True)
class _Terms:
    """One tier's cost-sharing terms, checked, with what is unknown about them."""

    tier: NetworkTier
    deductible_left: Decimal
    deductible_full: Decimal
    """The whole deductible, owed again from the first session of a new plan year."""
    deductible_met: Decimal
    coinsurance: Decimal
    copay: Decimal | None
    coinsurance_given: bool
    oop_left: Decimal | None
    oop_full: Decimal | None
    """The whole out-of-pocket maximum, left again at the start of a new plan year."""
    blocking: tuple[str, ...]
    """Facts without which there is no number."""
    refining: tuple[str, ...]
    """Facts without which the number is only a bound."""

    @classmethod
    def read(cls, cost_share: CostShare, tier: NetworkTier) -> _Terms:
        prefix = f"plan.{tier.value}"
        deductible = _optional(f"{prefix}.deductible", cost_share.deductible)
        deductible_met = amount(f"{prefix}.deductible_met", cost_share.deductible_met)
        oop_max = _optional(f"{prefix}.out_of_pocket_max", cost_share.out_of_pocket_max)
        oop_met = amount(f"{prefix}.out_of_pocket_met", cost_share.out_of_pocket_met)
        copay = _optional(f"{prefix}.copay", cost_share.copay)
        coinsurance = cost_share.coinsurance_percent
        if coinsurance is not None:
            percent(f"{prefix}.coinsurance_percent", coinsurance)
        blocking: list[str] = []
        if deductible is None:
            blocking.append(
                missing(
                    f"{prefix}.deductible",
                    f"ask the plan for the {tier.label} deductible and how much of it is met",
                )
            )
        if coinsurance is None and copay is None:
            blocking.append(
                missing(
                    f"{prefix}.coinsurance_percent",
                    f"ask the plan what {tier.label} coinsurance (or copay) applies to this "
                    "service after the deductible",
                )
            )
        refining: tuple[str, ...] = ()
        if oop_max is None:
            refining = (
                missing(
                    f"{prefix}.out_of_pocket_max",
                    f"ask the plan for the {tier.label} out-of-pocket maximum and how much is met",
                ),
            )
        return cls(
            tier=tier,
            deductible_left=ZERO if deductible is None else max(ZERO, deductible - deductible_met),
            deductible_full=ZERO if deductible is None else deductible,
            deductible_met=deductible_met,
            coinsurance=ZERO if coinsurance is None else coinsurance,
            copay=copay,
            coinsurance_given=coinsurance is not None,
            oop_left=None if oop_max is None else max(ZERO, oop_max - oop_met),
            oop_full=oop_max,
            blocking=tuple(blocking),
            refining=refining,
        )

    def assumptions(self, sessions: int, *, dated: bool = False) -> tuple[str, ...]:
        """How the numbers are reached, in plain words (only what applies)."""
        tier = self.tier.label
        said: list[str] = []
        if self.copay is not None:
            said.append(
                f"The {tier} copay of {usd(self.copay)} per session applies after the deductible."
            )
            if self.coinsurance_given:
                said.append(
                    f"The {tier} coinsurance is not applied because the plan uses a copay for "
                    "this service; ask the plan if both apply."
                )
        if self.deductible_left > 0 and self.deductible_met == 0:
            said.append(
                f"None of the {tier} deductible is counted as met; ask the plan how much is met "
                "this plan year."
            )
        if self.oop_left is None:
            said.append(
                f"The {tier} out-of-pocket maximum is unknown, so no cap is applied: the "
                "patient's amounts are upper bounds."
            )
        else:
            said.append(
                f"Deductible, coinsurance and copays count toward the {tier} out-of-pocket "
                f"maximum ({usd(self.oop_left)} left at the start)."
            )
        if sessions > 1 and not dated:
            said.append(
                "All sessions are taken to fall in one plan year (deductibles and out-of-pocket "
                "maximums start over each plan year)."
            )
        return tuple(said)


def share_ceiling(cost_share: CostShare, *, tier: NetworkTier) -> Decimal | None:
    """The most the patient can pay in cost sharing for the rest of the plan year, or None.

    It is what is left of the tier's out-of-pocket maximum, so it holds whatever the allowed
    amount turns out to be: the bound to show while the allowed amount is unknown. None when the
    maximum is unknown. It covers cost sharing on covered services only: out of network, a
    clinic's charge above the allowed amount (balance billing) does not count toward the
    maximum and is not included.

    >>> from ketacover.core.model import CostShare, cents
    >>> share_ceiling(CostShare(out_of_pocket_max=Decimal("3000"),
    ...               out_of_pocket_met=Decimal("450")), tier=NetworkTier.IN_NETWORK)
    Decimal('2550.00')
    """
    prefix = f"plan.{tier.value}"
    oop_max = _optional(f"{prefix}.out_of_pocket_max", cost_share.out_of_pocket_max)
    if oop_max is None:
        return None
    met = amount(f"{prefix}.out_of_pocket_met", cost_share.out_of_pocket_met)
    return cents(max(ZERO, oop_max - met))


def _optional(field: str, value: Decimal | None) -> Decimal | None:
    return None if value is None else amount(field, value)
