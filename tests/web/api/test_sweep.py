"""Every operation of the OpenAPI document × every persona: each gets only what is theirs.

The operations come from the document itself, so an endpoint added without a way to call it
here fails ``test_every_operation_in_the_document_is_swept``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client

from ketacover.interop.casefile import case_to_data, load_case
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import document_generate

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "problems": []}}


@dataclass(frozen=True)
class Call:
    """How to call one operation on a case: extra path values and a body."""

    path: dict[str, str] = field(default_factory=dict)
    body: Callable[[CaseRecord], object] | None = None


def _new_case(record: CaseRecord) -> object:
    data = case_to_data(load_case(EXAMPLES / "hmo-no-oon-benefits.yaml"))
    return dict(data, id=f"case-sweep-{record.pk}")


CALLS: dict[str, Call] = {
    "case_list": Call(),
    "case_create": Call(body=_new_case),
    "case_get": Call(),
    "case_update": Call(body=lambda r: {"version": r.version, "case": r.data}),
    "case_assessment": Call(),
    "case_deadlines": Call(),
    "case_event_create": Call(
        path={"kind": "calls"},
        body=lambda r: {"version": r.version, "event": {"at": "2026-11-20T10:00:00-05:00"}},
    ),
    "document_list": Call(),
    "document_create": Call(body=lambda r: {"kind": "call-script", "fmt": "html"}),
    "document_get": Call(),
}


def _operations():
    document = Client().get("/api/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield operation["operationId"], method, path


@pytest.fixture
def documents(world):
    """One stored document on each case, so every document operation has a target."""
    return {
        record.pk: document_generate(
            user=owner, record=record, kind="call-script", fmt="html", today=TODAY
        ).pk
        for record, owner in (
            (world.case, world.owner),
            (world.second_case, world.owner),
            (world.other_case, world.outsider),
        )
    }


def _request(client, method, path, record, documents):
    operation_id = next(op for op, m, p in _operations() if (m, p) == (method, path))
    call = CALLS[operation_id]
    values = {"id": str(record.pk), "doc_id": str(documents[record.pk]), **call.path}
    url = path.format(**values)
    if call.body is None:
        return getattr(client, method)(url)
    body = json.dumps(call.body(record))
    return getattr(client, method)(url, body, content_type="application/json")


def _client(tokens, persona):
    return Client() if persona == "anonymous" else tokens.client(persona)


def test_every_operation_in_the_document_is_swept(world):
    assert {op for op, _, _ in _operations()} == set(CALLS)


CASE_OPERATIONS = [(m, p) for _, m, p in _operations() if "{id}" in p]
COLLECTION_OPERATIONS = [(m, p) for _, m, p in _operations() if "{id}" not in p]


def _no_case_data(response, *records):
    body = response.content.decode()
    for record in records:
        assert record.patient_name not in body
        assert record.case_id not in body


@pytest.mark.parametrize(("method", "path"), CASE_OPERATIONS + COLLECTION_OPERATIONS)
def test_anonymous_callers_get_401_and_nothing_else(world, tokens, documents, method, path):
    response = _request(Client(), method, path, world.case, documents)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    _no_case_data(response, world.case)


@pytest.mark.parametrize(("method", "path"), CASE_OPERATIONS)
@pytest.mark.parametrize(
    ("persona", "target"),
    [("outsider", "case"), ("outsider", "second_case"), ("patient", "second_case")],
)
def test_a_case_that_is_not_yours_is_not_found(
    world, tokens, documents, method, path, persona, target
):
    record = getattr(world, target)
    version = record.version
    response = _request(_client(tokens, persona), method, path, record, documents)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    _no_case_data(response, record)
    record.refresh_from_db()
    assert record.version == version


@pytest.mark.parametrize(("method", "path"), CASE_OPERATIONS)
def test_a_patient_reads_their_own_case_and_changes_nothing(world, tokens, documents, method, path):
    response = _request(tokens.client("patient"), method, path, world.case, documents)
    if method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
        world.case.refresh_from_db()
        assert world.case.version == 1


@pytest.mark.parametrize(("method", "path"), CASE_OPERATIONS + COLLECTION_OPERATIONS)
@pytest.mark.parametrize("persona", ["owner", "staff"])
def test_clinic_staff_can_use_every_operation(world, tokens, documents, method, path, persona):
    response = _request(tokens.client(persona), method, path, world.case, documents)
    assert response.status_code in (200, 201), response.content


@pytest.mark.parametrize(("method", "path"), COLLECTION_OPERATIONS)
@pytest.mark.parametrize("persona", ["outsider", "patient"])
def test_the_collection_gives_each_persona_only_their_own(
    world, tokens, documents, method, path, persona
):
    clinic_cases = set(CaseRecord.objects.filter(workspace=world.clinic))
    response = _request(tokens.client(persona), method, path, world.case, documents)
    if persona == "patient":
        if method == "get":
            assert [r["id"] for r in response.json()["results"]] == [world.case.pk]
            _no_case_data(response, world.second_case, world.other_case)
        else:
            assert response.status_code == 403
            assert set(CaseRecord.objects.filter(workspace=world.clinic)) == clinic_cases
        return
    if method == "get":
        assert [r["id"] for r in response.json()["results"]] == [world.other_case.pk]
        _no_case_data(response, world.case, world.second_case)
    else:
        assert response.status_code == 201
        created = CaseRecord.objects.get(pk=response.json()["id"])
        assert created.workspace == world.other_clinic
        assert set(CaseRecord.objects.filter(workspace=world.clinic)) == clinic_cases
