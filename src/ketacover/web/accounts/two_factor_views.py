"""Two-factor login pages: the second login step, the user's two-factor page, setting it up,
switching it off, and an owner requiring it of their workspace.

Views parse input, call one service or selector, and render. Pages that show a secret or
recovery codes are never cached.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketacover.web.accounts import authenticator, logins, selectors
from ketacover.web.accounts import two_factor_services as services
from ketacover.web.accounts.known_devices import remember_device
from ketacover.web.accounts.pending_login import SESSION_KEY, pending_clear, pending_get
from ketacover.web.accounts.services import AccessError
from ketacover.web.accounts.two_factor_forms import (
    DisableForm,
    EnableForm,
    LoginCodeForm,
    RequirementForm,
)
from ketacover.web.accounts.views import safe_url


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "login_required lets only logged-in users through"
    return user


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponseBase:
    """The second login step: a code of the authenticator app, or a recovery code. Wrong codes
    count toward the login lockout; the right one logs the user in."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    waited = SESSION_KEY in request.session
    pending = pending_get(request)
    user = None
    if pending is not None:
        user = User.objects.filter(pk=pending.user_id, is_active=True).first()
    if pending is None or user is None:
        pending_clear(request)
        if waited:
            messages.info(request, "The time for the code ran out. Log in again.")
        return redirect("login")
    username = user.get_username()
    if logins.login_locked(username=username, request=request):
        return _locked_out(request)
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST":
        kind = None
        if form.is_valid():
            kind = services.two_factor_check(
                user=user, code=form.cleaned_data["code"], request=request
            )
        if kind is not None:
            pending_clear(request)
            login(request, user, backend=pending.backend)
            if kind is services.CodeKind.RECOVERY:
                left = selectors.recovery_codes_left(user=user)
                messages.warning(
                    request,
                    f"You logged in with a recovery code; {left} left. If your authenticator "
                    "app is lost, switch two-factor login off and on again with a new one.",
                )
            fallback = resolve_url(settings.LOGIN_REDIRECT_URL)
            response = redirect(safe_url(request, pending.next_url, fallback))
            remember_device(request, response, username)
            return response
        logins.login_failed(username=username, request=request, second_step=True)
        if logins.login_locked(username=username, request=request):
            return _locked_out(request)
        if form.is_valid():
            form.add_error("code", services.WRONG_CODE)
    return render(request, "registration/login_code.html", {"form": form})


def _locked_out(request: HttpRequest) -> HttpResponseBase:
    logins.login_refused(request=request)
    pending_clear(request)
    messages.error(request, logins.LOCKED_MESSAGE)
    return redirect("login")


def _two_factor_page(
    request: HttpRequest, *, disable_form: DisableForm | None = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    context = {
        "on": selectors.two_factor_on(user=user),
        "codes_left": selectors.recovery_codes_left(user=user),
        "required_by": selectors.workspaces_requiring_two_factor(user=user),
        "disable_form": disable_form or DisableForm(),
    }
    return render(request, "accounts/two_factor.html", context, status=status)


@login_required
@require_GET
def two_factor(request: HttpRequest) -> HttpResponse:
    """The user's two-factor page: whether it is on, recovery codes left, switching it off."""
    return _two_factor_page(request)


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_enable(request: HttpRequest) -> HttpResponseBase:
    """Set up two-factor login: the secret as a QR code and as text, confirmed with a code; then
    the recovery codes, shown once."""
    user = _user(request)
    if selectors.two_factor_on(user=user):
        messages.info(request, "Two-factor login is already on.")
        return redirect("accounts:two_factor")
    next_url = safe_url(request, request.POST.get("next") or request.GET.get("next") or "", "")
    form = EnableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_enable(
                user=user, code=form.cleaned_data["code"], request=request
            )
        except AccessError as error:
            form.add_error(error.field, str(error))
        else:
            done = next_url or reverse("accounts:two_factor")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": done})
    try:
        secret = services.two_factor_start(user=user)
    except AccessError as error:  # switched on meanwhile, in another tab
        messages.info(request, str(error))
        return redirect("accounts:two_factor")
    uri = authenticator.provisioning_uri(secret, account=user.get_username())
    context = {
        "form": form,
        "secret": authenticator.spaced(secret),
        "qr_code": authenticator.qr_code_svg(uri),
        "next": next_url,
        "required_by": selectors.workspaces_requiring_two_factor(user=user),
    }
    status = 400 if form.errors else 200
    return render(request, "accounts/two_factor_enable.html", context, status=status)


@login_required
@sensitive_post_parameters("password", "code")
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponseBase:
    """Switch two-factor login off, with the password and a current code."""
    form = DisableForm(request.POST)
    if form.is_valid():
        try:
            services.two_factor_disable(
                user=_user(request),
                password=form.cleaned_data["password"],
                code=form.cleaned_data["code"],
                request=request,
            )
        except AccessError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, "Two-factor login is off.")
            return redirect("accounts:two_factor")
    return _two_factor_page(request, disable_form=form, status=400)


@login_required
@require_POST
def two_factor_requirement(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An owner requires two-factor login of the workspace's staff, or stops requiring it."""
    workspace = selectors.workspace_for_owner(user=request.user, pk=pk)
    form = RequirementForm(request.POST)
    required = form.is_valid() and bool(form.cleaned_data["required"])
    try:
        services.workspace_require_two_factor(
            user=request.user, workspace=workspace, required=required, request=request
        )
    except AccessError as error:
        messages.error(request, str(error))
    else:
        state = "now requires" if required else "no longer requires"
        messages.success(request, f"This workspace {state} two-factor login for its staff.")
    return redirect("accounts:members", pk=pk)
