"""The form of the API-token page."""

from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    """Name a new token after what will use it."""

    name = forms.CharField(
        max_length=100,
        label="What is this token for?",
        help_text="For example: nightly export script.",
    )
