import pytest

from ketacover.core.errors import Problem
from ketacover.interop.casefile import check_case

BASE = """\
id: case-1
patient:
  given_name: Sam
  family_name: Ashdown
  date_of_birth: 1990-01-01
"""
PLAN = "plan:\n  payer: Example\n  category: medicare\n"
PA = "prior_authorizations:\n  - id: pa-1\n    treatment: esketamine\n    submitted: 2026-10-05\n"
DENIAL = "denials:\n  - id: d-1\n    notice_date: 2026-10-12\n"


def problems(extra: str) -> list[Problem]:
    return check_case(BASE + extra, fmt="yaml")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "diagnoses:\n  - code: F42.0\n",
            Problem("diagnoses[0].code", '"F42.0" is not a valid ICD-10-CM code', 7),
        ),
        (
            "diagnoses:\n  - code: F33.2\n    primary: true\n  - code: F41.1\n    primary: true\n",
            Problem(
                "diagnoses[1].primary",
                "only one diagnosis can be primary (diagnoses[0] already is)",
                10,
            ),
        ),
        (
            "clinic:\n  name: X\n  npi: '1234567890'\n",
            Problem(
                "clinic.npi",
                '"1234567890" is not a valid NPI (10 digits with a correct check digit)',
                8,
            ),
        ),
        (
            "prescriber:\n  name: X\n  npi: 12345\n",
            Problem(
                "prescriber.npi",
                '"12345" is not a valid NPI (10 digits with a correct check digit)',
                8,
            ),
        ),
        (
            "clinic:\n  name: X\n  tin: 1234\n",
            Problem("clinic.tin", '"1234" is not a TIN (9 digits, e.g. 12-3456789)', 8),
        ),
        (
            "clinic:\n  name: X\n  address:\n    line1: a\n    city: b\n    state: Mass\n"
            "    postal_code: 02108-1234\n",
            Problem("clinic.address.state", '"Mass" is not a two-letter state code (e.g. MA)', 11),
        ),
        (
            "clinic:\n  name: X\n  address:\n    line1: a\n    city: b\n    state: MA\n"
            "    postal_code: 2108\n",
            Problem("clinic.address.postal_code", '"2108" is not a ZIP code (5 or 9 digits)', 12),
        ),
        (
            "treatment_history:\n  - name: a\n    start: 2026-03-01\n    end: 2026-01-01\n",
            Problem("treatment_history[0].end", "2026-01-01 is before start (2026-03-01)", 9),
        ),
        (
            "scores:\n  - scale: phq9\n    score: 28\n    on: 2026-01-01\n",
            Problem("scores[0].score", "28 must be between 0 and 27 on the PHQ-9", 8),
        ),
        (
            "scores:\n  - scale: madrs\n    score: -1\n    on: 2026-01-01\n",
            Problem("scores[0].score", "-1 must be between 0 and 60 on the MADRS", 8),
        ),
        (
            "treatment_plan:\n  treatment: iv_ketamine\n  sessions: 6\n  price_per_session: -450\n",
            Problem("treatment_plan.price_per_session", "-450 must not be negative", 9),
        ),
        (
            "treatment_plan:\n  treatment: iv_ketamine\n  sessions: 6\n  evaluation_price: 1e9\n",
            Problem(
                "treatment_plan.evaluation_price",
                "1E+9 is too large for an amount (at most 9999999.99)",
                9,
            ),
        ),
        (
            "treatment_plan:\n  treatment: iv_ketamine\n  sessions: 6\n"
            "  allowed_per_session: 1.005\n",
            Problem(
                "treatment_plan.allowed_per_session",
                "1.005 has fractions of a cent (use at most 2 decimal places)",
                9,
            ),
        ),
        (
            "treatment_plan:\n  treatment: iv_ketamine\n  sessions: 0\n",
            Problem("treatment_plan.sessions", "0 must be between 1 and 1000", 8),
        ),
        (
            PLAN + "  in_network:\n    coinsurance_percent: 120\n",
            Problem("plan.in_network.coinsurance_percent", "120 must be between 0 and 100", 10),
        ),
        (
            PLAN + "  in_network:\n    deductible: 100\n    deductible_met: 150\n",
            Problem("plan.in_network.deductible_met", "150 is more than the deductible", 11),
        ),
        (
            PLAN + "  out_of_network:\n    out_of_pocket_max: 100\n    out_of_pocket_met: 150\n",
            Problem(
                "plan.out_of_network.out_of_pocket_met",
                "150 is more than the out-of-pocket maximum",
                11,
            ),
        ),
        (
            "history:\n  episode_start: 1850-01-01\n",
            Problem(
                "history.episode_start", '"1850-01-01" is not a plausible date (1900 to 2199)', 7
            ),
        ),
        (
            "calls:\n  - at: 2300-01-01T10:00:00Z\n",
            Problem(
                "calls[0].at",
                '"2300-01-01 10:00:00+00:00" is not a plausible date (1900 to 2199)',
                7,
            ),
        ),
        (
            PA + "    decided: 2026-10-01\n",
            Problem(
                "prior_authorizations[0].decided", "2026-10-01 is before submitted (2026-10-05)", 10
            ),
        ),
        (
            PA + "    valid_from: 2026-11-01\n    valid_through: 2026-10-01\n",
            Problem(
                "prior_authorizations[0].valid_through",
                "2026-10-01 is before valid_from (2026-11-01)",
                11,
            ),
        ),
        (
            PA + "  - id: pa-1\n    treatment: esketamine\n    submitted: 2026-10-06\n",
            Problem(
                "prior_authorizations[1].id",
                '"pa-1" is already the id of another prior authorization (prior_authorizations[0])',
                10,
            ),
        ),
        (
            DENIAL + "  - id: d-1\n    notice_date: 2026-10-13\n",
            Problem("denials[1].id", '"d-1" is already the id of another denial (denials[0])', 9),
        ),
        (
            DENIAL + "    received: 2026-10-10\n",
            Problem("denials[0].received", "2026-10-10 is before notice_date (2026-10-12)", 9),
        ),
        (
            DENIAL + "    prior_authorization_id: pa-9\n",
            Problem(
                "denials[0].prior_authorization_id",
                '"pa-9" is not the id of any prior authorization in this case',
                9,
            ),
        ),
        (
            "sessions:\n  - on: 2026-11-03\n    treatment: esketamine\n"
            "    authorization_id: pa-9\n",
            Problem(
                "sessions[0].authorization_id",
                '"pa-9" is not the id of any prior authorization in this case',
                9,
            ),
        ),
        (
            DENIAL + "appeals:\n  - denial_id: d-2\n    submitted: 2026-10-20\n",
            Problem("appeals[0].denial_id", '"d-2" is not the id of any denial in this case', 10),
        ),
        (
            DENIAL + "appeals:\n  - denial_id: d-1\n    submitted: 2026-10-20\n"
            "    decided: 2026-10-19\n",
            Problem("appeals[0].decided", "2026-10-19 is before submitted (2026-10-20)", 12),
        ),
        (
            "claims:\n  - service_from: 2026-11-03\n    service_to: 2026-11-01\n    billed: 10\n",
            Problem("claims[0].service_to", "2026-11-01 is before service_from (2026-11-03)", 8),
        ),
        (
            "claims:\n  - service_from: 2026-11-03\n    submitted: 2026-11-01\n    billed: 10\n",
            Problem("claims[0].submitted", "2026-11-01 is before service_from (2026-11-03)", 8),
        ),
    ],
)
def test_it_reports_what_a_billing_lead_would_check(extra, expected):
    assert problems(extra) == [expected]


def test_a_case_whose_references_and_ranges_hold_has_no_problems():
    extra = (
        PA
        + "    decided: 2026-10-07\n    sessions_approved: 8\n"
        + DENIAL
        + "    prior_authorization_id: pa-1\n"
        + "appeals:\n  - denial_id: d-1\n    submitted: 2026-10-20\n"
        + "sessions:\n  - on: 2026-11-03\n    treatment: esketamine\n    authorization_id: pa-1\n"
        + "    charge: 1050.00\n"
        + PLAN.replace("plan:", "").join(["plan:", ""])
        + "  in_network:\n    deductible: 100\n    deductible_met: 100\n"
    )
    assert problems(extra) == []


def test_negative_limits_do_not_also_compare_the_amount_met():
    extra = PLAN + "  in_network:\n    deductible: -1\n    deductible_met: 5\n"
    assert [problem.path for problem in problems(extra)] == ["plan.in_network.deductible"]


SESSION = "sessions:\n  - on: 2026-11-18\n    treatment: esketamine\n"


@pytest.mark.parametrize("reading", ["128/82", "90/60", " 200/110 "])
def test_it_accepts_a_blood_pressure_reading(reading):
    assert problems(SESSION + f"    bp_before: '{reading}'\n") == []


@pytest.mark.parametrize(
    ("field", "reading"),
    [
        ("bp_before", "82/128"),
        ("bp_40_min", "128-82"),
        ("bp_discharge", "high"),
        ("bp_before", "400/90"),
        ("bp_before", "128/10"),
    ],
)
def test_it_names_a_reading_that_is_not_a_blood_pressure(field, reading):
    found = problems(SESSION + f"    {field}: '{reading}'\n")
    assert [p.path for p in found] == [f"sessions[0].{field}"]
    assert f'"{reading}" is not a blood pressure (systolic/diastolic in mmHg' in found[0].message


def test_monitoring_minutes_must_be_plausible():
    found = problems(SESSION + "    monitoring_minutes: 5000\n")
    assert [p.path for p in found] == ["sessions[0].monitoring_minutes"]
