"""SPRAVATO withMe, the manufacturer's support program for esketamine: what it can take off a
patient's bill, and who it leaves out.

From sourcebook esketamine.toml (Src: spravatohcp.com/patient-support unless marked):

- commercially insured patients may pay as little as $10 per treatment for the drug (up to 3
  devices on one day), with quantity limits and a yearly maximum; it does not cover observation
  (verified)
- a separate observation rebate (as little as $0 after rebate, with a yearly cap) is not valid in
  MA, MI, MN or RI (verified)
- government-insured patients (Medicare, Medicaid, etc.) are excluded (finnastra.com) (partly
  verified)
- the yearly dollar caps were not found, and terms can change at any time (unverified)

No cap is ever put in a number here: the program appears only as notes.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Final

from ketacover.core.costs.amounts import usd
from ketacover.core.model import PayerCategory
from ketacover.core.sourcebook import cite

DRUG_COPAY_PER_TREATMENT: Final = Decimal("10.00")
"""The least a commercially insured patient may pay for the drug per treatment."""
OBSERVATION_REBATE_EXCLUDED_STATES: Final = frozenset({"MA", "MI", "MN", "RI"})
"""States where the observation rebate is not valid."""
PHONE: Final = "1-844-479-4846"
FAX: Final = "1-844-577-7282"

PROGRAM_SOURCE: Final = cite("spravato-withme")
GOVERNMENT_EXCLUSION_SOURCE: Final = cite("spravato-withme-government-plans")
CAPS_SOURCE: Final = cite("spravato-withme-caps")


class Insurance(StrEnum):
    """How a plan stands for the program's savings, which are for the commercially insured."""

    COMMERCIAL = "commercial"
    GOVERNMENT = "government"
    UNKNOWN = "unknown"


_GOVERNMENT: Final = frozenset(
    {
        PayerCategory.MEDICARE,
        PayerCategory.MEDICARE_ADVANTAGE,
        PayerCategory.MEDICAID,
        PayerCategory.MEDICAID_MANAGED_CARE,
        PayerCategory.TRICARE,
    }
)
_COMMERCIAL: Final = frozenset(
    {
        PayerCategory.COMMERCIAL_FULLY_INSURED,
        PayerCategory.COMMERCIAL_SELF_FUNDED,
        PayerCategory.MARKETPLACE_QHP,
        PayerCategory.INDIVIDUAL,
    }
)


def insurance(category: PayerCategory | None) -> Insurance:
    """Whether a payer category is commercial or government insurance (unknown otherwise)."""
    if category in _COMMERCIAL:
        return Insurance.COMMERCIAL
    if category in _GOVERNMENT:
        return Insurance.GOVERNMENT
    return Insurance.UNKNOWN


def withme_notes(
    *, category: PayerCategory | None, state: str | None, sessions: int
) -> tuple[str, ...]:
    """What the program may do for this patient, as notes with their sources.

    ``state`` is the patient's (or else the plan's) two-letter state, used for the observation
    rebate's exclusions.
    """
    kind = insurance(category)
    contact = f"Call SPRAVATO withMe at {PHONE} (fax {FAX}). Source: {PROGRAM_SOURCE}."
    if kind is Insurance.GOVERNMENT:
        return (
            "SPRAVATO withMe savings exclude government-insured patients (Medicare, Medicaid, "
            f"etc.), so they are not counted for this plan. Source: {GOVERNMENT_EXCLUSION_SOURCE}.",
        )
    notes: list[str] = []
    if kind is Insurance.UNKNOWN:
        notes.append(
            "SPRAVATO withMe savings are for commercially insured patients; government-insured "
            "patients are excluded "
            f"(source: {GOVERNMENT_EXCLUSION_SOURCE}). Ask the program whether this plan qualifies."
        )
    notes.append(
        "SPRAVATO withMe: commercially insured patients may pay as little as "
        f"{usd(DRUG_COPAY_PER_TREATMENT)} per treatment for the drug (up to 3 devices on one "
        f"day); for {sessions} sessions that is as little as "
        f"{usd(DRUG_COPAY_PER_TREATMENT * sessions)} for the drug. Quantity limits and a yearly "
        "maximum apply, and it does not cover observation. The shares above are before any "
        "program savings."
    )
    notes.append(_observation_rebate(state))
    notes.append(
        f"The program's yearly dollar caps were not found{CAPS_SOURCE.confidence.suffix}, and its "
        f"terms can change at any time. {contact}"
    )
    return tuple(notes)


def _observation_rebate(state: str | None) -> str:
    excluded = ", ".join(sorted(OBSERVATION_REBATE_EXCLUDED_STATES))
    code = None if state is None else state.strip().upper()
    if code is None:
        return (
            "A separate observation rebate (as little as $0 after rebate, with a yearly cap) is "
            f"not valid in {excluded}; the case has no state to check it against."
        )
    if code in OBSERVATION_REBATE_EXCLUDED_STATES:
        return f"The separate observation rebate is not valid in {code}, so it does not apply."
    return (
        "A separate observation rebate may bring observation to as little as $0 after rebate, "
        f"with a yearly cap (not valid in {excluded})."
    )
