"""Changing one's own password while logged in: the old password, the new one twice, Django's
password validators (settings ``AUTH_PASSWORD_VALIDATORS``), and the change recorded in the
audit trail (OWASP ASVS 4.0 2.1.5 and 2.1.6).

The new password ends every other session of the user: Django keeps a hash of the password in
each session and logs a session out once it no longer matches; this session is kept (Django's
``update_session_auth_hash``). Saving the password also revokes the user's API tokens
(:mod:`ketacover.web.api.signals`) and forgets failed logins counted against the old one. A
wrong old password counts as a failed login (:mod:`ketacover.web.accounts.logins`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy

from ketacover.web.accounts import logins
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's form, with the old password guarded like a login: refused unchecked while the
    account is paused, and a wrong one counted as a failed login (so a borrowed session cannot
    guess the password here past the login throttle)."""

    def __init__(
        self, user: User, request: HttpRequest, data: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(user, data)
        self.request = request

    def clean_old_password(self) -> str:
        username = self.user.get_username()
        if logins.login_locked(username=username, request=self.request):
            logins.login_refused(request=self.request)
            raise forms.ValidationError(logins.LOCKED_MESSAGE, code="locked")
        try:
            return str(super().clean_old_password())
        except forms.ValidationError:
            logins.login_failed(username=username, request=self.request)
            raise


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change page, audited and answered on the workspaces page."""

    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("accounts:workspaces")
    template_name = "registration/password_change_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        posted = self.request.POST if self.request.method == "POST" else None
        return {"user": self.request.user, "request": self.request, "data": posted}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            user=form.user,
            action=Action.UPDATE,
            object_type="user",
            object_id=form.user.pk or "",
            request=self.request,
            detail={"password": True},
        )
        messages.success(
            self.request,
            "Your password is changed. Other sessions are logged out and your API tokens are "
            "revoked.",
        )
        return response
