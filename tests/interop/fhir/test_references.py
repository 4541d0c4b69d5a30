"""References resolved the ways exports write them: fullUrl, Type/id, absolute URL, contained."""

import pytest

from ketacover.interop.fhir import import_bundle

BASE = "https://ehr.example/fhir/R4/"
ORG = {"resourceType": "Organization", "id": "o1", "name": "Org Health"}


def coverage(reference, **fields):
    return {
        "resourceType": "Coverage",
        "id": "c1",
        "status": "active",
        "beneficiary": {"reference": "Patient/p1"},
        "payor": [{"reference": reference}],
        **fields,
    }


def payer(entries):
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    plan = import_bundle(bundle).case.plan
    return plan.payer if plan else None


def patient(url=None):
    entry = {
        "resource": {
            "resourceType": "Patient",
            "id": "p1",
            "name": [{"given": ["Ada"], "family": "Example"}],
            "birthDate": "1980-02-03",
        }
    }
    return {**entry, "fullUrl": url} if url else entry


@pytest.mark.parametrize(
    ("cover_url", "reference", "org_url"),
    [
        # Transaction and collection bundles: urn:uuid fullUrls, referenced as they are.
        ("urn:uuid:c", "urn:uuid:0f3b", "urn:uuid:0f3b"),
        # An absolute fullUrl referenced exactly.
        (f"{BASE}Coverage/c1", f"{BASE}Organization/o1", f"{BASE}Organization/o1"),
        # A relative reference read against the referring entry's server base.
        (f"{BASE}Coverage/c1", "Organization/o1", f"{BASE}Organization/o1"),
        # Type/id with no fullUrls at all.
        (None, "Organization/o1", None),
        # An absolute reference to a server base the fullUrls do not use: by type and id.
        ("urn:uuid:c", "https://other.example/fhir/Organization/o1", "urn:uuid:o"),
        # A version suffix is ignored.
        (None, "Organization/o1/_history/3", None),
    ],
)
def test_the_payor_is_found_by_every_reference_form(cover_url, reference, org_url):
    cover = {"resource": coverage(reference)}
    org = {"resource": ORG}
    if cover_url:
        cover["fullUrl"] = cover_url
    if org_url:
        org["fullUrl"] = org_url
    assert payer([patient(), cover, org]) == "Org Health"


def test_a_relative_reference_prefers_the_resource_on_the_referring_server():
    here = {"resource": {**ORG, "name": "Here Health"}, "fullUrl": f"{BASE}Organization/o1"}
    there = {
        "resource": {**ORG, "name": "There Health"},
        "fullUrl": "https://there.example/fhir/Organization/o1",
    }
    cover = {"resource": coverage("Organization/o1"), "fullUrl": f"{BASE}Coverage/c1"}
    assert payer([patient(), there, cover, here]) == "Here Health"


def test_a_contained_resource_is_found_by_its_id():
    contained = [{"resourceType": "Organization", "id": "org1", "name": "Inner Health"}]
    cover = {"resource": coverage("#org1", contained=contained)}
    assert payer([patient(), cover]) == "Inner Health"


@pytest.mark.parametrize(
    "reference",
    ["#other", "urn:uuid:missing", "Organization/o2", f"{BASE}Organization/o2", "not a reference"],
)
def test_a_reference_to_nothing_in_the_bundle_resolves_to_nothing(reference):
    assert payer([patient(), {"resource": coverage(reference)}, {"resource": ORG}]) is None


def test_a_contained_medication_names_the_drug_of_an_order():
    order = {
        "resourceType": "MedicationRequest",
        "id": "mr",
        "contained": [{"resourceType": "Medication", "id": "m", "code": {"text": "sertraline"}}],
        "status": "active",
        "intent": "order",
        "medicationReference": {"reference": "#m"},
        "subject": {"reference": "Patient/p1"},
        "authoredOn": "2025-01-01",
    }
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [patient(), {"resource": order}],
    }
    (trial,) = import_bundle(bundle).case.treatment_history
    assert trial.name == "sertraline"
