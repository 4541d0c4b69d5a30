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
from ketacover.interop.fhir import conditions, coverage, mapping, medications, triage
from ketacover.interop.fhir.bundle import BundleInput, read_bundle
from ketacover.interop.fhir.errors import FhirImportError
from ketacover.interop.fhir.references import References
from ketacover.interop.fhir.report import ImportReport, InferredTrial, Log, Skipped

DEFAULT_CASE_ID: Final = "fhir-import"
"""The id of an imported case when none is given (derived from nothing personal)."""


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
    read = read_bundle(data, skip=triage.reason_to_skip)
    entries = read.entries
    index = References.of(entries)
    log = Log()
    patient = mapping.patient(entries, log)
    plan, recognized = coverage.plan(entries, index, log)
    diagnoses = conditions.diagnoses(entries, index, log)
    scores = mapping.scores(entries, log)
    trials = infer_trials(medications.fills(entries, index, log), gap_days=gap_days)
    skipped = [
        Skipped(source_id=f"entry[{number}]", resource_type="", reason="the entry has no resource")
        for number in read.empty
    ]
    skipped += [
        Skipped(source_id=each.source_id, resource_type=each.resource_type, reason=each.reason)
        for each in read.unread
    ]
    if trials:
        log.note(
            "treatment_history: the records do not say how each trial ended or whether the dose "
            "was adequate; a clinician completes outcome and adequate_dose"
        )
    if any(trial.reason_stopped for trial in trials):
        log.note(
            "treatment_history: reason_stopped is the reason a record gives for stopping, in its "
            "words; the outcome is left unknown for the clinician to confirm"
        )
    if log.refills:
        log.note(
            "treatment_history: a prescription's refills count toward its trial's length (each "
            "refill one more supply, none after the prescription's validity period); check "
            "them against the pharmacy's fills"
        )
    case = Case(
        id=case_id or DEFAULT_CASE_ID,
        patient=patient,
        plan=plan,
        diagnoses=diagnoses,
        scores=scores,
        treatment_history=trials,
    )
    kinds = [entry.resource_type for entry in entries] + [
        each.resource_type for each in read.unread
    ]
    report = ImportReport(
        counts=dict(sorted(Counter(kinds).items())),
        skipped=tuple(skipped + log.skipped),
        notes=tuple(log.notes),
        trials=tuple(InferredTrial.of(trial, log.refills) for trial in trials),
        gap_days=gap_days,
        plan_category_recognized=recognized,
        refills=dict(log.refills),
        primary=log.primary,
    )
    return FhirImport(case=case, report=report)
