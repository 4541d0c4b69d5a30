"""The addresses the page frame links to (``base.html``'s header), reversed once per process.

Every page draws the frame; reversing its eight addresses with ``{% url %}`` on each page cost
about a tenth of a cached case page (bench/README.md). The addresses depend only on the URL
configuration and the script prefix the site is served under, so they are reversed once for
each such pair and reused.
"""

from __future__ import annotations

from typing import Final

from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

LINKS: Final = {
    "dashboard": "dashboard",
    "cases": "cases:list",
    "new_case": "intake:start",
    "case_import": "cases:import",
    "remittances": "imports:remittances",
    "workspaces": "accounts:workspaces",
    "api_tokens": "api_tokens",
    "logout": "logout",
}
"""The frame's links: the name the template uses, and the URL pattern's name."""

_REVERSED: dict[tuple[str, str | None], dict[str, str]] = {}


def frame_links() -> dict[str, str]:
    """The frame's addresses under the current URL configuration and script prefix."""
    urlconf = get_urlconf()
    key = (get_script_prefix(), urlconf)
    found = _REVERSED.get(key)
    if found is None:
        found = {name: reverse(pattern, urlconf=urlconf) for name, pattern in LINKS.items()}
        _REVERSED[key] = found
    return found


def navigation(request: HttpRequest) -> dict[str, dict[str, str]]:
    """Template context: ``nav``, the frame's addresses by name."""
    return {"nav": frame_links()}
