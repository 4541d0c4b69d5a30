"""Template filters that write values as the letters do (money with a dollar sign and cents) and
in words rather than keys."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ketacover.core.costs.amounts import gap_ask
from ketacover.core.letters.text import money as money_text

register = template.Library()


@register.filter
def money(value: Decimal | None) -> str:
    """``$1,234.50``; an unknown amount is a dash, never zero."""
    return "—" if value is None else money_text(value)


@register.filter
def gap(value: str) -> str:
    """A missing cost fact as what to do about it (``Ask the plan ...``), without its key."""
    return gap_ask(value)
