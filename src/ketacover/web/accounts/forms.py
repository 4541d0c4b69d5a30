"""Forms of the account pages: they parse and check input; services do the work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, UsernameField
from django.contrib.auth.models import User

from ketacover.web.accounts import logins
from ketacover.web.accounts.models import Role, Workspace
from ketacover.web.cases.models import CaseRecord


class LockoutAuthenticationForm(AuthenticationForm):
    """The login form, refusing a login while the account or address is paused
    (:mod:`ketacover.web.accounts.logins`)."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and logins.login_locked(username=username, request=self.request):
            logins.login_refused(request=self.request)
            raise forms.ValidationError(logins.LOCKED_MESSAGE, code="locked")
        return super().clean()


class SignupForm(BaseUserCreationForm):  # type: ignore[type-arg]  # generic only in the stubs
    """A new account: login name, e-mail address and password (typed twice).

    The form does not check whether the username is taken, so its answer never tells: the
    sign-up service finds out and says so by e-mail (:mod:`ketacover.web.accounts.signups`).
    """

    email = forms.EmailField(
        label="E-mail address", help_text="For password resets and invitations."
    )

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes: ClassVar[dict[str, type[forms.Field]]] = {"username": UsernameField}

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, invited_email: str | None = None
    ) -> None:
        super().__init__(data)
        if invited_email is not None:
            # The invitation was sent to this address; the account takes it as it is.
            self.fields["email"].initial = invited_email
            self.fields["email"].disabled = True
            self.fields["email"].help_text = "The address the invitation was sent to."

    def validate_unique(self) -> None:
        """Skipped: whether a username is taken is not the form's to say (see class doc)."""


class InvitationForm(forms.Form):
    """Invite someone by e-mail address into a role; a patient sees the one case chosen."""

    email = forms.EmailField(label="E-mail address")
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.STAFF)
    case = forms.ModelChoiceField(
        label="Case (for a patient)",
        queryset=CaseRecord.objects.none(),
        required=False,
        empty_label="Choose a case",
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, workspace: Workspace) -> None:
        super().__init__(data)
        case_field = self.fields["case"]
        assert isinstance(case_field, forms.ModelChoiceField)
        case_field.queryset = CaseRecord.objects.filter(workspace=workspace).order_by("case_id")
        case_field.label_from_instance = _case_label  # type: ignore[assignment,method-assign]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role") == Role.PATIENT and cleaned.get("case") is None:
            self.add_error("case", "Choose the case the patient will see.")
        return cleaned


def _case_label(record: CaseRecord) -> str:
    return f"{record.case_id} ({record.patient_name})"


class RoleForm(forms.Form):
    """A member's new role."""

    role = forms.ChoiceField(
        label="Role",
        choices=[(r.value, r.label) for r in (Role.OWNER, Role.STAFF, Role.PRESCRIBER)],
    )
