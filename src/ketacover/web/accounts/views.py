"""Account pages: log in (with the lockout and, when on, two-factor login), sign up,
workspaces, members and invitations.

Views parse input, call one service or selector, and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketacover.web.accounts import backends, selectors, services, signups
from ketacover.web.accounts.forms import (
    InvitationForm,
    LockoutAuthenticationForm,
    RoleForm,
    SignupForm,
)
from ketacover.web.accounts.known_devices import remember_device
from ketacover.web.accounts.models import Role
from ketacover.web.accounts.pending_login import pending_begin
from ketacover.web.accounts.two_factor_forms import RequirementForm

_BACKEND = backends.PATH


class LoginView(auth_views.LoginView):
    """Django's login page with the login throttle; a login makes the browser a known device of
    the account (``known_devices``). For a user with two-factor login on,
    the right password only opens the second step (``accounts:login_code``): the session is not
    logged in until the code is accepted."""

    authentication_form = LockoutAuthenticationForm

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not selectors.two_factor_on(user=user):
            response = super().form_valid(form)
            remember_device(self.request, response, user.get_username())
            return response
        pending_begin(
            self.request,
            user=user,
            backend=getattr(user, "backend", _BACKEND),
            next_url=self.get_success_url(),
        )
        return redirect("accounts:login_code")


def safe_url(request: HttpRequest, wanted: str, fallback: str) -> str:
    """``wanted`` if it stays on this site (and on https when the request is), else
    ``fallback``: no open redirects (OWASP ASVS 5.1.5)."""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


def _next_url(request: HttpRequest, fallback: str) -> str:
    return safe_url(request, request.POST.get("next") or request.GET.get("next") or "", fallback)


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponseBase:
    """Ask for an account: a personal workspace (the account is made from the e-mailed link,
    ``signups``), or the workspace of an invitation (made at once)."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    token = request.POST.get("invitation") or request.GET.get("invitation") or ""
    invitation = selectors.invitation_by_token(token) if token else None
    form = SignupForm(
        request.POST or None, invited_email=invitation.email if invitation is not None else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            if invitation is None:
                signups.signup_request(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                    site=request.build_absolute_uri("/"),
                    request=request,
                )
                return render(request, "accounts/signup_sent.html")
            signups.signup_count(request=request)
            user = services.account_signup(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                invitation_token=token,
                request=request,
            )
        except services.AccessError as error:
            form.add_error(error.field, str(error))
        else:
            login(request, user, backend=_BACKEND)
            messages.success(request, f"Welcome. You joined {invitation.workspace.name}.")
            return redirect(_next_url(request, reverse("dashboard")))
    context = {"form": form, "invitation": invitation, "token": token}
    return render(request, "accounts/signup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, token: str) -> HttpResponseBase:
    """A sign-up link: its button creates the account and logs in (a GET changes nothing, so
    a mail scanner opening the link creates no account)."""
    found = signups.signup_request_by_token(token)
    error = ""
    if request.method == "POST":
        try:
            user = signups.signup_confirm(token=token, request=request)
        except services.AccessError as problem:
            error = str(problem)
        else:
            if request.user.is_authenticated:
                logout(request)
            login(request, user, backend=_BACKEND)
            welcome = redirect("dashboard")
            remember_device(request, welcome, user.get_username())
            return welcome
    context = {"username": found.username, "error": error}
    response = render(request, "accounts/signup_confirm.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_GET
def workspaces(request: HttpRequest) -> HttpResponse:
    """The user's workspaces and their role in each, with the pages that role may open."""
    memberships = selectors.membership_list(user=request.user)
    return render(request, "accounts/workspaces.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """Members, open invitations and the invitation form of a workspace (owners only)."""
    workspace = selectors.workspace_for_owner(user=request.user, pk=pk)
    form = InvitationForm(request.POST or None, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.invitation_create(
                user=request.user,
                workspace=workspace,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                case=form.cleaned_data["case"],
                site=request.build_absolute_uri("/"),
                request=request,
            )
        except services.AccessError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, f"Invitation sent to {sent.invitation.email}.")
            return redirect("accounts:members", pk=pk)
    context = {
        "workspace": workspace,
        "members": selectors.member_list(user=request.user, workspace=workspace),
        "invitations": selectors.invitation_pending_list(user=request.user, workspace=workspace),
        "form": form,
        "role_form": RoleForm(),
        "patient": Role.PATIENT,
        "requirement_form": RequirementForm(initial={"required": workspace.require_two_factor}),
        "owner_two_factor_on": selectors.two_factor_on(user=request.user),
    }
    return render(request, "accounts/members.html", context)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, member_pk: int) -> HttpResponseBase:
    """Change a member's role."""
    workspace = selectors.workspace_for_owner(user=request.user, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, staff or prescriber.")
        return redirect("accounts:members", pk=pk)
    try:
        services.membership_change_role(
            user=request.user,
            workspace=workspace,
            pk=member_pk,
            role=form.cleaned_data["role"],
            request=request,
        )
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Role changed.")
    return redirect("accounts:members", pk=pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponseBase:
    """Remove a member from the workspace."""
    workspace = selectors.workspace_for_owner(user=request.user, pk=pk)
    try:
        services.membership_remove(
            user=request.user, workspace=workspace, pk=member_pk, request=request
        )
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Member removed.")
    return redirect("accounts:members", pk=pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponseBase:
    """Withdraw an open invitation."""
    workspace = selectors.workspace_for_owner(user=request.user, pk=pk)
    try:
        services.invitation_revoke(
            user=request.user, workspace=workspace, pk=invitation_pk, request=request
        )
    except services.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Invitation withdrawn.")
    return redirect("accounts:members", pk=pk)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponseBase:
    """An invitation link: accept it when logged in, else log in or sign up first."""
    found = selectors.invitation_by_token(token)
    error = ""
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, token=token, request=request)
        except services.AccessError as problem:
            error = str(problem)
        else:
            messages.success(request, f"You joined {found.workspace.name}.")
            return redirect("dashboard")
    here = reverse("accounts:invitation", args=[token])
    context = {"invitation": found, "token": token, "here": here, "error": error}
    response = render(request, "accounts/invitation.html", context, status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
