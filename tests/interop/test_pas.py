import base64
import dataclasses
import hashlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from ketacover.core.errors import MissingFactsError
from ketacover.core.letters.readiness import NoPriorAuthorizationError
from ketacover.core.model import Diagnosis, PayerCategory, Treatment, Urgency
from ketacover.interop.casefile import load_case
from ketacover.interop.pas import InvalidBundleError, pas_bundle
from ketacover.interop.pas.ids import full_url

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2026, 11, 23)
PDF = b"%PDF-1.4\n% synthetic letter for tests\n%%EOF\n"
CPT = "http://www.ama-assn.org/go/cpt"
HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
NPI = "http://hl7.org/fhir/sid/us-npi"
TIN = "urn:oid:2.16.840.1.113883.4.4"


def example(name: str):
    return load_case(EXAMPLES / f"{name}.yaml")


def resources(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for entry in bundle["entry"]:
        found.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    return found


def by_url(bundle: dict) -> dict[str, dict]:
    return {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}


@pytest.fixture(scope="module")
def esketamine():
    return example("esketamine-ready-ppo")


@pytest.fixture(scope="module")
def esketamine_bundle(esketamine):
    return pas_bundle(esketamine, TODAY, letter_pdf=PDF)


def test_the_bundle_is_a_collection_with_the_claim_first(esketamine_bundle):
    assert esketamine_bundle["resourceType"] == "Bundle"
    assert esketamine_bundle["type"] == "collection"
    assert esketamine_bundle["timestamp"] == "2026-11-23T00:00:00Z"
    assert esketamine_bundle["identifier"]["value"].startswith("urn:uuid:")
    assert esketamine_bundle["entry"][0]["resource"]["resourceType"] == "Claim"
    kinds = [entry["resource"]["resourceType"] for entry in esketamine_bundle["entry"]]
    assert kinds == [
        "Claim",
        "Patient",
        "Coverage",
        "Organization",
        "Organization",
        "Practitioner",
        "Condition",
        "DocumentReference",
    ]


def test_it_parses_back_with_the_r4b_bundle_class(esketamine_bundle):
    parsed = Bundle.model_validate(esketamine_bundle)
    assert json.loads(parsed.model_dump_json()) == esketamine_bundle


def test_full_urls_are_urn_uuids_matching_resource_ids(esketamine_bundle):
    for entry in esketamine_bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    urls = [entry["fullUrl"] for entry in esketamine_bundle["entry"]]
    assert len(set(urls)) == len(urls)


def test_every_reference_resolves_inside_the_bundle(esketamine_bundle):
    urls = set(by_url(esketamine_bundle))
    text = json.dumps(esketamine_bundle)
    references = {part.split('"')[0] for part in text.split('"reference": "')[1:]}
    assert references
    assert references <= urls


def test_the_same_case_and_day_give_the_same_bundle(esketamine):
    first = pas_bundle(esketamine, TODAY, letter_pdf=PDF)
    again = pas_bundle(esketamine, TODAY, letter_pdf=PDF)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_another_day_keeps_resource_urls_but_is_a_new_submission(esketamine):
    first = pas_bundle(esketamine, TODAY)
    later = pas_bundle(esketamine, date(2026, 12, 1))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in later["entry"]]
    assert first["identifier"] != later["identifier"]
    first_claim, later_claim = first["entry"][0]["resource"], later["entry"][0]["resource"]
    assert first_claim["identifier"] != later_claim["identifier"]
    assert later_claim["created"] == "2026-12-01"


def test_other_cases_get_other_urls(esketamine):
    other = dataclasses.replace(esketamine, id="case-other")
    assert pas_bundle(other, TODAY)["entry"][0]["fullUrl"] != full_url(esketamine.id, "other")
    assert (
        pas_bundle(other, TODAY)["entry"][0]["fullUrl"]
        != (pas_bundle(esketamine, TODAY)["entry"][0]["fullUrl"])
    )


def test_the_claim_maps_every_request_field(esketamine, esketamine_bundle):
    claim = esketamine_bundle["entry"][0]["resource"]
    urls = by_url(esketamine_bundle)
    assert claim["status"] == "active"
    assert claim["use"] == "preauthorization"
    assert claim["type"]["coding"][0]["code"] == "professional"
    assert claim["created"] == "2026-11-23"
    assert claim["priority"]["coding"][0]["code"] == "normal"
    assert urls[claim["patient"]["reference"]]["resourceType"] == "Patient"
    insurer = urls[claim["insurer"]["reference"]]
    assert insurer["name"] == esketamine.plan.payer
    provider = urls[claim["provider"]["reference"]]
    assert provider["name"] == esketamine.clinic.name
    practitioner = urls[claim["careTeam"][0]["provider"]["reference"]]
    assert practitioner["identifier"] == [{"system": NPI, "value": esketamine.prescriber.npi}]
    assert claim["insurance"] == [
        {
            "sequence": 1,
            "focal": True,
            "coverage": {"reference": full_url(esketamine.id, "coverage")},
        }
    ]
    assert claim["total"] == {"value": 22050.0, "currency": "USD"}  # 21 sessions x $1,050.00


def test_the_esketamine_line_is_j0013_per_mg_for_the_whole_course(esketamine_bundle):
    (item,) = esketamine_bundle["entry"][0]["resource"]["item"]
    assert item["productOrService"]["coding"] == [{"system": HCPCS, "code": "J0013"}]
    assert item["quantity"] == {"value": 84 * 21}
    assert item["servicedPeriod"] == {"start": "2026-12-07", "end": "2027-06-06"}
    assert item["diagnosisSequence"] == [1]
    assert item["careTeamSequence"] == [1]


def test_iv_ketamine_lines_carry_cpt_and_hcpcs_systems_and_the_ndc():
    case = example("crps-iv-ketamine-ppo")
    items = pas_bundle(case, TODAY)["entry"][0]["resource"]["item"]
    codes = [
        (
            i["productOrService"]["coding"][0]["system"],
            i["productOrService"]["coding"][0]["code"],
            i["quantity"]["value"],
        )
        for i in items
    ]
    sessions = case.treatment_plan.sessions
    assert codes == [
        (HCPCS, "J3490", sessions),
        (CPT, "96365", sessions),
        (CPT, "96366", 3 * sessions),  # 240-minute infusions: 96365 + 96366 x 3 each
    ]
    (detail,) = items[0]["detail"]
    assert detail["productOrService"]["coding"][0] == {
        "system": "http://hl7.org/fhir/sid/ndc",
        "code": case.treatment_plan.ndc,
    }
    assert detail["productOrService"]["text"] == f"ketamine {case.treatment_plan.strength}"
    assert "detail" not in items[1]


def test_a_j3490_line_without_an_ndc_or_strength_has_no_or_a_plain_drug_detail():
    case = example("crps-iv-ketamine-ppo")
    plain = dataclasses.replace(case.treatment_plan, strength=None)
    item = pas_bundle(dataclasses.replace(case, treatment_plan=plain), TODAY)["entry"][0][
        "resource"
    ]["item"][0]
    assert item["detail"][0]["productOrService"]["text"] == "ketamine"
    no_ndc = dataclasses.replace(case.treatment_plan, ndc=None)
    item = pas_bundle(dataclasses.replace(case, treatment_plan=no_ndc), TODAY)["entry"][0][
        "resource"
    ]["item"][0]
    assert "detail" not in item


@pytest.mark.parametrize(
    ("start", "weeks", "sessions", "expected"),
    [
        (date(2026, 12, 7), 2, 6, {"servicedPeriod": {"start": "2026-12-07", "end": "2026-12-20"}}),
        (date(2026, 12, 7), None, 1, {"servicedDate": "2026-12-07"}),
        (date(2026, 12, 7), None, 6, {"servicedPeriod": {"start": "2026-12-07"}}),
        (None, 3, 6, {}),
    ],
)
def test_dates_of_service_follow_the_treatment_plan(esketamine, start, weeks, sessions, expected):
    plan = dataclasses.replace(
        esketamine.treatment_plan, start=start, weeks=weeks, sessions=sessions
    )
    (item,) = pas_bundle(dataclasses.replace(esketamine, treatment_plan=plan), TODAY)["entry"][0][
        "resource"
    ]["item"]
    served = {key: value for key, value in item.items() if key.startswith("serviced")}
    assert served == expected


def test_an_urgent_case_is_a_stat_request():
    case = example("suicidal-ideation-expedited")
    assert case.urgency is Urgency.URGENT
    claim = pas_bundle(case, TODAY)["entry"][0]["resource"]
    assert claim["priority"]["coding"][0]["code"] == "stat"


def test_diagnoses_are_icd10cm_with_the_primary_first_as_principal():
    case = example("suicidal-ideation-expedited")
    reordered = dataclasses.replace(case, diagnoses=tuple(reversed(case.diagnoses)))
    bundle = pas_bundle(reordered, TODAY)
    diagnoses = bundle["entry"][0]["resource"]["diagnosis"]
    codes = [d["diagnosisCodeableConcept"]["coding"][0]["code"] for d in diagnoses]
    assert codes == ["F33.2", "R45.851"]
    assert [d["sequence"] for d in diagnoses] == [1, 2]
    assert diagnoses[0]["type"][0]["coding"][0]["code"] == "principal"
    assert "type" not in diagnoses[1]
    first = diagnoses[0]["diagnosisCodeableConcept"]["coding"][0]
    assert first["system"] == ICD10CM
    assert first["display"].startswith("Major depressive disorder, recurrent")
    conditions = resources(bundle)["Condition"]
    assert [c["code"]["coding"][0]["code"] for c in conditions] == codes
    assert all(c["subject"]["reference"] == full_url(case.id, "patient") for c in conditions)
    assert bundle["entry"][0]["resource"]["item"][0]["diagnosisSequence"] == [1, 2]


def test_a_code_outside_the_table_keeps_its_code_without_a_display(esketamine):
    odd = dataclasses.replace(
        esketamine,
        diagnoses=(Diagnosis(code="F33.2", primary=True), Diagnosis(code="f339x", note="typo")),
    )
    conditions = resources(pas_bundle(odd, TODAY))["Condition"]
    assert conditions[1]["code"]["coding"] == [{"system": ICD10CM, "code": "F33.9X"}]
    assert conditions[1]["note"] == [{"text": "typo"}]
    assert "onsetDateTime" not in conditions[1]
    assert conditions[0]["clinicalStatus"]["coding"][0]["code"] == "active"


def test_diagnosis_pointers_stop_at_four(esketamine):
    many = tuple(
        Diagnosis(code=code) for code in ("F33.2", "F41.1", "F43.12", "G90.522", "R45.851")
    )
    bundle = pas_bundle(dataclasses.replace(esketamine, diagnoses=many), TODAY)
    assert bundle["entry"][0]["resource"]["item"][0]["diagnosisSequence"] == [1, 2, 3, 4]
    assert len(bundle["entry"][0]["resource"]["diagnosis"]) == 5


def test_the_patient_maps_name_birth_date_sex_contact_and_member_id(esketamine, esketamine_bundle):
    (patient,) = resources(esketamine_bundle)["Patient"]
    person = esketamine.patient
    assert patient["name"] == [{"family": person.family_name, "given": [person.given_name]}]
    assert patient["birthDate"] == person.date_of_birth.isoformat()
    assert patient["gender"] == "female"
    assert patient["identifier"][0]["value"] == esketamine.plan.member_id
    assert patient["identifier"][0]["type"]["coding"][0]["code"] == "MB"
    assert {"system": "phone", "value": person.phone} in patient["telecom"]
    assert {"system": "email", "value": person.email} in patient["telecom"]
    assert patient["address"] == [
        {
            "line": [person.address.line1, person.address.line2],
            "city": person.address.city,
            "state": person.address.state,
            "postalCode": person.address.postal_code,
        }
    ]


def test_a_patient_without_contact_details_has_none(esketamine):
    bare = dataclasses.replace(esketamine.patient, phone=None, email=None, address=None)
    (patient,) = resources(pas_bundle(dataclasses.replace(esketamine, patient=bare), TODAY))[
        "Patient"
    ]
    assert "telecom" not in patient
    assert "address" not in patient


def test_the_coverage_maps_member_id_payer_and_group(esketamine, esketamine_bundle):
    (coverage,) = resources(esketamine_bundle)["Coverage"]
    assert coverage["status"] == "active"
    assert coverage["subscriberId"] == esketamine.plan.member_id
    assert coverage["beneficiary"] == {"reference": full_url(esketamine.id, "patient")}
    assert coverage["payor"] == [{"reference": full_url(esketamine.id, "payer")}]
    assert coverage["class"][0]["type"]["coding"][0]["code"] == "group"
    assert coverage["class"][0]["value"] == esketamine.plan.group_number


def test_a_plan_without_a_group_number_has_no_class(esketamine):
    plan = dataclasses.replace(esketamine.plan, group_number=None)
    (coverage,) = resources(pas_bundle(dataclasses.replace(esketamine, plan=plan), TODAY))[
        "Coverage"
    ]
    assert "class" not in coverage


def test_the_organizations_carry_payer_name_and_clinic_npi_and_tin(esketamine, esketamine_bundle):
    payer, clinic = resources(esketamine_bundle)["Organization"]
    assert payer["name"] == esketamine.plan.payer
    assert payer["type"][0]["coding"][0]["code"] == "pay"
    assert clinic["identifier"] == [
        {"system": NPI, "value": esketamine.clinic.npi},
        {"system": TIN, "value": esketamine.clinic.tin},
    ]
    assert clinic["type"][0]["coding"][0]["code"] == "prov"
    assert {"system": "fax", "value": esketamine.clinic.fax} in clinic["telecom"]
    assert clinic["address"][0]["postalCode"] == esketamine.clinic.address.postal_code


def test_a_clinic_without_tin_or_contact_has_only_its_npi(esketamine):
    bare = dataclasses.replace(esketamine.clinic, tin=None, phone=None, fax=None, address=None)
    clinic = resources(pas_bundle(dataclasses.replace(esketamine, clinic=bare), TODAY))[
        "Organization"
    ][1]
    assert clinic["identifier"] == [{"system": NPI, "value": esketamine.clinic.npi}]
    assert "telecom" not in clinic
    assert "address" not in clinic


def test_the_practitioner_has_npi_name_and_credentials(esketamine, esketamine_bundle):
    (practitioner,) = resources(esketamine_bundle)["Practitioner"]
    assert practitioner["name"] == [{"text": esketamine.prescriber.name, "suffix": ["MD"]}]
    plain = dataclasses.replace(esketamine.prescriber, credentials=None)
    (practitioner,) = resources(
        pas_bundle(dataclasses.replace(esketamine, prescriber=plain), TODAY)
    )["Practitioner"]
    assert practitioner["name"] == [{"text": esketamine.prescriber.name}]


def test_the_letter_is_attached_as_a_base64_pdf_with_size_and_hash(esketamine, esketamine_bundle):
    claim = esketamine_bundle["entry"][0]["resource"]
    (info,) = claim["supportingInfo"]
    assert info["category"]["coding"][0]["code"] == "additionalInformation"
    document = by_url(esketamine_bundle)[info["valueReference"]["reference"]]
    assert document["resourceType"] == "DocumentReference"
    attachment = document["content"][0]["attachment"]
    assert attachment["contentType"] == "application/pdf"
    assert base64.b64decode(attachment["data"]) == PDF
    assert attachment["size"] == len(PDF)
    assert base64.b64decode(attachment["hash"]) == hashlib.sha1(PDF).digest()
    assert document["author"] == [{"reference": full_url(esketamine.id, "practitioner")}]


def test_without_a_letter_there_is_no_supporting_information(esketamine):
    bundle = pas_bundle(esketamine, TODAY)
    assert "supportingInfo" not in bundle["entry"][0]["resource"]
    assert "DocumentReference" not in resources(bundle)


def test_a_case_without_a_price_has_no_total(esketamine):
    plan = dataclasses.replace(esketamine.treatment_plan, price_per_session=None)
    claim = pas_bundle(dataclasses.replace(esketamine, treatment_plan=plan), TODAY)["entry"][0][
        "resource"
    ]
    assert "total" not in claim


def test_every_example_with_a_request_exports_and_validates():
    exported = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        case = load_case(path)
        if case.plan is not None and case.plan.category is PayerCategory.MEDICARE:
            continue
        bundle = pas_bundle(case, TODAY, letter_pdf=PDF)
        Bundle.model_validate(bundle)
        exported += 1
    assert exported == 11


@pytest.mark.parametrize("name", ["medicare-esketamine", "medicare-iv-ketamine"])
def test_original_medicare_gets_no_prior_authorization_request(name):
    with pytest.raises(NoPriorAuthorizationError, match="Original Medicare has no prior"):
        pas_bundle(example(name), TODAY)


def test_missing_facts_are_all_listed():
    case = load_case(Path(__file__).parents[1] / "fixtures" / "cases" / "minimal.yaml")
    with pytest.raises(MissingFactsError) as raised:
        pas_bundle(case, TODAY)
    paths = [item.split(":")[0] for item in raised.value.missing]
    assert paths == [
        "plan",
        "plan.member_id",
        "clinic",
        "clinic.npi",
        "prescriber",
        "prescriber.npi",
        "treatment_plan",
        "diagnoses",
    ]
    assert raised.value.document == "prior-authorization bundle"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda c: {"plan": dataclasses.replace(c.plan, member_id=None)}, "plan.member_id"),
        (lambda c: {"clinic": dataclasses.replace(c.clinic, npi=None)}, "clinic.npi"),
        (lambda c: {"prescriber": dataclasses.replace(c.prescriber, npi=None)}, "prescriber.npi"),
        (lambda c: {"treatment_plan": None}, "treatment_plan"),
        (lambda c: {"diagnoses": ()}, "diagnoses"),
    ],
)
def test_each_required_fact_is_required(esketamine, change, path):
    with pytest.raises(MissingFactsError) as raised:
        pas_bundle(dataclasses.replace(esketamine, **change(esketamine)), TODAY)
    assert [item.split(":")[0] for item in raised.value.missing] == [path]


def test_an_esketamine_request_without_a_dose_asks_for_it(esketamine):
    assert esketamine.plan.category is not PayerCategory.MEDICARE
    plan = dataclasses.replace(esketamine.treatment_plan, dose_mg=None)
    with pytest.raises(MissingFactsError) as raised:
        pas_bundle(dataclasses.replace(esketamine, treatment_plan=plan), TODAY)
    assert raised.value.missing[0].startswith("treatment_plan.dose_mg: J0013")


def test_a_request_that_is_not_valid_fhir_is_refused_without_its_values():
    case = example("crps-iv-ketamine-ppo")
    plan = dataclasses.replace(case.treatment_plan, ndc="SECRET  0000")  # a code with two spaces
    with pytest.raises(InvalidBundleError) as raised:
        pas_bundle(dataclasses.replace(case, treatment_plan=plan), TODAY)
    message = str(raised.value)
    assert message.startswith("Claim.item.0.detail.0.productOrService.coding.0.code")
    assert "SECRET" not in message


def test_im_ketamine_and_price_quantize_to_cents(esketamine):
    plan = dataclasses.replace(
        esketamine.treatment_plan,
        treatment=Treatment.IM_KETAMINE,
        price_per_session=Decimal("333.333"),
        sessions=3,
    )
    claim = pas_bundle(dataclasses.replace(esketamine, treatment_plan=plan), TODAY)["entry"][0][
        "resource"
    ]
    codes = [item["productOrService"]["coding"][0]["code"] for item in claim["item"]]
    assert codes == ["J3490", "96372"]
    assert claim["total"]["value"] == 1000.0


def test_a_bundle_envelope_that_does_not_validate_is_refused(esketamine, monkeypatch):
    import ketacover.interop.pas as pas

    monkeypatch.setattr(pas, "resource_uuid", lambda case_id, role: "not an id!")
    with pytest.raises(InvalidBundleError) as raised:
        pas_bundle(esketamine, TODAY)
    assert str(raised.value).startswith("Bundle.id: ")
    assert "not an id" not in str(raised.value)
