"""The primary diagnosis: an encounter's rank 1, else the latest encounter diagnosis."""

import pytest

from ketacover.interop.fhir import import_bundle

ICD = "http://hl7.org/fhir/sid/icd-10-cm"
CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role"


def condition(ident, code, category=None, recorded=None):
    resource = {
        "resourceType": "Condition",
        "id": ident,
        "subject": {"reference": "Patient/p1"},
        "code": {"coding": [{"system": ICD, "code": code}]},
    }
    if category:
        resource["category"] = [{"coding": [{"system": CATEGORY, "code": category}]}]
    if recorded:
        resource["recordedDate"] = recorded
    return resource


def encounter(ident, start, *diagnoses):
    return {
        "resourceType": "Encounter",
        "id": ident,
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "period": {"start": start},
        "diagnosis": [
            {
                "condition": {"reference": reference},
                "rank": rank,
                **({"use": {"coding": [{"system": ROLE, "code": use}]}} if use else {}),
            }
            for reference, rank, use in diagnoses
        ],
    }


def primary(bundle, *resources):
    result = import_bundle(bundle(*resources))
    return [d.code for d in result.case.diagnoses if d.primary], result.report.primary


A = condition("a", "F33.2", "encounter-diagnosis", "2026-01-05")
B = condition("b", "F41.1", "encounter-diagnosis", "2026-02-01")
C = condition("c", "F43.10", "problem-list-item", "2026-03-01")


@pytest.mark.parametrize(
    ("resources", "codes", "where"),
    [
        # Rank 1 of the encounter wins over a later encounter diagnosis.
        (
            (
                A,
                B,
                encounter(
                    "e1", "2026-01-05", ("Condition/b", 2, "billing"), ("Condition/a", 1, "billing")
                ),
            ),
            ["F33.2"],
            "F33.2 (Encounter/e1 ranks it first among its diagnoses)",
        ),
        # The latest encounter that ranks its diagnoses decides.
        (
            (
                A,
                B,
                encounter("e1", "2026-01-05", ("Condition/a", 1, None)),
                encounter("e2", "2026-02-01", ("Condition/b", 1, None)),
            ),
            ["F41.1"],
            "F41.1 (Encounter/e2 ranks it first among its diagnoses)",
        ),
        # A chief complaint or comorbidity ranked 1 is not the primary diagnosis.
        (
            (A, B, encounter("e1", "2026-02-01", ("Condition/a", 1, "CC"))),
            ["F41.1"],
            "F41.1 (Condition/b is the latest encounter diagnosis)",
        ),
        # No ranking: the latest encounter diagnosis; a problem-list item never.
        ((A, B, C), ["F41.1"], "F41.1 (Condition/b is the latest encounter diagnosis)"),
        ((C,), [], None),
        # A rank 1 pointing at nothing in the bundle marks nothing.
        ((C, encounter("e1", "2026-01-05", ("Condition/zz", 1, None))), [], None),
    ],
)
def test_the_primary_diagnosis_is_read_where_the_records_mark_it(bundle, resources, codes, where):
    assert primary(bundle, *resources) == (codes, where)


def test_the_note_says_to_check_the_primary_diagnosis(bundle):
    result = import_bundle(bundle(A))
    assert any("marked primary" in note for note in result.report.notes)
