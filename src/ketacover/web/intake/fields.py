"""Form fields and helpers the intake steps share: yes/no/don't know, dates, money, addresses,
and a base form that lays its fields out in labelled groups."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from django import forms
from django.core.validators import RegexValidator

from ketacover.web.form_choices import plain_words

Fieldsets = tuple[tuple[str, tuple[str, ...]], ...]
"""A form's groups of fields: each a legend and the names of its fields."""
YES_NO_UNKNOWN = (("yes", "Yes"), ("no", "No"), ("unknown", "Don't know"))
_TRI = {"yes": True, "no": False, "unknown": None}

ZIP = RegexValidator(r"^\d{5}(-?\d{4})?$", "Use a 5-digit ZIP code, or ZIP+4 (12345-6789).")
TIN = RegexValidator(r"^\d{2}-?\d{7}$", "A TIN has 9 digits, written like 12-3456789.")


def _tri(value: str) -> bool | None:
    return _TRI[value]


def tri_value(value: bool | None) -> str:
    """The yes/no/don't know choice for a stored flag."""
    return "unknown" if value is None else ("yes" if value else "no")


class TriStateField(forms.TypedChoiceField):
    """Yes, no or don't know, as radio buttons; cleaned to True, False or None."""

    def __init__(self, *, label: str, help_text: str = "") -> None:
        super().__init__(
            label=label,
            help_text=help_text,
            required=False,
            initial="unknown",
            choices=YES_NO_UNKNOWN,
            coerce=_tri,
            empty_value=None,
            widget=forms.RadioSelect,
        )


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    """A date typed as YYYY-MM-DD (the browser shows a date picker)."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
    )


def money_field(label: str, help_text: str = "") -> forms.DecimalField:
    """US dollars and cents, never negative."""
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("9999999.99"),
        max_digits=9,
        decimal_places=2,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def text_field(label: str, *, required: bool = False, max_length: int = 200) -> forms.CharField:
    """A one-line text."""
    return forms.CharField(label=label, required=required, max_length=max_length)


def enum_choices(
    enum: type[StrEnum], labels: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """Choices for a string enum, labelled in plain words."""
    names = labels or {}
    return [(member.value, names.get(member.value, plain_words(member))) for member in enum]


def blank(*values: object) -> bool:
    """Whether every value is empty (None or an empty text)."""
    return all(value in (None, "") for value in values)


class IntakeForm(forms.Form):
    """A step's form, laid out in labelled groups of fields (``fieldsets``)."""

    fieldsets: Fieldsets = ()

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Each group's legend with its bound fields, for the template."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def require_group(self, names: Iterable[str], required: Iterable[str], what: str) -> None:
        """When any of ``names`` is filled, each of ``required`` must be too."""
        data = self.cleaned_data
        if blank(*(data.get(name) for name in names)):
            return
        for name in required:
            if blank(data.get(name)) and name not in self.errors:
                self.add_error(name, f"Give this too, or leave the whole {what} empty.")
