"""The resources around the Claim in a prior-authorization bundle: the patient, the coverage, the
payer and the clinic (Organization), the prescriber (Practitioner), the diagnoses (Condition) and
the letter of medical necessity (DocumentReference).

Each function returns the resource as FHIR R4 JSON data; :func:`ketacover.interop.pas.pas_bundle`
validates every one with its ``fhir.resources`` R4B class. Facts the case does not have are left
out, never filled with placeholders. Roles (``patient``, ``payer``...) name the resources in
:mod:`ketacover.interop.pas.ids`.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from typing import Any

from ketacover.core.codes import icd10cm
from ketacover.core.model import Address, Case, Clinic, Clinician, Diagnosis, Plan
from ketacover.interop.pas import systems
from ketacover.interop.pas.ids import reference, resource_uuid

Json = dict[str, Any]
"""A FHIR resource or element as JSON data."""

LETTER_TITLE = "Letter of medical necessity"


def ordered_diagnoses(case: Case) -> list[Diagnosis]:
    """The case's diagnoses, primary first (the claim's diagnosis sequence 1 is the primary)."""
    return sorted(case.diagnoses, key=lambda diagnosis: not diagnosis.primary)


def patient(case: Case) -> Json:
    """The Patient: name, birth date, sex, address, phone and email, and the member ID."""
    person = case.patient
    data: Json = {
        "resourceType": "Patient",
        "id": resource_uuid(case.id, "patient"),
        "name": [{"family": person.family_name, "given": [person.given_name]}],
        "gender": person.sex.value,
        "birthDate": person.date_of_birth.isoformat(),
    }
    if case.plan is not None and case.plan.member_id:
        data["identifier"] = [
            {
                "type": _concept(systems.IDENTIFIER_TYPE, "MB", "Member Number"),
                "value": case.plan.member_id,
            }
        ]
    telecom = _telecom(phone=person.phone, email=person.email)
    if telecom:
        data["telecom"] = telecom
    if person.address is not None:
        data["address"] = [_address(person.address)]
    return data


def coverage(case: Case, plan: Plan) -> Json:
    """The Coverage: active, the member ID as subscriber id, the payer, and the group number."""
    data: Json = {
        "resourceType": "Coverage",
        "id": resource_uuid(case.id, "coverage"),
        "status": "active",
        "subscriberId": plan.member_id,
        "beneficiary": reference(case.id, "patient"),
        "payor": [reference(case.id, "payer")],
    }
    if plan.group_number:
        data["class"] = [
            {
                "type": _concept(systems.COVERAGE_CLASS, "group", "Group"),
                "value": plan.group_number,
            }
        ]
    return data


def payer(case: Case, plan: Plan) -> Json:
    """The payer's Organization, as named on the card."""
    return {
        "resourceType": "Organization",
        "id": resource_uuid(case.id, "payer"),
        "active": True,
        "type": [_concept(systems.ORGANIZATION_TYPE, "pay", "Payer")],
        "name": plan.payer,
    }


def clinic(case: Case, practice: Clinic) -> Json:
    """The clinic's Organization: NPI, TIN when known, address, phone and fax."""
    identifiers = [{"system": systems.NPI, "value": practice.npi}]
    if practice.tin:
        identifiers.append({"system": systems.TIN, "value": practice.tin})
    data: Json = {
        "resourceType": "Organization",
        "id": resource_uuid(case.id, "clinic"),
        "identifier": identifiers,
        "active": True,
        "type": [_concept(systems.ORGANIZATION_TYPE, "prov", "Healthcare Provider")],
        "name": practice.name,
    }
    telecom = _telecom(phone=practice.phone, fax=practice.fax)
    if telecom:
        data["telecom"] = telecom
    if practice.address is not None:
        data["address"] = [_address(practice.address)]
    return data


def practitioner(case: Case, prescriber: Clinician) -> Json:
    """The prescriber's Practitioner: NPI and name, with credentials as a name suffix."""
    name: Json = {"text": prescriber.name}
    if prescriber.credentials:
        name["suffix"] = [prescriber.credentials]
    return {
        "resourceType": "Practitioner",
        "id": resource_uuid(case.id, "practitioner"),
        "identifier": [{"system": systems.NPI, "value": prescriber.npi}],
        "active": True,
        "name": [name],
    }


def diagnosis_concept(diagnosis: Diagnosis) -> Json:
    """The ICD-10-CM code with its official description when the code is in the table."""
    code = icd10cm.normalize(diagnosis.code)
    coding: Json = {"system": systems.ICD10CM, "code": code}
    if icd10cm.is_valid(code):
        coding["display"] = icd10cm.describe(code)
    return {"coding": [coding]}


def condition(case: Case, diagnosis: Diagnosis, sequence: int) -> Json:
    """One diagnosis as a Condition of the patient (active; onset when the case gives it)."""
    data: Json = {
        "resourceType": "Condition",
        "id": resource_uuid(case.id, f"condition/{sequence}"),
        "clinicalStatus": _concept(systems.CONDITION_CLINICAL, "active", "Active"),
        "code": diagnosis_concept(diagnosis),
        "subject": reference(case.id, "patient"),
    }
    if diagnosis.since is not None:
        data["onsetDateTime"] = diagnosis.since.isoformat()
    if diagnosis.note:
        data["note"] = [{"text": diagnosis.note}]
    return data


def letter(case: Case, pdf: bytes, today: date, title: str = LETTER_TITLE) -> Json:
    """The request letter (the letter of medical necessity by default, or the continuation
    request, ``title``) as a DocumentReference carrying the PDF (base64), its size and SHA-1 hash
    (the two integrity fields FHIR's Attachment defines)."""
    return {
        "resourceType": "DocumentReference",
        "id": resource_uuid(case.id, "letter"),
        "status": "current",
        "type": {"text": title},
        "subject": reference(case.id, "patient"),
        "author": [reference(case.id, "practitioner")],
        "description": title,
        "content": [
            {
                "attachment": {
                    "contentType": "application/pdf",
                    "data": base64.b64encode(pdf).decode("ascii"),
                    "size": len(pdf),
                    "hash": base64.b64encode(
                        hashlib.sha1(pdf, usedforsecurity=False).digest()
                    ).decode("ascii"),
                    "title": title,
                    "creation": today.isoformat(),
                }
            }
        ],
    }


def _concept(system: str, code: str, display: str) -> Json:
    return {"coding": [{"system": system, "code": code, "display": display}]}


def _telecom(
    *, phone: str | None = None, fax: str | None = None, email: str | None = None
) -> list[Json]:
    points = (("phone", phone), ("fax", fax), ("email", email))
    return [{"system": kind, "value": value} for kind, value in points if value]


def _address(address: Address) -> Json:
    lines = [line for line in (address.line1, address.line2) if line]
    return {
        "line": lines,
        "city": address.city,
        "state": address.state,
        "postalCode": address.postal_code,
    }
