"""The form renderer of the web app: Django's own templates, with the markup of the common
widgets, labels and field groups written out in Python.

A form field drawn through Django's templates walks a dozen template nodes per attribute and
one included template per option; the case page draws about fifty fields, which was most of its
rendering time. This renderer produces byte for byte what Django's templates
(``django/forms/field.html``, ``label.html``, ``widgets/input.html``, ``select.html``,
``select_option.html``, ``textarea.html``) produce from the same context, escaping every value
the same way, and hands every other template (and any widget it does not know) to Django.
``tests/web/test_form_renderer.py`` checks the equality on every form of the app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape as escape_text
from typing import Any, cast

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe

_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "date",
        "time",
        "datetime",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "checkbox",
        "file",
        "color",
    )
)


def _escaped(value: object) -> str:
    """``conditional_escape(value)`` as text, without the lazy-argument check Django's
    ``escape`` makes on every call (a tenth of a case page's drawing time): a lazy text is made
    text first, what has ``__html__`` comes out as it gives itself, everything else goes
    through ``html.escape`` exactly as ``django.utils.html.escape`` does."""
    if isinstance(value, Promise):
        value = str(value)
    own = getattr(value, "__html__", None)
    if own is not None:
        return str(own())
    return escape_text(str(value))


def _text(value: object) -> str:
    """``{{ value }}`` in a template: localized, then escaped unless already safe."""
    if isinstance(value, str):
        return _escaped(value)
    # Objects with ``__html__`` (bound fields, error lists) come out as they are, like in a
    # template; everything else is localized and escaped.
    return _escaped(cast(str, localize(value)))


def _formatted(value: object) -> str:
    """``{{ value|stringformat:'s' }}``: ``%s``, then escaped unless already safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape_text(text)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``)."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(option: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget: Mapping[str, Any]) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                return None
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: Mapping[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )


def _label(context: Mapping[str, Any]) -> str:
    label = _text(context["label"])
    if not context["use_tag"]:
        return label
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"


def _field(context: Mapping[str, Any]) -> str:
    field = context["field"]
    fieldset = field.use_fieldset
    if fieldset:
        described = field.aria_describedby
        aria = f' aria-describedby="{_text(described)}"' if described else ""
        legend = _text(field.legend_tag()) if field.label else ""
        head = f"\n  <fieldset{aria}>\n  {legend}\n"
    else:
        head = f"\n  {_text(field.label_tag()) if field.label else ''}\n"
    help_text = field.help_text
    shown_help = ""
    if help_text:
        auto_id = field.auto_id
        at = f' id="{_text(auto_id)}_helptext"' if auto_id else ""
        shown_help = f'<div class="helptext"{at}>{help_text}</div>'
    errors = field.errors
    shown_errors = _text(errors) if errors else ""
    tail = "</fieldset>" if fieldset else ""
    return f"{head}\n{shown_help}\n{shown_errors}\n{_text(field)}{tail}\n"


def _widget(render: Callable[[Mapping[str, Any]], str | None]) -> Callable[..., str | None]:
    return lambda context: render(context["widget"])


_IN_PYTHON: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **{name: _widget(_input) for name in _INPUTS},
    "django/forms/widgets/select.html": _widget(_select),
    "django/forms/widgets/textarea.html": _widget(_textarea),
    "django/forms/label.html": _label,
    "django/forms/field.html": _field,
}


class FormRenderer(DjangoTemplates):
    """Django's template form renderer with the common widgets, labels and field groups drawn
    in Python (same output, a fraction of the time)."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> SafeString:
        draw = _IN_PYTHON.get(template_name)
        if draw is not None and request is None:
            html = draw(context)
            if html is not None:
                return mark_safe(html.strip())
        return mark_safe(super().render(template_name, context, request=request))
