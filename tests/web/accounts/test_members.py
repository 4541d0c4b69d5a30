from __future__ import annotations

import pytest
from django.urls import reverse

from ketacover.web.accounts import services
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _members_url(world):
    return reverse("accounts:members", args=[world.clinic.pk])


def _membership(world, user):
    return Membership.objects.get(workspace=world.clinic, user=user)


def test_the_owner_sees_members_and_their_roles(world):
    body = world.client_for(world.owner).get(_members_url(world)).content.decode()
    for name in ("owner", "staff", "patient"):
        assert f"<td>{name}</td>" in body
    assert f"Patient of {world.case.case_id}" in body
    assert "outsider" not in body


@pytest.mark.parametrize(
    ("persona", "status"), [("staff", 403), ("patient", 403), ("outsider", 404)]
)
def test_non_owners_cannot_see_the_members_page(world, persona, status):
    response = world.client_for(getattr(world, persona)).get(_members_url(world))
    assert response.status_code == status
    assert b"patient" not in response.content.lower().replace(b"patients", b"")


def test_anonymous_visitors_are_asked_to_log_in(client, world):
    response = client.get(_members_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_owner_changes_a_role_and_it_is_audited(world):
    staff = _membership(world, world.staff)
    url = reverse("accounts:member_role", args=[world.clinic.pk, staff.pk])
    response = world.client_for(world.owner).post(url, {"role": Role.PRESCRIBER})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.role == Role.PRESCRIBER
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="membership")
    assert event.detail == {"role": "prescriber"}
    assert event.workspace == world.clinic


def test_staff_cannot_change_roles(world):
    owner = _membership(world, world.owner)
    url = reverse("accounts:member_role", args=[world.clinic.pk, owner.pk])
    assert world.client_for(world.staff).post(url, {"role": Role.STAFF}).status_code == 403
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_an_unknown_role_is_refused(world):
    staff = _membership(world, world.staff)
    url = reverse("accounts:member_role", args=[world.clinic.pk, staff.pk])
    response = world.client_for(world.owner).post(url, {"role": "admin"}, follow=True)
    assert "Choose owner, staff or prescriber." in response.content.decode()
    with pytest.raises(services.AccessError):
        services.membership_change_role(
            user=world.owner, workspace=world.clinic, pk=staff.pk, role=Role.PATIENT
        )


def test_the_last_owner_can_neither_step_down_nor_leave(world):
    owner = _membership(world, world.owner)
    client = world.client_for(world.owner)
    role_url = reverse("accounts:member_role", args=[world.clinic.pk, owner.pk])
    response = client.post(role_url, {"role": Role.STAFF}, follow=True)
    assert "A workspace needs an owner" in response.content.decode()
    remove_url = reverse("accounts:member_remove", args=[world.clinic.pk, owner.pk])
    response = client.post(remove_url, follow=True)
    assert "A workspace needs an owner" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_an_owner_may_step_down_once_someone_else_owns_the_workspace(world):
    staff = _membership(world, world.staff)
    owner = _membership(world, world.owner)
    services.membership_change_role(
        user=world.owner, workspace=world.clinic, pk=staff.pk, role=Role.OWNER
    )
    services.membership_change_role(
        user=world.owner, workspace=world.clinic, pk=owner.pk, role=Role.STAFF
    )
    owner.refresh_from_db()
    assert owner.role == Role.STAFF


def test_a_patient_role_is_not_changed_but_the_patient_can_be_removed(world):
    patient = _membership(world, world.patient)
    client = world.client_for(world.owner)
    url = reverse("accounts:member_role", args=[world.clinic.pk, patient.pk])
    response = client.post(url, {"role": Role.STAFF}, follow=True)
    assert "cannot be changed" in response.content.decode()
    patient.refresh_from_db()
    assert patient.role == Role.PATIENT
    remove = reverse("accounts:member_remove", args=[world.clinic.pk, patient.pk])
    assert client.post(remove).status_code == 302
    assert not Membership.objects.filter(pk=patient.pk).exists()
    assert AuditEvent.objects.filter(action=Action.DELETE, object_type="membership").count() == 1
    assert (
        world.client_for(world.patient)
        .get(reverse("cases:detail", args=[world.case.pk]))
        .status_code
        == 404
    )


def test_members_of_another_workspace_cannot_be_touched(world):
    outsider = Membership.objects.get(user=world.outsider)
    url = reverse("accounts:member_remove", args=[world.clinic.pk, outsider.pk])
    response = world.client_for(world.owner).post(url, follow=True)
    assert "not a member of this workspace" in response.content.decode()
    assert Membership.objects.filter(pk=outsider.pk).exists()
    other = reverse("accounts:member_remove", args=[world.other_clinic.pk, outsider.pk])
    assert world.client_for(world.owner).post(other).status_code == 404
