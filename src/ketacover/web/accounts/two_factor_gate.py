"""The gate that enforces an owner's "require two-factor login for staff".

A logged-in owner, staffer or prescriber of a workspace that requires two-factor login, who has
not switched it on, reaches no page but the ones needed to set it up, log out or reset a
password: every other page redirects to the set-up page (and comes back afterwards), and the
JSON API answers 403 to their session. A request with a personal API token
(``Authorization: Bearer ...``) is judged by the token, as before. Patients are never sent.

It is middleware, not a decorator, so no page of any app can be forgotten (HIPAA 45 CFR
164.312(d); OWASP ASVS 4.0 V1.4.4, one enforced access-control mechanism).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from ketacover.web.accounts.selectors import two_factor_missing

OPEN_PAGES: Final = frozenset(
    {
        "login",
        "logout",
        "accounts:login_code",
        "accounts:two_factor",
        "accounts:two_factor_enable",
        "accounts:two_factor_disable",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "feeds:feed",
    }
)
"""Pages a person who still has to set up two-factor login may open. The calendar feed is
guarded by its own secret address, not by the session."""

API_NAMESPACE: Final = "api"
MESSAGE: Final = (
    "A workspace you work in requires two-factor login. Switch it on from your account "
    "(Two-factor login) first; personal API tokens keep working."
)


def _bearer(request: HttpRequest) -> bool:
    """Whether the request carries a bearer token (checked by the API's token authentication,
    which refuses an unknown one outright)."""
    scheme = request.headers.get("Authorization", "").split(" ")[0]
    return scheme.lower() == "bearer"


class TwoFactorGateMiddleware:
    """Sends people who must set up two-factor login to the set-up page (see module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        """Let the request through, or answer it with the way to the set-up page."""
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if match.view_name in OPEN_PAGES:
            return None
        api = API_NAMESPACE in match.namespaces
        if api and _bearer(request):
            return None
        if not two_factor_missing(user=user):
            return None
        if api:
            body = {"error": {"code": "two_factor_required", "message": MESSAGE, "problems": []}}
            return JsonResponse(body, status=403)
        target = reverse("accounts:two_factor_enable")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
