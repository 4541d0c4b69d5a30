"""Schemathesis against the OpenAPI document: generated requests, valid and invalid, to every
operation of the JSON API, served in-process through the WSGI application.

No answer may be a server error, and every answer must be one the document declares: its status
code, its content type and its body schema. One pass sends the clinic owner's personal API token
and aims most requests at real cases and documents (the workspace's own and another workspace's),
with the version the case is at, so the generated bodies reach the handlers, their validation
and their writes; the other pass sends no credentials, and every answer must be the documented
401. The run is bounded (a few dozen requests per operation) so it stays part of the suite.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ninja.responses import NinjaJSONEncoder
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ketacover.web.api.api import api
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import document_generate

from ..conftest import TODAY

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
AUTHENTICATED_EXAMPLES = 25
ANONYMOUS_EXAMPLES = 8
OUTSIDE_HANDLER = {"unauthorized", "not_found", "invalid_request"}
"""Error codes answered before a handler does its work: no credentials, no such case (the id
lookup), a parameter or body the API framework refuses."""

SCHEMA = schemathesis.openapi.from_dict(
    json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
)
SCHEMA.app = get_wsgi_application()
OPERATIONS = sorted(
    f"{op.ok().method.upper()} {op.ok().path}" for op in SCHEMA.get_all_operations()
)
MODES = st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.fixture
def wsgi_requests_in_the_test_transaction():
    """Keep the test's database connection across requests, as Django's test client does (a
    WSGI request otherwise closes it at its start and end, and the test's data with it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def targets(world):
    """Real targets: each case (two of the owner's workspace, one of another) and its document."""
    cases = [world.case, world.second_case, world.other_case]
    documents = {
        record.pk: document_generate(
            user=owner, record=record, kind="call-script", fmt="html", today=TODAY
        ).pk
        for record, owner in zip(cases, (world.owner, world.owner, world.outsider), strict=True)
    }
    return documents


def _reached_the_handler(response) -> bool:
    if response.status_code < 300:
        return True
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return False
    return code not in OUTSIDE_HANDLER


def _operation(label: str):
    method, path = label.split(" ", 1)
    return SCHEMA[path][method], path


def test_every_operation_of_the_document_is_fuzzed():
    document = api.get_openapi_schema()
    listed = {
        f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item
    }
    assert set(OPERATIONS) == listed
    assert len(OPERATIONS) >= 10


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_generated_request_gets_a_server_error_or_an_undocumented_answer(
    label, world, tokens, targets, wsgi_requests_in_the_test_transaction
):
    operation, path = _operation(label)
    headers = {"Authorization": f"Bearer {tokens.owner}"}
    seen: Counter[int] = Counter()
    reached: list[bool] = []

    @settings(max_examples=AUTHENTICATED_EXAMPLES, **_SETTINGS)
    @given(data=st.data())
    def request(data):
        fixed: dict[str, object] = {}
        case_pk = None
        if "{id}" in path:
            case_pk = data.draw(st.sampled_from([*targets, None]), label="case")
            if case_pk is not None:
                fixed["id"] = case_pk
                if "{doc_id}" in path:
                    fixed["doc_id"] = targets[case_pk]
        case = data.draw(
            operation.as_strategy(generation_mode=data.draw(MODES), path_parameters=fixed)
        )
        if (
            case_pk is not None
            and isinstance(case.body, dict)
            and isinstance(case.body.get("version"), int)
            and data.draw(st.booleans(), label="current version")
        ):
            case.body["version"] = CaseRecord.objects.get(pk=case_pk).version
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        seen[response.status_code] += 1
        reached.append(_reached_the_handler(response))

    request()
    assert any(reached), f"no generated request reached the handler: {dict(seen)}"


@pytest.mark.parametrize("label", OPERATIONS)
def test_without_credentials_every_generated_request_gets_the_documented_401(
    label, world, targets, wsgi_requests_in_the_test_transaction
):
    operation, path = _operation(label)

    @settings(max_examples=ANONYMOUS_EXAMPLES, **_SETTINGS)
    @given(data=st.data())
    def request(data):
        fixed = {"id": world.case.pk} if "{id}" in path else {}
        if "{doc_id}" in path:
            fixed["doc_id"] = targets[world.case.pk]
        case = data.draw(
            operation.as_strategy(generation_mode=data.draw(MODES), path_parameters=fixed)
        )
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
        assert world.case.patient_name not in response.text

    request()


def test_a_case_number_that_is_not_a_number_gets_the_documented_422(world, tokens):
    """Found by this fuzzing: reads answered 422 for ``/api/cases/abc`` without documenting it."""
    response = tokens.client("owner").get("/api/cases/abc/deadlines")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
    assert response.json()["error"]["problems"][0]["path"] == "id"
    document = api.get_openapi_schema()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if "{" in path:
                assert "422" in {str(code) for code in operation["responses"]}, (method, path)
