"""Property-based fuzzing of the FHIR bundle importer, starting from the fixture bundles.

Whatever a bundle holds, importing it gives a case and a report, or :class:`FhirImportError`
naming where the problem is: never another exception, never a hang; the preview of merging the
result into a case never fails either. The PAS writer and the importer agree: a case written as
a PAS request bundle imports back with the same patient and diagnoses.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketacover.core.errors import MissingFactsError
from ketacover.core.model import Diagnosis
from ketacover.interop.casefile import case_from_data, case_to_data, load_case
from ketacover.interop.fhir import FhirImportError, import_bundle, merge_into
from ketacover.interop.pas import pas_bundle

from ..mutations import mutated_bytes, mutated_tree

FIXTURES = Path(__file__).parents[2] / "fixtures" / "fhir"
EXAMPLES = Path(__file__).parents[3] / "examples"
BUNDLES = [
    json.loads((FIXTURES / name).read_text("utf-8")) for name in ("ehr.json", "patient-access.json")
]
TARGET = load_case(EXAMPLES / "esketamine-ready-ppo.yaml")
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDS = 5.0
DATES = st.sampled_from(
    ["0001-01-01", "1899-12-31", "9999-12-31", "9999-12-31T23:59:59Z", "2026-02-29", "2026"]
)
NUMBERS = st.sampled_from([0, -1, -30, 10**9, 10**18, 1e308, 0.0001, "x"])


def _import(data) -> None:
    """Import ``data``; a result must preview against a case, a refusal must name a problem."""
    started = time.perf_counter()
    problems = None
    try:
        result = import_bundle(data)
    except FhirImportError as error:
        problems = error.problems
    else:
        merge_into(TARGET, result)
        assert result.case.patient.family_name
    assert time.perf_counter() - started < SECONDS
    if problems is not None:
        assert problems
        assert all(problem.message for problem in problems)


@FUZZ
@given(mutated_tree(BUNDLES))
def test_a_mutated_bundle_imports_or_is_refused_with_its_path(bundle):
    _import(bundle)


@FUZZ
@given(mutated_tree(BUNDLES, leaves=DATES | NUMBERS))
def test_odd_dates_and_numbers_in_a_bundle_are_skipped_or_refused(bundle):
    _import(bundle)


@FUZZ
@given(mutated_bytes([(FIXTURES / "ehr.json").read_bytes()]))
def test_damaged_bundle_bytes_import_or_are_refused(data):
    _import(data)


def _dispense(**changes) -> dict:
    resource = {
        "resourceType": "MedicationDispense",
        "id": "md1",
        "status": "completed",
        "medicationCodeableConcept": {"text": "sertraline 100 mg tablet"},
        "quantity": {"value": 60},
        "daysSupply": {"value": 30, "unit": "d"},
        "whenHandedOver": "2025-06-09",
    }
    resource.update(changes)
    return resource


def test_a_fill_whose_supply_runs_past_the_calendar_is_skipped_not_a_crash(bundle):
    result = import_bundle(bundle(_dispense(whenHandedOver="9999-12-31")))
    assert result.case.treatment_history == ()
    [skipped] = result.report.skipped
    assert skipped.source_id == "MedicationDispense/md1"
    assert "outside 1900-2199" in skipped.reason


def test_a_fill_with_a_dose_no_one_takes_keeps_the_fill_without_a_dose(bundle):
    huge = _dispense(quantity={"value": 1e300})
    [trial] = import_bundle(bundle(huge)).case.treatment_history
    assert trial.name == "sertraline"
    assert trial.dose_mg_per_day is None


def test_a_resource_given_as_a_list_is_refused_with_its_entry(bundle):
    document = bundle(_dispense())
    document["entry"][1]["resource"] = [document["entry"][1]["resource"]]
    with pytest.raises(FhirImportError) as raised:
        import_bundle(document)
    [problem] = raised.value.problems
    assert problem.path == "entry[1] (resource)"
    assert "wrong type" in problem.message


NAMES = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'-", min_size=1, max_size=20
)
CODES = st.sampled_from(["F33.2", "F33.1", "F32.2", "F43.10", "F31.81", "G90.522", "F41.1"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    given_name=NAMES,
    family_name=NAMES,
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
    codes=st.lists(CODES, min_size=1, max_size=4, unique=True),
)
def test_a_pas_request_bundle_imports_back_with_its_patient_and_diagnoses(
    given_name, family_name, born, codes
):
    data = case_to_data(TARGET)
    data["patient"].update(
        given_name=given_name, family_name=family_name, date_of_birth=born.isoformat()
    )
    data["diagnoses"] = [{"code": code, "primary": index == 0} for index, code in enumerate(codes)]
    case = case_from_data(data)
    try:
        written = pas_bundle(case, date(2026, 11, 23))
    except MissingFactsError:
        raise AssertionError("the example case has every fact a PAS request needs") from None
    imported = import_bundle(json.dumps(written)).case
    assert imported.patient.given_name == case.patient.given_name
    assert imported.patient.family_name == case.patient.family_name
    assert imported.patient.date_of_birth == case.patient.date_of_birth
    assert imported.patient.address == case.patient.address
    assert [d.code for d in imported.diagnoses] == [d.code for d in case.diagnoses]
    assert all(isinstance(d, Diagnosis) for d in imported.diagnoses)
