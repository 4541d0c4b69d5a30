"""``{% case_uploads %}``: the uploaded files of the case page's case, with the form to attach
one and the button for the packet with the uploaded PDFs.

Drawn from the case page's context alone, in its documents section, which is drawn only after
``case_page_get`` let the viewer see the case."""

from __future__ import annotations

from typing import Any

from django import template

from ketacover.web.uploads.forms import UploadForm
from ketacover.web.uploads.selectors import uploads_of_shown_case

register = template.Library()


@register.inclusion_tag("uploads/_list.html", takes_context=True)
def case_uploads(context: template.Context) -> dict[str, Any]:
    """The files of the page's ``record``."""
    record = context["record"]
    return {
        "record": record,
        "uploads": list(uploads_of_shown_case(record=record)),
        "can_edit": context.get("can_edit", False),
        "form": UploadForm(),
        "csrf_token": context.get("csrf_token"),
        "original_medicare": context.get("original_medicare", False),
    }
