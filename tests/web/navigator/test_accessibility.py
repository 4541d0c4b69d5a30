"""WCAG 2.1 AA basics on the navigator's pages: every form control has a label (1.3.1, 3.3.2,
4.1.2) and the colours of navigator.css meet 4.5:1 contrast for text (1.4.3)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from ketacover.web.navigator.steps import STEPS

from .conftest import state_of

CSS = (
    Path(__file__).resolve().parents[3]
    / "src"
    / "ketacover"
    / "web"
    / "navigator"
    / "static"
    / "navigator"
    / "navigator.css"
)

PAIRS = [
    ("--nav-ink", "--nav-bg"),
    ("--nav-ink", "--nav-notice"),
    ("--nav-ink", "--nav-urgent"),
    ("--nav-ink", "--nav-soft"),
    ("--nav-muted", "--nav-bg"),
    ("--nav-muted", "--nav-notice"),
    ("--nav-accent", "--nav-bg"),
    ("--nav-accent", "--nav-soft"),
    ("--nav-on-accent", "--nav-accent"),
    ("--nav-ok", "--nav-bg"),
    ("--nav-warn", "--nav-bg"),
    ("--nav-bad", "--nav-bg"),
    ("--nav-bad", "--nav-urgent"),
]
"""Every text colour of navigator.css on every background it is drawn on."""


def _colours() -> dict[str, str]:
    return dict(re.findall(r"(--nav-[a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))


def _luminance(hex_colour: str) -> float:
    """Relative luminance, WCAG 2.1 definition."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_colour_pair_of_the_navigator_meets_aa_for_text():
    colours = _colours()
    used = set(re.findall(r"var\((--nav-[a-z-]+)\)", CSS.read_text()))
    assert used <= set(colours), "a colour used but not defined"
    paired = {name for pair in PAIRS for name in pair}
    assert used <= paired, f"colours without a contrast check: {used - paired}"
    for foreground, background in PAIRS:
        ratio = contrast(colours[foreground], colours[background])
        assert ratio >= 4.5, (foreground, background, round(ratio, 2))


def test_the_chart_draws_with_the_checked_colours_only():
    template = CSS.parents[3] / "templates" / "navigator" / "_chart.html"
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", template.read_text())
    colours = _colours()
    bar = re.search(r"\.navigator \.bar \{[^}]*background: var\((--nav-[a-z-]+)\)", CSS.read_text())
    assert bar, "the bar's colour is a navigator.css colour"
    # WCAG 2.1 1.4.11: graphical objects need 3:1 against what is next to them.
    assert contrast(colours[bar.group(1)], colours["--nav-bg"]) >= 3.0


class _Controls(HTMLParser):
    """Form controls and the labels pointing at them."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.depth_label = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self.depth_label += 1
            if found.get("for"):
                self.labelled.add(str(found["for"]))
        if tag in ("input", "select", "textarea") and found.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append({**found, "_wrapped": "yes" if self.depth_label else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.depth_label -= 1


def _pages() -> list[tuple[str, str]]:
    client = Client()
    pages = [("start", client.get("/navigator/").content.decode())]
    response = client.get("/navigator/coverage/")
    for step in STEPS:
        response = client.post(
            f"/navigator/{step.slug}/", {"state": state_of(response), "go": "show"}, follow=True
        )
        pages.append((step.slug, response.content.decode()))
    response = client.post(
        "/navigator/coverage/", {"state": state_of(response), "coverage": "medicare"}, follow=True
    )
    pages.append(("plan with kinds", response.content.decode()))
    answer = client.post("/navigator/answer/", {"state": state_of(response)}, follow=True)
    pages.append(("answer", answer.content.decode()))
    for slug in ("details", "save"):
        shown = client.post(
            f"/navigator/{slug}/", {"state": state_of(answer), "go": "show"}, follow=True
        )
        pages.append((slug, shown.content.decode()))
    return pages


@pytest.mark.django_db
def test_every_form_control_on_every_page_has_a_label():
    for name, html in _pages():
        parsed = _Controls()
        parsed.feed(html)
        assert parsed.controls, name
        for control in parsed.controls:
            labelled = control.get("id") in parsed.labelled or control.get("_wrapped")
            assert labelled or control.get("aria-label"), (name, control)


@pytest.mark.django_db
def test_every_page_says_its_language_and_has_one_main_heading():
    for name, html in _pages():
        assert re.search(r'<html lang="(en|es)">', html), name
        assert html.count("<h1") == 1, name
        assert 'class="skip" href="#content"' in html, name
