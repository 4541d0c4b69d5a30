from dataclasses import replace
from datetime import date
from decimal import Decimal

from ketacover.core.model import (
    Address,
    Case,
    Diagnosis,
    Patient,
    PayerCategory,
    Plan,
    Scale,
    ScaleScore,
    Sex,
    TreatmentTrial,
)
from ketacover.interop.fhir import ChangeKind, import_bundle, merge_into


def existing_case(**fields):
    patient = Patient(
        given_name="Jordan Lee", family_name="Sample", date_of_birth=date(1988, 4, 12)
    )
    return Case(id="case-1", patient=patient, **fields)


def rows(changes):
    return [(c.kind.value, c.path, c.existing, c.imported) for c in changes]


def test_merging_into_an_empty_case_adds_everything_and_fills_empty_fields(fixture_text):
    imported = import_bundle(fixture_text("ehr.json"))
    merged, changes = merge_into(existing_case(), imported)
    assert merged.id == "case-1"
    assert merged.plan == imported.case.plan
    assert merged.patient.sex is Sex.FEMALE
    assert merged.treatment_history == imported.case.treatment_history
    assert rows(changes)[:3] == [
        ("set", "patient.sex", None, "female"),
        ("set", "patient.address", None, "100 Example Street, Springfield, MA 01103"),
        ("add", "plan", None, "Example Health Plan"),
    ]
    assert [c.path for c in changes if c.kind is ChangeKind.ADD][1:] == [
        "diagnoses[0]",
        "diagnoses[1]",
        "scores[0]",
        "scores[1]",
        "treatment_history[0]",
        "treatment_history[1]",
        "treatment_history[2]",
    ]


def test_a_second_import_shows_conflicts_and_keeps_the_existing_values(fixture_text):
    first = import_bundle(fixture_text("patient-access.json")).case
    ehr = import_bundle(fixture_text("ehr.json"))
    merged, changes = merge_into(first, ehr)
    conflicts = [row for row in rows(changes) if row[0] == "conflict"]
    assert conflicts == [
        (
            "conflict",
            "patient.address",
            "100 Example Street, Springfield, MA 01101",
            "100 Example Street, Springfield, MA 01103",
        ),
        ("conflict", "plan.category", "other", "medicaid_managed_care"),
        ("conflict", "plan.plan_type", "ppo", "hmo"),
        ("conflict", "plan.member_id", "XEH123456789", "XEH987654321"),
    ]
    assert merged.patient == first.patient
    assert merged.plan == first.plan
    assert [d.code for d in merged.diagnoses] == ["F33.2", "F41.1"]
    assert len(merged.treatment_history) == len(first.treatment_history) + 3


def test_an_unrecognized_plan_category_is_never_a_conflict(fixture_text):
    imported = import_bundle(fixture_text("patient-access.json"))
    existing = existing_case(
        plan=Plan(payer="Example Health Plan", category=PayerCategory.MEDICARE)
    )
    _, changes = merge_into(existing, imported)
    assert not [c for c in changes if c.path == "plan.category"]


def test_the_same_import_twice_changes_nothing(fixture_text):
    imported = import_bundle(fixture_text("patient-access.json"))
    merged, changes = merge_into(imported.case, imported)
    assert changes == []
    assert merged == imported.case


def test_a_differing_score_on_the_same_day_is_a_conflict(fixture_text):
    imported = import_bundle(fixture_text("ehr.json"))
    existing = existing_case(scores=(ScaleScore(scale=Scale.PHQ9, score=12, on=date(2023, 2, 20)),))
    merged, changes = merge_into(existing, imported)
    assert ("conflict", "scores[0].score", "12", "19") in rows(changes)
    assert merged.scores[0].score == 12
    assert ("add", "scores[1]", None, "GAD-7 15 on 2023-02-20") in rows(changes)


def test_a_matching_trial_gets_its_empty_fields_and_sources_and_keeps_its_own(fixture_text):
    imported = import_bundle(fixture_text("ehr.json"))
    fluoxetine = TreatmentTrial(name="Prozac", start=date(2023, 3, 1), dose_mg_per_day=Decimal(40))
    lithium = TreatmentTrial(name="lithium")
    merged, changes = merge_into(existing_case(treatment_history=(fluoxetine, lithium)), imported)
    assert [t.name for t in merged.treatment_history] == ["Prozac", "lithium", "bupropion"]
    trial = merged.treatment_history[0]
    assert (trial.start, trial.end, trial.dose_mg_per_day) == (
        date(2023, 3, 1),
        date(2023, 5, 30),
        Decimal(40),
    )
    assert ("conflict", "treatment_history[0].dose_mg_per_day", "40", "20") in rows(changes)
    assert ("set", "treatment_history[0].end", None, "2023-05-30") in rows(changes)
    assert len(trial.sources) == 4
    assert merged.treatment_history[1].augmentation is True
    assert ("set", "treatment_history[1].augmentation", None, "True") in rows(changes)


def test_a_trial_of_the_same_drug_at_another_time_is_added(fixture_text):
    imported = import_bundle(fixture_text("ehr.json"))
    earlier = TreatmentTrial(name="fluoxetine", start=date(2019, 1, 1), end=date(2019, 6, 1))
    merged, _ = merge_into(existing_case(treatment_history=(earlier,)), imported)
    assert [t.name for t in merged.treatment_history].count("fluoxetine") == 2


def test_existing_diagnoses_are_not_added_again_whatever_their_spelling(fixture_text):
    imported = import_bundle(fixture_text("ehr.json"))
    existing = existing_case(diagnoses=(Diagnosis(code="F332", primary=True),))
    merged, changes = merge_into(existing, imported)
    assert [d.code for d in merged.diagnoses] == ["F332", "F41.1"]
    assert ("add", "diagnoses[1]", None, "F41.1") in rows(changes)


def test_a_different_name_or_birth_date_is_a_conflict(fixture_text):
    imported = import_bundle(fixture_text("ehr.json"))
    other = replace(
        existing_case(),
        patient=Patient(
            given_name="Sam",
            family_name="Sample",
            date_of_birth=date(1990, 1, 1),
            sex=Sex.MALE,
            address=Address(line1="1 A St", city="B", state="MA", postal_code="01101"),
        ),
    )
    _, changes = merge_into(other, imported)
    assert [c.path for c in changes if c.kind is ChangeKind.CONFLICT][:4] == [
        "patient.given_name",
        "patient.date_of_birth",
        "patient.sex",
        "patient.address",
    ]


def primary_import(bundle, code):
    condition = {
        "resourceType": "Condition",
        "id": "c",
        "subject": {"reference": "Patient/p1"},
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "encounter-diagnosis",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": code}]},
    }
    return import_bundle(bundle(condition))


def test_an_imported_primary_is_added_as_primary_when_the_case_has_none(bundle):
    merged, changes = merge_into(existing_case(), primary_import(bundle, "F33.2"))
    assert [(d.code, d.primary) for d in merged.diagnoses][-1] == ("F33.2", True)
    assert ("add", f"diagnoses[{len(merged.diagnoses) - 1}]", None, "F33.2 (primary)") in rows(
        changes
    )


def test_an_existing_diagnosis_becomes_primary_when_the_case_has_no_primary(bundle):
    case = existing_case(diagnoses=(Diagnosis(code="F33.2"),))
    merged, changes = merge_into(case, primary_import(bundle, "F33.2"))
    assert merged.diagnoses == (Diagnosis(code="F33.2", primary=True),)
    assert ("set", "diagnoses[0].primary", None, "True") in rows(changes)


def test_the_case_primary_is_kept_and_the_other_shown_as_a_conflict(bundle):
    case = existing_case(diagnoses=(Diagnosis(code="F32.2", primary=True),))
    merged, changes = merge_into(case, primary_import(bundle, "F33.2"))
    assert [(d.code, d.primary) for d in merged.diagnoses] == [("F32.2", True), ("F33.2", False)]
    assert ("conflict", "diagnoses.primary", "F32.2", "F33.2") in rows(changes)
