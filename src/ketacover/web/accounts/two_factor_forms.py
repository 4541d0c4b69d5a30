"""Forms of two-factor login: they parse and check the shape of input; services check codes."""

from __future__ import annotations

from django import forms

from ketacover.web.accounts import authenticator, recovery


def _six_digits(value: str) -> str:
    code = "".join(value.split())
    if len(code) != authenticator.DIGITS or not code.isdigit():
        raise forms.ValidationError("Enter the 6-digit code your authenticator app shows.")
    return code


class EnableForm(forms.Form):
    """The code that confirms the authenticator app was set up."""

    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return _six_digits(self.cleaned_data["code"])


class LoginCodeForm(forms.Form):
    """The second login step: a code of the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code from your authenticator app, or a recovery code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        digits = "".join(code.split())
        if digits.isdigit() and len(digits) == authenticator.DIGITS:
            return digits
        if recovery.looks_like_a_code(code):
            return code
        raise forms.ValidationError(
            "Enter the 6-digit code of your authenticator app, or a recovery code "
            "(12 letters and digits)."
        )


class DisableForm(forms.Form):
    """Switching two-factor login off: the password and a current code."""

    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="Code from your authenticator app, or a recovery code",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class RequirementForm(forms.Form):
    """An owner's choice: whether the workspace requires two-factor login of its staff."""

    required = forms.BooleanField(
        label="Require two-factor login for owners, staff and prescribers",
        required=False,
        help_text="Anyone of them without it is sent to set it up before seeing this workspace. "
        "Patients are not required to.",
    )
