"""The Advance Beneficiary Notice of Noncoverage (ABN, form CMS-R-131) filled from a case, and
the liability modifier it puts on the claim lines it covers.

When the notice applies. An ABN is given to an Original Medicare patient before an item or
service Medicare may deny as not reasonable and necessary (CMS ABN form instructions; Medicare
Claims Processing Manual ch. 30 section 50; sourcebook cms-abn-form-instructions and
cms-claims-manual-ch30-50). Here that is IV or IM ketamine: off-label for a mood disorder, so
the contractor may deny it. Esketamine is covered under Medicare's G2082/G2083 when its criteria
are met, so it normally needs no notice. Medicare Advantage plans decide before the service
(prior authorization) and do not use the ABN.

Which lines. The notice names the ketamine itself and its administration (J3490 with its NDC,
96365/96366 or 96372); the separately identifiable office visit is a covered service and is not
on it.

The modifier (sourcebook palmetto-abn-modifiers, noridian-modifier-ga, cms-mm6563-gx):

- **GA**: denial expected as not reasonable and necessary, and a signed ABN is on file: the
  patient chose option 1 (bill Medicare) on or before the date of service. The patient is liable
  if Medicare denies.
- **GZ**: denial expected and no signed ABN for the service: the line is denied automatically
  and the clinic is liable.
- Option 2 (do not bill Medicare): the patient asked in writing that Medicare not be billed, so
  the covered lines are left off the claim (mandatory claim submission does not apply to them;
  Medicare Benefit Policy Manual ch. 15 section 40, sourcebook ssa-1848-g-4-mandatory-claims).
- **GX** is for a notice given voluntarily for a service Medicare never covers by statute (with
  GY); ketamine is not statutorily excluded, so ketacover never uses it. GA, GY and GZ never go
  together on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from ketacover.core.billing.coding import code_session
from ketacover.core.billing.fees import FeeSchedule
from ketacover.core.billing.lines import CodedLine, LineKind
from ketacover.core.billing.regime import regime
from ketacover.core.codes import procedures
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.model import (
    AbnOption,
    Address,
    Case,
    PayerCategory,
    Session,
    Treatment,
    cents,
)

__all__ = [
    "DOCUMENT",
    "AbnItem",
    "AbnNotice",
    "abn_applies",
    "compose",
    "covered_line",
    "liability_modifier",
]

DOCUMENT: Final = "Advance Beneficiary Notice (ABN)"
ABN_TREATMENTS: Final = frozenset({Treatment.IV_KETAMINE, Treatment.IM_KETAMINE})
"""Treatments Original Medicare may deny as not reasonable and necessary (off-label ketamine)."""
COVERED_KINDS: Final = frozenset({LineKind.DRUG, LineKind.ADMINISTRATION})
"""The lines a ketamine notice covers: the drug and its administration, not the office visit."""

REASON: Final = (
    "Medicare pays only for services it finds reasonable and necessary for your condition. "
    "Ketamine given into a vein or muscle is not approved by the FDA for depression or other "
    "mood disorders, and Medicare may decide it is not reasonable and necessary for you."
)
"""Blank E: why Medicare may not pay, in words the patient understands."""


@dataclass(frozen=True, slots=True)
class AbnItem:
    """One row of blanks D and F: the service, its code and what it is expected to cost."""

    code: str
    label: str
    detail: str
    units: int
    charge: Decimal
    drug: bool
    """The line bills the drug itself (its detail names the product and dose)."""


@dataclass(frozen=True, slots=True)
class AbnNotice:
    """The entries of form CMS-R-131 the notifier fills before delivery (blanks A to F and H);
    the option (G), signature (I) and date (J) stay blank for the patient."""

    notifier: str
    """A: the clinic's name."""
    notifier_address: tuple[str, ...]
    notifier_phone: str
    patient_name: str
    """B."""
    identification: str
    """C: the clinic's own number for the patient (optional; never the Medicare number)."""
    service: str
    """D: the header word naming what the notice is about, repeated in the options."""
    items: tuple[AbnItem, ...]
    per_session: Decimal
    """F: the estimated cost of one session (the sum of the items)."""
    sessions: int
    course: Decimal
    """F: the estimated cost of the planned sessions."""
    reason: str
    """E."""
    additional: tuple[str, ...]
    """H: additional information."""


def abn_applies(case: Case) -> bool:
    """Whether the case's planned treatment calls for an ABN: Original Medicare and ketamine."""
    plan, treatment = case.plan, case.treatment_plan
    return (
        plan is not None
        and plan.category is PayerCategory.MEDICARE
        and treatment is not None
        and treatment.treatment in ABN_TREATMENTS
    )


def covered_line(case: Case, session: Session, line: CodedLine) -> bool:
    """Whether ``line`` of ``session`` is a service an ABN for ``case`` covers."""
    return (
        case.plan is not None
        and case.plan.category is PayerCategory.MEDICARE
        and session.treatment in ABN_TREATMENTS
        and line.kind in COVERED_KINDS
    )


def liability_modifier(case: Case, session: Session) -> str | None:
    """``GA`` (signed notice, option 1, on or before the date of service), ``GZ`` (no signed
    notice) or ``None`` (option 2: the line is not billed to Medicare at all). Only for lines
    :func:`covered_line` accepts."""
    notice = case.abn
    applies = (
        notice is not None
        and notice.signed <= session.on
        and (notice.treatment or _planned(case)) is session.treatment
    )
    if not applies or notice is None:
        return "GZ"
    if notice.option is AbnOption.BILL_MEDICARE:
        return "GA"
    if notice.option is AbnOption.DO_NOT_BILL:
        return None
    return "GZ"


def compose(case: Case) -> AbnNotice:
    """The notice for the case's planned treatment, priced from the clinic's fee schedule with
    the claim's own coding of one planned session; raises :class:`MissingFactsError` listing
    every gap, or :class:`KetacoverError` when no notice applies."""
    if not abn_applies(case):
        raise KetacoverError(
            "the ABN is not written: it is for Original Medicare patients before IV or IM "
            "ketamine, which Medicare may deny as not reasonable and necessary"
        )
    plan = case.treatment_plan
    assert plan is not None
    missing: dict[str, None] = {}
    clinic = case.clinic
    if clinic is None:
        missing["clinic: the notifier (name, address and phone, blank A)"] = None
    else:
        if clinic.address is None:
            missing["clinic.address: the notifier's address (blank A)"] = None
        if not clinic.phone:
            missing["clinic.phone: the notifier's phone number (blank A)"] = None
    if plan.dose_mg is None and plan.treatment is not Treatment.IM_KETAMINE:
        missing["treatment_plan.dose_mg: the planned dose prices the drug line (blank F)"] = None
    if plan.treatment is Treatment.IV_KETAMINE and not plan.infusion_minutes:
        missing[
            "treatment_plan.infusion_minutes: the planned minutes choose the infusion codes "
            "(blank F)"
        ] = None
    if plan.dose_mg is None and plan.treatment is Treatment.IM_KETAMINE:
        missing["treatment_plan.dose_mg: the planned dose prices the drug line (blank F)"] = None
    items: list[AbnItem] = []
    if not missing:
        items = _items(case, missing)
    if missing:
        raise MissingFactsError(DOCUMENT, list(missing))
    assert clinic is not None
    assert clinic.address is not None
    assert clinic.phone
    per_session = cents(sum((item.charge for item in items), Decimal("0")))
    return AbnNotice(
        notifier=clinic.name,
        notifier_address=_address_lines(clinic.address),
        notifier_phone=clinic.phone,
        patient_name=case.patient.full_name,
        identification=case.id,
        service=f"{plan.treatment.label} treatment",
        items=tuple(items),
        per_session=per_session,
        sessions=plan.sessions,
        course=cents(per_session * plan.sessions),
        reason=REASON,
        additional=_additional(case),
    )


def _items(case: Case, missing: dict[str, None]) -> list[AbnItem]:
    """One planned session coded as its claim would be, keeping the lines the notice covers."""
    plan = case.treatment_plan
    assert plan is not None
    session = Session(
        on=plan.start or date.min,
        treatment=plan.treatment,
        minutes=plan.infusion_minutes,
        dose_mg=None if plan.dose_mg is None else Decimal(plan.dose_mg),
    )
    coding = code_session(session, "treatment_plan", regime=regime(case.plan), plan=plan)
    missing.update(dict.fromkeys(coding.missing))
    fees = FeeSchedule(() if case.clinic is None else case.clinic.fee_schedule)
    items = []
    for line in coding.lines:
        if not covered_line(case, session, line):
            continue
        each = fees.unit_charge(line.code)
        if each is None:
            missing[f"clinic.fee_schedule: no charge for {line.code}, which blank F prices"] = None
            continue
        items.append(
            AbnItem(
                code=line.code,
                label=procedures.lookup(line.code).label,
                detail=line.detail,
                units=line.units,
                charge=cents(each * line.units),
                drug=line.kind is LineKind.DRUG,
            )
        )
    return items


def _planned(case: Case) -> Treatment | None:
    return None if case.treatment_plan is None else case.treatment_plan.treatment


def _address_lines(address: Address) -> tuple[str, ...]:
    first = address.line1 if not address.line2 else f"{address.line1}, {address.line2}"
    return (first, f"{address.city}, {address.state} {address.postal_code}")


def _additional(case: Case) -> tuple[str, ...]:
    plan = case.treatment_plan
    assert plan is not None
    lines = [
        f"This notice covers the planned course of {plan.sessions} sessions"
        + (f" starting {plan.start:%B} {plan.start.day}, {plan.start.year}." if plan.start else ".")
    ]
    lines.append(
        "The estimate is the clinic's charge for each session; an office visit billed the same "
        "day is not part of this notice."
    )
    return tuple(lines)
