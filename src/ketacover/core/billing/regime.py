"""Which coding rules a plan's claims follow: Medicare's esketamine codes or the drug and visit
codes, how esketamine is supplied, and which prolonged-service code the plan takes.

- Original Medicare bills esketamine sessions as G2082 (up to 56 mg) or G2083 (more than 56 mg),
  which include the drug and two hours of observation (CMS HCPCS G2082/G2083 descriptors;
  CY 2020 physician fee schedule). A Medicare Advantage plan follows Medicare coding unless the
  plan says otherwise (``plan.follows_medicare_coding``).
- Other plans take the drug code (J0013 per 1 mg; S0013 for dates of service through
  2025-12-31) when the clinic buys and bills the drug, and no drug line when a specialty
  pharmacy dispenses it (spravatohcp.com, payer coverage and reimbursement).
- Practitioner prolonged time is G2212 for Medicare and 99417 for most other plans (CMS
  CY 2021 PFS final rule; CPT); a plan can say which (``plan.prolonged_service_code``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ketacover.core.model import (
    EsketamineSupply,
    PayerCategory,
    Plan,
    ProlongedServiceCode,
)

__all__ = ["Regime", "regime"]


@dataclass(frozen=True, slots=True)
class Regime:
    """The coding choices a claim to one plan follows."""

    medicare_codes: bool
    """Esketamine as G2082/G2083 (drug and observation included)."""
    supply: EsketamineSupply | None
    """How esketamine is supplied, when the plan says; needed only outside Medicare coding."""
    prolonged_code: ProlongedServiceCode
    """The practitioner prolonged-service code."""
    self_pay: bool
    """No plan: the clinic supplies everything and bills the patient."""


def regime(plan: Plan | None) -> Regime:
    """The coding choices for claims to ``plan`` (``None``: a self-pay patient)."""
    if plan is None:
        return Regime(
            medicare_codes=False,
            supply=EsketamineSupply.BUY_AND_BILL,
            prolonged_code=ProlongedServiceCode.CPT_99417,
            self_pay=True,
        )
    if plan.category is PayerCategory.MEDICARE:
        medicare = True
    elif plan.category is PayerCategory.MEDICARE_ADVANTAGE:
        medicare = plan.follows_medicare_coding is not False
    else:
        medicare = False
    default = ProlongedServiceCode.G2212 if medicare else ProlongedServiceCode.CPT_99417
    return Regime(
        medicare_codes=medicare,
        supply=plan.esketamine_supply,
        prolonged_code=plan.prolonged_service_code or default,
        self_pay=False,
    )
