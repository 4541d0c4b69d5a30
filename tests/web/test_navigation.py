"""The page frame's links are the addresses Django reverses for them, kept per script prefix,
and the frame shows each to whom it is offered."""

from __future__ import annotations

import pytest
from django.urls import reverse, set_script_prefix

from ketacover.web import navigation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget():
    navigation._REVERSED.clear()
    yield
    navigation._REVERSED.clear()
    set_script_prefix("/")


def test_every_link_is_what_django_reverses():
    links = navigation.frame_links()
    assert links == {name: reverse(pattern) for name, pattern in navigation.LINKS.items()}
    assert links["dashboard"] == "/"


def test_links_are_reversed_once_per_script_prefix():
    first = navigation.frame_links()
    assert navigation.frame_links() is first
    set_script_prefix("/clinic/")
    under = navigation.frame_links()
    assert under["dashboard"] == "/clinic/"
    assert under["cases"].startswith("/clinic/")
    set_script_prefix("/")
    assert navigation.frame_links() is first


def test_staff_see_every_link_in_the_frame(world):
    page = world.client_for(world.owner).get(reverse("dashboard")).content.decode()
    for name in navigation.LINKS:
        assert f'"{navigation.frame_links()[name]}"' in page, name


def test_a_patient_is_not_offered_the_staff_pages(world):
    response = world.client_for(world.patient).get(reverse("dashboard"), follow=True)
    page = response.content.decode()
    links = navigation.frame_links()
    # A patient's home is their own page, never the clinic's case list or dashboard.
    assert response.redirect_chain[-1][0].startswith("/me/")
    for staff_only in ("cases", "new_case", "case_import", "remittances", "api_tokens"):
        assert f'href="{links[staff_only]}"' not in page, staff_only
