"""Finding 8: every page and API answer is sent with ``Cache-Control: no-store``; static files
keep their caching."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ketacover.web.api.models import TokenScope
from ketacover.web.api.services import token_create

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return "no-store" in directives and response["Pragma"] == "no-cache"


def test_finding_8_pages_with_health_data_are_not_stored(world):
    client = world.client_for(world.staff)
    for url in (
        reverse("dashboard"),
        reverse("cases:list") + "?q=a",
        reverse("cases:detail", args=[world.case.pk]),
        reverse("login"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_finding_8_api_answers_are_not_stored(world):
    _, plain = token_create(user=world.staff, name="t", scope=TokenScope.READ)
    client = Client(headers={"Authorization": f"Bearer {plain}"})
    for url in (
        "/api/cases",
        f"/api/cases/{world.case.pk}",
        f"/api/cases/{world.case.pk}/deadlines",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
    assert _no_store(Client().get("/api/cases"))


def test_finding_8_a_views_private_directive_is_kept_with_no_store(world):
    response = world.client_for(world.owner).get(reverse("feeds:list", args=[world.clinic.pk]))
    assert _no_store(response)


def test_finding_8_static_files_keep_their_caching(client, db):
    response = client.get("/static/ketacover/site.css")
    response.close()
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Pragma" not in response
