import json

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.interop.fhir import FhirImportError, import_bundle
from ketacover.interop.fhir.bundle import read_bundle


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed-not-json.json", "is not valid JSON: Expecting value (line 2 column 1)"),
        ("malformed-not-a-bundle.json", 'is a "Patient" resource, not a Bundle'),
        (
            "malformed-bad-date.json",
            'entry[3] (MedicationDispense).whenHandedOver: "2026-13-01" is not a date',
        ),
        (
            "malformed-unknown-type.json",
            'entry[1].resource.resourceType: "Prescription" is not a FHIR R4 resource type',
        ),
    ],
)
def test_a_malformed_bundle_fails_with_one_plain_line(fixture_text, name, message):
    with pytest.raises(FhirImportError) as raised:
        import_bundle(fixture_text(name))
    assert str(raised.value) == message
    assert isinstance(raised.value, KetacoverError)
    assert "Traceback" not in str(raised.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe{", "is not UTF-8 text, so it cannot be a FHIR JSON bundle"),
        ("[1, 2]", "is not a FHIR Bundle (expected a JSON object with resourceType Bundle)"),
        ({"type": "collection"}, "is not a FHIR resource (it has no resourceType)"),
        ('{"resourceType": "Bundle"}', "Bundle.type: is required"),
        ("[" * 100_000, "is nested more than 64 levels deep (line 1)"),
        (
            {"resourceType": "Bundle", "type": "collection", "entry": "x"},
            'Bundle.entry: "x" must be a list',
        ),
        (
            {"resourceType": "Bundle", "type": "collection", "extra": 1},
            "Bundle.extra: is not a field of Bundle",
        ),
        (
            {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {}}]},
            "entry[0].resource.resourceType: is required (every resource names its type)",
        ),
    ],
)
def test_input_that_is_not_a_bundle_is_named_plainly(data, message):
    with pytest.raises(FhirImportError) as raised:
        read_bundle(data)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("resource", "message"),
    [
        (
            {"resourceType": "Patient", "foo": 1},
            "entry[1] (Patient).foo: is not a field of Patient",
        ),
        (
            {"resourceType": "MedicationRequest"},
            "entry[1] (MedicationRequest).subject: is required",
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "x"},
                "valueQuantity": {"value": "abc"},
            },
            'entry[1] (Observation).valueQuantity.value: "abc" is not a number',
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "x"},
                "valueInteger": "x",
            },
            'entry[1] (Observation).valueInteger: "x" is not a whole number',
        ),
        (
            {"resourceType": "Patient", "birthDate": "1980-02-30" + "9" * 60},
            'entry[1] (Patient).birthDate: "1980-02-30999999999999999999999999999..."'
            " is not a date",
        ),
        (
            {"resourceType": "Patient", "active": "perhaps"},
            'entry[1] (Patient).active: "perhaps" must be true or false',
        ),
        (
            {"resourceType": "Patient", "name": {"family": "x"}},
            "entry[1] (Patient).name: must be a list",
        ),
        (
            {"resourceType": "Patient", "meta": {"lastUpdated": "yesterday"}},
            'entry[1] (Patient).meta.lastUpdated: "yesterday" is not a timestamp',
        ),
    ],
)
def test_validation_errors_name_entry_resource_type_and_field(bundle, resource, message):
    with pytest.raises(FhirImportError) as raised:
        read_bundle(bundle(resource))
    assert str(raised.value) == message


def test_several_problems_are_all_listed_and_counted_in_the_summary(bundle):
    data = bundle({"resourceType": "Patient", "foo": 1, "bar": 2})
    with pytest.raises(FhirImportError) as raised:
        read_bundle(data)
    assert str(raised.value) == "entry[1] (Patient).foo: is not a field of Patient (and 1 more)"
    assert [problem.path for problem in raised.value.problems] == [
        "entry[1] (Patient).foo",
        "entry[1] (Patient).bar",
    ]


def test_other_library_messages_are_kept_in_plain_words(bundle):
    data = bundle({"resourceType": "Patient", "name": [{"family": 5}]})
    with pytest.raises(FhirImportError, match=r"entry\[1\] \(Patient\)\.name\[0\]\.family: "):
        read_bundle(data)


def test_a_contained_resource_of_an_unknown_type_is_an_error_not_a_traceback(bundle):
    data = bundle({"resourceType": "Patient", "contained": [{"resourceType": "Frobnicate"}]})
    with pytest.raises(FhirImportError, match="cannot read"):
        read_bundle(data)


def test_entries_carry_index_type_and_a_source_id(bundle):
    data = bundle({"resourceType": "Basic", "code": {"text": "x"}})
    data["entry"].append({"fullUrl": "urn:uuid:only-a-url"})
    data["entry"][1]["fullUrl"] = "urn:uuid:basic"
    entries, empty = read_bundle(json.dumps(data).encode())
    assert [(e.index, e.resource_type, e.source_id) for e in entries] == [
        (0, "Patient", "Patient/p1"),
        (1, "Basic", "urn:uuid:basic"),
    ]
    assert empty == (2,)


def test_a_resource_without_id_or_full_url_is_cited_by_its_entry_index(bundle):
    entries, _ = read_bundle(bundle({"resourceType": "Basic", "code": {"text": "x"}}))
    assert entries[1].source_id == "entry[1]"
