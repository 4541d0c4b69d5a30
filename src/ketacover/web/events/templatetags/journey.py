"""``{% journey_section "calls" %}``: one journey section of the case page, drawn from the case
page's context (``record``, ``case``, ``today``, ``can_edit``, ``documents``, ``query``,
``now_time``, ``csrf_token``).

A section is drawn from that context alone (the costs section draws the chart this way,
:mod:`ketacover.web.events.case_page`).
"""

from __future__ import annotations

import re

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ketacover.web.events.sections import CasePage, section_context, template_of

register = template.Library()


@register.simple_tag(takes_context=True)
def journey_section(context: template.Context, name: str) -> SafeString:
    """Render section ``name`` of the case in ``context``."""
    page = CasePage(
        record=context["record"],
        case=context["case"],
        today=context["today"],
        can_edit=bool(context.get("can_edit")),
        documents=context.get("documents"),
        query=context.get("query") or {},
        now_time=context.get("now_time"),
    )
    section = section_context(name, page)
    section["csrf_token"] = context.get("csrf_token")
    return render_to_string(template_of(name), section)


_HEADING = re.compile(r"<(/?)h([1-6])\b")


@register.filter
def demote_headings(html: str, by: int = 3) -> SafeString:
    """Push an embedded document's headings down ``by`` levels (at most h6), so they sit under
    the section's heading in order. Only for HTML ketacover rendered itself."""
    return mark_safe(_HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + by, 6)}", html))


@register.filter
def words(value: object) -> str:
    """An enum value in plain words: the member's ``label`` where the core gives one
    (``experimental or investigational``), else ``partially_approved`` reads ``partially
    approved``."""
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value).replace("_", " ")
