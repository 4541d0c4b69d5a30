"""Patient and Observation resources to the case's patient and scores (Conditions are read by
:mod:`ketacover.interop.fhir.conditions`).

- Patient: the official (else first) name, birthDate, gender, and the home (else first) address.
- Observation: totals of the PHQ-9 (LOINC 44261-6) and GAD-7 (LOINC 70274-6), the two codes the
  issue names; any other observation is skipped.
"""

from __future__ import annotations

import re
from typing import Final

from fhir.resources.R4B.address import Address as FhirAddress
from fhir.resources.R4B.humanname import HumanName
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient

from ketacover.core.errors import Problem
from ketacover.core.model import Address, Patient, Scale, ScaleScore, Sex
from ketacover.interop.fhir.bundle import Entry
from ketacover.interop.fhir.errors import FhirImportError
from ketacover.interop.fhir.report import Log
from ketacover.interop.fhir.values import LOINC, codes, day, first, number

SCALES: Final = {"44261-6": Scale.PHQ9, "70274-6": Scale.GAD7}
"""LOINC codes of the rating-scale totals read, as the issue names them."""
_SEX: Final = {"female": Sex.FEMALE, "male": Sex.MALE}
_ZIP: Final = re.compile(r"\d{5}(?:-?\d{4})?")
_STATE: Final = re.compile(r"[A-Za-z]{2}")
_NOT_RECORDED: Final = frozenset({"entered-in-error", "cancelled"})


def patient(entries: tuple[Entry, ...], log: Log) -> Patient:
    """The case's patient, from the bundle's first Patient.

    Raises :class:`FhirImportError` when there is none, or it lacks a name or a full birth date:
    a case cannot be made without them.
    """
    found = [entry for entry in entries if entry.resource_type == "Patient"]
    if not found:
        message = "has no Patient resource (a case needs the patient's name and birth date)"
        raise FhirImportError([Problem("", message)])
    for entry in found[1:]:
        log.skip(entry, f"a second Patient: a case is about one person ({found[0].source_id})")
    entry = found[0]
    resource = entry.resource
    assert isinstance(resource, FhirPatient)
    where = entry.where
    name = _name(resource)
    given = " ".join(str(part) for part in (name.given or ()) if part) if name else ""
    family = str(name.family or "") if name else ""
    if not given.strip() or not family.strip():
        raise FhirImportError([Problem(f"{where}.name", "needs a given and a family name")])
    born = day(resource.birthDate)
    if born is None:
        given_date = resource.birthDate
        message = "is not a full date" if given_date else "is required to make a case"
        raise FhirImportError([Problem(f"{where}.birthDate", message)])
    return Patient(
        given_name=given.strip(),
        family_name=family.strip(),
        date_of_birth=born,
        sex=_SEX.get(str(resource.gender), Sex.UNKNOWN),
        address=_address(resource, log),
    )


def _name(resource: FhirPatient) -> HumanName | None:
    names = list(resource.name or ())
    official = [name for name in names if name.use == "official"]
    chosen = official or names
    return chosen[0] if chosen else None


def _address(resource: FhirPatient, log: Log) -> Address | None:
    addresses: list[FhirAddress] = list(resource.address or ())
    if not addresses:
        return None
    home = [each for each in addresses if each.use == "home"]
    chosen = (home or addresses)[0]
    lines = [str(line).strip() for line in chosen.line or () if line and line.strip()]
    city = first([str(chosen.city or "")])
    state = first([str(chosen.state or "")])
    postal = first([str(chosen.postalCode or "")])
    missing = [
        label
        for label, ok in (
            ("street line", bool(lines)),
            ("city", city is not None),
            ("two-letter state", state is not None and _STATE.fullmatch(state) is not None),
            ("ZIP code", postal is not None and _ZIP.fullmatch(postal) is not None),
        )
        if not ok
    ]
    if missing or city is None or state is None or postal is None:
        log.note(f"patient.address: left out, it lacks a {', '.join(missing)}")
        return None
    return Address(
        line1=lines[0],
        line2=", ".join(lines[1:]) or None,
        city=city,
        state=state.upper(),
        postal_code=postal,
    )


def scores(entries: tuple[Entry, ...], log: Log) -> tuple[ScaleScore, ...]:
    """PHQ-9 and GAD-7 totals from the bundle's Observations, oldest first."""
    found: list[ScaleScore] = []
    for entry in entries:
        if entry.resource_type != "Observation":
            continue
        observation = entry.resource
        assert isinstance(observation, Observation)
        loinc = codes(observation.code, LOINC)
        scale = next((SCALES[code] for code in loinc if code in SCALES), None)
        if scale is None:
            shown = f"LOINC {loinc[0]} is" if loinc else "no LOINC code, so"
            log.skip(entry, f"{shown} not a PHQ-9 (44261-6) or GAD-7 (70274-6) total")
            continue
        if observation.status in _NOT_RECORDED:
            log.skip(entry, f"its status is {observation.status}")
            continue
        value = number(observation.valueInteger)
        if value is None and observation.valueQuantity is not None:
            value = number(observation.valueQuantity.value)
        on = (
            day(observation.effectiveDateTime)
            or day(observation.effectivePeriod.start if observation.effectivePeriod else None)
            or day(observation.issued)
        )
        if value is None or int(value) != value or on is None:
            log.skip(entry, f"no whole {scale.label} total with a date")
            continue
        if not 0 <= value <= scale.max_score:
            log.skip(entry, f"{value} is outside the {scale.label} range 0-{scale.max_score}")
            continue
        found.append(
            ScaleScore(scale=scale, score=int(value), on=on, note=f"from {entry.source_id}")
        )
    return tuple(sorted(found, key=lambda score: (score.on, score.scale.value)))
