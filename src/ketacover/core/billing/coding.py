"""Session coding: the service lines one session bills, from what was given and documented, the
plan's coding choices (:mod:`ketacover.core.billing.regime`) and the date of service.

- **Esketamine, Medicare coding**: G2082 (up to 56 mg) or G2083 (more than 56 mg), one unit,
  which include the drug and the observation, so no J0013 and no prolonged-service codes (CMS
  HCPCS descriptors; The Rybar Group, "Coding Conundrum: SPRAVATO, Part 2").
- **Esketamine, other plans**: the drug when the clinic buys and bills it, J0013 (S0013 through
  2025-12-31) in 1 mg units, so 56 or 84 units (UnitedHealthcare policy 2026D0069P; Premera
  5.01.609); no drug line when a specialty pharmacy dispensed it. The monitoring as prolonged
  practitioner or clinical-staff time, from the documented minutes only
  (:mod:`ketacover.core.billing.timed`); these are add-ons to a documented E/M.
- **IV ketamine**: J3490 x 1 with the NDC, unit ``ML`` and the millilitres given (the dose over
  the product's strength) (BCBS Massachusetts 2023-08-21; QualChoice BI641; X12 RFI 2151); then
  96365 for the first hour and 96366 for each further hour that runs more than 30 minutes
  (:func:`ketacover.core.codes.procedures.infusion_units`).
- **IM ketamine**: J3490 and 96372.
- **E/M**: the documented office visit. With a procedure on the same claim (G2082/G2083, an
  infusion or an injection) it is billed only when the record shows it separately identifiable,
  and then with modifier 25 (CMS NCCI Policy Manual, ch. XI; modifier 25 descriptor).
- **Psychotherapy with the E/M**: 90833 (16-37 minutes), 90836 (38-52) or 90838 (53 or more)
  (CPT time rule; :func:`ketacover.core.codes.procedures.psychotherapy_addon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

from ketacover.core.billing.lines import CodedLine, Drug, LineKind
from ketacover.core.billing.regime import Regime
from ketacover.core.billing.timed import practitioner_units, staff_units
from ketacover.core.codes import ndc as ndc_codes
from ketacover.core.codes import procedures
from ketacover.core.errors import InvalidCodeError
from ketacover.core.model import EsketamineSupply, Session, Treatment, TreatmentPlan

__all__ = ["DEVICE_MG", "G_CODE_MAX_MG", "Coding", "code_session"]

G_CODE_MAX_MG: Final = 56
"""G2082 covers up to 56 mg of esketamine; more is G2083."""
DEVICE_MG: Final = 28
"""Each esketamine nasal spray device holds 28 mg, so doses are 28, 56 or 84 mg (label)."""
PROCEDURES: Final = frozenset({"G2082", "G2083", "96365", "96374", "96372"})
"""Codes that make a same-day E/M need to be separately identifiable (modifier 25)."""
_STRENGTH: Final = re.compile(r"\s*(\d+(?:\.\d+)?)\s*mg\s*/\s*(\d+(?:\.\d+)?)?\s*ml\s*", re.I)
_QUANTITY: Final = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class Coding:
    """The lines of one session, what is missing to code it, and notes for the reader."""

    lines: tuple[CodedLine, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]


def code_session(
    session: Session, where: str, *, regime: Regime, plan: TreatmentPlan | None
) -> Coding:
    """Code ``session`` (found at ``where`` in the case file, e.g. ``sessions[2]``).

    ``plan`` is the treatment plan, whose NDC and strength identify the ketamine product.
    Facts the coding needs and lacks come back in ``missing`` (each ``path: why``); facts that
    contradict the rules (an esketamine dose not made of 28 mg devices) raise
    :class:`~ketacover.core.errors.InvalidCodeError` naming the field.
    """
    missing: list[str] = []
    notes: list[str] = []
    if session.treatment is Treatment.ESKETAMINE:
        lines = _esketamine(session, where, regime, missing, notes)
    else:
        lines = _ketamine(session, where, plan, missing)
    lines = _with_visit(session, where, lines, regime, missing, notes)
    return Coding(lines=tuple(lines), missing=tuple(missing), notes=tuple(notes))


def _esketamine(
    session: Session, where: str, regime: Regime, missing: list[str], notes: list[str]
) -> list[CodedLine]:
    dose = session.dose_mg
    if dose is None:
        missing.append(f"{where}.dose_mg: the esketamine lines depend on the dose given")
        return []
    if dose <= 0 or dose % DEVICE_MG:
        raise InvalidCodeError(
            f"{where}.dose_mg: {dose.normalize():f} mg is not a whole number of 28 mg esketamine "
            "devices (56 or 84 mg), so no code's units follow from it"
        )
    mg = int(dose)
    if regime.medicare_codes:
        code = "G2083" if mg > G_CODE_MAX_MG else "G2082"
        detail = f"esketamine {mg} mg self-administered, with 2 hours of observation"
        return [CodedLine(code, 1, LineKind.DRUG, detail)]
    lines: list[CodedLine] = []
    if regime.supply is None:
        missing.append(
            "plan.esketamine_supply: whether the clinic buys and bills esketamine or a specialty "
            "pharmacy dispenses it decides whether the drug is on the claim (ask the plan)"
        )
    elif regime.supply is EsketamineSupply.BUY_AND_BILL:
        code = procedures.esketamine_drug_code(session.on)
        lines.append(CodedLine(code, mg, LineKind.DRUG, f"esketamine {mg} mg, 1 mg per unit"))
    else:
        notes.append(
            "Esketamine was dispensed by a specialty pharmacy, which bills it; the clinic's "
            "claim carries only its own services."
        )
    if session.em_code is None:
        if session.staff_minutes or session.em_minutes:
            notes.append(
                f"{session.on.isoformat()}: prolonged-service time is an add-on to an E/M visit, "
                "and none is documented, so it is not billed."
            )
        return lines
    return lines + _prolonged(session, regime, notes)


def _prolonged(session: Session, regime: Regime, notes: list[str]) -> list[CodedLine]:
    em = (session.em_code or "").strip()
    if session.em_minutes is not None:
        units = practitioner_units(regime.prolonged_code, em, session.em_minutes)
        if units:
            code = regime.prolonged_code.value
            detail = f"{session.em_minutes} minutes of practitioner time with {em}"
            return [CodedLine(code, units, LineKind.MONITORING, detail)]
    if session.staff_minutes is None:
        return []
    found = staff_units(session.staff_minutes)
    if not found and session.minutes:
        notes.append(
            f"{session.on.isoformat()}: {session.staff_minutes} minutes of documented "
            "clinical-staff time beyond the visit's typical time bill no prolonged service; the "
            f"{session.minutes}-minute wait does not count."
        )
    detail = f"{session.staff_minutes} minutes of face-to-face clinical-staff time"
    return [CodedLine(code, units, LineKind.MONITORING, detail) for code, units in found]


def _ketamine(
    session: Session, where: str, plan: TreatmentPlan | None, missing: list[str]
) -> list[CodedLine]:
    drug = _ketamine_drug(session, where, plan, missing)
    lines = []
    if drug is not None:
        lines.append(CodedLine("J3490", 1, LineKind.DRUG, drug.description, drug=drug))
    if session.treatment is Treatment.IM_KETAMINE:
        lines.append(CodedLine("96372", 1, LineKind.ADMINISTRATION, "ketamine into a muscle"))
        return lines
    if session.minutes is None or session.minutes <= 0:
        missing.append(f"{where}.minutes: the infusion minutes decide the administration codes")
        return lines
    detail = f"{session.minutes} minutes of infusion"
    lines.extend(
        CodedLine(code, units, LineKind.ADMINISTRATION, detail)
        for code, units in procedures.infusion_units(session.minutes)
    )
    return lines


def _ketamine_drug(
    session: Session, where: str, plan: TreatmentPlan | None, missing: list[str]
) -> Drug | None:
    if session.dose_mg is None:
        missing.append(f"{where}.dose_mg: the J3490 line states the dose given")
    if plan is None or not plan.ndc:
        missing.append("treatment_plan.ndc: a J3490 line carries the ketamine product's NDC")
    per_ml = None if plan is None or not plan.strength else _mg_per_ml(plan.strength)
    if per_ml is None:
        missing.append(
            "treatment_plan.strength: the product's strength in mg/mL (e.g. 50 mg/mL) turns the "
            "dose into the millilitres the NDC quantity states"
        )
    if session.dose_mg is None or plan is None or not plan.ndc or per_ml is None:
        return None
    try:
        ndc = ndc_codes.normalize(plan.ndc)
    except InvalidCodeError as error:
        raise InvalidCodeError(f"treatment_plan.ndc: {error}") from None
    quantity = (session.dose_mg / per_ml).quantize(_QUANTITY).normalize()
    mg = f"{session.dose_mg.normalize():f}"
    description = (
        f"ketamine {plan.strength}, {mg} mg given ({quantity:f} mL), NDC {ndc_codes.format(ndc)}"
    )
    return Drug(ndc=ndc, unit="ML", quantity=quantity, description=description)


def _mg_per_ml(strength: str) -> Decimal | None:
    match = _STRENGTH.fullmatch(strength)
    if match is None:
        return None
    try:
        mg, ml = Decimal(match.group(1)), Decimal(match.group(2) or "1")
    except InvalidOperation:
        return None
    return mg / ml if mg > 0 and ml > 0 else None


def _with_visit(
    session: Session,
    where: str,
    lines: list[CodedLine],
    regime: Regime,
    missing: list[str],
    notes: list[str],
) -> list[CodedLine]:
    """The E/M (and its psychotherapy add-on) before the other lines, when documented."""
    em = None if session.em_code is None else session.em_code.strip()
    if em is None:
        if session.therapy_minutes:
            notes.append(
                f"{session.on.isoformat()}: psychotherapy with an E/M (90833/90836/90838) needs "
                "a documented E/M visit, and none is documented, so it is not billed."
            )
        return lines
    modifiers: tuple[str, ...] = ()
    if any(line.code in PROCEDURES for line in lines):
        separate = session.em_separately_identifiable
        if separate is None:
            missing.append(
                f"{where}.em_separately_identifiable: an E/M on the day of "
                f"{'the esketamine service' if regime.medicare_codes else 'the infusion'} is "
                "billed only when the record shows it separately identifiable (modifier 25)"
            )
            return lines
        if not separate:
            notes.append(
                f"{session.on.isoformat()}: the E/M visit is part of the day's procedure, as "
                "documented, so it is not billed separately."
            )
            return lines
        modifiers = ("25",)
    visit = [CodedLine(em, 1, LineKind.VISIT, "documented office visit", modifiers)]
    therapy = session.therapy_minutes
    if therapy:
        addon = procedures.psychotherapy_addon(therapy)
        if addon is None:
            notes.append(
                f"{session.on.isoformat()}: {therapy} minutes of psychotherapy are fewer than the "
                "16 an add-on needs, so none is billed."
            )
        else:
            detail = f"{therapy} minutes of psychotherapy with the visit"
            visit.append(CodedLine(addon, 1, LineKind.PSYCHOTHERAPY, detail))
    drug_first = [line for line in lines if line.kind is LineKind.DRUG]
    rest = [line for line in lines if line.kind is not LineKind.DRUG]
    return drug_first + visit + rest
