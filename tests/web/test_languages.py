"""Which language a page speaks: the navigator follows the visitor; clinic pages stay English."""

from __future__ import annotations

import pytest
from django.test import Client

from ketacover.web.languages import is_bilingual

pytestmark = pytest.mark.django_db

NOTICE_ES = "Esto es información, no consejo médico ni legal."


def test_the_navigator_answers_a_spanish_browser_in_spanish():
    response = Client().get("/navigator/", HTTP_ACCEPT_LANGUAGE="es")
    assert NOTICE_ES in response.content.decode()
    assert response["Content-Language"] == "es"


def test_the_navigator_follows_the_language_cookie_over_the_browser():
    client = Client()
    client.cookies["django_language"] = "es"
    response = client.get("/navigator/", HTTP_ACCEPT_LANGUAGE="en")
    assert NOTICE_ES in response.content.decode()


def test_a_clinic_page_stays_english_for_a_spanish_browser():
    client = Client()
    client.cookies["django_language"] = "es"
    response = client.post("/accounts/signup/", {"username": ""}, HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert "This field is required." in body
    assert "Este campo es obligatorio." not in body
    assert "Content-Language" not in response


def test_only_the_navigator_and_the_language_switch_are_bilingual():
    assert is_bilingual("/navigator/")
    assert is_bilingual("/navigator/step/plan/")
    assert is_bilingual("/i18n/setlang/")
    assert not is_bilingual("/")
    assert not is_bilingual("/accounts/login/")
    assert not is_bilingual("/navigatorx/")
