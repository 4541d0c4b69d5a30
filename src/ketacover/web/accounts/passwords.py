"""Changing one's own password while logged in: the old password, the new one twice, Django's
password validators (settings ``AUTH_PASSWORD_VALIDATORS``), and the change recorded in the
audit trail (OWASP ASVS 4.0 2.1.5 and 2.1.6).

The new password ends every other session of the user: Django keeps a hash of the password in
each session and logs a session out once it no longer matches; this session is kept (Django's
``update_session_auth_hash``). Saving the password also revokes the user's API tokens
(:mod:`ketacover.web.api.signals`) and forgets failed logins counted against the old one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse
from django.urls import reverse_lazy

from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change page, audited and answered on the workspaces page."""

    success_url = reverse_lazy("accounts:workspaces")
    template_name = "registration/password_change_form.html"

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
