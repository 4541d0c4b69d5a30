"""How long a prescription counts, what dose it gives, and why a drug stopped."""

from datetime import date
from decimal import Decimal

import pytest

from ketacover.interop.fhir import import_bundle

GTS = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
SUBJECT = {"reference": "Patient/p1"}


def request(ident="mr", **fields):
    return {
        "resourceType": "MedicationRequest",
        "id": ident,
        "status": fields.pop("status", "active"),
        "intent": "order",
        "medicationCodeableConcept": {"text": "Sertraline 50 mg tablet"},
        "subject": SUBJECT,
        "authoredOn": fields.pop("authoredOn", "2025-01-01"),
        **fields,
    }


def dispense(**fields):
    return {
        "resourceType": "MedicationDispense",
        "id": "md",
        "status": "completed",
        "medicationCodeableConcept": {"text": "Sertraline 50 mg tablet"},
        "subject": SUBJECT,
        **fields,
    }


def statement(**fields):
    return {
        "resourceType": "MedicationStatement",
        "id": "ms",
        "status": fields.pop("status", "completed"),
        "medicationCodeableConcept": {"text": "escitalopram"},
        "subject": SUBJECT,
        "effectivePeriod": {"start": "2025-01-01", "end": "2025-02-01"},
        **fields,
    }


def dosage(mg):
    return {
        "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": {"value": mg, "unit": "mg"}}],
    }


def trials(bundle, *resources):
    return import_bundle(bundle(*resources)).case.treatment_history


def tablets(count=1, frequency=1):
    return {
        "timing": {"repeat": {"frequency": frequency, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": {"value": count, "unit": "tablet"}}],
    }


@pytest.mark.parametrize(
    ("order", "dosages", "end"),
    [
        # 30 days, no refills: the first supply only.
        ({"expectedSupplyDuration": {"value": 30, "code": "d"}}, [], date(2025, 1, 30)),
        # One refill: a second supply (the augmentation that ended after its first fill).
        (
            {"expectedSupplyDuration": {"value": 30, "code": "d"}, "numberOfRepeatsAllowed": 1},
            [],
            date(2025, 3, 1),
        ),
        # Three refills, but valid until 2025-02-15: one refill falls due by then (on 01-31).
        (
            {
                "expectedSupplyDuration": {"value": 30, "code": "d"},
                "numberOfRepeatsAllowed": 3,
                "validityPeriod": {"start": "2025-01-01", "end": "2025-02-15"},
            },
            [],
            date(2025, 3, 1),
        ),
        # A validity period that ends before the first supply does: the first supply stands.
        (
            {
                "expectedSupplyDuration": {"value": 30, "code": "d"},
                "numberOfRepeatsAllowed": 2,
                "validityPeriod": {"start": "2025-01-01", "end": "2025-01-10"},
            },
            [],
            date(2025, 1, 30),
        ),
        # No supply duration: 60 tablets at 2 a day last 30 days; with one refill, 60 days.
        (
            {"quantity": {"value": 60, "unit": "tablets"}, "numberOfRepeatsAllowed": 1},
            [tablets(1, 2)],
            date(2025, 3, 1),
        ),
        # A quantity in a unit no dosage gives: the order's own day only.
        ({"quantity": {"value": 30, "unit": "mL"}}, [tablets(1)], date(2025, 1, 1)),
    ],
)
def test_an_order_covers_its_supply_and_refills_within_its_validity(bundle, order, dosages, end):
    (trial,) = trials(bundle, request(dispenseRequest=order, dosageInstruction=dosages))
    assert (trial.start, trial.end) == (date(2025, 1, 1), end)


def test_an_order_without_authored_on_starts_with_its_validity_period(bundle):
    resource = request(dispenseRequest={"validityPeriod": {"start": "2025-02-03"}})
    del resource["authoredOn"]
    (trial,) = trials(bundle, resource)
    assert trial.start == date(2025, 2, 3)


def test_an_order_whose_dispenses_are_in_the_bundle_counts_the_fills_not_its_refills(bundle):
    order = request(
        dispenseRequest={
            "expectedSupplyDuration": {"value": 30, "code": "d"},
            "numberOfRepeatsAllowed": 5,
        }
    )
    fill = dispense(
        whenHandedOver="2025-01-02",
        daysSupply={"value": 30, "code": "d"},
        authorizingPrescription=[{"reference": "MedicationRequest/mr"}],
    )
    result = import_bundle(bundle(order, fill))
    (trial,) = result.case.treatment_history
    assert trial.end == date(2025, 1, 31)
    assert result.report.refills == {}


def test_the_report_counts_the_refills_of_each_trial(bundle):
    first = request("a", dispenseRequest={"expectedSupplyDuration": {"value": 30, "code": "d"}})
    second = request(
        "b",
        authoredOn="2025-01-20",
        dispenseRequest={
            "expectedSupplyDuration": {"value": 30, "code": "d"},
            "numberOfRepeatsAllowed": 2,
        },
    )
    result = import_bundle(bundle(first, second))
    (line,) = result.report.trials
    assert line.refills == 2
    assert result.report.refills == {"MedicationRequest/b": 2}
    assert any("refills count" in note for note in result.report.notes)


@pytest.mark.parametrize(
    ("timing", "mg"),
    [
        ("QD", Decimal(50)),
        ("BID", Decimal(100)),
        ("TID", Decimal(150)),
        ("QID", Decimal(200)),
        ("AM", Decimal(50)),
        ("QOD", Decimal(25)),
        ("Q4H", None),
    ],
)
def test_a_timing_code_gives_the_doses_a_day(bundle, timing, mg):
    instruction = {
        "timing": {"code": {"coding": [{"system": GTS, "code": timing}]}},
        "doseAndRate": [{"doseQuantity": {"value": 50, "unit": "mg"}}],
    }
    (trial,) = trials(bundle, request(dosageInstruction=[instruction]))
    assert trial.dose_mg_per_day == mg


@pytest.mark.parametrize(
    ("instruction", "dose", "mg"),
    [
        (dosage(50), "50 mg daily", Decimal(50)),
        ({"text": "Take 1 tablet by mouth daily"}, "Take 1 tablet by mouth daily", None),
        ({"text": "  two\ttablets\x00 at night  "}, "two tablets at night", None),
        ({"text": "x" * 300}, "x" * 197 + "...", None),
        ({**dosage(50), "text": "Take one"}, "50 mg daily", Decimal(50)),
    ],
)
def test_the_dose_is_the_mg_a_day_else_the_dosage_as_worded(bundle, instruction, dose, mg):
    (trial,) = trials(bundle, request(dosageInstruction=[instruction]))
    assert (trial.dose, trial.dose_mg_per_day) == (dose, mg)


def test_a_statement_gives_its_dose_as_worded(bundle):
    (trial,) = trials(bundle, statement(dosage=[{"text": "20 mg once a day"}]))
    assert trial.dose == "20 mg once a day"


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        (
            statement(status="stopped", statusReason=[{"text": "no meaningful improvement"}]),
            "no meaningful improvement",
        ),
        (
            statement(
                status="stopped",
                statusReason=[
                    {"coding": [{"system": "http://snomed.info/sct", "display": "Side effect"}]}
                ],
            ),
            "Side effect",
        ),
        (
            request(status="stopped", statusReason={"text": "nausea"}),
            "nausea",
        ),
        (request(status="active", statusReason={"text": "not shown while active"}), None),
        (statement(status="completed"), None),
    ],
)
def test_a_status_reason_becomes_the_reason_stopped_and_the_outcome_stays_open(
    bundle, resource, reason
):
    result = import_bundle(bundle(resource))
    (trial,) = result.case.treatment_history
    assert trial.reason_stopped == reason
    assert trial.outcome.value == "unknown"
    assert any("reason_stopped" in note for note in result.report.notes) is (reason is not None)
