"""Form fields the navigator's questions share: a choice with "I don't know", yes/no/don't know,
money, text and dates, each with the reason it is asked as its help text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

UNKNOWN = "unknown"
DONT_KNOW = _("I don't know")
Choices: TypeAlias = "list[tuple[str, str | StrPromise]]"


def choice_field(
    label: StrPromise, why: StrPromise, choices: Iterable[tuple[str, str | StrPromise]]
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=why,
        required=False,
        initial=UNKNOWN,
        choices=[*choices, (UNKNOWN, DONT_KNOW)],
        widget=forms.RadioSelect,
    )


def yes_no_field(label: StrPromise, why: StrPromise) -> forms.ChoiceField:
    return choice_field(label, why, [("yes", _("Yes")), ("no", _("No"))])


def money_field(
    label: StrPromise, why: StrPromise, *, maximum: Decimal = Decimal("1000000")
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=why,
        required=False,
        min_value=Decimal(0),
        max_value=maximum,
        decimal_places=2,
        max_digits=9,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )


def text_field(label: StrPromise, why: StrPromise, *, autocomplete: str = "off") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=why,
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
    )


def date_field(label: StrPromise, why: StrPromise, *, autocomplete: str = "off") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=why,
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "autocomplete": autocomplete}, format="%Y-%m-%d"
        ),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
    )


def birth_date_check(value: date) -> None:
    """Refuse a date of birth before 1900 or after today, naming the problem."""
    if value.year < 1900:
        raise forms.ValidationError(_("Enter a date of birth after 1900."))
    if value > timezone.localdate():
        raise forms.ValidationError(_("The date of birth is in the future."))


def flag(value: object) -> bool | None:
    """``yes`` → True, ``no`` → False, anything else (``unknown``, empty) → None."""
    return {"yes": True, "no": False}.get(str(value))


def flag_choice(value: bool | None) -> str:
    """The choice for a stored flag."""
    return UNKNOWN if value is None else ("yes" if value else "no")
