"""The error pages: styled, in the visitor's language, with a way back, saying nothing of what
was asked for; the API keeps JSON errors."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from ketacover.web import errors

pytestmark = pytest.mark.django_db


def test_a_patient_who_opens_another_case_gets_a_styled_404_with_a_way_back(world):
    response = world.client_for(world.patient).get(f"/cases/{world.other_case.pk}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert "ketacover/site.css" in body
    assert 'href="/"' in body
    assert 'href="/navigator/"' in body
    assert world.other_case.patient_name not in body
    assert response["Cache-Control"] == "no-store"


def test_an_unknown_address_is_a_404_in_spanish_for_a_spanish_visitor():
    client = Client()
    client.post("/i18n/setlang/", {"language": "es", "next": "/navigator/"})
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "No se encontró la página" in body
    assert "Iniciar sesión" in body or "/accounts/login/" in body


def test_an_unknown_api_address_answers_json():
    response = Client().get("/api/no-such-route/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not found."}}


@pytest.mark.parametrize(
    ("view", "status", "heading"),
    [
        (errors.bad_request, 400, "The request could not be read"),
        (errors.permission_denied, 403, "No access"),
        (errors.page_not_found, 404, "Page not found"),
    ],
)
def test_each_error_page_names_its_status_and_links_home(view, status, heading):
    request = RequestFactory().get("/somewhere/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = view(request, Exception("detail that must not show"))
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in body
    assert f"Error {status}" in body
    assert "detail that must not show" not in body
    assert 'href="/accounts/login/"' in body


def test_the_500_page_is_drawn_without_the_database_or_the_session():
    request = RequestFactory().get("/cases/1/")
    response = errors.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>Something went wrong</h1>" in body
    assert 'href="/"' in body
