import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "fhir"
PATIENT = {
    "resourceType": "Patient",
    "id": "p1",
    "name": [{"given": ["Ada"], "family": "Example"}],
    "birthDate": "1980-02-03",
}


def make_bundle(*resources, patient=True):
    chosen = ([PATIENT] if patient else []) + list(resources)
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": resource} for resource in chosen],
    }


@pytest.fixture
def bundle():
    return make_bundle


@pytest.fixture
def fixture_text():
    def read(name):
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read


@pytest.fixture
def fixture_json(fixture_text):
    return lambda name: json.loads(fixture_text(name))
