from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def search(world, **params):
    response = world.client_for(world.staff).get(reverse("intake:icd"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["F33", "f33.2", "recurrent severe", "recur sev"])
def test_the_icd_search_finds_f33_2_by_code_and_by_words(world, query):
    body = search(world, q=query)
    assert 'name="fill" value="F33.2"' in body
    assert "Major depressive disorder, recurrent severe without psychotic features" in body


def test_the_f33_category_is_listed_but_cannot_be_chosen(world):
    body = search(world, q="F33")
    assert "<strong>F33</strong>" in body
    assert "(category, not billable)" in body
    assert 'value="F33"' not in body
    assert 'value="F33.4"' not in body


def test_the_code_field_text_is_searched_too(world):
    assert 'value="F41.1"' in search(world, code="F41.1")


def test_a_search_with_no_match_says_so_and_short_ones_wait(world):
    assert "No ICD-10-CM code matches" in search(world, q="zzzzqq")
    assert "<li>" not in search(world, q="F")


def test_the_drug_search_shows_the_class_for_generic_and_brand_names(world):
    client = world.client_for(world.staff)
    body = client.get(reverse("intake:drugs"), {"q": "zol"}).content.decode()
    assert '<option value="sertraline">' in body
    assert "SSRI" in body
    body = client.get(reverse("intake:drugs"), {"name": "bupro"}).content.decode()
    assert '<option value="bupropion">' in body
    assert "NDRI" in body
    body = client.get(reverse("intake:drugs"), {"q": "symbyax"}).content.decode()
    assert "SSRI and second-generation antipsychotic" in body
    assert "<option" not in client.get(reverse("intake:drugs"), {"q": "s"}).content.decode()


def test_searches_ask_anonymous_visitors_to_log_in(client):
    for name in ("intake:icd", "intake:drugs"):
        response = client.get(reverse(name), {"q": "F33"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
