"""What a payer's eligibility and benefits response says about a patient's plan, in the case's
terms: whether coverage is active, the plan dates, the deductible and the out-of-pocket maximum
with what remains of each, in and out of network, coinsurance and copays for the services that
matter to ketamine and esketamine treatment, whether prior authorization is required, and the
payer's own messages. :func:`plan_changes` says what that would change in a case's plan: empty
fields are filled, values the case already holds are kept and differing ones are shown as
conflicts.

The response is an ASC X12 271 (005010X279A1), read by :mod:`ketacover.interop.x12.eligibility`;
the code meanings used here are those of its code lists (EB01 eligibility or benefit information,
EB03 service type, EB06 time period, EB11 authorization indicator, EB12 in-plan-network
indicator), as published in the X12 element dictionary (https://x12.org/products/transaction-sets)
and used in the public CMS HETS 270/271 companion guide
(https://www.cms.gov/data-research/cms-information-technology/hipaa-eligibility-transaction-system).

>>> SERVICE_TYPES["MH"]
'mental health'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Final

from ketacover.core.errors import KetacoverError
from ketacover.core.model import CostShare, PayerCategory, Plan, PlanType

SERVICE_TYPES: Final[dict[str, str]] = {
    "30": "health benefit plan coverage",
    "MH": "mental health",
    "A4": "psychiatric",
    "A6": "psychotherapy",
    "A8": "psychiatric - outpatient",
    "98": "professional (physician) visit - office",
    "88": "pharmacy",
    "89": "free-standing prescription drug",
    "90": "mail order prescription drug",
    "1": "medical care",
}
"""The EB03 service types ketacover reads (X12 element 1365), with their meaning."""

PREFERENCE: Final = ("MH", "A4", "A8", "98", "1", "30")
"""Which service type's coinsurance or copay stands for the plan's, first found wins: mental
health and psychiatric benefits are what a ketamine or esketamine visit is billed under."""

INSURANCE_TYPES: Final[dict[str, PlanType]] = {
    "PR": PlanType.PPO,
    "HM": PlanType.HMO,
    "EP": PlanType.EPO,
    "PS": PlanType.POS,
    "IN": PlanType.INDEMNITY,
}
"""EB04 insurance type codes that name a plan type (X12 element 1336)."""

INSURANCE_CATEGORIES: Final[dict[str, PayerCategory]] = {
    "MA": PayerCategory.MEDICARE,
    "MB": PayerCategory.MEDICARE,
    "HN": PayerCategory.MEDICARE_ADVANTAGE,
    "MC": PayerCategory.MEDICAID,
}
"""EB04 insurance type codes that name the kind of coverage: Medicare Part A and Part B,
Medicare risk HMO (Medicare Advantage), Medicaid."""

REJECT_REASONS: Final[dict[str, str]] = {
    "15": "required application data missing",
    "41": "authorization or access restrictions",
    "42": "the payer cannot respond at this time",
    "43": "invalid or missing provider identification",
    "44": "invalid or missing provider name",
    "58": "invalid or missing date of birth",
    "62": "date of service not within the allowed inquiry period",
    "64": "invalid or missing patient id",
    "65": "invalid or missing patient name",
    "67": "patient not found",
    "71": "date of birth does not match the payer's records",
    "72": "invalid or missing subscriber or member id",
    "73": "invalid or missing subscriber name",
    "75": "subscriber not found",
    "76": "duplicate subscriber id",
}
"""AAA03 reject reason codes (X12 element 901) in plain words."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkBenefits:
    """Deductible and out-of-pocket figures for one network tier, individual coverage."""

    deductible: Decimal | None = None
    """The yearly deductible (EB*C, time period 23 calendar year or 22 service year)."""
    deductible_remaining: Decimal | None = None
    """What remains of it (EB*C, time period 29)."""
    out_of_pocket_max: Decimal | None = None
    """The yearly out-of-pocket maximum (EB*G, time period 23 or 22)."""
    out_of_pocket_remaining: Decimal | None = None
    """What remains of it (EB*G, time period 29)."""

    @property
    def deductible_met(self) -> Decimal | None:
        """The deductible less what remains, when both are known."""
        if self.deductible is None or self.deductible_remaining is None:
            return None
        return max(self.deductible - self.deductible_remaining, Decimal(0))

    @property
    def out_of_pocket_met(self) -> Decimal | None:
        """The out-of-pocket maximum less what remains, when both are known."""
        if self.out_of_pocket_max is None or self.out_of_pocket_remaining is None:
            return None
        return max(self.out_of_pocket_max - self.out_of_pocket_remaining, Decimal(0))

    @property
    def empty(self) -> bool:
        """Whether the response said nothing for this tier."""
        return self == NetworkBenefits()


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceBenefit:
    """Cost sharing and authorization for one service type in one network tier."""

    service_type: str
    """EB03 code, e.g. ``MH``."""
    in_network: bool | None
    """EB12: ``True`` in network, ``False`` out of network, ``None`` when not said."""
    coinsurance_percent: Decimal | None = None
    """EB*A, EB08 as a percentage (0.2 becomes 20)."""
    copay: Decimal | None = None
    """EB*B, EB07."""
    prior_authorization: bool | None = None
    """EB11: Y required, N not required; ``None`` when not said (U or absent)."""
    covered: bool | None = None
    """``False`` when the payer lists the service as non-covered (EB*I)."""

    @property
    def label(self) -> str:
        """The service type in words."""
        return SERVICE_TYPES.get(self.service_type, f"service type {self.service_type}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Eligibility:
    """One patient's eligibility and benefits, as a payer answered."""

    payer: str
    """The payer's name (NM1*PR)."""
    payer_id: str | None = None
    member_id: str | None = None
    """The subscriber's member id (NM1*IL NM109)."""
    birth_date: date | None = None
    """The date of birth of the person answered for (DMG02 of the subscriber or dependent)."""
    group_number: str | None = None
    """REF*6P (group number) or REF*18 (plan number)."""
    plan_name: str | None = None
    """EB05 of the active coverage, else REF*6P's description."""
    insurance_type: str | None = None
    """EB04 of the active coverage, e.g. ``PR`` (PPO), ``MB`` (Medicare Part B)."""
    active: bool | None = None
    """EB01 1 to 5 active, 6 to 8 inactive; ``None`` when the response says neither."""
    plan_begin: date | None = None
    """DTP*346, or the start of DTP*291 (or of the eligibility dates 356/307)."""
    plan_end: date | None = None
    """DTP*347, or the end of DTP*291 (or of the eligibility dates 357/307)."""
    in_network: NetworkBenefits = field(default_factory=NetworkBenefits)
    out_of_network: NetworkBenefits = field(default_factory=NetworkBenefits)
    services: tuple[ServiceBenefit, ...] = ()
    """Coinsurance, copays and authorization by service type, in file order."""
    messages: tuple[str, ...] = ()
    """MSG text the payer added (it may name people: shown, never logged)."""
    rejections: tuple[str, ...] = ()
    """AAA03 reject reason codes: the payer could not answer the request."""

    @property
    def plan_type(self) -> PlanType | None:
        """The plan type EB04 names, when it names one."""
        return INSURANCE_TYPES.get(self.insurance_type or "")

    @property
    def category(self) -> PayerCategory | None:
        """The kind of coverage EB04 names, when it names one."""
        return INSURANCE_CATEGORIES.get(self.insurance_type or "")

    @property
    def prior_authorization_required(self) -> bool | None:
        """``True`` when any service that matters requires it, ``False`` when they all say it is
        not required, ``None`` when none says."""
        said = [
            s.prior_authorization
            for s in self.services
            if s.service_type in PREFERENCE and s.prior_authorization is not None
        ]
        if not said:
            return None
        return any(said)

    @property
    def out_of_network_benefits(self) -> bool | None:
        """``True`` when the response gives out-of-network cost sharing; ``False`` when it lists
        the plan's coverage (service type 30) as non-covered out of network; else not said."""
        if not self.out_of_network.empty:
            return True
        out = [s for s in self.services if s.in_network is False]
        if any(s.covered is not False for s in out):
            return True
        if any(s.service_type == "30" and s.covered is False for s in out):
            return False
        return None

    def service(self, *, in_network: bool, kind: str) -> ServiceBenefit | None:
        """The benefit whose ``kind`` (``coinsurance_percent`` or ``copay``) stands for the
        plan's in one tier: the first service type of :data:`PREFERENCE` that gives it."""
        for code in PREFERENCE:
            for benefit in self.services:
                tier = benefit.in_network if benefit.in_network is not None else True
                if (
                    benefit.service_type == code
                    and tier == in_network
                    and getattr(benefit, kind) is not None
                ):
                    return benefit
        return None

    def rejection_words(self) -> tuple[str, ...]:
        """The reject reasons in words."""
        return tuple(REJECT_REASONS.get(code, f"reject reason {code}") for code in self.rejections)


class NoAnswerError(KetacoverError):
    """No answer of the response can be told to be the case's patient."""


def answer_for(
    found: tuple[Eligibility, ...], *, member_id: str | None, birth_date: date | None
) -> Eligibility:
    """The answer that is the patient's: the only one, else the one with the case's member id,
    else among those the one with the patient's date of birth (a subscriber and a dependent
    share the member id). :class:`NoAnswerError` when none or several remain."""
    if len(found) == 1:
        return found[0]
    if not found:
        raise NoAnswerError("the 271 holds no answer for any subscriber")
    matching = [each for each in found if member_id and each.member_id == member_id]
    if len(matching) > 1 and birth_date is not None:
        matching = [each for each in matching if each.birth_date == birth_date]
    if len(matching) != 1:
        raise NoAnswerError(
            f"the 271 answers for {len(found)} people and not exactly one has the case's member "
            "id (plan.member_id) and date of birth"
        )
    return matching[0]


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One field of the plan the response would fill, or a conflict with the case's value."""

    field: str
    """Dotted path in the plan, e.g. ``in_network.deductible``."""
    case_value: object
    """What the case holds (``None`` when empty)."""
    response_value: object
    """What the response says."""
    conflict: bool
    """Whether the case already holds a different value (then the case's is kept)."""

    @property
    def case_text(self) -> str:
        """The case's value for a person: ``1,500.00``, ``20%``, ``yes``, ``ppo``, or empty."""
        return _shown(self.field, self.case_value)

    @property
    def response_text(self) -> str:
        """The response's value for a person."""
        return _shown(self.field, self.response_value)


def _shown(name: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}%" if name.endswith("percent") else f"{value:,.2f}"
    return str(value)


_ZERO: Final = Decimal(0)
_DEFAULTS_EMPTY: Final = frozenset({"deductible_met", "out_of_pocket_met"})
"""Cost-share fields whose default (0) means "not known yet": a response fills them."""


def _tier(eligibility: Eligibility, in_network: bool) -> dict[str, Any]:
    tier = eligibility.in_network if in_network else eligibility.out_of_network
    coinsurance = eligibility.service(in_network=in_network, kind="coinsurance_percent")
    copay = eligibility.service(in_network=in_network, kind="copay")
    values: dict[str, Any] = {
        "deductible": tier.deductible,
        "deductible_met": tier.deductible_met,
        "coinsurance_percent": coinsurance.coinsurance_percent if coinsurance else None,
        "copay": copay.copay if copay else None,
        "out_of_pocket_max": tier.out_of_pocket_max,
        "out_of_pocket_met": tier.out_of_pocket_met,
    }
    return {name: value for name, value in values.items() if value is not None}


def _same(current: object, value: object) -> bool:
    """Equal values, text compared without regard to case or spacing (a card says ``Choice
    PPO``, the payer's system ``CHOICE PPO``)."""
    if isinstance(current, str) and isinstance(value, str):
        return " ".join(current.split()).casefold() == " ".join(value.split()).casefold()
    return bool(current == value)


def _merge(
    prefix: str, existing: dict[str, Any], found: dict[str, Any], changes: list[PlanChange]
) -> dict[str, Any]:
    """``existing`` with the empty values ``found`` fills (values are Decimal, str, bool or enum
    members, compared by equality)."""
    merged = dict(existing)
    for name, value in found.items():
        current = existing.get(name)
        empty = current is None or (name in _DEFAULTS_EMPTY and current == _ZERO)
        if empty:
            if value != current:
                merged[name] = value
                changes.append(PlanChange(f"{prefix}{name}", current, value, conflict=False))
        elif not _same(current, value):
            changes.append(PlanChange(f"{prefix}{name}", current, value, conflict=True))
    return merged


def _cost_share(
    plan: Plan, eligibility: Eligibility, in_network: bool, changes: list[PlanChange]
) -> CostShare | None:
    name = "in_network" if in_network else "out_of_network"
    current: CostShare | None = getattr(plan, name)
    found = _tier(eligibility, in_network)
    if not found:
        return current
    existing = {} if current is None else {k: getattr(current, k) for k in _COST_FIELDS}
    merged = _merge(f"{name}.", existing, found, changes)
    return replace(current or CostShare(), **merged)


_COST_FIELDS: Final = (
    "deductible",
    "deductible_met",
    "coinsurance_percent",
    "copay",
    "out_of_pocket_max",
    "out_of_pocket_met",
)


def plan_changes(
    plan: Plan | None, eligibility: Eligibility
) -> tuple[Plan, tuple[PlanChange, ...]]:
    """The case's plan with what ``eligibility`` adds, and every change and conflict.

    A case without a plan gets one from the response (the kind of coverage from EB04, else
    ``other``, to be confirmed). Values the case holds are never replaced.
    """
    changes: list[PlanChange] = []
    if plan is None:
        plan = Plan(payer=eligibility.payer, category=eligibility.category or PayerCategory.OTHER)
        changes.append(PlanChange("payer", None, eligibility.payer, conflict=False))
        changes.append(PlanChange("category", None, plan.category.value, conflict=False))
    found: dict[str, Any] = {
        "member_id": eligibility.member_id,
        "group_number": eligibility.group_number,
        "plan_name": eligibility.plan_name,
        "plan_type": eligibility.plan_type,
        "out_of_network_benefits": eligibility.out_of_network_benefits,
        "prior_authorization_required": eligibility.prior_authorization_required,
    }
    found = {name: value for name, value in found.items() if value is not None}
    existing = {name: getattr(plan, name) for name in found}
    merged = _merge("", existing, found, changes)
    in_network = _cost_share(plan, eligibility, True, changes)
    out_of_network = _cost_share(plan, eligibility, False, changes)
    merged.update(in_network=in_network, out_of_network=out_of_network)
    return replace(plan, **merged), tuple(changes)
