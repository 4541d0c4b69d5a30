from datetime import date
from pathlib import Path

import pytest

from ketacover.interop.casefile import case_to_data, parse_case
from ketacover.interop.fhir import DEFAULT_CASE_ID, FhirImportError, import_bundle

FIXTURES = Path(__file__).parents[2] / "fixtures" / "fhir"


def test_the_patient_access_bundle_gives_five_trials_with_their_claims(fixture_text):
    result = import_bundle(fixture_text("patient-access.json"))
    summary = [
        (t.name, t.drug_class, t.start, t.end, t.weeks, t.dose, t.augmentation, len(t.sources))
        for t in result.report.trials
    ]
    assert summary == [
        (
            "sertraline",
            "SSRI",
            date(2025, 1, 6),
            date(2025, 4, 6),
            13,
            "50 mg to 100 mg daily",
            False,
            3,
        ),
        ("sertraline", "SSRI", date(2025, 5, 20), date(2025, 8, 19), 13, "100 mg daily", False, 3),
        (
            "escitalopram",
            "SSRI",
            date(2025, 8, 18),
            date(2025, 12, 17),
            17,
            "10 mg to 20 mg daily",
            False,
            4,
        ),
        (
            "venlafaxine",
            "SNRI",
            date(2025, 12, 15),
            date(2026, 7, 11),
            29,
            "75 mg to 150 mg daily",
            False,
            7,
        ),
        (
            "aripiprazole",
            "second-generation antipsychotic",
            date(2026, 3, 10),
            date(2026, 6, 8),
            13,
            "5 mg daily",
            True,
            3,
        ),
    ]
    first = result.case.treatment_history[0]
    assert first.sources[0] == "ExplanationOfBenefit/eob-001 (NDC 99999-0101-30)"


def test_the_report_counts_resources_and_lists_what_was_skipped(fixture_text):
    report = import_bundle(fixture_text("patient-access.json")).report
    assert report.counts == {
        "Condition": 2,
        "Coverage": 1,
        "ExplanationOfBenefit": 23,
        "Observation": 6,
        "Organization": 1,
        "Patient": 1,
    }
    assert report.skipped_count("ExplanationOfBenefit") == 3
    assert report.skipped_count("Observation") == 1
    assert report.gap_days == 30
    assert any(note.startswith("treatment_history:") for note in report.notes)


def test_a_wider_gap_joins_the_two_sertraline_trials(fixture_text):
    result = import_bundle(fixture_text("patient-access.json"), gap_days=60)
    assert [t.name for t in result.report.trials].count("sertraline") == 1
    assert result.report.gap_days == 60


def test_a_negative_gap_is_refused():
    with pytest.raises(FhirImportError, match="gap_days: -1 must be 0 or more"):
        import_bundle("{}", gap_days=-1)


def test_the_ehr_bundle_combines_orders_fills_and_statements(fixture_text):
    result = import_bundle(fixture_text("ehr.json"))
    summary = [
        (t.name, t.start, t.end, t.dose_mg_per_day, t.augmentation)
        for t in result.case.treatment_history
    ]
    assert [row[:3] for row in summary] == [
        ("fluoxetine", date(2023, 3, 1), date(2023, 5, 30)),
        ("bupropion", date(2023, 7, 1), date(2023, 10, 15)),
        ("lithium", date(2023, 8, 15), date(2023, 10, 15)),
    ]
    assert [row[4] for row in summary] == [False, False, True]
    assert [(s.source_id, s.reason) for s in result.report.skipped] == [
        ("Condition/cond-c", "F99.99 is not in the ICD-10-CM code set"),
        ("MedicationRequest/mr-2", "its intent is proposal, not an order"),
        ("MedicationDispense/md-4", "its status is entered-in-error, not completed"),
    ]


@pytest.mark.parametrize("reader", [Path.read_text, Path.read_bytes])
def test_bytes_text_and_parsed_json_give_the_same_case(fixture_json, reader):
    path = FIXTURES / "ehr.json"
    assert import_bundle(reader(path)).case == import_bundle(fixture_json("ehr.json")).case


def test_the_case_id_is_given_or_derived_from_nothing_personal(bundle):
    assert import_bundle(bundle()).case.id == DEFAULT_CASE_ID == "fhir-import"
    assert import_bundle(bundle(), case_id="case-0042").case.id == "case-0042"


def test_an_entry_without_a_resource_is_reported(bundle):
    data = bundle()
    data["entry"].append({"fullUrl": "urn:uuid:x"})
    (skipped,) = import_bundle(data).report.skipped
    assert (skipped.source_id, skipped.reason) == ("entry[1]", "the entry has no resource")


@pytest.mark.parametrize("name", ["patient-access.json", "ehr.json"])
def test_the_imported_case_is_a_valid_case_file(fixture_text, name):
    case = import_bundle(fixture_text(name)).case
    import json

    assert parse_case(json.dumps(case_to_data(case)), fmt="json") == case
