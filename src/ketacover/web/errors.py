"""The pages shown when a request cannot be answered: 400, 403, 404 and 500, in the visitor's
language (English or Spanish, on every address), styled like the rest of the site, each with a
way back (the start page, the patient navigator, the login page), and saying nothing about what
was asked for.

Django calls these for errors raised outside a view's own handling (``handler400`` ... in
``ketacover.web.urls``; https://docs.djangoproject.com/en/5.2/topics/http/views/#customizing-
error-views). The JSON API keeps its own error bodies (``ketacover.web.api.errors``); an address
under ``/api/`` that matches no route gets the same JSON shape here. The 500 page is drawn without
the request's context processors, so a failing database or session cannot fail it too.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation

API_PREFIX = "/api/"

_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error"}
_MESSAGES = {
    400: "The request could not be read.",
    403: "You do not have access to this.",
    404: "Not found.",
    500: "Something went wrong on our side.",
}


def _api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _page(request: HttpRequest, status: int) -> HttpResponse:
    if _api(request):
        body = {"error": {"code": _CODES[status], "message": _MESSAGES[status]}}
        return JsonResponse(body, status=status)
    template = loader.get_template("errors/page.html")
    # The error page is written in every language the navigator speaks, so it follows the
    # visitor's language on any address (clinic pages are English only: languages.py).
    with translation.override(translation.get_language_from_request(request)):
        content = template.render({"status": status}, request if status != 500 else None)
    response = HttpResponse(content, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the request was malformed."""
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: not allowed (also a failed CSRF check outside the forms' own messages)."""
    return _page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: no such page, or nothing the visitor may see there."""
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: an error on the server; the details go to the log, never to the page."""
    return _page(request, 500)
