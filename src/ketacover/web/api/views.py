"""The API-token page: a logged-in user creates and revokes their own personal tokens.

A new token is shown once, on the page that answers its creation (not stored, not cached, not
put in a message that would survive a reload); afterwards only its first characters are shown.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ketacover.web.api import selectors, services
from ketacover.web.api.forms import TokenForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens, with a form to create one; a created token is shown once."""
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, plain = services.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            lifetime=timedelta(days=form.cleaned_data["days"]),
            request=request,
        )
        created = {"token": token, "plain": plain}
        form = TokenForm()
    context = {"form": form, "created": created, "tokens": selectors.token_list(user=request.user)}
    return render(request, "ketacover/api_tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Revoke one of the user's tokens; scripts using it get 401 from now on."""
    token = services.token_revoke(user=request.user, pk=pk, request=request)
    messages.success(request, f"Token {token.prefix}… ({token.name}) is revoked.")
    return redirect("api_tokens")
