"""What an appeal to an employer plan asks for under the ERISA claims-procedure rule.

An employer plan (fully insured or self-funded) decides appeals under 29 CFR 2560.503-1, and the
appeal asks for what that rule gives the claimant (sourcebook appeals.toml):

- the claim file: free of charge, reasonable access to and copies of all documents, records and
  other information relevant to the claim ((h)(2)(iii));
- the internal rule, guideline, protocol or criterion relied on ((g)(1)(v));
- for an experimental or investigational denial, the plan's own definition of experimental or
  investigational and the scientific or clinical judgment applied ((g)(1)(v));
- a decision made in consultation with a health care professional with appropriate training and
  experience in the field of medicine involved ((h)(3)(iii)), and the names of the medical experts
  whose advice was obtained ((h)(3)(iv)).

Church and governmental plans are not ERISA plans; ketacover files them under ``other``, where no
such request is made.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.evidence import condition_of
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph
from ketacover.core.model import Case, DenialReason, PayerCategory, Plan
from ketacover.core.sourcebook import cite

ERISA_PLANS: Final = frozenset(
    {PayerCategory.COMMERCIAL_FULLY_INSURED, PayerCategory.COMMERCIAL_SELF_FUNDED}
)
"""The categories that are employer plans under ERISA."""

_FILE: Final = cite("cfr-29-2560-503-1-h-2-iii").citation
_CRITERIA: Final = cite("cfr-29-2560-503-1-g-1-v").citation
_REVIEWER: Final = cite("cfr-29-2560-503-1-h-3-iii").citation
_EXPERTS: Final = cite("cfr-29-2560-503-1-h-3-iv").citation


def is_erisa(plan: Plan) -> bool:
    """Whether the plan is a private employer plan under ERISA (fully insured or self-funded)."""
    return plan.category in ERISA_PLANS


def field_of(case: Case) -> str:
    """The field of medicine involved: pain medicine for a pain case, else psychiatry."""
    return "pain medicine" if condition_of(case) == "pain" else "psychiatry"


def erisa_requests(plan: Plan, reason: DenialReason, field: str) -> list[str]:
    """The requests an appeal to an ERISA plan makes; empty for other plans."""
    if not is_erisa(plan):
        return []
    requests = [
        "the claim file: free of charge, copies of all documents, records and other "
        f"information relevant to the claim ({_FILE});",
        "the internal rule, guideline, protocol or criterion the plan relied on in denying the "
        f"claim ({_CRITERIA});",
    ]
    if reason is DenialReason.EXPERIMENTAL_INVESTIGATIONAL:
        requests.append(
            "the plan's definition of experimental or investigational, as its plan documents "
            "state it, and the scientific or clinical judgment applied to this patient "
            f"({_CRITERIA});"
        )
    requests += [
        "a decision on this appeal made in consultation with a health care professional who has "
        "appropriate training and experience in the field of medicine involved, here "
        f"{field} ({_REVIEWER});",
        "the names of the medical experts whose advice the plan obtained on this claim "
        f"({_EXPERTS}).",
    ]
    return requests


def erisa_blocks(case: Case, plan: Plan, reason: DenialReason) -> list[Block]:
    """The ERISA requests as a section of the appeal; empty for other plans."""
    requests = erisa_requests(plan, reason, field_of(case))
    if not requests:
        return []
    return [
        Heading("Requests under the claims-procedure rule"),
        Paragraph("Under the ERISA claims-procedure rule I ask the plan for:"),
        Bullets(tuple(requests)),
    ]
