"""Setting the choices of a form's choice field at run time (options that depend on the case),
and an enum member's words for a choice's label."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django import forms


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[str, str]]) -> None:
    """Give the choice field ``name`` of ``form`` these (value, label) choices."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)


def plain_words(member: StrEnum) -> str:
    """An enum member for a person: its ``label`` when the core gives one, else its value in
    words; capitalized (``IV ketamine infusion``, ``Experimental or investigational``)."""
    label = getattr(member, "label", None)
    text = label if isinstance(label, str) else member.value.replace("_", " ")
    return text[:1].upper() + text[1:]
