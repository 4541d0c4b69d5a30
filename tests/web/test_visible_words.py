"""Words, not keys: every page a person sees, for every example case, shows labels and sentences,
never a programme's names for things (snake_case keys, rule ids such as ``esketamine.base``) or
the team's internal files.

The pages are drawn as clinic staff and as the patient see them; only the visible text counts
(not attributes, scripts or styles), and codes people do read (ICD-10-CM, HCPCS, CARC) are not
keys."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.cases.services import case_create
from ketacover.web.events.case_page import MENU
from ketacover.web.intake.steps import STEPS

from .conftest import EXAMPLES, PASSWORD

pytestmark = pytest.mark.django_db

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
RULE_ID = re.compile(r"\b[a-z][a-z_]*\.[a-z][a-z_]+(?:\.[a-z_]+)*\b")
INTERNAL = re.compile(r"facts\.md|shared/domain|\[PV\]|\[U\]")
DOI = re.compile(r"\b10\.\d{4,9}/\S+")
"""A DOI names a paper (``10.1016/j.pain.2009.08.015``); its parts are not keys."""
ALLOWED_DOTTED = frozenset({"ketacover.web", "e.g", "i.e"})
"""Dotted words that are not rule ids (none are expected on a page)."""


class VisibleText(HTMLParser):
    """The text a browser shows: no scripts, styles or attributes."""

    HIDDEN = frozenset({"script", "style", "template", "title"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def keys_in(text: str) -> list[str]:
    """Snake_case words, rule ids and internal file names in ``text``."""
    text = DOI.sub("", text)
    found = SNAKE.findall(text) + [
        word for word in RULE_ID.findall(text) if word not in ALLOWED_DOTTED
    ]
    return found + INTERNAL.findall(text)


@pytest.fixture
def clinic() -> tuple[User, User, list[int]]:
    space = Workspace.objects.create(name="Words Clinic")
    staff = User.objects.create_user(username="words-staff", password=PASSWORD)
    patient = User.objects.create_user(username="words-patient", password=PASSWORD)
    Membership.objects.create(workspace=space, user=staff, role=Role.OWNER)
    today = timezone.localdate()
    records = [
        case_create(user=staff, workspace=space, case=load_case(path), today=today)
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]
    Membership.objects.create(workspace=space, user=patient, role=Role.PATIENT, case=records[0])
    return staff, patient, [record.pk for record in records]


def _pages(pks: list[int]) -> list[str]:
    pages = [reverse("dashboard"), reverse("cases:list"), reverse("imports:remittances")]
    for pk in pks:
        pages.append(reverse("cases:detail", args=[pk]))
        pages += [reverse("cases:section", args=[pk, section.slug]) for section in MENU]
        pages += [reverse("intake:step", args=[pk, step.slug]) for step in STEPS]
    return pages


def test_keys_in_finds_snake_case_rule_ids_and_internal_files():
    assert keys_in("Dec 4, 2026: pa_follow_up") == ["pa_follow_up"]
    assert keys_in("Source: esketamine.base (facts.md section 3) [PV]") == [
        "esketamine.base",
        "facts.md",
        "facts.md",
        "[PV]",
    ]
    assert keys_in("F33.2, J0013 x 84, CO-45, 96365, e.g. a PPO") == []
    assert keys_in("Pain 2009, doi:10.1016/j.pain.2009.08.015") == []


def test_no_page_of_any_example_case_shows_a_key(client, clinic):
    staff, _patient, pks = clinic
    found: dict[str, list[str]] = {}
    client.force_login(staff)
    for page in _pages(pks):
        response = client.get(page)
        assert response.status_code == 200, page
        keys = keys_in(visible(response.content.decode()))
        if keys:
            found[page] = sorted(set(keys))
    assert found == {}


CLINIC_WORDS = re.compile(r"\b(?:J0013|J3490|HCPCS|CPT|E/M|REMS|CFR|U\.S\.C\.|ERISA)\b")
"""What belongs to the clinic's page, never to the patient's: billing codes, monitoring forms
and the citations of regulations."""


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_patients_own_page_of_every_example_case_shows_no_key_or_clinic_word(
    client, clinic, language
):
    _staff, patient, pks = clinic
    client.force_login(patient)
    client.post("/i18n/setlang/", {"language": language, "next": "/me/"})
    found: dict[str, list[str]] = {}
    for pk in pks:
        Membership.objects.filter(user=patient).update(case_id=pk)
        assert client.get(reverse("cases:detail", args=[pk]))["Location"] == reverse(
            "patients:case", args=[pk]
        )
        response = client.get(reverse("patients:case", args=[pk]))
        assert response.status_code == 200, pk
        text = visible(response.content.decode())
        keys = keys_in(text) + CLINIC_WORDS.findall(text)
        if keys:
            found[str(pk)] = sorted(set(keys))
        assert text.index(response.context["view"].next_step[:30]) < text.index(
            response.context["view"].status.title
        )
    assert found == {}


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_page_of_the_navigator_shows_a_key(language):
    from django.test import Client

    from .navigator.conftest import FLOW, state_of

    client = Client()
    client.post("/i18n/setlang/", {"language": language, "next": "/navigator/"})
    found: dict[str, list[str]] = {}
    response = client.get("/navigator/")
    for slug, data in [("start", {}), *FLOW]:
        if slug != "start":
            response = client.post(
                f"/navigator/{slug}/", {"state": state_of(response), **data}, follow=True
            )
        else:
            response = client.get(f"/navigator/{FLOW[0][0]}/")
        keys = keys_in(visible(response.content.decode()))
        if keys:
            found[slug] = sorted(set(keys))
    assert response.context["page"] == "answer"
    assert found == {}
