"""Finding 5 of the second hardening round: case ids limited to a safe pattern at every entry
point, and downloads named per RFC 6266 whatever a stored id holds."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from ketacover.core.errors import InvalidCaseFileError
from ketacover.interop.casefile import case_from_data, case_schema, case_to_data, parse_case
from ketacover.interop.fhir import import_bundle
from ketacover.interop.fhir.errors import FhirImportError
from ketacover.web.api.services import token_create
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import document_generate
from ketacover.web.downloads import disposition
from ketacover.web.uploads.services import upload_create

from .conftest import EXAMPLES, TODAY, readable_pdf

UNSAFE_IDS = ['case"7', "case;7", "case 7", "case\r\nX-Evil: 1", "caso-ñ", "-case", "c" * 65, ""]
RULE = "is not a usable case id"


def _data(case_id: str) -> dict:
    data = case_to_data(
        parse_case((EXAMPLES / "esketamine-ready-ppo.yaml").read_text(), fmt="yaml")
    )
    data["id"] = case_id
    return data


@pytest.mark.parametrize("case_id", UNSAFE_IDS)
def test_finding_5_a_case_file_with_an_unsafe_id_is_refused_naming_the_field(case_id):
    with pytest.raises(InvalidCaseFileError) as raised:
        parse_case(json.dumps(_data(case_id)), fmt="json")
    paths = {problem.path: problem.message for problem in raised.value.problems}
    assert "id" in paths
    if case_id:
        assert RULE in paths["id"]


@pytest.mark.parametrize("case_id", ["case-0001", "A.7_b-2", "c" * 64])
def test_finding_5_safe_ids_are_read(case_id):
    assert case_from_data(_data(case_id)).id == case_id


def test_finding_5_the_case_file_schema_states_the_id_pattern():
    assert case_schema()["properties"]["id"]["pattern"] == r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


def test_finding_5_a_fhir_import_refuses_an_unsafe_case_id():
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": []}
    with pytest.raises(FhirImportError) as raised:
        import_bundle(bundle, case_id='x"; filename=y')
    assert [problem.path for problem in raised.value.problems] == ["case_id"]


@pytest.mark.django_db
def test_finding_5_the_import_page_refuses_an_unsafe_id(world):
    text = json.dumps(_data('case"; filename=evil.exe'))
    response = world.client_for(world.staff).post(reverse("cases:import"), {"text": text})
    assert response.status_code == 400
    assert RULE in response.content.decode()
    assert not CaseRecord.objects.filter(case_id__contains='"').exists()


@pytest.mark.django_db
def test_finding_5_the_api_refuses_an_unsafe_id_on_create_and_replace(world):
    _, secret = token_create(user=world.staff, name="probe", scope="read_write")
    client_headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    created = client.post(
        "/api/cases",
        json.dumps(_data("case;7")),
        content_type="application/json",
        **client_headers,
    )
    assert created.status_code == 422
    assert "id" in [problem["path"] for problem in created.json()["error"]["problems"]]
    replaced = client.put(
        f"/api/cases/{world.case.pk}",
        json.dumps({"version": world.case.version, "case": _data("case\r\n7")}),
        content_type="application/json",
        **client_headers,
    )
    assert replaced.status_code == 422
    assert "id" in [problem["path"] for problem in replaced.json()["error"]["problems"]]


@pytest.mark.parametrize(
    "name",
    ["case-1-appeal-v1.pdf", 'a"b.pdf', "a;b=c.pdf", "a\r\nSet-Cookie: x.pdf", "caso-ñ.pdf"],
)
def test_finding_5_a_download_name_adds_no_parameter_and_breaks_no_header(name):
    value = disposition(name)
    assert value.startswith('attachment; filename="')
    assert value.count(";") == 2
    assert value.count('"') == 2
    assert value.isascii()
    assert not {"\r", "\n"} & set(value)
    assert "filename*=UTF-8''" in value


@pytest.mark.django_db
def test_finding_5_a_stored_unsafe_id_still_downloads_with_a_safe_header(world):
    # A row written before the rule (straight to the table, as an older version could have).
    CaseRecord.objects.filter(pk=world.case.pk).update(case_id='old"; x=1\r\nñ')
    world.case.refresh_from_db()
    client = world.client_for(world.owner)
    document = document_generate(
        user=world.owner, record=world.case, kind="call-script", fmt="html", today=TODAY
    )
    upload = upload_create(
        user=world.owner, record=world.case, name="n.pdf", content=readable_pdf("notes")
    )
    for url in (
        reverse("cases:document_download", args=[world.case.pk, document.pk]),
        reverse("uploads:download", args=[world.case.pk, upload.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        header = response["Content-Disposition"]
        assert header.startswith('attachment; filename="old')
        assert header.count(";") == 2
        assert "%0D%0A%C3%B1" in header


@pytest.mark.django_db(transaction=True)
def test_finding_5_the_migration_rewrites_stored_unsafe_ids(world):
    CaseRecord.objects.filter(pk=world.case.pk).update(case_id='Case "7"; A')
    CaseRecord.objects.filter(pk=world.second_case.pk).update(case_id="Case-7-A")
    executor = MigrationExecutor(connection)
    executor.migrate([("cases", "0004_case_page")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    record = CaseRecord.objects.get(pk=world.case.pk)
    assert record.case_id == "Case-7-A-2"
    assert record.data["id"] == "Case-7-A-2"
    assert CaseRecord.objects.get(pk=world.second_case.pk).case_id == "Case-7-A"
    assert case_from_data(record.data).id == "Case-7-A-2"
