"""Condition and Encounter resources to the case's diagnoses, the primary one marked.

- Condition: ICD-10-CM codings only (system ``http://hl7.org/fhir/sid/icd-10-cm``), checked
  against the code set; a condition coded only in another system (SNOMED CT, ...) is skipped.
  Each code is kept once, with its earliest onset (else recorded date).
- The primary diagnosis, where the records say which it is (FHIR R4 Encounter and Condition):
  first the condition an Encounter ranks 1 in ``Encounter.diagnosis`` (the latest such encounter,
  by its period's start), unless that entry's ``use`` calls it a chief complaint (``CC``) or a
  comorbidity (``CM``, HL7 diagnosis-role); else the latest Condition whose ``category`` is
  ``encounter-diagnosis`` (HL7 condition-category), by recorded date, else onset. A problem-list
  item alone marks no primary diagnosis; the report says where the primary one was read, so a
  person can check it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Final

from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.encounter import Encounter

from ketacover.core.codes import icd10cm
from ketacover.core.model import Diagnosis
from ketacover.interop.fhir.bundle import Entry
from ketacover.interop.fhir.references import References
from ketacover.interop.fhir.report import Log
from ketacover.interop.fhir.values import ICD10CM, codes, day, systems

CONDITION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/condition-category"
"""The HL7 system of ``Condition.category`` (``problem-list-item``, ``encounter-diagnosis``)."""
DIAGNOSIS_ROLE: Final = "http://terminology.hl7.org/CodeSystem/diagnosis-role"
"""The HL7 system of ``Encounter.diagnosis.use`` (``AD``, ``DD``, ``CC``, ``CM``, ``billing``)."""
_NOT_PRIMARY: Final = frozenset({"CC", "CM"})


def diagnoses(entries: tuple[Entry, ...], index: References, log: Log) -> tuple[Diagnosis, ...]:
    """The ICD-10-CM diagnoses of the bundle's Conditions, each code once (earliest onset), with
    the primary one marked when the records say which it is (module docstring)."""
    found: dict[str, Diagnosis] = {}
    for entry in entries:
        if not isinstance(entry.resource, Condition):
            continue
        condition = entry.resource
        if _status(condition) == "entered-in-error":
            log.skip(entry, "its verification status is entered-in-error")
            continue
        icd = codes(condition.code, ICD10CM)
        if not icd:
            others = ", ".join(systems(condition.code)) or "no coding"
            log.skip(entry, f"no ICD-10-CM coding ({others}); only ICD-10-CM is read")
            continue
        code = icd_code(condition)
        if code is None:
            log.skip(entry, f"{icd[0]} is not in the ICD-10-CM code set")
            continue
        since = day(condition.onsetDateTime) or day(condition.recordedDate)
        clinical = _clinical(condition)
        note = f"from {entry.source_id}" + (f"; clinical status {clinical}" if clinical else "")
        earlier = found.get(code)
        if earlier is None or (since is not None and (earlier.since or since) >= since):
            found[code] = Diagnosis(code=code, since=since, note=note)
    primary = _primary(entries, index)
    if primary is not None and primary[0] in found:
        code, where = primary
        found[code] = replace(found[code], primary=True)
        log.primary = f"{code} ({where})"
        log.note(
            f"diagnoses: {code} is marked primary because {where}; check it is the diagnosis "
            "the request is for"
        )
    return tuple(found.values())


def icd_code(condition: Condition) -> str | None:
    """The first valid ICD-10-CM code of ``condition``, normalized (``F33.2``), or ``None``."""
    valid = [code for code in codes(condition.code, ICD10CM) if icd10cm.is_valid(code)]
    return icd10cm.normalize(valid[0]) if valid else None


def _primary(entries: tuple[Entry, ...], index: References) -> tuple[str, str] | None:
    """The primary diagnosis's code and a phrase saying where the records mark it."""
    ranked: list[tuple[date, str, str]] = []
    listed: list[tuple[date, str, str]] = []
    for entry in entries:
        resource = entry.resource
        if isinstance(resource, Encounter):
            start = day(resource.period.start) if resource.period else None
            for diagnosis in resource.diagnosis or ():
                if diagnosis.rank != 1 or _NOT_PRIMARY & set(codes(diagnosis.use, DIAGNOSIS_ROLE)):
                    continue
                target = index.resolve(diagnosis.condition, entry)
                code = icd_code(target) if isinstance(target, Condition) else None
                if code is not None:
                    where = f"{entry.source_id} ranks it first among its diagnoses"
                    ranked.append((start or date.min, code, where))
        elif isinstance(resource, Condition) and "encounter-diagnosis" in {
            code
            for concept in resource.category or ()
            for code in codes(concept, CONDITION_CATEGORY)
        }:
            code = icd_code(resource)
            if code is not None and _status(resource) != "entered-in-error":
                recorded = day(resource.recordedDate) or day(resource.onsetDateTime)
                where = f"{entry.source_id} is the latest encounter diagnosis"
                listed.append((recorded or date.min, code, where))
    for candidates in (ranked, listed):
        if candidates:
            latest = max(candidates, key=lambda each: each[0])
            return latest[1], latest[2]
    return None


def _encounter_diagnosis(condition: Condition) -> bool:
    return any(
        "encounter-diagnosis" in codes(concept, CONDITION_CATEGORY)
        for concept in condition.category or ()
    )


def _status(condition: Condition) -> str | None:
    status = condition.verificationStatus
    found = [c.code for c in (status.coding or ())] if status else []
    return str(found[0]) if found else None


def _clinical(condition: Condition) -> str | None:
    status = condition.clinicalStatus
    found = [c.code for c in (status.coding or ())] if status else []
    return str(found[0]) if found and found[0] != "active" else None
