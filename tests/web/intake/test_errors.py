from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.django_db


def step_url(record, slug):
    return reverse("intake:step", args=[record.pk, slug])


def post(world, slug, data):
    record = world.case
    response = world.client_for(world.staff).post(
        step_url(record, slug), {**data, "version": record.version}
    )
    return response, response.content.decode()


def assert_unchanged(world):
    version = world.case.version
    world.case.refresh_from_db()
    assert world.case.version == version


def test_a_wrong_npi_check_digit_is_shown_on_the_field_with_the_typing_kept(world):
    response, body = post(
        world,
        "providers",
        {
            "clinic_name": "Typed Clinic Name",
            "clinic_npi": "1234567890",
            "clinic_network_status": "unknown",
            "prescriber_name": "Dr Typed",
        },
    )
    assert response.status_code == 200
    assert "NPI 1234567890 has a wrong check digit: the last digit should be 3, not 0" in body
    assert "NPPES registry" in body
    assert 'id="id_clinic_npi_error"' in body or 'aria-invalid="true"' in body
    assert 'value="Typed Clinic Name"' in body
    assert 'value="Dr Typed"' in body
    assert_unchanged(world)


def test_an_invalid_icd_code_is_rejected_with_a_message_naming_it(world):
    _, body = post(world, "diagnoses", {"action": "diagnosis_add", "code": "F42.0"})
    assert "ICD-10-CM code F42.0 is not in the" in body
    assert 'value="F42.0"' in body
    assert_unchanged(world)


def test_a_category_code_is_not_billable_and_the_message_lists_billable_ones(world):
    _, body = post(world, "diagnoses", {"action": "diagnosis_add", "code": "F33.4"})
    assert "F33.4 is a category, not a billable code" in body
    assert "F33.40, F33.41, F33.42" in body
    assert_unchanged(world)


def test_a_diagnosis_already_on_the_case_is_not_added_twice(world):
    _, body = post(world, "diagnoses", {"action": "diagnosis_add", "code": "f332"})
    assert "F33.2 is already on the case." in body
    assert_unchanged(world)


def test_an_empty_diagnosis_asks_for_a_code(world):
    _, body = post(world, "diagnoses", {"action": "diagnosis_add", "code": ""})
    assert "Type a code, or search and choose one." in body


def test_a_phq9_item_of_4_is_named_on_its_field(world):
    items = {f"phq9-item_{n}": 1 for n in range(1, 10)}
    items["phq9-item_4"] = 4
    _, body = post(world, "scales", {"action": "score_phq9", **items, "phq9-on": "2026-11-01"})
    assert "PHQ-9 item 4: 4 is not an answer (use 0 to 3)." in body
    assert re.search(r'name="phq9-item_3" value="1"[^>]*checked', body)
    assert not re.search(r'name="phq9-item_4" value="[0-3]"[^>]*checked', body)
    assert_unchanged(world)


def test_missing_gad7_items_are_each_named(world):
    items = {f"gad7-item_{n}": 2 for n in range(1, 6)}
    _, body = post(world, "scales", {"action": "score_gad7", **items, "gad7-on": "2026-11-01"})
    assert "GAD-7 item 6: give an answer from 0 to 3." in body
    assert "GAD-7 item 7: give an answer from 0 to 3." in body
    assert_unchanged(world)


def test_a_total_out_of_the_scale_range_is_refused(world):
    _, body = post(
        world,
        "scales",
        {
            "action": "score_total",
            "total-scale": "madrs",
            "total-score": "61",
            "total-on": "2026-11-01",
        },
    )
    assert "MADRS total 61 is out of range (0 to 60)." in body
    assert_unchanged(world)


def test_a_score_dated_in_the_future_is_refused(world):
    _, body = post(
        world,
        "scales",
        {
            "action": "score_total",
            "total-scale": "pcl5",
            "total-score": "40",
            "total-on": "2999-01-01",
        },
    )
    assert "This date is in the future." in body
    assert_unchanged(world)


def test_a_trial_ending_before_it_started_is_refused_on_the_end_field(world):
    _, body = post(
        world,
        "history",
        {
            "action": "trial_add",
            "kind": "medication",
            "name": "bupropion",
            "start": "2025-03-01",
            "end": "2025-01-01",
            "outcome": "unknown",
        },
    )
    assert "The end (2025-01-01) is before the start (2025-03-01)." in body
    assert 'value="bupropion"' in body
    assert_unchanged(world)


def test_a_trial_cannot_both_end_and_be_still_taken(world):
    _, body = post(
        world,
        "history",
        {
            "action": "trial_add",
            "kind": "medication",
            "name": "bupropion",
            "end": "2025-01-01",
            "still_taking": "on",
            "outcome": "unknown",
        },
    )
    assert "Give an end date or tick" in body
    assert_unchanged(world)


def test_a_trial_still_taken_is_ongoing(world):
    response, _ = post(
        world,
        "history",
        {
            "action": "trial_add",
            "kind": "psychotherapy",
            "name": "CBT",
            "start": "2026-01-01",
            "still_taking": "on",
            "outcome": "unknown",
        },
    )
    assert response.status_code == 302
    world.case.refresh_from_db()
    trial = case_of(world.case).treatment_history[-1]
    assert (trial.name, trial.outcome, trial.end) == ("CBT", "ongoing", None)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"treatment": "esketamine", "infusion_minutes": "40"},
            "infusion_minutes",
            "Infusion minutes apply to IV ketamine only.",
        ),
        (
            {"treatment": "iv_ketamine", "dose_mg": "56"},
            "dose_mg",
            "The 56 or 84 mg dose applies to esketamine only.",
        ),
    ],
)
def test_the_treatment_plan_checks_what_applies_to_which_treatment(world, data, field, message):
    _, body = post(world, "treatment", {"sessions": "6", **data})
    assert message in body
    assert_unchanged(world)


def test_form_errors_show_on_the_fields_with_everything_typed_kept(world):
    _, body = post(
        world,
        "plan",
        {
            "payer": "Typed Payer",
            "category": "",
            "in_deductible": "100",
            "in_deductible_met": "200",
            "state": "Illinois",
        },
    )
    assert "This field is required." in body
    assert "This is more than the amount above it." in body
    assert 'value="Typed Payer"' in body
    assert_unchanged(world)


def test_a_partial_address_asks_for_the_rest(world):
    data = {
        "given_name": "A",
        "family_name": "B",
        "date_of_birth": "1990-01-01",
        "sex": "male",
        "line1": "1 Road",
    }
    _, body = post(world, "patient", data)
    assert "Give this too, or leave the whole address empty." in body
    assert_unchanged(world)


def test_a_date_of_birth_in_the_future_is_refused(world):
    data = {"given_name": "A", "family_name": "B", "date_of_birth": "2999-01-01", "sex": "male"}
    _, body = post(world, "patient", data)
    assert "The date of birth is in the future." in body
    assert_unchanged(world)


def test_a_case_id_already_used_in_the_workspace_is_refused(world):
    response = world.client_for(world.staff).post(
        reverse("intake:start"),
        {
            "case_id": world.case.case_id,
            "workspace": world.clinic.pk,
            "given_name": "A",
            "family_name": "B",
            "date_of_birth": "1990-01-01",
            "sex": "unknown",
        },
    )
    assert f"A case with id {world.case.case_id} already exists" in response.content.decode()


def test_removing_an_entry_that_is_gone_says_so(world):
    _, body = post(world, "diagnoses", {"action": "diagnosis_remove", "index": 9})
    assert "That entry is no longer on the case." in body
    assert_unchanged(world)


def test_an_unknown_action_or_step_is_not_found(world):
    client = world.client_for(world.staff)
    assert client.post(step_url(world.case, "diagnoses"), {"action": "x"}).status_code == 404
    assert client.get(step_url(world.case, "nowhere")).status_code == 404


def test_the_state_is_chosen_by_name_and_a_typed_name_is_refused(world):
    page = world.client_for(world.staff).get(step_url(world.case, "patient")).content.decode()
    assert '<option value="TX">Texas</option>' in page
    data = {
        "given_name": "A",
        "family_name": "B",
        "date_of_birth": "1990-01-01",
        "sex": "male",
        "line1": "1 Road",
        "city": "Austin",
        "state": "Te",
        "postal_code": "73301",
    }
    _, body = post(world, "patient", data)
    assert "Select a valid choice." in body
    assert_unchanged(world)
