"""The Claim of a prior-authorization request (``use = preauthorization``), as the Da Vinci PAS
guide shapes it: the payer as insurer, the clinic as provider, the prescriber on the care team,
ICD-10-CM diagnoses with the primary first, one item per requested service, and the letter of
medical necessity as supporting information.

Service lines come from :func:`ketacover.core.letters.parts.service_lines` (sourcebook codes.toml:
J3490 with the NDC plus infusion codes for IV ketamine, J0013/S0013 per mg or Medicare's G2082/G2083
for esketamine); each line's quantity is its units per session times the sessions requested.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from ketacover.core.codes import procedures
from ketacover.core.errors import MissingFactsError
from ketacover.core.letters.parts import service_lines
from ketacover.core.model import (
    Case,
    Clinic,
    Clinician,
    Diagnosis,
    Plan,
    TreatmentPlan,
    Urgency,
)
from ketacover.interop.pas import systems
from ketacover.interop.pas.ids import reference, resource_uuid
from ketacover.interop.pas.parties import Json, diagnosis_concept, ordered_diagnoses

DOCUMENT = "prior-authorization bundle"
"""How a :class:`MissingFactsError` names what could not be built."""
MAX_DIAGNOSIS_POINTERS = 4
"""Diagnosis pointers per service line, as on the CMS-1500 and the 837P (primary first)."""
_LEADING_NUMBER = re.compile(r"\d+")


class Facts(NamedTuple):
    """The facts every request needs, known to be present."""

    plan: Plan
    clinic: Clinic
    prescriber: Clinician
    treatment: TreatmentPlan


def required_facts(case: Case) -> Facts:
    """The plan, clinic, prescriber and treatment plan of ``case``.

    Raises :class:`MissingFactsError` listing every fact the request needs and the case lacks.
    """
    plan, practice, prescriber = case.plan, case.clinic, case.prescriber
    checks = [
        (plan is not None, "plan: the plan (payer) the request goes to"),
        (plan is not None and bool(plan.member_id), "plan.member_id: the Coverage subscriber id"),
        (practice is not None, "clinic: the requesting organization"),
        (
            practice is not None and bool(practice.npi),
            "clinic.npi: the requesting organization's identifier",
        ),
        (prescriber is not None, "prescriber: the clinician on the care team"),
        (
            prescriber is not None and bool(prescriber.npi),
            "prescriber.npi: the clinician's identifier",
        ),
        (case.treatment_plan is not None, "treatment_plan: the services requested"),
        (bool(case.diagnoses), "diagnoses: at least one ICD-10-CM diagnosis"),
    ]
    missing = [why for present, why in checks if not present]
    treatment = case.treatment_plan
    if missing or plan is None or practice is None or prescriber is None or treatment is None:
        raise MissingFactsError(DOCUMENT, missing)
    return Facts(plan, practice, prescriber, treatment)


def claim(case: Case, treatment: TreatmentPlan, today: date, *, with_letter: bool) -> Json:
    """The Claim for ``case`` requesting ``treatment``, created ``today``."""
    diagnoses = ordered_diagnoses(case)
    data: Json = {
        "resourceType": "Claim",
        "id": resource_uuid(case.id, "claim"),
        "identifier": [
            {"system": systems.URI, "value": f"urn:uuid:{request_uuid(case.id, today)}"}
        ],
        "status": "active",
        "type": {"coding": [{"system": systems.CLAIM_TYPE, "code": "professional"}]},
        "use": "preauthorization",
        "patient": reference(case.id, "patient"),
        "created": today.isoformat(),
        "insurer": reference(case.id, "payer"),
        "provider": reference(case.id, "clinic"),
        "priority": {"coding": [{"system": systems.PRIORITY, "code": _priority(case)}]},
        "careTeam": [{"sequence": 1, "provider": reference(case.id, "practitioner")}],
        "diagnosis": [
            _diagnosis(diagnosis, sequence) for sequence, diagnosis in enumerate(diagnoses, start=1)
        ],
        "insurance": [{"sequence": 1, "focal": True, "coverage": reference(case.id, "coverage")}],
        "item": items(case, treatment, today, pointers=len(diagnoses)),
    }
    if with_letter:
        data["supportingInfo"] = [
            {
                "sequence": 1,
                "category": {
                    "coding": [{"system": systems.PAS_TEMP_CODES, "code": "additionalInformation"}]
                },
                "valueReference": reference(case.id, "letter"),
            }
        ]
    if treatment.price_per_session is not None:
        total = treatment.price_per_session * treatment.sessions
        data["total"] = {"value": total.quantize(Decimal("0.01")), "currency": "USD"}
    return data


def request_uuid(case_id: str, today: date) -> str:
    """The identifier of one submission: a new request on another day gets a new identifier."""
    return resource_uuid(case_id, f"request/{today.isoformat()}")


def items(case: Case, treatment: TreatmentPlan, today: date, *, pointers: int) -> list[Json]:
    """One item per service line: code and system, quantity for the course, dates of service."""
    on = treatment.start or today
    serviced = _serviced(treatment)
    found: list[Json] = []
    missing: list[str] = []
    for sequence, (code, label, units) in enumerate(service_lines(case, on), start=1):
        count = _LEADING_NUMBER.match(units)
        if count is None:
            missing.append(
                f"treatment_plan.dose_mg: {code} is billed per mg, so its quantity needs the dose"
            )
            continue
        quantity = int(count.group()) * treatment.sessions
        system = systems.PROCEDURE_SYSTEMS[procedures.lookup(code).system]
        item: Json = {
            "sequence": sequence,
            "careTeamSequence": [1],
            "diagnosisSequence": list(range(1, min(pointers, MAX_DIAGNOSIS_POINTERS) + 1)),
            "productOrService": {"coding": [{"system": system, "code": code}], "text": label},
            "quantity": {"value": quantity},
            **serviced,
        }
        if code == "J3490" and treatment.ndc:
            item["detail"] = [_drug_detail(treatment, quantity)]
        found.append(item)
    if missing:
        raise MissingFactsError(DOCUMENT, missing)
    return found


def _serviced(treatment: TreatmentPlan) -> Json:
    """The dates of service: the planned course as a period, or the single session's date."""
    start = treatment.start
    if start is None:
        return {}
    if treatment.weeks:
        end = start + timedelta(weeks=treatment.weeks) - timedelta(days=1)
        return {"servicedPeriod": {"start": start.isoformat(), "end": end.isoformat()}}
    if treatment.sessions == 1:
        return {"servicedDate": start.isoformat()}
    return {"servicedPeriod": {"start": start.isoformat()}}


def _drug_detail(treatment: TreatmentPlan, quantity: int) -> Json:
    """The NDC of the ketamine product under the J3490 line (payers ask for it: sourcebook
    codes.toml)."""
    name = f"ketamine {treatment.strength}" if treatment.strength else "ketamine"
    return {
        "sequence": 1,
        "productOrService": {
            "coding": [{"system": systems.NDC, "code": treatment.ndc}],
            "text": name,
        },
        "quantity": {"value": quantity},
    }


def _diagnosis(diagnosis: Diagnosis, sequence: int) -> Json:
    """One claim diagnosis; the one marked primary is typed ``principal`` (PAS diagnosis type)."""
    data: Json = {"sequence": sequence, "diagnosisCodeableConcept": diagnosis_concept(diagnosis)}
    if diagnosis.primary:
        data["type"] = [{"coding": [{"system": systems.PAS_TEMP_CODES, "code": "principal"}]}]
    return data


def _priority(case: Case) -> str:
    """``stat`` for an urgent request (suicidal ideation and the like), else ``normal``."""
    return "stat" if case.urgency is Urgency.URGENT else "normal"
