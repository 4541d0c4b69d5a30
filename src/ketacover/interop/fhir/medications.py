"""Medication records to :class:`~ketacover.core.fills.Fill` records for trial inference.

- MedicationRequest (an order): starts on ``authoredOn`` (else ``dispenseRequest.validityPeriod``'s
  start). Its supply is ``dispenseRequest.expectedSupplyDuration``, else the ``quantity`` over
  the units a day its dosage states (30 tablets, 1 tablet a day: 30 days). The order covers the
  first supply and each of ``numberOfRepeatsAllowed`` refills (FHIR R4: repeats "in addition to
  the original dispense"), each taken as dispensed when the one before runs out, and none after
  ``validityPeriod`` ends. When MedicationDispense records
  in the bundle name the order (``authorizingPrescription``), the dispenses show the refills
  actually filled and the order counts for its first supply only. ``statusReason`` (a stopped
  order) is kept as why it stopped.
- MedicationStatement (taken, as reported): ``effectivePeriod`` (or ``effectiveDateTime``); its
  ``statusReason`` ("no meaningful improvement") is kept as why the drug stopped; the outcome
  itself is left for the clinician.
- MedicationDispense (a fill): ``whenHandedOver`` (else ``whenPrepared``) and ``daysSupply``.
- ExplanationOfBenefit of type pharmacy, as a patient downloads it from an insurer's Patient
  Access API (CARIN Blue Button style): each item's ``productOrService``, ``servicedDate`` (else
  the billable period's start), ``quantity``, and the ``dayssupply`` supporting information.

The drug is named by ``medicationCodeableConcept`` (or a referenced Medication, in the bundle or
contained in the record): its text or a coding display, read by
:func:`~ketacover.core.codes.antidepressants.normalize_name`. Drugs that are neither
antidepressants nor augmenting agents in that table are skipped. RxNorm and NDC codes are kept
with the record id in the trial's sources. The dose comes from ``dosage``/``dosageInstruction``
(:mod:`ketacover.interop.fhir.dosage`) or, for a fill, from one strength in mg in the product's
name times the quantity over the days' supply (tablets or capsules).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Final

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.explanationofbenefit import ExplanationOfBenefit
from fhir.resources.R4B.medication import Medication
from fhir.resources.R4B.medicationdispense import MedicationDispense
from fhir.resources.R4B.medicationrequest import MedicationRequest
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.reference import Reference

from ketacover.core.codes import antidepressants
from ketacover.core.fills import Fill, FillKind
from ketacover.interop.casefile.checks import EARLIEST, LATEST
from ketacover.interop.fhir.bundle import Entry
from ketacover.interop.fhir.dosage import daily_dose, dose_words, fill_dose, units_per_day
from ketacover.interop.fhir.references import References
from ketacover.interop.fhir.report import Log
from ketacover.interop.fhir.values import NDC, RXNORM, codes, day, days, number, texts, words

DAYS_SUPPLY: Final = (
    "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType",
    "dayssupply",
)
"""The CARIN Blue Button supporting-information category that carries the days' supply."""
CLAIM_TYPE: Final = "http://terminology.hl7.org/CodeSystem/claim-type"
"""The system of ``ExplanationOfBenefit.type``; ``pharmacy`` marks a pharmacy claim."""

_REQUEST_SKIP: Final = frozenset({"entered-in-error", "cancelled", "draft"})
_ORDERS: Final = frozenset(
    {"order", "original-order", "reflex-order", "filler-order", "instance-order"}
)
_STATEMENT_SKIP: Final = frozenset({"entered-in-error", "not-taken", "intended"})
_DISPENSED: Final = frozenset({"completed", "unknown"})
_CLAIM_SKIP: Final = frozenset({"entered-in-error", "cancelled"})
MEDICATION_TYPES: Final = frozenset(
    {"MedicationRequest", "MedicationStatement", "MedicationDispense", "ExplanationOfBenefit"}
)
"""The resource types this module reads."""


def fills(entries: tuple[Entry, ...], index: References, log: Log) -> list[Fill]:
    """Every antidepressant or augmenting-agent record in the bundle, as fills."""
    dispensed = _dispensed_orders(entries, index)
    found: list[Fill] = []
    for entry in entries:
        resource = entry.resource
        if isinstance(resource, ExplanationOfBenefit):
            found += _claim(entry, resource, log)
        elif isinstance(resource, MedicationDispense):
            found += _dispense(entry, resource, index, log)
        elif isinstance(resource, MedicationRequest):
            found += _request(entry, resource, index, log, id(resource) in dispensed)
        elif isinstance(resource, MedicationStatement):
            found += _statement(entry, resource, index, log)
    return found


def _dispensed_orders(entries: tuple[Entry, ...], index: References) -> set[int]:
    """The orders (by object identity) a completed MedicationDispense in the bundle names."""
    found: set[int] = set()
    for entry in entries:
        resource = entry.resource
        if isinstance(resource, MedicationDispense) and resource.status in _DISPENSED:
            for reference in resource.authorizingPrescription or ():
                order = index.resolve(reference, entry)
                if isinstance(order, MedicationRequest):
                    found.add(id(order))
    return found


def _request(
    entry: Entry, request: MedicationRequest, index: References, log: Log, dispensed: bool
) -> Iterator[Fill]:
    if request.status in _REQUEST_SKIP:
        log.skip(entry, f"its status is {request.status}")
        return
    if request.intent not in _ORDERS:
        log.skip(entry, f"its intent is {request.intent}, not an order")
        return
    order = request.dispenseRequest
    validity = order.validityPeriod if order else None
    start = day(request.authoredOn) or (day(validity.start) if validity else None)
    supply = days(order.expectedSupplyDuration) if order else None
    if supply is None and order is not None and order.quantity is not None:
        per_day = units_per_day(request.dosageInstruction, order.quantity)
        amount = number(order.quantity.value)
        if per_day and amount and amount > 0 and amount / per_day >= 1:
            supply = int(amount / per_day)
    repeats = order.numberOfRepeatsAllowed if order and not dispensed else None
    covered = supply
    if supply is not None and repeats:
        supplies = 1 + min(repeats, 99)
        last = day(validity.end) if validity else None
        if start is not None and last is not None:
            supplies = min(supplies, max(0, (last - start).days) // supply + 1)
        covered = supply * supplies
    dose = daily_dose(request.dosageInstruction)
    drug = _drug(request.medicationCodeableConcept, request.medicationReference, index, entry)
    for fill in _one(entry, log, drug, start, covered, dose, FillKind.PRESCRIPTION):
        if repeats:
            log.refills[fill.source_id] = repeats
        yield _worded(fill, dose, dose_words(request.dosageInstruction), _reason(request))


def _reason(request: MedicationRequest) -> str | None:
    if request.status not in ("stopped", "on-hold", "completed"):
        return None
    return next(iter(texts(request.statusReason)), None)


def _statement(
    entry: Entry, statement: MedicationStatement, index: References, log: Log
) -> Iterator[Fill]:
    if statement.status in _STATEMENT_SKIP:
        log.skip(entry, f"its status is {statement.status}")
        return
    period = statement.effectivePeriod
    start = day(period.start) if period else day(statement.effectiveDateTime)
    end = day(period.end) if period else None
    length = (end - start).days + 1 if start is not None and end is not None else None
    dose = daily_dose(statement.dosage)
    reason = next(
        (text for concept in statement.statusReason or () for text in texts(concept)), None
    )
    drug = _drug(statement.medicationCodeableConcept, statement.medicationReference, index, entry)
    for fill in _one(
        entry,
        log,
        drug,
        start,
        length if length is None or length > 0 else None,
        dose,
        FillKind.STATEMENT,
    ):
        yield _worded(fill, dose, dose_words(statement.dosage), reason)


def _dispense(
    entry: Entry, dispense: MedicationDispense, index: References, log: Log
) -> Iterator[Fill]:
    if dispense.status not in _DISPENSED:
        log.skip(entry, f"its status is {dispense.status}, not completed")
        return
    drug = _drug(dispense.medicationCodeableConcept, dispense.medicationReference, index, entry)
    supply = days(dispense.daysSupply)
    quantity = number(dispense.quantity.value) if dispense.quantity else None
    dose = daily_dose(dispense.dosageInstruction) or fill_dose(drug[1], quantity, supply)
    on = day(dispense.whenHandedOver) or day(dispense.whenPrepared)
    for fill in _one(entry, log, drug, on, supply, dose, FillKind.FILL):
        yield _worded(fill, dose, dose_words(dispense.dosageInstruction), None)


def _worded(fill: Fill, dose: Decimal | None, text: str | None, note: str | None) -> Fill:
    """``fill`` with the dose as worded (when no mg dose was read) and why it stopped."""
    if (dose is not None or text is None) and note is None:
        return fill
    return Fill(
        ingredient=fill.ingredient,
        on=fill.on,
        days_supply=fill.days_supply,
        dose_mg_per_day=fill.dose_mg_per_day,
        source_id=fill.source_id,
        kind=fill.kind,
        dose_text=text if dose is None else None,
        note=words(note),
    )


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
        drug = _drug(item.productOrService, None, None, entry)
        quantity = number(item.quantity.value) if item.quantity else None
        on = (
            day(item.servicedDate)
            or (day(item.servicedPeriod.start) if item.servicedPeriod else None)
            or period_start
        )
        source = entry.source_id + (f"#item{item.sequence}" if len(items) > 1 else "")
        here = Entry(entry.index, entry.resource_type, source, entry.resource)
        yield from _one(
            here, log, drug, on, supply, fill_dose(drug[1], quantity, supply), FillKind.FILL
        )


_Drug = tuple[str | None, str, str]
"""The generic name (or None), the text it was read from, and the code detail for sources."""


def _drug(
    concept: CodeableConcept | None,
    reference: Reference | None,
    index: References | None,
    entry: Entry,
) -> _Drug:
    if concept is None and reference is not None and index is not None:
        target = index.resolve(reference, entry)
        if isinstance(target, Medication):
            concept = target.code
    named = texts(concept)
    generic = next((name for text in named if (name := antidepressants.normalize_name(text))), None)
    detail = [f"RxNorm {code}" for code in codes(concept, RXNORM)]
    detail += [f"NDC {code}" for code in codes(concept, NDC)]
    return generic, (named[0] if named else ""), ", ".join(detail)


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
