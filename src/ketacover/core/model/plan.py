"""The health plan: who pays, under which rules, with what cost sharing.

The payer category decides which law governs deadlines and appeals (ERISA 29 CFR 2560.503-1,
ACA 45 CFR 147.136, Medicare 42 CFR 405, Medicare Advantage 42 CFR 422 subpart M, Medicaid
managed care 42 CFR 438 subpart F); see sourcebook appeals.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ketacover.core.model._base import CONFIG
from ketacover.core.model.patient import Address


class PayerCategory(StrEnum):
    """What kind of coverage this is; it decides the governing rules."""

    COMMERCIAL_FULLY_INSURED = "commercial_fully_insured"
    """An employer plan bought from an insurer (ERISA plus state insurance law)."""
    COMMERCIAL_SELF_FUNDED = "commercial_self_funded"
    """A self-funded private employer plan governed by ERISA (often run by an insurer as TPA)."""
    MARKETPLACE_QHP = "marketplace_qhp"
    """An individual qualified health plan bought on a Health Insurance Marketplace."""
    INDIVIDUAL = "individual"
    """Individual coverage bought directly from an insurer, off the Marketplace."""
    MEDICARE = "medicare"
    """Original Medicare, Parts A and B."""
    MEDICARE_ADVANTAGE = "medicare_advantage"
    """A Medicare Advantage (Part C) plan."""
    MEDICAID = "medicaid"
    """State Medicaid or CHIP fee-for-service."""
    MEDICAID_MANAGED_CARE = "medicaid_managed_care"
    """A Medicaid or CHIP managed care plan."""
    TRICARE = "tricare"
    """TRICARE (military health system)."""
    OTHER = "other"
    """Anything else (government or church plan, student plan, ...)."""


class PlanType(StrEnum):
    """The plan's network design, as printed on the card."""

    PPO = "ppo"
    HMO = "hmo"
    EPO = "epo"
    POS = "pos"
    HDHP = "hdhp"
    INDEMNITY = "indemnity"
    OTHER = "other"


class EsketamineSupply(StrEnum):
    """How esketamine reaches the clinic under this plan, which decides whether the drug is on
    the clinic's medical claim (spravatohcp.com, payer coverage and reimbursement)."""

    BUY_AND_BILL = "buy_and_bill"
    """The clinic buys the drug and bills it on its own claim (J0013, or S0013 before 2026)."""
    SPECIALTY_PHARMACY = "specialty_pharmacy"
    """A specialty pharmacy dispenses it under the pharmacy benefit ("white bag"): the clinic
    bills only its own services."""


class ProlongedServiceCode(StrEnum):
    """Which code the plan takes for the practitioner's prolonged office time."""

    CPT_99417 = "99417"
    """The CPT add-on, counted from the minimum time of 99205/99215 (most commercial plans)."""
    G2212 = "G2212"
    """Medicare's add-on, counted from the maximum time of 99205/99215 (Medicare; many Medicare
    Advantage plans)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CostShare:
    """Cost sharing for one network tier. Amounts in US dollars."""

    __pydantic_config__ = CONFIG

    deductible: Decimal | None = None
    """Yearly deductible for this tier."""
    deductible_met: Decimal = Decimal("0")
    """How much of the deductible is already met this plan year."""
    coinsurance_percent: Decimal | None = None
    """Patient's coinsurance after the deductible, in percent (20 means 20%)."""
    copay: Decimal | None = None
    """Fixed copay per visit, if the plan uses one for this service."""
    out_of_pocket_max: Decimal | None = None
    """Yearly out-of-pocket maximum for this tier."""
    out_of_pocket_met: Decimal = Decimal("0")
    """How much of the out-of-pocket maximum is already met this plan year."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanCriterion:
    """One of the plan's own criteria for the treatment, in the plan's words, as learned on a
    benefits call or copied from the plan's policy; the structured parts say what it asks for
    where it maps onto what ketacover can check. Criteria on the plan win over any pack."""

    __pydantic_config__ = CONFIG

    text: str
    """The criterion in the plan's words (``Psychiatrist prescribing``)."""
    source: str | None = None
    """Where the plan said it: ``benefits call 2026-11-10, reference REF-...`` or the policy's
    name, number and date."""
    min_agents: int | None = None
    """Adequate failed antidepressant trials it asks for."""
    min_classes: int | None = None
    """Distinct antidepressant classes among those trials."""
    min_weeks: int | None = None
    """Weeks each trial must last."""
    current_episode: bool | None = None
    """Whether the trials must fall in the current episode."""
    min_age: int | None = None
    """The youngest age it allows."""
    psychiatrist: bool | None = None
    """A psychiatrist prescribes (or is consulted)."""
    rems_setting: bool | None = None
    """The setting is certified in the SPRAVATO REMS."""
    no_psychotic_features: bool | None = None
    """No psychotic features."""
    no_bipolar: bool | None = None
    """No bipolar disorder."""
    answer: str | None = None
    """The clinic's answer, in words, where no structured part applies (``see the enclosed
    chart note of 2026-11-09``)."""

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("plan.criteria: text must state the criterion in the plan's words")
        for name in ("min_agents", "min_classes", "min_weeks", "min_age"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"plan.criteria: {name} must be 0 or more, not {value}")

    @property
    def structured(self) -> bool:
        """Whether any part can be checked against the record."""
        return any(
            value is not None
            for value in (
                self.min_agents,
                self.min_classes,
                self.min_weeks,
                self.min_age,
                self.psychiatrist,
                self.rems_setting,
                self.no_psychotic_features,
                self.no_bipolar,
            )
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """The patient's health plan and what is known about its benefits."""

    __pydantic_config__ = CONFIG

    payer: str
    """The insurer or administrator, as on the card (e.g. ``Example Health``)."""
    category: PayerCategory
    """What kind of coverage: it decides which deadlines and appeal rights apply."""
    plan_type: PlanType | None = None
    """PPO, HMO, EPO, POS, HDHP, ...; unknown if left out."""
    plan_name: str | None = None
    """The plan's marketed name."""
    member_id: str | None = None
    """Member (subscriber) ID from the card."""
    group_number: str | None = None
    """Group number from the card (employer plans)."""
    group_name: str | None = None
    """The group's name as the plan keeps it, usually the employer (e.g. ``Example Corp``)."""
    grandfathered: bool | None = None
    """Whether the plan is ACA-grandfathered (then federal external review may not apply)."""
    phone_behavioral_health: str | None = None
    """The behavioral-health (mental health) benefits phone number."""
    phone_medical: str | None = None
    """The medical benefits / provider services phone number."""
    state: str | None = None
    """Two-letter state where the plan is issued (state rules and programs differ)."""
    prior_authorization_fax: str | None = None
    """Fax number for prior-authorization requests, if the plan takes them by fax."""
    appeals_address: Address | None = None
    """Where appeals go, as printed on the denial notice or the plan documents."""
    appeals_fax: str | None = None
    """Fax number for appeals, as printed on the denial notice."""
    in_network: CostShare | None = None
    """In-network cost sharing."""
    out_of_network: CostShare | None = None
    """Out-of-network cost sharing, if the plan has out-of-network benefits."""
    out_of_network_benefits: bool | None = None
    """Whether the plan pays anything out of network; unknown if left out."""
    prior_authorization_required: bool | None = None
    """Whether the plan requires prior authorization for the planned treatment (ask the plan)."""
    ketamine_infusion_covered: bool | None = None
    """What the plan said when asked whether IV ketamine is covered for this diagnosis."""
    esketamine_covered: bool | None = None
    """What the plan said when asked whether esketamine (Spravato) is covered."""
    criteria_pack: str | None = None
    """Id of the payer criteria pack to judge esketamine by (``ketacover rules`` lists them)."""
    criteria: tuple[PlanCriterion, ...] = ()
    """The plan's own criteria for the treatment, in its words (from a benefits call or its
    policy); when given they win over any criteria pack."""
    appeal_window_days: int | None = None
    """The internal-appeal filing window the plan documents state, in days, if known; used for an
    appeal deadline when the denial notice gives neither a last day nor a window of its own."""
    plan_year_start: str | None = None
    """The first day of the plan year as ``MM-DD`` (``07-01``); January 1 when left out. The
    deductible and out-of-pocket maximum start over on it."""
    payer_id: str | None = None
    """The payer's electronic payer ID (from the clearinghouse's payer list); an 837P names the
    payer by it."""
    esketamine_supply: EsketamineSupply | None = None
    """How esketamine is supplied under this plan: bought and billed by the clinic, or dispensed
    by a specialty pharmacy; ask the plan. Original Medicare bills G2082/G2083 instead."""
    follows_medicare_coding: bool | None = None
    """Medicare Advantage: whether the plan takes Medicare's esketamine codes (G2082/G2083) and
    G2212. Left out, a Medicare Advantage plan is taken to follow Medicare; other plans never."""
    prolonged_service_code: ProlongedServiceCode | None = None
    """The practitioner prolonged-service code the plan takes; left out, G2212 where Medicare
    coding applies and 99417 elsewhere."""
    timely_filing_days: int | None = None
    """The plan's claim filing limit in days after the date of service, from the provider
    contract or manual. Original Medicare's is fixed by regulation (12 months, 42 CFR 424.44)."""
    accept_assignment: bool | None = None
    """Whether the clinic accepts assignment on this plan's claims (CMS-1500 box 27): the plan
    pays the clinic and the clinic takes the allowed amount. Left out, box 27 stays blank."""
