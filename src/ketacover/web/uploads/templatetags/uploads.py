"""``{% case_uploads %}``: the uploaded files of the case page's case, with the form to attach
one and the button for the packet with the uploaded PDFs."""

from __future__ import annotations

from typing import Any

from django import template

from ketacover.web.uploads.forms import UploadForm
from ketacover.web.uploads.selectors import upload_list

register = template.Library()


@register.inclusion_tag("uploads/_list.html", takes_context=True)
def case_uploads(context: template.Context) -> dict[str, Any]:
    """The files of ``record`` as the page's user may see them."""
    request = context["request"]
    record = context["record"]
    return {
        "record": record,
        "uploads": list(upload_list(user=request.user, record=record)),
        "can_edit": context.get("can_edit", False),
        "form": UploadForm(),
        "csrf_token": context.get("csrf_token"),
    }
