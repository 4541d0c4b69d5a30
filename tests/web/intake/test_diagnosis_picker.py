from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.django_db


def url(record):
    return reverse("intake:step", args=[record.pk, "diagnoses"])


def test_choosing_a_search_result_fills_the_code_field_and_adds_nothing(world):
    client = world.client_for(world.staff)
    record = world.case
    before = case_of(record).diagnoses
    response = client.post(
        url(record),
        {
            "action": "diagnosis_add",
            "code": "generalized anx",
            "fill": "F41.1",
            "primary": "on",
            "since": "2025-03-01",
            "version": record.version,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="code" value="F41.1"' in body
    assert 'value="2025-03-01"' in body
    record.refresh_from_db()
    assert case_of(record).diagnoses == before


def test_the_diagnosis_is_added_by_the_add_action_with_its_primary_and_date(world):
    client = world.client_for(world.staff)
    record = world.case
    response = client.post(
        url(record),
        {
            "action": "diagnosis_add",
            "code": "F41.1",
            "primary": "on",
            "since": "2025-03-01",
            "add": "1",
            "version": record.version,
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    added = case_of(record).diagnoses[-1]
    assert (added.code, added.primary, added.since) == ("F41.1", True, dt.date(2025, 3, 1))


def test_after_an_add_the_form_comes_back_empty_so_nothing_leaks_to_the_next_code(world):
    client = world.client_for(world.staff)
    record = world.case
    client.post(
        url(record),
        {
            "action": "diagnosis_add",
            "code": "F41.1",
            "primary": "on",
            "since": "2025-03-01",
            "version": record.version,
        },
    )
    page = client.get(url(record)).content.decode()
    form = page[page.index('id="diagnosis-add"') :]
    assert 'name="since" value=' not in form.split("</form>")[0]
    assert "checked" not in form.split("</form>")[0]
    assert 'autocomplete="off"' in page


def test_the_date_of_a_diagnosis_on_the_case_can_be_changed_or_cleared(world):
    client = world.client_for(world.staff)
    record = world.case
    page = client.get(url(record)).content.decode()
    assert 'value="diagnosis_date"' in page
    response = client.post(
        url(record),
        {
            "action": "diagnosis_date",
            "edit-index": 0,
            "edit-since": "2024-02-10",
            "version": record.version,
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert case_of(record).diagnoses[0].since == dt.date(2024, 2, 10)
    client.post(
        url(record),
        {"action": "diagnosis_date", "edit-index": 0, "edit-since": "", "version": record.version},
    )
    record.refresh_from_db()
    assert case_of(record).diagnoses[0].since is None


def test_a_diagnosis_date_in_the_future_is_refused_and_nothing_changes(world):
    client = world.client_for(world.staff)
    record = world.case
    before = case_of(record).diagnoses
    response = client.post(
        url(record),
        {
            "action": "diagnosis_date",
            "edit-index": 0,
            "edit-since": "2999-01-01",
            "version": record.version,
        },
    )
    assert response.status_code == 200
    assert "This date is in the future." in response.content.decode()
    record.refresh_from_db()
    assert case_of(record).diagnoses == before


def test_the_dates_of_a_treatment_tried_can_be_changed(world):
    client = world.client_for(world.staff)
    record = world.case
    history = reverse("intake:step", args=[record.pk, "history"])
    assert 'value="trial_dates"' in client.get(history).content.decode()
    response = client.post(
        history,
        {
            "action": "trial_dates",
            "edit-index": 0,
            "edit-start": "2024-01-05",
            "edit-end": "2024-04-01",
            "version": record.version,
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    trial = case_of(record).treatment_history[0]
    assert (trial.start, trial.end) == (dt.date(2024, 1, 5), dt.date(2024, 4, 1))


def test_treatment_dates_out_of_order_are_refused_naming_the_end(world):
    client = world.client_for(world.staff)
    record = world.case
    response = client.post(
        reverse("intake:step", args=[record.pk, "history"]),
        {
            "action": "trial_dates",
            "edit-index": 0,
            "edit-start": "2024-04-01",
            "edit-end": "2024-01-05",
            "version": record.version,
        },
    )
    assert "The end (2024-01-05) is before the start (2024-04-01)." in response.content.decode()


def test_the_search_lists_f32_and_f33_codes_first_for_depress(world):
    body = world.client_for(world.staff).get(reverse("intake:icd"), {"q": "depress"})
    chosen = re.findall(r'name="fill" value="([^"]+)"', body.content.decode())
    assert "F33.2" in chosen[:10]
    assert all(code.startswith(("F32", "F33")) for code in chosen[:10])
