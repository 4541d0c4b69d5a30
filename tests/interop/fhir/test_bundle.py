import json

import pytest

from ketacover.core.errors import KetacoverError
from ketacover.interop.fhir import FhirImportError, import_bundle, triage
from ketacover.interop.fhir.bundle import MAX_PROBLEMS, read_bundle


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed-not-json.json", "is not valid JSON: Expecting value (line 2 column 1)"),
        ("malformed-not-a-bundle.json", 'is a "Patient" resource, not a Bundle'),
        (
            "malformed-bad-date.json",
            "entry[3] (MedicationDispense/md-1).whenHandedOver: is not a date",
        ),
        (
            "malformed-unknown-type.json",
            "entry[1].resource.resourceType: is not a FHIR R4 resource type",
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
            "Bundle.entry: must be a list",
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
            "entry[1] (Observation).valueQuantity.value: is not a number",
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "x"},
                "valueInteger": "x",
            },
            "entry[1] (Observation).valueInteger: is not a whole number",
        ),
        (
            {"resourceType": "Patient", "birthDate": "1980-02-30" + "9" * 60},
            "entry[1] (Patient).birthDate: is not a date",
        ),
        (
            {"resourceType": "Patient", "active": "perhaps"},
            "entry[1] (Patient).active: must be true or false",
        ),
        (
            {"resourceType": "Patient", "name": {"family": "x"}},
            "entry[1] (Patient).name: must be a list",
        ),
        (
            {"resourceType": "Patient", "meta": {"lastUpdated": "yesterday"}},
            "entry[1] (Patient).meta.lastUpdated: is not a timestamp",
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
    read = read_bundle(json.dumps(data).encode())
    entries, empty = read.entries, read.empty
    assert [(e.index, e.resource_type, e.source_id) for e in entries] == [
        (0, "Patient", "Patient/p1"),
        (1, "Basic", "urn:uuid:basic"),
    ]
    assert empty == (2,)


def test_a_resource_without_id_or_full_url_is_cited_by_its_entry_index(bundle):
    entries = read_bundle(bundle({"resourceType": "Basic", "code": {"text": "x"}})).entries
    assert entries[1].source_id == "entry[1]"


SECRET = "Jane Q Patient, SSN 000-12-3456"


@pytest.mark.parametrize(
    "resource",
    [
        {"resourceType": "Patient", "id": "p9", "birthDate": SECRET},
        {"resourceType": "Patient", "id": "p9", "active": SECRET},
        {"resourceType": "Patient", "id": "p9", "multipleBirthInteger": SECRET},
        {"resourceType": "Patient", "id": "p9", "name": [{"family": {"text": SECRET}}]},
        {
            "resourceType": "Observation",
            "id": "p9",
            "status": "final",
            "code": {"text": SECRET},
            "valueQuantity": {"value": SECRET},
        },
    ],
)
def test_no_message_quotes_a_value_from_the_bundle(bundle, resource):
    with pytest.raises(FhirImportError) as raised:
        read_bundle(bundle(resource))
    shown = [str(raised.value)] + [f"{p.path} {p.message}" for p in raised.value.problems]
    assert all("Jane" not in line and "000-12" not in line for line in shown), shown
    assert all(line.startswith("entry[1] (") for line in shown), shown


@pytest.mark.parametrize(
    ("ident", "named"),
    [("obs-7", "entry[1] (Observation/obs-7)"), ("bad id!", "entry[1] (Observation)")],
)
def test_an_entry_is_named_by_type_and_id_when_the_id_is_a_fhir_id(bundle, ident, named):
    resource = {"resourceType": "Observation", "id": ident, "code": {"text": "x"}}
    with pytest.raises(FhirImportError) as raised:
        read_bundle(bundle(resource))
    assert str(raised.value).startswith(f"{named}.")


def test_many_bad_entries_are_refused_after_a_bounded_number_of_problems(bundle):
    bad = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "44261-6"}]},
        "valueInteger": "x",
    }
    with pytest.raises(FhirImportError) as raised:
        read_bundle(bundle(*[bad] * 5_000))
    problems = raised.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].path == "Bundle.entry"
    assert "too many problems" in problems[-1].message


def test_observations_that_are_not_scores_are_set_aside_without_validation(bundle):
    weight = {
        "resourceType": "Observation",
        "id": "w",
        "status": "not a status",
        "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
    }
    read = read_bundle(bundle(*[weight] * 3), skip=triage.reason_to_skip)
    assert [e.resource_type for e in read.entries] == ["Patient"]
    assert [(u.index, u.source_id) for u in read.unread] == [
        (1, "Observation/w"),
        (2, "Observation/w"),
        (3, "Observation/w"),
    ]


def test_a_scale_observation_and_an_unreadable_code_are_still_validated(bundle):
    odd = {"resourceType": "Observation", "id": "o", "status": "final", "code": "not an object"}
    with pytest.raises(FhirImportError, match=r"entry\[1\] \(Observation/o\)\.code"):
        read_bundle(bundle(odd), skip=triage.reason_to_skip)


@pytest.mark.parametrize(
    ("entry", "path", "message"),
    [
        ({"fullUrl": 5}, "Bundle.entry[1].fullUrl", "must be text"),
        ({"colour": "red"}, "Bundle.entry[1].colour", "is not a field of Bundle.entry"),
        ({"search": {"mode": "sideways"}}, "Bundle.entry[1].search.mode", "is not one of"),
        ({"search": {"score": "high"}}, "Bundle.entry[1].search.score", "is not a number"),
        ({"search": []}, "Bundle.entry[1].search", "has the wrong type"),
        ({"request": {"method": "GET"}}, "Bundle.entry[1].request.url", "is not valid here"),
        ({"link": {}}, "Bundle.entry[1].link", "must be a list"),
    ],
)
def test_an_entry_envelope_is_checked_by_field(bundle, entry, path, message):
    data = bundle({"resourceType": "Basic", "code": {"text": "x"}})
    data["entry"][1].update(entry)
    with pytest.raises(FhirImportError) as raised:
        read_bundle(data)
    assert any(p.path == path and message in p.message for p in raised.value.problems), [
        (p.path, p.message) for p in raised.value.problems
    ]


def test_a_searchset_envelope_is_read(bundle):
    data = bundle({"resourceType": "Basic", "code": {"text": "x"}})
    data["type"] = "searchset"
    data["entry"][1].update(
        {"search": {"mode": "match", "score": 1}, "link": [{"relation": "self", "url": "x"}]}
    )
    assert len(read_bundle(data).entries) == 2
