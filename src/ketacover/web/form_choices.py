"""Setting the choices of a form's choice field at run time (options that depend on the case)."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[str, str]]) -> None:
    """Give the choice field ``name`` of ``form`` these (value, label) choices."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = list(choices)
