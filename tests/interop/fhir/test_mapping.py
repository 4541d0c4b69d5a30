from datetime import date

import pytest

from ketacover.core.model import Address, PayerCategory, PlanType, Scale, Sex
from ketacover.interop.fhir import FhirImportError, import_bundle
from ketacover.interop.fhir.coverage import sopt_category

SOPT = "https://nahdo.org/sopt"
ICD = "http://hl7.org/fhir/sid/icd-10-cm"
LOINC = "http://loinc.org"


def patient(**fields):
    return {"resourceType": "Patient", "id": "p2", **fields}


def skipped(result):
    return [(each.source_id, each.reason) for each in result.report.skipped]


# Patient


def test_the_patient_takes_the_official_name_birth_date_gender_and_home_address(fixture_text):
    case = import_bundle(fixture_text("patient-access.json")).case
    assert case.patient.full_name == "Jordan Lee Sample"
    assert case.patient.date_of_birth == date(1988, 4, 12)
    assert case.patient.sex is Sex.FEMALE
    assert case.patient.address == Address(
        line1="100 Example Street",
        line2="Apt 2",
        city="Springfield",
        state="MA",
        postal_code="01101",
    )


@pytest.mark.parametrize(
    ("gender", "sex"), [("male", Sex.MALE), ("other", Sex.UNKNOWN), (None, Sex.UNKNOWN)]
)
def test_gender_maps_to_sex_and_anything_else_is_unknown(bundle, gender, sex):
    fields = {"name": [{"given": ["A"], "family": "B"}], "birthDate": "1990-01-01"}
    if gender:
        fields["gender"] = gender
    case = import_bundle(bundle(patient(**fields), patient=False)).case
    assert case.patient.sex is sex


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"birthDate": "1990-01-01"},
            "entry[0] (Patient/p2).name: needs a given and a family name",
        ),
        (
            {"name": [{"given": ["A"]}], "birthDate": "1990-01-01"},
            "entry[0] (Patient/p2).name: needs a given and a family name",
        ),
        (
            {"name": [{"given": ["A"], "family": "B"}]},
            "entry[0] (Patient/p2).birthDate: is required to make a case",
        ),
        (
            {"name": [{"given": ["A"], "family": "B"}], "birthDate": "1990"},
            "entry[0] (Patient/p2).birthDate: is not a full date",
        ),
    ],
)
def test_a_patient_without_a_name_or_full_birth_date_cannot_make_a_case(bundle, fields, message):
    with pytest.raises(FhirImportError) as raised:
        import_bundle(bundle(patient(**fields), patient=False))
    assert str(raised.value) == message


def test_a_bundle_without_a_patient_cannot_make_a_case(bundle):
    with pytest.raises(FhirImportError, match="has no Patient resource"):
        import_bundle(bundle(patient=False))


def test_a_second_patient_is_skipped_and_reported(bundle):
    second = patient(name=[{"given": ["C"], "family": "D"}], birthDate="1970-01-01")
    result = import_bundle(bundle(second))
    assert result.case.patient.given_name == "Ada"
    assert skipped(result) == [
        ("Patient/p2", "a second Patient: a case is about one person (Patient/p1)")
    ]


@pytest.mark.parametrize(
    ("address", "note"),
    [
        ({"city": "Springfield", "state": "MA", "postalCode": "01101"}, "lacks a street line"),
        ({"line": ["1 Main St"], "state": "MA", "postalCode": "01101"}, "lacks a city"),
        (
            {"line": ["1 Main St"], "city": "X", "state": "Mass", "postalCode": "01101"},
            "two-letter state",
        ),
        (
            {"line": ["1 Main St"], "city": "X", "state": "MA", "postalCode": "ABCDE"},
            "lacks a ZIP code",
        ),
    ],
)
def test_an_incomplete_address_is_left_out_with_a_note(bundle, address, note):
    fields = {
        "name": [{"given": ["A"], "family": "B"}],
        "birthDate": "1990-01-01",
        "address": [address],
    }
    result = import_bundle(bundle(patient(**fields), patient=False))
    assert result.case.patient.address is None
    assert any(note in each for each in result.report.notes)


def test_an_address_without_a_use_is_taken_and_its_state_upper_cased(bundle):
    address = {"line": ["1 Main St"], "city": "X", "state": "ma", "postalCode": "01101-1234"}
    fields = {
        "name": [{"given": ["A"], "family": "B"}],
        "birthDate": "1990-01-01",
        "address": [address],
    }
    case = import_bundle(bundle(patient(**fields), patient=False)).case
    assert case.patient.address == Address(
        line1="1 Main St", city="X", state="MA", postal_code="01101-1234"
    )


# Coverage


def coverage(ident="c1", **fields):
    return {
        "resourceType": "Coverage",
        "id": ident,
        "status": "active",
        "beneficiary": {"reference": "Patient/p1"},
        "payor": [{"display": "Example Health"}],
        **fields,
    }


def sopt(code):
    return {"coding": [{"system": SOPT, "code": code}]}


def test_the_plan_takes_payer_member_id_group_plan_name_and_type(fixture_text):
    result = import_bundle(fixture_text("patient-access.json"))
    plan = result.case.plan
    assert (plan.payer, plan.member_id, plan.group_number, plan.plan_name) == (
        "Example Health Plan",
        "XEH123456789",
        "GRP-0042",
        "Example PPO 1500",
    )
    assert plan.plan_type is PlanType.PPO


def test_a_private_plan_type_leaves_the_category_unknown_and_says_so(fixture_text):
    result = import_bundle(fixture_text("patient-access.json"))
    assert result.case.plan.category is PayerCategory.OTHER
    assert result.report.plan_category_recognized is False
    assert any(note.startswith("plan.category:") for note in result.report.notes)


@pytest.mark.parametrize(
    ("code", "category", "plan_type"),
    [
        ("111", PayerCategory.MEDICARE_ADVANTAGE, PlanType.HMO),
        ("11", PayerCategory.MEDICARE_ADVANTAGE, None),
        ("121", PayerCategory.MEDICARE, None),
        ("211", PayerCategory.MEDICAID_MANAGED_CARE, PlanType.HMO),
        ("22", PayerCategory.MEDICAID, None),
        ("3112", PayerCategory.TRICARE, PlanType.PPO),
        ("514", PayerCategory.OTHER, PlanType.EPO),
        ("1", PayerCategory.OTHER, None),
    ],
)
def test_source_of_payment_typology_codes_give_category_and_plan_type(
    bundle, code, category, plan_type
):
    result = import_bundle(bundle(coverage(type=sopt(code))))
    assert (result.case.plan.category, result.case.plan.plan_type) == (category, plan_type)
    assert result.report.plan_category_recognized is (category is not PayerCategory.OTHER)


def test_the_sopt_oid_is_read_like_the_uri(bundle):
    concept = {"coding": [{"system": "urn:oid:2.16.840.1.113883.3.221.5", "code": "22"}]}
    assert (
        import_bundle(bundle(coverage(type=concept))).case.plan.category is PayerCategory.MEDICAID
    )


@pytest.mark.parametrize(
    ("code", "category"), [("2", None), ("23", None), ("123", None), ("5", None)]
)
def test_umbrella_sopt_codes_name_no_category(code, category):
    assert sopt_category(code) is category


def test_the_member_id_falls_back_to_the_member_identifier_then_any_identifier(bundle):
    member = {
        "type": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MB"}]
        },
        "value": "M-1",
    }
    other = {"value": "OTHER-1"}
    assert import_bundle(bundle(coverage(identifier=[other, member]))).case.plan.member_id == "M-1"
    assert import_bundle(bundle(coverage(identifier=[other]))).case.plan.member_id == "OTHER-1"
    assert import_bundle(bundle(coverage())).case.plan.member_id is None


def test_the_payer_comes_from_a_referenced_organization_when_the_payor_has_no_display(bundle):
    organization = {"resourceType": "Organization", "id": "o1", "name": "Org Health"}
    cover = coverage(payor=[{"reference": "Organization/o1"}])
    assert import_bundle(bundle(cover, organization)).case.plan.payer == "Org Health"


def test_a_coverage_without_a_payer_name_leaves_the_plan_out(bundle):
    result = import_bundle(bundle(coverage(payor=[{"reference": "Organization/missing"}])))
    assert result.case.plan is None
    assert "no payor name" in skipped(result)[0][1]


def test_no_coverage_leaves_the_plan_out_and_says_so(bundle):
    result = import_bundle(bundle())
    assert result.case.plan is None
    assert "plan: the bundle has no Coverage, so the plan is left out" in result.report.notes


def test_the_active_coverage_wins_and_the_others_are_skipped(bundle):
    old = coverage("c0", status="draft", subscriberId="OLD")
    void = coverage("c9", status="entered-in-error")
    current = coverage("c1", subscriberId="NEW")
    result = import_bundle(bundle(old, void, current))
    assert result.case.plan.member_id == "NEW"
    assert skipped(result) == [
        ("Coverage/c9", "its status is entered-in-error"),
        ("Coverage/c0", "another Coverage: the plan was taken from Coverage/c1"),
    ]


def test_only_cancelled_coverage_gives_no_plan(bundle):
    result = import_bundle(bundle(coverage(status="cancelled")))
    assert result.case.plan is None
    assert skipped(result) == [("Coverage/c1", "its status is cancelled")]


# Condition


def condition(ident, *codings, **fields):
    return {
        "resourceType": "Condition",
        "id": ident,
        "subject": {"reference": "Patient/p1"},
        "code": {"coding": list(codings)},
        **fields,
    }


def test_icd_10_cm_conditions_become_diagnoses_and_others_are_skipped(fixture_text):
    result = import_bundle(fixture_text("patient-access.json"))
    assert [(d.code, d.since) for d in result.case.diagnoses] == [("F33.2", date(2024, 11, 2))]
    assert (
        "Condition/cond-2",
        "no ICD-10-CM coding (http://snomed.info/sct); only ICD-10-CM is read",
    ) in skipped(result)


def test_codes_are_normalized_deduplicated_and_keep_the_earliest_onset(bundle):
    result = import_bundle(
        bundle(
            condition("a", {"system": ICD, "code": "F332"}, onsetDateTime="2024-05-01"),
            condition("b", {"system": ICD, "code": "F33.2"}, onsetDateTime="2023-05-01T10:00:00Z"),
            condition("c", {"system": ICD, "code": "f33.2"}, recordedDate="2025-01-01"),
            condition(
                "d",
                {"system": ICD, "code": "F41.1"},
                clinicalStatus={"coding": [{"code": "resolved"}]},
            ),
        )
    )
    assert [(d.code, d.since, d.note) for d in result.case.diagnoses] == [
        ("F33.2", date(2023, 5, 1), "from Condition/b"),
        ("F41.1", None, "from Condition/d; clinical status resolved"),
    ]


def test_invalid_codes_errors_and_uncoded_conditions_are_skipped(bundle):
    result = import_bundle(
        bundle(
            condition("bad", {"system": ICD, "code": "F99.99"}),
            condition(
                "err",
                {"system": ICD, "code": "F33.2"},
                verificationStatus={"coding": [{"code": "entered-in-error"}]},
            ),
            {"resourceType": "Condition", "id": "none", "subject": {"reference": "Patient/p1"}},
        )
    )
    assert result.case.diagnoses == ()
    assert skipped(result) == [
        ("Condition/bad", "F99.99 is not in the ICD-10-CM code set"),
        ("Condition/err", "its verification status is entered-in-error"),
        ("Condition/none", "no ICD-10-CM coding (no coding); only ICD-10-CM is read"),
    ]


def test_a_confirmed_condition_is_kept(bundle):
    confirmed = condition(
        "ok",
        {"system": ICD, "code": "F33.1"},
        verificationStatus={"coding": [{"code": "confirmed"}]},
    )
    assert [d.code for d in import_bundle(bundle(confirmed)).case.diagnoses] == ["F33.1"]


# Observation


def observation(ident, code, **fields):
    return {
        "resourceType": "Observation",
        "id": ident,
        "status": fields.pop("status", "final"),
        "code": {"coding": [{"system": LOINC, "code": code}]},
        **fields,
    }


def test_phq9_and_gad7_totals_become_scores_oldest_first(fixture_text):
    case = import_bundle(fixture_text("ehr.json")).case
    assert [(s.scale, s.score, s.on) for s in case.scores] == [
        (Scale.GAD7, 15, date(2023, 2, 20)),
        (Scale.PHQ9, 19, date(2023, 2, 20)),
    ]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"valueInteger": 30, "effectiveDateTime": "2025-01-01"},
            "30 is outside the PHQ-9 range 0-27",
        ),
        ({"effectiveDateTime": "2025-01-01"}, "no whole PHQ-9 total with a date"),
        ({"valueInteger": 5}, "no whole PHQ-9 total with a date"),
        (
            {"valueQuantity": {"value": 5.5}, "effectiveDateTime": "2025-01-01"},
            "no whole PHQ-9 total with a date",
        ),
        ({"valueInteger": 5, "effectiveDateTime": "2025-01"}, "no whole PHQ-9 total with a date"),
        (
            {"valueInteger": 5, "effectiveDateTime": "2025-01-01", "status": "entered-in-error"},
            "its status is entered-in-error",
        ),
    ],
)
def test_unusable_totals_are_skipped_with_the_reason(bundle, fields, reason):
    result = import_bundle(bundle(observation("o", "44261-6", **fields)))
    assert result.case.scores == ()
    assert skipped(result) == [("Observation/o", reason)]


def test_the_date_falls_back_to_the_period_start_then_issued(bundle):
    result = import_bundle(
        bundle(
            observation("a", "44261-6", valueInteger=4, effectivePeriod={"start": "2025-02-01"}),
            observation("b", "70274-6", valueInteger=3, issued="2025-03-01T09:00:00+00:00"),
        )
    )
    assert [(s.scale, s.on) for s in result.case.scores] == [
        (Scale.PHQ9, date(2025, 2, 1)),
        (Scale.GAD7, date(2025, 3, 1)),
    ]


def test_other_observations_are_skipped_and_reported(bundle):
    uncoded = {
        "resourceType": "Observation",
        "id": "x",
        "status": "final",
        "code": {"text": "mood"},
    }
    result = import_bundle(bundle(observation("w", "29463-7"), uncoded))
    assert skipped(result) == [
        ("Observation/w", "LOINC 29463-7 is not a PHQ-9 (44261-6) or GAD-7 (70274-6) total"),
        ("Observation/x", "no LOINC code, so not a PHQ-9 (44261-6) or GAD-7 (70274-6) total"),
    ]
