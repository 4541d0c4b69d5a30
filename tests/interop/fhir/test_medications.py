from datetime import date
from decimal import Decimal

import pytest

from ketacover.interop.fhir import import_bundle

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
CARIN = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType"
SUBJECT = {"reference": "Patient/p1"}


def skipped(result):
    return [(each.source_id, each.reason) for each in result.report.skipped]


def dosage(mg, frequency=1, period=1, unit="d"):
    return {
        "timing": {"repeat": {"frequency": frequency, "period": period, "periodUnit": unit}},
        "doseAndRate": [{"doseQuantity": {"value": mg, "unit": "mg"}}],
    }


def request(ident="mr", text="Sertraline 50 mg tablet", **fields):
    return {
        "resourceType": "MedicationRequest",
        "id": ident,
        "status": fields.pop("status", "active"),
        "intent": fields.pop("intent", "order"),
        "medicationCodeableConcept": {"text": text},
        "subject": SUBJECT,
        "authoredOn": "2025-01-01",
        **fields,
    }


def dispense(ident="md", **fields):
    return {
        "resourceType": "MedicationDispense",
        "id": ident,
        "status": fields.pop("status", "completed"),
        "medicationCodeableConcept": fields.pop("drug", {"text": "Sertraline 50 mg tablet"}),
        "subject": SUBJECT,
        **fields,
    }


def claim(ident="eob", items=None, **fields):
    return {
        "resourceType": "ExplanationOfBenefit",
        "id": ident,
        "status": fields.pop("status", "active"),
        "type": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/claim-type",
                    "code": fields.pop("kind", "pharmacy"),
                }
            ]
        },
        "use": "claim",
        "patient": SUBJECT,
        "created": "2025-01-01T00:00:00Z",
        "insurer": {"display": "Example Health"},
        "provider": {"display": "Example Pharmacy"},
        "outcome": fields.pop("outcome", "complete"),
        "insurance": [{"focal": True, "coverage": {"display": "Example Health"}}],
        "item": items if items is not None else [item(1)],
        **fields,
    }


def item(sequence, text="Sertraline 100 mg tablet", **fields):
    return {"sequence": sequence, "productOrService": {"text": text}, **fields}


def days_supply(sequence, days):
    return {
        "sequence": sequence,
        "category": {"coding": [{"system": CARIN, "code": "dayssupply"}]},
        "valueQuantity": {"value": days},
    }


def trials(bundle, *resources):
    return import_bundle(bundle(*resources)).case.treatment_history


# MedicationRequest


def test_a_request_counts_its_supply_and_each_refill_with_its_dose_and_rxnorm_code(bundle):
    drug = {
        "coding": [{"system": RXNORM, "code": "990001", "display": "sertraline 50 MG Oral Tablet"}]
    }
    resource = request(
        medicationCodeableConcept=drug,
        dosageInstruction=[dosage(50, 3)],
        dispenseRequest={
            "numberOfRepeatsAllowed": 5,
            "expectedSupplyDuration": {"value": 2, "code": "wk"},
        },
    )
    (trial,) = trials(bundle, resource)
    assert (trial.name, trial.start, trial.end) == (
        "sertraline",
        date(2025, 1, 1),
        date(2025, 3, 25),
    )
    assert trial.dose_mg_per_day == Decimal(150)
    assert trial.sources == ("MedicationRequest/mr (RxNorm 990001)",)


@pytest.mark.parametrize(
    ("dose", "mg"),
    [
        (dosage(25, 2, 1, "d"), Decimal(50)),
        (dosage(5, 1, 12, "h"), Decimal(10)),
        (dosage(70, 1, 1, "wk"), Decimal(10)),
        (dosage(10, 1, 1, "mo"), None),
        ({"text": "one tablet daily"}, None),
        (
            {
                "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}],
                "timing": {"repeat": {"periodUnit": "d"}},
            },
            None,
        ),
        (
            {
                "doseAndRate": [{"doseQuantity": {"value": 10, "code": "mg"}}],
                "timing": {"repeat": {"periodUnit": "d"}},
            },
            Decimal(10),
        ),
        (
            {
                "doseAndRate": [{"doseQuantity": {"value": 10, "code": "mg"}}],
                "timing": {"repeat": {"period": 0, "periodUnit": "d"}},
            },
            None,
        ),
        ({"doseAndRate": [{"doseQuantity": {"value": 10, "code": "mg"}}]}, None),
        (dosage(33.33, 1, 1, "d"), Decimal("33.3")),
    ],
)
def test_the_daily_dose_is_read_from_a_dose_in_mg_and_its_timing(bundle, dose, mg):
    (trial,) = trials(bundle, request(dosageInstruction=[dose]))
    assert trial.dose_mg_per_day == mg


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": "cancelled"}, "its status is cancelled"),
        ({"status": "entered-in-error"}, "its status is entered-in-error"),
        ({"intent": "plan"}, "its intent is plan, not an order"),
        ({"authoredOn": "2025-01"}, "sertraline: no full date"),
        (
            {"text": "Atorvastatin 10 mg"},
            '"Atorvastatin 10 mg" is not an antidepressant or augmenting agent'
            " in ketacover's table",
        ),
    ],
)
def test_requests_that_are_not_orders_or_not_usable_are_skipped(bundle, fields, reason):
    text = fields.pop("text", "Sertraline 50 mg tablet")
    result = import_bundle(bundle(request(text=text, **fields)))
    assert result.case.treatment_history == ()
    assert skipped(result) == [("MedicationRequest/mr", reason)]


def test_a_drug_with_only_codes_and_no_name_is_skipped(bundle):
    drug = {"coding": [{"system": RXNORM, "code": "990001"}]}
    result = import_bundle(bundle(request(medicationCodeableConcept=drug)))
    assert skipped(result) == [
        (
            "MedicationRequest/mr",
            "the drug (no name, only codes) is not an antidepressant or augmenting agent"
            " in ketacover's table",
        )
    ]


def test_a_referenced_medication_names_the_drug(bundle):
    medication = {
        "resourceType": "Medication",
        "id": "m1",
        "code": {"text": "Wellbutrin XL 300 mg"},
    }
    resource = request()
    del resource["medicationCodeableConcept"]
    resource["medicationReference"] = {"reference": "Medication/m1"}
    (trial,) = trials(bundle, resource, medication)
    assert trial.name == "bupropion"
    assert import_bundle(bundle(resource, medication)).report.skipped == ()


# MedicationStatement


def statement(**fields):
    return {
        "resourceType": "MedicationStatement",
        "id": "ms",
        "status": fields.pop("status", "completed"),
        "medicationCodeableConcept": {"text": "escitalopram"},
        "subject": SUBJECT,
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "start", "end"),
    [
        (
            {"effectivePeriod": {"start": "2024-01-01", "end": "2024-03-31"}},
            date(2024, 1, 1),
            date(2024, 3, 31),
        ),
        ({"effectivePeriod": {"start": "2024-01-01"}}, date(2024, 1, 1), date(2024, 1, 1)),
        (
            {"effectivePeriod": {"start": "2024-03-01", "end": "2024-01-01"}},
            date(2024, 3, 1),
            date(2024, 3, 1),
        ),
        ({"effectiveDateTime": "2024-02-02T08:00:00-05:00"}, date(2024, 2, 2), date(2024, 2, 2)),
    ],
)
def test_a_statement_covers_its_effective_period(bundle, fields, start, end):
    (trial,) = trials(bundle, statement(**fields))
    assert (trial.start, trial.end) == (start, end)


@pytest.mark.parametrize("status", ["not-taken", "intended", "entered-in-error"])
def test_statements_of_drugs_not_taken_are_skipped(bundle, status):
    result = import_bundle(bundle(statement(status=status, effectiveDateTime="2024-01-01")))
    assert skipped(result) == [("MedicationStatement/ms", f"its status is {status}")]


# MedicationDispense


def test_a_dispense_gives_date_days_supply_and_dose_from_strength_and_quantity(bundle):
    resource = dispense(
        whenHandedOver="2025-01-06", daysSupply={"value": 30}, quantity={"value": 45}
    )
    (trial,) = trials(bundle, resource)
    assert (trial.start, trial.end, trial.dose_mg_per_day) == (
        date(2025, 1, 6),
        date(2025, 2, 4),
        Decimal(75),
    )


def test_a_dispense_prefers_its_dosage_instruction_and_falls_back_to_when_prepared(bundle):
    resource = dispense(
        whenPrepared="2025-01-05", quantity={"value": 30}, dosageInstruction=[dosage(200)]
    )
    (trial,) = trials(bundle, resource)
    assert (trial.start, trial.dose_mg_per_day) == (date(2025, 1, 5), Decimal(200))


@pytest.mark.parametrize(
    ("text", "quantity", "mg"),
    [
        ("Sertraline 50 mg tablet", 30, Decimal(50)),
        ("Sertraline oral concentrate 20 mg/mL", 60, None),
        ("Sertraline tablet", 30, None),
        ("Sertraline 50 mg tablet", None, None),
        ("Sertraline 50 mg tablet", 0, None),
    ],
)
def test_a_fill_dose_needs_one_strength_in_mg_and_a_quantity(bundle, text, quantity, mg):
    fields = {"whenHandedOver": "2025-01-06", "daysSupply": {"value": 30}, "drug": {"text": text}}
    if quantity is not None:
        fields["quantity"] = {"value": quantity}
    (trial,) = trials(bundle, dispense(**fields))
    assert trial.dose_mg_per_day == mg


@pytest.mark.parametrize("status", ["cancelled", "in-progress", "declined"])
def test_dispenses_that_did_not_happen_are_skipped(bundle, status):
    result = import_bundle(bundle(dispense(status=status, whenHandedOver="2025-01-06")))
    assert skipped(result) == [("MedicationDispense/md", f"its status is {status}, not completed")]


# ExplanationOfBenefit


def test_a_pharmacy_claim_item_gives_fill_date_days_supply_and_dose(bundle):
    resource = claim(
        supportingInfo=[days_supply(1, 30)],
        items=[item(1, servicedDate="2025-01-06", quantity={"value": 30}, informationSequence=[1])],
    )
    (trial,) = trials(bundle, resource)
    assert (trial.start, trial.end, trial.dose_mg_per_day) == (
        date(2025, 1, 6),
        date(2025, 2, 4),
        Decimal(100),
    )
    assert trial.sources == ("ExplanationOfBenefit/eob",)


def test_several_items_each_count_and_are_cited_by_sequence(bundle):
    resource = claim(
        supportingInfo=[days_supply(1, 30), days_supply(2, 90)],
        billablePeriod={"start": "2025-02-01"},
        items=[
            item(1, servicedPeriod={"start": "2025-01-06"}, informationSequence=[1]),
            item(2, text="Aripiprazole 2 mg tablet", informationSequence=[2]),
        ],
    )
    sertraline, aripiprazole = trials(bundle, resource)
    assert sertraline.sources == ("ExplanationOfBenefit/eob#item1",)
    assert (aripiprazole.start, aripiprazole.end) == (date(2025, 2, 1), date(2025, 5, 1))
    assert aripiprazole.augmentation is True


def test_an_unlinked_days_supply_applies_and_no_days_supply_covers_one_day(bundle):
    linked = claim(
        "a", supportingInfo=[days_supply(4, 60)], items=[item(1, servicedDate="2025-01-06")]
    )
    bare = claim("b", items=[item(1, text="Lithium 300 mg", servicedDate="2025-01-06")])
    lithium, sertraline = trials(bundle, linked, bare)
    assert sertraline.end == date(2025, 3, 6)
    assert lithium.end == date(2025, 1, 6)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"kind": "professional"}, "not a pharmacy claim (only pharmacy claims show drugs filled)"),
        ({"status": "cancelled"}, "the claim is cancelled"),
        ({"outcome": "error"}, "the claim is error"),
        ({"items": []}, "the claim has no items"),
        ({"items": [item(1)]}, "sertraline: no full date"),
    ],
)
def test_claims_that_show_no_fill_are_skipped(bundle, fields, reason):
    result = import_bundle(bundle(claim(**fields)))
    assert skipped(result) == [("ExplanationOfBenefit/eob", reason)]
