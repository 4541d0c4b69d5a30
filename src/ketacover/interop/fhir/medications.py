"""Medication records to :class:`~ketacover.core.fills.Fill` records for trial inference.

- MedicationRequest (an order): ``authoredOn``, one ``expectedSupplyDuration`` (refills count only
  when dispensed), the dose from ``dosageInstruction``.
- MedicationStatement (taken, as reported): ``effectivePeriod`` (or ``effectiveDateTime``).
- MedicationDispense (a fill): ``whenHandedOver`` (else ``whenPrepared``) and ``daysSupply``.
- ExplanationOfBenefit of type pharmacy, as a patient downloads it from an insurer's Patient
  Access API (CARIN Blue Button style): each item's ``productOrService``, ``servicedDate`` (else
  the billable period's start), ``quantity``, and the ``dayssupply`` supporting information.

The drug is named by ``medicationCodeableConcept`` (or a referenced Medication): its text or a
coding display, read by :func:`~ketacover.core.codes.antidepressants.normalize_name`. Drugs that
are neither antidepressants nor augmenting agents in that table are skipped. RxNorm and NDC codes
are kept with the record id in the trial's sources. A daily dose is read when the record gives a
dose in mg with its timing, or, for a fill, from one strength in mg in the product's name times
the quantity over the days' supply (tablets or capsules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Final

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.dosage import Dosage
from fhir.resources.R4B.explanationofbenefit import ExplanationOfBenefit
from fhir.resources.R4B.medication import Medication
from fhir.resources.R4B.medicationdispense import MedicationDispense
from fhir.resources.R4B.medicationrequest import MedicationRequest
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.reference import Reference

from ketacover.core.codes import antidepressants
from ketacover.core.fills import Fill, FillKind
from ketacover.interop.casefile.checks import EARLIEST, LATEST, RANGES
from ketacover.interop.fhir.bundle import Entry
from ketacover.interop.fhir.report import Log
from ketacover.interop.fhir.values import NDC, RXNORM, codes, day, days, milligrams, number, texts

DAYS_SUPPLY: Final = (
    "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType",
    "dayssupply",
)
"""The CARIN Blue Button supporting-information category that carries the days' supply."""
CLAIM_TYPE: Final = "http://terminology.hl7.org/CodeSystem/claim-type"
"""The system of ``ExplanationOfBenefit.type``; ``pharmacy`` marks a pharmacy claim."""

_STRENGTH: Final = re.compile(r"(\d+(?:\.\d+)?)\s*mg\b(?!\s*/)", re.IGNORECASE)
_PER_DAY: Final = {"h": Decimal(24), "d": Decimal(1), "wk": Decimal(1) / 7}
_REQUEST_SKIP: Final = frozenset({"entered-in-error", "cancelled", "draft"})
_ORDERS: Final = frozenset(
    {"order", "original-order", "reflex-order", "filler-order", "instance-order"}
)
_STATEMENT_SKIP: Final = frozenset({"entered-in-error", "not-taken", "intended"})
_DISPENSED: Final = frozenset({"completed", "unknown"})
_CLAIM_SKIP: Final = frozenset({"entered-in-error", "cancelled"})
_MAX_DOSE: Final = Decimal(RANGES["dose_mg_per_day"][1])
"""The largest daily dose read, in mg, as a case file allows it; a larger figure is no dose."""
MEDICATION_TYPES: Final = frozenset(
    {"MedicationRequest", "MedicationStatement", "MedicationDispense", "ExplanationOfBenefit"}
)
"""The resource types this module reads."""


def fills(entries: tuple[Entry, ...], index: dict[str, Entry], log: Log) -> list[Fill]:
    """Every antidepressant or augmenting-agent record in the bundle, as fills."""
    found: list[Fill] = []
    for entry in entries:
        resource = entry.resource
        if isinstance(resource, ExplanationOfBenefit):
            found += _claim(entry, resource, log)
        elif isinstance(resource, MedicationDispense):
            found += _dispense(entry, resource, index, log)
        elif isinstance(resource, MedicationRequest):
            found += _request(entry, resource, index, log)
        elif isinstance(resource, MedicationStatement):
            found += _statement(entry, resource, index, log)
    return found


def _request(
    entry: Entry, request: MedicationRequest, index: dict[str, Entry], log: Log
) -> Iterator[Fill]:
    if request.status in _REQUEST_SKIP:
        log.skip(entry, f"its status is {request.status}")
        return
    if request.intent not in _ORDERS:
        log.skip(entry, f"its intent is {request.intent}, not an order")
        return
    supply = request.dispenseRequest.expectedSupplyDuration if request.dispenseRequest else None
    yield from _one(
        entry,
        log,
        _drug(request.medicationCodeableConcept, request.medicationReference, index),
        day(request.authoredOn),
        days(supply),
        _daily_dose(request.dosageInstruction),
        FillKind.PRESCRIPTION,
    )


def _statement(
    entry: Entry, statement: MedicationStatement, index: dict[str, Entry], log: Log
) -> Iterator[Fill]:
    if statement.status in _STATEMENT_SKIP:
        log.skip(entry, f"its status is {statement.status}")
        return
    period = statement.effectivePeriod
    start = day(period.start) if period else day(statement.effectiveDateTime)
    end = day(period.end) if period else None
    length = (end - start).days + 1 if start is not None and end is not None else None
    yield from _one(
        entry,
        log,
        _drug(statement.medicationCodeableConcept, statement.medicationReference, index),
        start,
        length if length is None or length > 0 else None,
        _daily_dose(statement.dosage),
        FillKind.STATEMENT,
    )


def _dispense(
    entry: Entry, dispense: MedicationDispense, index: dict[str, Entry], log: Log
) -> Iterator[Fill]:
    if dispense.status not in _DISPENSED:
        log.skip(entry, f"its status is {dispense.status}, not completed")
        return
    drug = _drug(dispense.medicationCodeableConcept, dispense.medicationReference, index)
    supply = days(dispense.daysSupply)
    quantity = number(dispense.quantity.value) if dispense.quantity else None
    dose = _daily_dose(dispense.dosageInstruction) or _fill_dose(drug[1], quantity, supply)
    on = day(dispense.whenHandedOver) or day(dispense.whenPrepared)
    yield from _one(entry, log, drug, on, supply, dose, FillKind.FILL)


def _claim(entry: Entry, claim: ExplanationOfBenefit, log: Log) -> Iterator[Fill]:
    if "pharmacy" not in codes(claim.type, CLAIM_TYPE):
        log.skip(entry, "not a pharmacy claim (only pharmacy claims show drugs filled)")
        return
    if claim.status in _CLAIM_SKIP or claim.outcome == "error":
        log.skip(
            entry, f"the claim is {claim.outcome if claim.outcome == 'error' else claim.status}"
        )
        return
    supplies = {
        info.sequence: days(info.valueQuantity)
        for info in claim.supportingInfo or ()
        if DAYS_SUPPLY[1] in codes(info.category, DAYS_SUPPLY[0])
    }
    items = list(claim.item or ())
    if not items:
        log.skip(entry, "the claim has no items")
        return
    period_start = day(claim.billablePeriod.start) if claim.billablePeriod else None
    for item in items:
        linked = [supplies[n] for n in item.informationSequence or () if n in supplies]
        supply = linked[0] if linked else (next(iter(supplies.values())) if supplies else None)
        drug = _drug(item.productOrService, None, {})
        quantity = number(item.quantity.value) if item.quantity else None
        on = (
            day(item.servicedDate)
            or (day(item.servicedPeriod.start) if item.servicedPeriod else None)
            or period_start
        )
        source = entry.source_id + (f"#item{item.sequence}" if len(items) > 1 else "")
        here = Entry(entry.index, entry.resource_type, source, entry.resource)
        yield from _one(
            here, log, drug, on, supply, _fill_dose(drug[1], quantity, supply), FillKind.FILL
        )


_Drug = tuple[str | None, str, str]
"""The generic name (or None), the text it was read from, and the code detail for sources."""


def _drug(
    concept: CodeableConcept | None, reference: Reference | None, index: dict[str, Entry]
) -> _Drug:
    if concept is None and reference is not None and reference.reference:
        target = index.get(str(reference.reference))
        if target is not None and isinstance(target.resource, Medication):
            concept = target.resource.code
    words = texts(concept)
    generic = next((name for text in words if (name := antidepressants.normalize_name(text))), None)
    detail = [f"RxNorm {code}" for code in codes(concept, RXNORM)]
    detail += [f"NDC {code}" for code in codes(concept, NDC)]
    return generic, (words[0] if words else ""), ", ".join(detail)


def _one(
    entry: Entry,
    log: Log,
    drug: _Drug,
    on: date | None,
    supply: int | None,
    dose: Decimal | None,
    kind: FillKind,
) -> Iterator[Fill]:
    generic, text, detail = drug
    if generic is None:
        named = f'"{text}"' if text else "the drug (no name, only codes)"
        log.skip(
            entry, f"{named} is not an antidepressant or augmenting agent in ketacover's table"
        )
        return
    if on is None:
        log.skip(entry, f"{generic}: no full date")
        return
    if not EARLIEST <= on <= LATEST or (supply is not None and supply > (LATEST - on).days + 1):
        log.skip(entry, f"{generic}: its dates fall outside {EARLIEST.year}-{LATEST.year}")
        return
    source = f"{entry.source_id} ({detail})" if detail else entry.source_id
    yield Fill(
        ingredient=generic,
        on=on,
        days_supply=supply,
        dose_mg_per_day=dose,
        source_id=source,
        kind=kind,
    )


def _daily_dose(dosages: list[Dosage] | None) -> Decimal | None:
    """The daily dose of the first dosage: a dose in mg times the doses a day, when stated."""
    for dosage in dosages or ():
        amount = next(
            (mg for rate in dosage.doseAndRate or () if (mg := milligrams(rate.doseQuantity))),
            None,
        )
        repeat = dosage.timing.repeat if dosage.timing else None
        if amount is None or repeat is None:
            continue
        per = _PER_DAY.get(str(repeat.periodUnit))
        period = number(repeat.period)
        period = Decimal(1) if period is None else period
        if per is None or period <= 0:
            continue
        return _tidy(amount * (repeat.frequency or 1) * per / period)
    return None


def _fill_dose(text: str, quantity: Decimal | None, supply: int | None) -> Decimal | None:
    """One strength in mg in the product name × quantity ÷ days' supply (tablet or capsule)."""
    strengths = set(_STRENGTH.findall(text))
    if len(strengths) != 1 or quantity is None or not supply or quantity <= 0:
        return None
    return _tidy(Decimal(strengths.pop()) * quantity / supply)


def _tidy(amount: Decimal) -> Decimal | None:
    """``amount`` to one decimal place, or a whole number when it is one (150, not 150.0);
    ``None`` for a figure no daily dose can be (over the case file's limit, or not finite)."""
    if not amount.is_finite() or abs(amount) > _MAX_DOSE:
        return None
    tenths = amount.quantize(Decimal("0.1"))
    return tenths.quantize(Decimal(1)) if tenths == tenths.to_integral_value() else tenths
