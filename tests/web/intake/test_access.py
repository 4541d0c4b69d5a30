from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord

pytestmark = pytest.mark.django_db
SLUGS = ["patient", "plan", "providers", "diagnoses", "scales", "history", "treatment"]


def test_anonymous_visitors_are_asked_to_log_in(client, world):
    urls = [reverse("intake:start"), reverse("intake:resume", args=[world.case.pk])]
    urls += [reverse("intake:step", args=[world.case.pk, slug]) for slug in SLUGS]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_outsider_cannot_open_or_change_another_clinics_case(world):
    outsider = world.client_for(world.outsider)
    version = world.case.version
    for slug in SLUGS:
        url = reverse("intake:step", args=[world.case.pk, slug])
        response = outsider.get(url)
        assert response.status_code == 404
        assert b"Avery" not in response.content
        assert outsider.post(url, {"payer": "X", "version": version}).status_code == 404
    assert outsider.get(reverse("intake:resume", args=[world.case.pk])).status_code == 404
    world.case.refresh_from_db()
    assert world.case.version == version


def test_a_patient_cannot_fill_in_their_own_case_or_another(world):
    patient = world.client_for(world.patient)
    own = reverse("intake:step", args=[world.case.pk, "plan"])
    other = reverse("intake:step", args=[world.second_case.pk, "plan"])
    assert patient.get(own).status_code == 403
    assert patient.post(own, {"payer": "X", "version": world.case.version}).status_code == 403
    assert patient.get(other).status_code == 404
    assert patient.get(reverse("intake:start")).status_code == 403


def test_a_user_without_a_clinic_cannot_start_a_case(world):
    loner = User.objects.create_user(username="loner", password="a-long-test-password-1")
    assert world.client_for(loner).get(reverse("intake:start")).status_code == 403


def test_a_case_can_only_be_created_in_the_users_own_workspace(world):
    response = world.client_for(world.staff).post(
        reverse("intake:start"),
        {
            "case_id": "case-elsewhere",
            "workspace": world.other_clinic.pk,
            "given_name": "A",
            "family_name": "B",
            "date_of_birth": "1990-01-01",
            "sex": "unknown",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaseRecord.objects.filter(case_id="case-elsewhere").exists()


def test_opening_a_step_is_audited_as_a_view(world):
    world.client_for(world.owner).get(reverse("intake:step", args=[world.case.pk, "plan"]))
    event = AuditEvent.objects.filter(action="view", object_id=str(world.case.pk)).get()
    assert event.user == world.owner
