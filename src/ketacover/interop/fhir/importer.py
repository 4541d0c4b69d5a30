"""Importing a FHIR R4 bundle into a case: :func:`import_bundle`.

The bundle (an EHR export, or the claims history a patient downloads from an insurer's Patient
Access API) gives the patient, the plan, ICD-10-CM diagnoses, PHQ-9 and GAD-7 totals, and the
treatment trials inferred from prescriptions, fills and pharmacy claims
(:func:`ketacover.core.fills.infer_trials`). The report says what was read, what was skipped and
why, and which facts are left for a person to complete.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

from ketacover.core.errors import Problem
from ketacover.core.fills import DEFAULT_GAP_DAYS, infer_trials
from ketacover.core.model import CASE_ID_RULE, Case, is_case_id
from ketacover.interop.fhir import coverage, mapping, medications
from ketacover.interop.fhir.bundle import BundleInput, index_entries, read_bundle
from ketacover.interop.fhir.errors import FhirImportError
from ketacover.interop.fhir.report import ImportReport, InferredTrial, Log, Skipped

DEFAULT_CASE_ID: Final = "fhir-import"
"""The id of an imported case when none is given (derived from nothing personal)."""
READ_TYPES: Final = frozenset(
    {"Patient", "Coverage", "Condition", "Observation", *medications.MEDICATION_TYPES}
)
"""The resource types mapped into the case."""
REFERENCED_TYPES: Final = frozenset({"Organization", "Medication"})
"""Resource types read only when a Coverage or a medication record refers to them."""


@dataclass(frozen=True, slots=True)
class FhirImport:
    """The result of an import: a complete case and the report of how it was made."""

    case: Case
    """The case built from the bundle (outcomes and dose adequacy left for a clinician)."""
    report: ImportReport
    """What was read, skipped, inferred and left unknown."""


def import_bundle(
    data: BundleInput, *, gap_days: int = DEFAULT_GAP_DAYS, case_id: str | None = None
) -> FhirImport:
    """Build a case from the FHIR R4 bundle ``data`` (file bytes, JSON text or parsed JSON).

    ``gap_days`` is the number of days without drug after which the next fill of the same drug
    starts a new trial. Raises :class:`FhirImportError` for a bundle that cannot be read or has no
    usable Patient; records that cannot be used are skipped and reported, not fatal.
    """
    if gap_days < 0:
        raise FhirImportError([Problem("gap_days", f"{gap_days} must be 0 or more")])
    if case_id is not None and not is_case_id(case_id):
        raise FhirImportError([Problem("case_id", f"is not a usable case id ({CASE_ID_RULE})")])
    entries, empty = read_bundle(data)
    index = index_entries(entries)
    log = Log()
    patient = mapping.patient(entries, log)
    plan, recognized = coverage.plan(entries, index, log)
    diagnoses = mapping.diagnoses(entries, log)
    scores = mapping.scores(entries, log)
    trials = infer_trials(medications.fills(entries, index, log), gap_days=gap_days)
    for entry in entries:
        kind = entry.resource_type
        if kind not in READ_TYPES and kind not in REFERENCED_TYPES:
            log.skip(entry, f"ketacover does not read {kind} resources")
    skipped = [
        Skipped(source_id=f"entry[{number}]", resource_type="", reason="the entry has no resource")
        for number in empty
    ]
    if trials:
        log.note(
            "treatment_history: the records do not say how each trial ended or whether the dose "
            "was adequate; a clinician completes outcome and adequate_dose"
        )
    case = Case(
        id=case_id or DEFAULT_CASE_ID,
        patient=patient,
        plan=plan,
        diagnoses=diagnoses,
        scores=scores,
        treatment_history=trials,
    )
    report = ImportReport(
        counts=dict(sorted(Counter(entry.resource_type for entry in entries).items())),
        skipped=tuple(skipped + log.skipped),
        notes=tuple(log.notes),
        trials=tuple(InferredTrial.of(trial) for trial in trials),
        gap_days=gap_days,
        plan_category_recognized=recognized,
    )
    return FhirImport(case=case, report=report)
