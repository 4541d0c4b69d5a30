"""The three export-shaped bundles (Epic, Oracle Health, CARIN Blue Button) import into the cases
written by hand beside them (``tests/fixtures/fhir/exports``)."""

import importlib.util
from pathlib import Path

import pytest
import yaml

from ketacover.interop.casefile import case_to_data, parse_case
from ketacover.interop.fhir import import_bundle

FOLDER = Path(__file__).parents[2] / "fixtures" / "fhir" / "exports"
NAMES = ("epic", "oracle", "carin")
EMPTY_LISTS = ("calls", "prior_authorizations", "sessions", "denials", "appeals", "claims")


def load_script():
    spec = importlib.util.spec_from_file_location("make_exports", FOLDER / "make_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def imported(name):
    return import_bundle((FOLDER / f"{name}.json").read_bytes())


def expected(name):
    return yaml.safe_load((FOLDER / f"{name}.expected.yaml").read_text(encoding="utf-8"))


def test_the_script_reproduces_every_export_and_expected_case_exactly():
    made = load_script().files()
    assert sorted(made) == sorted(p.name for p in FOLDER.iterdir() if p.suffix != ".py")
    for name, text in made.items():
        assert (FOLDER / name).read_text(encoding="utf-8") == text, name


@pytest.mark.parametrize("name", NAMES)
def test_each_export_imports_into_its_expected_case(name):
    data = case_to_data(imported(name).case)
    assert data.pop("history") == {}
    assert data.pop("urgency") == "standard"
    for key in EMPTY_LISTS:
        assert data.pop(key) == [], key
    assert data == expected(name)["case"]


@pytest.mark.parametrize("name", NAMES)
def test_each_export_reports_its_plan_primary_refills_and_skipped_records(name):
    report = imported(name).report
    want = expected(name)["report"]
    assert report.plan_category_recognized is want["plan_category_recognized"]
    assert report.primary == want["primary"]
    assert dict(report.refills) == want["refills"]
    assert [[s.source_id, s.reason] for s in report.skipped] == want["skipped"]


@pytest.mark.parametrize("name", NAMES)
def test_each_imported_case_is_a_valid_case_file(name):
    text = yaml.safe_dump(case_to_data(imported(name).case), sort_keys=False)
    assert parse_case(text, fmt="yaml", name=f"{name}.yaml").id == "fhir-import"


def test_the_preview_lines_carry_refills_and_the_stopping_reason():
    epic = {t.name: t for t in imported("epic").report.trials}
    assert (epic["sertraline"].refills, epic["bupropion"].refills) == (2, 1)
    assert epic["aripiprazole"].refills == 1
    oracle = {t.name: t for t in imported("oracle").report.trials}
    assert oracle["escitalopram"].reason_stopped == "No meaningful improvement"
    assert oracle["escitalopram"].refills is None
