"""The form of the API-token page."""

from __future__ import annotations

from django import forms

from ketacover.web.api.models import TokenScope

LIFETIMES = [("30", "30 days"), ("90", "90 days"), ("180", "180 days"), ("365", "365 days")]
"""The lifetimes a token may be given; 90 days unless chosen otherwise, 365 at most."""


class TokenForm(forms.Form):
    """Name a new token after what will use it."""

    name = forms.CharField(
        max_length=100,
        label="What is this token for?",
        help_text="For example: nightly export script.",
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(
        label="How long does it work?", choices=LIFETIMES, coerce=int, initial="90"
    )
