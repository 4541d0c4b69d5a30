"""Which external review applies, and what an experimental/investigational review asks for.

- **Route by funding**: a fully insured employer plan, individual or Marketplace coverage goes to
  the state's external review process where it meets the NAIC model's protections; a
  self-funded ERISA plan, which state insurance law does not reach, goes to the federal process
  (29 CFR 2590.715-2719(c) and (d); 45 CFR 147.136; sourcebook appeals.toml).
- **Certification**: external review of an experimental or investigational denial asks for the
  treating physician's written certification that standard treatments have not been effective,
  would not be medically appropriate, or that no covered standard treatment is more beneficial,
  and that the treatment requested is likely to be more beneficial (NAIC Uniform Health Carrier
  External Review Model Act, section 10, as states adopt it, e.g. Iowa Code 514J.109).
"""

from __future__ import annotations

from typing import Final

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.letters.letter import Block, Bullets, Heading, Paragraph
from ketacover.core.model import Case, DenialReason, PayerCategory, Plan
from ketacover.core.sourcebook import cite

_GROUP: Final = cite("cfr-29-2590-715-2719").citation
_ACA: Final = cite("cfr-45-147-136").citation
_NAIC: Final = cite("naic-external-review-model-act").citation


_ELIGIBLE: Final = frozenset(
    {DenialReason.NOT_MEDICALLY_NECESSARY, DenialReason.EXPERIMENTAL_INVESTIGATIONAL}
)


def parallel_external_review(plan: Plan, reason: DenialReason) -> str | None:
    """For urgent care: an expedited external review can run alongside the expedited internal
    appeal (45 CFR 147.136(d)(3)); ``None`` where federal external review does not apply."""
    if (
        plan.category not in EMPLOYER_AND_INDIVIDUAL
        or plan.grandfathered
        or reason not in _ELIGIBLE
    ):
        return None
    text = (
        "an expedited external review by an independent review organization can run in parallel "
        "with this urgent internal appeal, and is decided no more than 72 hours after the reviewer "
        f"receives the request ({auth.ACA_EXTERNAL_EXPEDITED.citation})."
    )
    if plan.grandfathered is None:
        return f"If the plan is not grandfathered, {text}"
    return f"Because the plan is not grandfathered, {text}"


def route_sentence(plan: Plan) -> str:
    """Which external review process the plan's funding points to."""
    where = f" ({plan.state})" if plan.state else ""
    if plan.category is PayerCategory.COMMERCIAL_SELF_FUNDED:
        return (
            "The plan is a self-funded employer plan, which state insurance law does not reach, "
            f"so the federal external review process applies ({_GROUP}, paragraph (d)); the "
            "plan's notice names the independent review organization or how one is assigned."
        )
    if plan.category is PayerCategory.COMMERCIAL_FULLY_INSURED:
        return (
            "The plan is a fully insured employer plan, so the external review process of the "
            f"state where the coverage is issued{where} applies where it meets the federal minimum "
            f"({_GROUP}, paragraph (c)); otherwise the federal process does. The final notice "
            "says where the request is filed."
        )
    return (
        "Individual and Marketplace coverage goes to the external review process of the state "
        f"where the coverage is issued{where} where it meets the federal minimum, otherwise to "
        f"the federal process ({_ACA})."
    )


def certification_blocks(case: Case) -> list[Block]:
    """The treating physician's certification an experimental/investigational external review
    asks for, to be signed by the prescriber."""
    name = case.patient.full_name
    prescriber = case.prescriber.name if case.prescriber is not None else "the treating physician"
    return [
        Heading("Treating physician's certification"),
        Paragraph(
            "External review of an experimental or investigational denial asks for the treating "
            f"physician's written certification ({_NAIC}, as the state's law adopts it). By "
            "signing this "
            f"request, {prescriber} certifies for {name} that:"
        ),
        Bullets(
            (
                "standard health care services or treatments have not been effective in "
                "improving the patient's condition, or are not medically appropriate for the "
                "patient, or no available standard service covered by the plan is more "
                "beneficial than the treatment requested; and",
                "the treatment requested is likely to be more beneficial to the patient than "
                "any available standard health care services or treatments, as the treatment "
                "history and the studies cited in this request show.",
            )
        ),
    ]
