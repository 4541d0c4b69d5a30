from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ketacover.core.model import Scale
from ketacover.web.cases.services import case_of

TREATMENT = {
    "treatment": "esketamine",
    "sessions": "21",
    "price_per_session": "1050.00",
    "dose_mg": "84",
    "start": "2026-12-01",
    "bipolar_history": "no",
    "psychotic_features": "no",
    "substance_use": "none",
}

pytestmark = pytest.mark.django_db


def url(record, step="scales"):
    return reverse("intake:step", args=[record.pk, step])


def phq9(answers, record, on="2026-11-09"):
    items = {f"phq9-item_{n}": str(a) for n, a in enumerate(answers, start=1)}
    return {"action": "score_phq9", **items, "phq9-on": on, "version": record.version}


def test_each_item_is_shown_with_its_text_and_the_four_labelled_answers(world):
    page = world.client_for(world.staff).get(url(world.case)).content.decode()
    assert "1. Little interest or pleasure in doing things" in page
    assert "9. Thoughts that you would be better off dead or of hurting yourself" in page
    assert "7. Feeling afraid as if something awful might happen" in page
    for label in ("Not at all", "Several days", "More than half the days", "Nearly every day"):
        assert label in page
    assert page.count('type="radio" name="phq9-item_') == 36
    assert page.count('type="radio" name="gad7-item_') == 28
    assert "ketacover/intake.js" in page


def test_a_saved_phq9_is_listed_with_its_band(world):
    client = world.client_for(world.staff)
    record = world.case
    client.post(url(record), phq9([2, 2, 2, 2, 2, 2, 2, 1, 0], record))
    record.refresh_from_db()
    saved = case_of(record).scores[-1]
    assert (saved.scale, saved.score) == (Scale.PHQ9, 15)
    page = client.get(url(record)).content.decode()
    assert "15 of 27, moderately severe" in page


def test_a_form_sent_back_with_an_unanswered_item_shows_the_total_so_far(world):
    client = world.client_for(world.staff)
    record = world.case
    data = phq9([1, 1, 1, 1, 1, 1, 1, 1, 1], record)
    del data["phq9-item_4"]
    response = client.post(url(record), data)
    body = response.content.decode()
    assert "PHQ-9 item 4: give an answer from 0 to 3." in body
    assert "Total 8 of 27: mild (8 of 9 answered)" in body


def test_item_9_above_zero_flags_the_scale_and_prefills_the_urgency_question(world):
    client = world.client_for(world.staff)
    record = world.case
    unanswered = {**TREATMENT, "suicidal_ideation": "unknown", "version": record.version}
    assert client.post(url(record, "treatment"), unanswered).status_code == 302
    record.refresh_from_db()
    assert case_of(record).history.suicidal_ideation is None
    client.post(url(record), phq9([1, 1, 1, 1, 1, 1, 1, 1, 2], record, on="2026-11-20"))
    record.refresh_from_db()
    scales_page = client.get(url(record)).content.decode()
    assert "was answered above 0 on Nov 20, 2026" in scales_page
    assert "item 9 above 0" in scales_page
    treatment = client.get(url(record, "treatment")).content.decode()
    assert "is prefilled with Yes" in treatment
    assert re.search(r'value="yes"[^>]*id="id_suicidal_ideation_0"[^>]*checked', treatment)
    # Nothing is stored until staff save the step.
    assert case_of(record).history.suicidal_ideation is None


def test_a_recorded_answer_is_not_overwritten_by_the_flag(world):
    client = world.client_for(world.staff)
    record = world.case
    assert case_of(record).history.suicidal_ideation is False
    client.post(url(record), phq9([0, 0, 0, 0, 0, 0, 0, 0, 1], record, on="2026-11-20"))
    treatment = client.get(url(record, "treatment")).content.decode()
    assert "The case records an answer" in treatment
    assert not re.search(r'value="yes"[^>]*id="id_suicidal_ideation_0"[^>]*checked', treatment)


def test_item_9_answered_zero_raises_no_flag(world):
    client = world.client_for(world.staff)
    record = world.case
    client.post(url(record), phq9([3, 3, 3, 3, 3, 3, 3, 3, 0], record, on="2026-11-20"))
    assert "was answered above 0" not in client.get(url(record)).content.decode()
    assert "was answered above 0" not in client.get(url(record, "treatment")).content.decode()
