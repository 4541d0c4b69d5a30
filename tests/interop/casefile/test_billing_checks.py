"""Case-file checks of what claims are built from: the fee schedule, the NDC, taxonomy codes,
documented E/M codes and the new session times."""

import pytest

from ketacover.interop.casefile import check_case

BASE = """\
id: case-1
patient:
  given_name: Sam
  family_name: Ashdown
  date_of_birth: 1990-01-01
"""
CLINIC = "clinic:\n  name: Example Clinic\n  fee_schedule:\n"


def found(extra: str) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check_case(BASE + extra, fmt="yaml")]


@pytest.mark.parametrize(
    ("entry", "path", "words"),
    [
        ('    - code: "99214"\n      charge: -5\n', "clinic.fee_schedule[0].charge", "negative"),
        ('    - code: "99214"\n      charge: lots\n', "clinic.fee_schedule[0].charge", "amount"),
        ('    - code: "99214"\n', "clinic.fee_schedule[0].charge", "required"),
        ("    - code: J001\n      charge: 5\n", "clinic.fee_schedule[0].code", "procedure code"),
        ("    - code: ketamine\n      charge: 5\n", "clinic.fee_schedule[0].code", "HCPCS"),
        ('    - code: "99214"\n      charge: 1.005\n', "clinic.fee_schedule[0].charge", "cent"),
    ],
)
def test_a_bad_fee_schedule_entry_is_named_by_its_field(entry, path, words):
    problems = found(CLINIC + entry)
    assert [p for p, _ in problems] == [path]
    assert words in problems[0][1]


def test_a_code_priced_twice_is_named():
    entries = '    - code: "99214"\n      charge: 5\n    - code: "99214"\n      charge: 6\n'
    assert found(CLINIC + entries) == [
        ("clinic.fee_schedule[1].code", '"99214" is already priced (fee_schedule[0])')
    ]


def test_a_good_fee_schedule_passes():
    entries = "    - code: J0013\n      charge: 16.00\n    - code: g2212\n      charge: 60\n"
    assert found(CLINIC + entries) == []


def test_an_ndc_of_the_wrong_shape_is_named():
    plan = 'treatment_plan:\n  treatment: iv_ketamine\n  sessions: 6\n  ndc: "1234567890"\n'
    problems = found(plan)
    assert [p for p, _ in problems] == ["treatment_plan.ndc"]
    assert "5-4-2" in problems[0][1]


def test_a_taxonomy_code_of_the_wrong_shape_is_named():
    assert [p for p, _ in found("prescriber:\n  name: A B\n  taxonomy: psychiatry\n")] == [
        "prescriber.taxonomy"
    ]


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("em_code", '"99285"', "sessions[0].em_code"),
        ("staff_minutes", "2000", "sessions[0].staff_minutes"),
        ("therapy_minutes", "-3", "sessions[0].therapy_minutes"),
    ],
)
def test_session_billing_facts_are_checked(field, value, path):
    session = f"sessions:\n  - on: 2026-03-02\n    treatment: esketamine\n    {field}: {value}\n"
    assert [p for p, _ in found(session)] == [path]


def test_old_case_files_without_the_new_fields_stay_valid():
    session = "sessions:\n  - on: 2026-03-02\n    treatment: esketamine\n    minutes: 120\n"
    assert found(session) == []


def test_a_recorded_claim_line_names_a_procedure_code():
    claim = (
        "claims:\n  - service_from: 2026-03-02\n    billed: 100\n    lines:\n"
        "      - code: visit\n        status: denied\n"
    )
    assert [p for p, _ in found(claim)] == ["claims[0].lines[0].code"]
