"""The API's one error handler: every error becomes ``{"error": {"code", "message", ...}}``.

ketacover's own errors carry messages that name fields, never a person; anything unexpected
becomes a bare 500 whose log line holds the exception's type and stack, not its message. A case
outside the caller's reach is always "not found", never "forbidden", so nobody learns that it
exists.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ketacover.core.errors import (
    InvalidCaseFileError,
    KetacoverError,
    MissingFactsError,
    Problem,
)
from ketacover.web.api.schemas import ErrorOut
from ketacover.web.cases.services import ConflictError, PermissionDeniedError

logger = logging.getLogger("ketacover.api")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_request",
    429: "too_many_requests",
}


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The documented error responses of an operation."""
    return dict.fromkeys(statuses, ErrorOut)


def _body(
    code: str,
    message: str,
    problems: Iterable[Problem] = (),
    **extra: object,
) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "code": code,
        "message": message,
        "problems": [problem.as_dict() for problem in problems],
    }
    detail.update(extra)
    return {"error": detail}


def _code_of(error: KetacoverError) -> str:
    """``InvalidCodeError`` → ``invalid_code``; the root class → ``bad_request``."""
    name = type(error).__name__.removesuffix("Error")
    if type(error) is KetacoverError or not name:
        return "bad_request"
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _field_path(loc: Iterable[object]) -> str:
    """A request-validation location as a path: ``("body", "payload", "version")`` →
    ``version``; ``("query", "page")`` → ``page``."""
    parts = list(loc)
    skip = 2 if parts[:1] == ["body"] else 1
    path = ""
    for part in parts[skip:]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


Handler = Callable[[HttpRequest, Any], HttpResponse]


def _on(api: NinjaAPI, error: type[Exception], handler: Handler) -> None:
    api.add_exception_handler(error, handler)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``; the most specific error class wins."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def invalid_case(request: HttpRequest, error: InvalidCaseFileError) -> HttpResponse:
        message = "The case is not valid; nothing was stored."
        return respond(request, 422, _body("invalid_case", message, error.problems))

    def missing_facts(request: HttpRequest, error: MissingFactsError) -> HttpResponse:
        message = f"The {error.document} needs facts the case does not have."
        return respond(request, 422, _body("missing_facts", message, missing=error.missing))

    def conflict(request: HttpRequest, error: ConflictError) -> HttpResponse:
        body = _body("conflict", str(error), current_version=error.current.version)
        return respond(request, 409, body)

    def forbidden(request: HttpRequest, error: Exception) -> HttpResponse:
        message = str(error) if isinstance(error, KetacoverError) else "Not allowed."
        return respond(request, 403, _body("forbidden", message))

    def ketacover_error(request: HttpRequest, error: KetacoverError) -> HttpResponse:
        return respond(request, 400, _body(_code_of(error), str(error)))

    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return respond(request, 404, _body("not_found", "Not found."))

    def unauthorized(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        message = "Log in, or send a personal API token: Authorization: Bearer kc_..."
        response = respond(request, 401, _body("unauthorized", message))
        response["WWW-Authenticate"] = 'Bearer realm="ketacover"'
        return response

    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        code = _STATUS_CODES.get(error.status_code, "error")
        # django-ninja wraps what the body parser raised in its own "Cannot parse" error; the
        # parser's message (ketacover's own, naming no value) says what is wrong.
        cause = error.__cause__
        message = str(cause) if isinstance(cause, KetacoverError) else error.message
        return respond(request, error.status_code, _body(code, message))

    def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
        # Pydantic's errors echo the input; only the location and the message are kept.
        problems = [
            Problem(_field_path(each.get("loc", ())), str(each.get("msg", "is not valid")))
            for each in error.errors
        ]
        message = "The request is not valid."
        return respond(request, 422, _body("invalid_request", message, problems))

    def too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, _body("too_large", "The request body is too large."))

    def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
        stack = "".join(traceback.format_tb(error.__traceback__))
        logger.error(
            "API %s %s failed with %s\n%s",
            request.method,
            request.path,
            type(error).__name__,
            stack,
        )
        message = "Something went wrong on our side; the error was logged."
        return respond(request, 500, _body("server_error", message))

    _on(api, InvalidCaseFileError, invalid_case)
    _on(api, MissingFactsError, missing_facts)
    _on(api, ConflictError, conflict)
    _on(api, PermissionDeniedError, forbidden)
    _on(api, PermissionDenied, forbidden)
    _on(api, KetacoverError, ketacover_error)
    _on(api, Http404, not_found)
    _on(api, AuthenticationError, unauthorized)
    _on(api, HttpError, http_error)
    _on(api, ValidationError, invalid_request)
    _on(api, RequestDataTooBig, too_large)
    _on(api, Exception, server_error)
