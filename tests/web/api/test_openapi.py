from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("get", "/api/cases"),
    ("post", "/api/cases"),
    ("get", "/api/cases/{id}"),
    ("put", "/api/cases/{id}"),
    ("get", "/api/cases/{id}/assessment"),
    ("get", "/api/cases/{id}/deadlines"),
    ("post", "/api/cases/{id}/events/{kind}"),
    ("get", "/api/cases/{id}/documents"),
    ("post", "/api/cases/{id}/documents"),
    ("get", "/api/cases/{id}/documents/{doc_id}"),
}


@pytest.fixture
def document():
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_the_document_is_openapi_3_1_with_a_versioned_title(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "ketacover API"
    assert re.fullmatch(r"\d+\.\d+\.\d+", document["info"]["version"])


def test_it_lists_every_path(document):
    assert {(method, path) for method, path, _ in _operations(document)} == EXPECTED


def test_every_reference_resolves(document):
    schemas = document["components"]["schemas"]
    refs = set(_refs(document))
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in schemas, ref


def test_every_operation_is_named_secured_and_documents_its_errors(document):
    ids = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(ids) == len(set(ids))
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for method, path, operation in _operations(document):
        assert operation["security"] == [{"TokenAuth": []}, {"SessionCookieAuth": []}]
        responses = operation["responses"]
        assert responses["401"]["content"] == error, (method, path)
        if "{id}" in path:
            assert responses["404"]["content"] == error, (method, path)
        if method != "get":
            assert "403" in responses, (method, path)
            assert "422" in responses, (method, path)
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", path)), (method, path)
        assert any(code.startswith("2") for code in responses), (method, path)


def test_the_security_schemes_are_bearer_and_the_session_cookie(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionCookieAuth"]["in"] == "cookie"


def test_case_data_is_described_by_the_case_file_schema(document):
    schemas = document["components"]["schemas"]
    assert schemas["CaseOut"]["properties"]["case"]["$ref"] == "#/components/schemas/CaseFile"
    assert schemas["CaseUpdateIn"]["properties"]["case"]["$ref"] == "#/components/schemas/CaseFile"
    body = document["paths"]["/api/cases"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CaseFile"
    }
    assert set(schemas["CaseFile"]["required"]) == {"id", "patient"}
    assert "CaseFileDenial" in schemas


def test_the_error_format_is_documented(document):
    detail = document["components"]["schemas"]["ErrorDetail"]
    assert set(detail["properties"]) == {
        "code",
        "message",
        "problems",
        "missing",
        "current_version",
    }
    assert set(detail["required"]) == {"code", "message"}


def test_a_download_documents_its_content_types(document):
    operation = document["paths"]["/api/cases/{id}/documents/{doc_id}"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/html; charset=utf-8",
    }


def test_the_interactive_docs_are_off_outside_debug():
    assert Client().get("/api/docs").status_code == 404
