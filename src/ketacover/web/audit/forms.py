"""The audit log's filter form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet

from ketacover.web.audit.models import Action
from ketacover.web.audit.selectors import AuditFilter

EARLIEST: Final = date(1900, 1, 1)
LATEST: Final = date(2999, 12, 31)
"""The range of days the filter accepts: wide enough for any event, narrow enough that the
day after the end and the midnight before the start exist in every time zone."""


class AuditFilterForm(forms.Form):
    """Filter by action, user and a range of days; every field optional."""

    action = forms.ChoiceField(
        label="Action", choices=[("", "Any action"), *Action.choices], required=False
    )
    user = forms.ModelChoiceField(
        label="User", queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, users: QuerySet[User]) -> None:
        super().__init__(data)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = users
        user_field.label_from_instance = User.get_username  # type: ignore[assignment,method-assign]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, f"Pick a day from {EARLIEST} to {LATEST}.")
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end < start:
            self.add_error("end", "The end date is before the start date.")
        return cleaned

    def audit_filter(self) -> AuditFilter:
        """The filter the valid form describes (no filter while it is invalid)."""
        if not self.is_valid():
            return AuditFilter()
        chosen = self.cleaned_data.get("user")
        return AuditFilter(
            action=self.cleaned_data.get("action") or "",
            user_id=chosen.pk if chosen is not None else None,
            start=self.cleaned_data.get("start"),
            end=self.cleaned_data.get("end"),
        )
