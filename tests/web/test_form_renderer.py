"""The Python form renderer draws exactly what Django's form templates draw."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from ketacover.interop.casefile import load_case
from ketacover.web.events.denial_forms import DenialLetterForm
from ketacover.web.events.sections import FORMS
from ketacover.web.form_renderer import FormRenderer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CASES = sorted(EXAMPLES.glob("*.yaml"))


class Everything(forms.Form):
    """A form with every kind of field the renderer handles, and some it hands to Django."""

    name = forms.CharField(label="Name <b>", help_text="Your <i>given</i> name", max_length=20)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    count = forms.IntegerField(min_value=1, max_value=9, required=False)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField(required=False, label="Agree?")
    kind = forms.ChoiceField(
        choices=[("", "Pick"), ("Fruit", [("a", "Apple & co"), ("b", "Banana")]), ("c", "Cherry")]
    )
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("x", "X"), ("y", "Y")])
    many = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], required=False)
    file = forms.FileField(required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    unlabelled = forms.CharField(label="", required=False, widget=forms.TextInput({"x": True}))
    marked = forms.CharField(
        required=False, widget=forms.TextInput({"data-x": mark_safe("<&>"), "off": False})
    )


def _both(form_class: type[forms.BaseForm], **kwargs: object) -> tuple[list[str], list[str]]:
    fast, slow = form_class(**kwargs), form_class(**kwargs)
    fast.renderer, slow.renderer = FormRenderer(), DjangoTemplates()
    drawn = [
        [str(bf.as_field_group()) + str(bf) for bf in form]
        + [str(form.non_field_errors()), str(form)]
        for form in (fast, slow)
    ]
    return drawn[0], drawn[1]


@pytest.mark.parametrize("data", [None, {}, {"name": "<x>", "kind": "a", "note": "hi &"}])
def test_it_draws_every_kind_of_field_exactly_as_the_templates_do(data: object) -> None:
    fast, slow = _both(Everything, data=data, initial={"count": 3, "kind": "b"})
    assert fast == slow


class Quoted(forms.Form):
    """Quotes, apostrophes and a lazy label: escaped as Django's ``escape`` does."""

    name = forms.CharField(label=gettext_lazy("O'Brien's \"name\" <x>"), help_text="a & b")
    kind = forms.ChoiceField(choices=[("'q'", 'Say "hi" & <go>')])


@pytest.mark.parametrize("data", [None, {"name": "'\"<>&", "kind": "'q'"}])
def test_it_escapes_quotes_and_lazy_labels_exactly_as_the_templates_do(data: object) -> None:
    fast, slow = _both(Quoted, data=data, initial={"name": 'it\'s "so"'})
    assert fast == slow


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("name", sorted(FORMS))
@pytest.mark.parametrize("data", [None, {}])
def test_it_draws_every_journey_form_exactly_as_the_templates_do(
    path: Path, name: str, data: object
) -> None:
    spec = FORMS[name]
    case = load_case(path)
    initial = {"version": 1, "on": date(2026, 11, 23), "submitted": date(2026, 11, 23)}
    fast, slow = _both(spec.form_class, data=data, initial=initial, case=case, prefix=spec.name)
    assert fast == slow


def test_it_draws_the_letter_upload_form_exactly_as_the_templates_do() -> None:
    assert _both(DenialLetterForm, prefix="letter") == _both(DenialLetterForm, prefix="letter")
    fast, slow = _both(DenialLetterForm, prefix="letter", data={})
    assert fast == slow


def test_it_draws_the_journey_forms_without_a_template(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: object, name: str) -> None:
        raise AssertionError(f"template {name} used")

    monkeypatch.setattr(DjangoTemplates, "get_template", refuse)
    case = load_case(EXAMPLES / "denial-appeal-running.yaml")
    for spec in FORMS.values():
        form = spec.form_class(initial={"version": 1}, case=case, prefix=spec.name)
        form.renderer = FormRenderer()
        assert all(str(field.as_field_group()) for field in form.visible_fields())


def test_it_is_the_renderer_of_every_form() -> None:
    assert isinstance(forms.Form().renderer, FormRenderer)


def test_it_escapes_a_lazy_text_as_django_does() -> None:
    from django.utils.html import conditional_escape

    from ketacover.web.form_renderer import _escaped

    for value in (gettext_lazy("Tom & 'Jerry' <b>"), mark_safe("<i>kept</i>"), 'a "b"'):
        assert _escaped(value) == str(conditional_escape(value))
