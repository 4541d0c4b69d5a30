"""The form that saves the navigator's case: a new account (the accounts app's sign-up form) plus
the details a stored case needs (the patient's name and birth date, and the insurer's name)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketacover.core.navigator.answers import Answers
from ketacover.web.accounts.forms import SignupForm
from ketacover.web.navigator.fields import birth_date_check


class SaveForm(SignupForm):
    """An account, and the case's required details (pre-filled from the answers)."""

    given_name = forms.CharField(label=_("Patient's first name"), max_length=100)
    family_name = forms.CharField(label=_("Patient's last name"), max_length=100)
    date_of_birth = forms.DateField(
        label=_("Patient's date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
    )
    insurer = forms.CharField(
        label=_("The insurer's name, as on the card"),
        max_length=100,
        required=False,
        help_text=_("Needed when you told us how you are insured."),
    )

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, answers: Answers | None = None
    ) -> None:
        super().__init__(data)
        self.fields["username"].label = _("Choose a username")
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _("For password resets.")
        self.fields["password1"].label = _("Password")
        self.fields["password2"].label = _("Password again")
        if answers is not None:
            self.fields["given_name"].initial = answers.given_name
            self.fields["family_name"].initial = answers.family_name
            self.fields["date_of_birth"].initial = answers.date_of_birth
            self.fields["insurer"].initial = answers.insurer

    def clean_date_of_birth(self) -> date:
        value: date = self.cleaned_data["date_of_birth"]
        birth_date_check(value)
        return value

    def details(self) -> dict[str, object]:
        """The case details as answer changes."""
        cleaned = self.cleaned_data
        return {
            "given_name": cleaned["given_name"],
            "family_name": cleaned["family_name"],
            "date_of_birth": cleaned["date_of_birth"].isoformat(),
            "insurer": cleaned.get("insurer") or None,
        }
