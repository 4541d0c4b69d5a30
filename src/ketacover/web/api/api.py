"""The ketacover JSON API (django-ninja, OpenAPI 3.1 at ``/api/openapi.json``).

Same access rules as the pages: a personal token or the logged-in session, cases scoped to the
caller's workspaces (a patient sees only their own case and changes nothing), every read of
health data and every change audited. The case-file JSON Schema is part of the OpenAPI document
(``CaseFile`` and its parts), so a case sent or received is described field by field.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from ketacover.core.errors import KetacoverError
from ketacover.interop.casefile import case_schema
from ketacover.interop.nesting import NestingError, load_json
from ketacover.web.api import case_endpoints, document_endpoints, errors
from ketacover.web.api.auth import SessionCookieAuth, TokenAuth
from ketacover.web.api.schemas import CASE_FILE_MARK, CASE_FILE_REF

VERSION = "1.0.0"
_DEFS = "#/$defs/"
_COMPONENTS = "#/components/schemas/CaseFile"


def case_file_components() -> dict[str, Any]:
    """The case-file JSON Schema as OpenAPI components: ``CaseFile`` and ``CaseFile<Part>``."""
    schema = case_schema()
    parts: dict[str, Any] = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = {"CaseFile": _relink(schema)}
    components.update({f"CaseFile{name}": _relink(part) for name, part in parts.items()})
    return components


def _relink(node: object) -> object:
    """``{"$ref": "#/$defs/Plan"}`` → ``{"$ref": "#/components/schemas/CaseFilePlan"}``, and a
    field marked as holding a case → a reference to ``CaseFile``."""
    if isinstance(node, dict):
        if node.get(CASE_FILE_MARK):
            return {"$ref": CASE_FILE_REF, "description": node.get("description", "")}
        return {
            key: (
                _COMPONENTS + value.removeprefix(_DEFS)
                if key == "$ref" and isinstance(value, str) and value.startswith(_DEFS)
                else _relink(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_relink(item) for item in node]
    return node


class BoundedJsonParser(Parser):
    """Request bodies read through the one bounded JSON reader: UTF-8 text, nesting no deeper
    than :data:`ketacover.interop.nesting.MAX_DEPTH` (django-ninja's own parser recurses as deep
    as the body nests)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            text = request.body.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise KetacoverError("The request body is not UTF-8 text.") from None
        try:
            data = load_json(text)
        except NestingError as error:
            raise KetacoverError(f"The request body {error}.") from None
        except ValueError:
            raise KetacoverError("The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise KetacoverError("The request body must be a JSON object.")
        return data


class KetacoverApi(NinjaAPI):
    """NinjaAPI with short operation ids (the endpoint's name) and the case-file schema."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components: dict[str, Any] = schema.setdefault("components", {})
        schemas: dict[str, Any] = components.setdefault("schemas", {})
        schemas.update({name: _relink(part) for name, part in schemas.items()})
        schemas.update(case_file_components())
        return schema


api = KetacoverApi(
    title="ketacover API",
    version=VERSION,
    description=(
        "Cases, events and documents of the workspaces you belong to. Authenticate with a "
        "personal API token (Authorization: Bearer kc_...) or a logged-in session. A read-only "
        "token may only GET (anything else answers 403); tokens expire (90 days unless chosen "
        "otherwise, 365 at most) and end when their user's password changes. Every error "
        'is {"error": {"code", "message", "problems", ...}}.'
    ),
    urls_namespace="api",
    docs_url="/docs" if settings.DEBUG else None,
    auth=[TokenAuth(), SessionCookieAuth()],
    parser=BoundedJsonParser(),
)
errors.install(api)
api.add_router("", case_endpoints.router)
api.add_router("", document_endpoints.router)
