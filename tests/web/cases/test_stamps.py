"""Workspace stamps change with the workspace's people too: a membership added, changed or
removed, or a member's new username, stamps the workspace, so the staff list kept under the
stamps (the assignee form and filter) shows the change at once; a login alone stamps nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketacover.web.accounts.models import Membership, Role
from ketacover.web.cases import selectors
from ketacover.web.cases.models import WorkspaceStamp

pytestmark = pytest.mark.django_db


def _stamp(world) -> str | None:
    found = WorkspaceStamp.objects.filter(workspace_id=world.clinic.pk).first()
    return found.token if found else None


def _assignee_options(world) -> str:
    url = reverse("cases:detail", args=[world.case.pk])
    page = world.client_for(world.owner).get(url).content.decode()
    form = page[page.index('action="/cases/') :]
    return form[: form.index("</form>")]


def test_a_new_membership_stamps_its_workspace(world):
    before = _stamp(world)
    newcomer = User.objects.create_user("newcomer")
    assert _stamp(world) == before
    Membership.objects.create(workspace=world.clinic, user=newcomer, role=Role.STAFF)
    assert _stamp(world) != before


def test_a_changed_or_removed_membership_stamps_its_workspace(world):
    membership = Membership.objects.get(workspace=world.clinic, user=world.staff)
    before = _stamp(world)
    membership.role = Role.PRESCRIBER
    membership.save()
    changed = _stamp(world)
    assert changed != before
    membership.delete()
    assert _stamp(world) != changed


def test_a_new_username_stamps_every_workspace_of_the_user(world):
    before = _stamp(world)
    world.staff.username = "staff-renamed"
    world.staff.save()
    assert _stamp(world) != before


def test_a_login_stamps_nothing(world):
    before = _stamp(world)
    world.client_for(world.owner)  # a login
    client = world.client_for(world.staff)
    assert client.login(username="staff", password="a-long-test-password-1")
    assert _stamp(world) == before


def test_the_assignee_form_shows_a_new_member_at_once(world):
    assert "newcomer" not in _assignee_options(world)
    newcomer = User.objects.create_user("newcomer")
    Membership.objects.create(workspace=world.clinic, user=newcomer, role=Role.STAFF)
    assert "newcomer" in _assignee_options(world)


def test_the_assignee_form_drops_a_removed_member_and_shows_a_new_name_at_once(world):
    assert ">staff<" in _assignee_options(world)
    world.staff.username = "staff-renamed"
    world.staff.save()
    options = _assignee_options(world)
    assert ">staff-renamed<" in options
    assert ">staff<" not in options
    Membership.objects.filter(workspace=world.clinic, user=world.staff).delete()
    assert "staff-renamed" not in _assignee_options(world)


def test_the_dashboard_filter_offers_a_new_member_at_once(world):
    client = world.client_for(world.owner)
    assert "newcomer" not in client.get(reverse("dashboard")).content.decode()
    newcomer = User.objects.create_user("newcomer")
    Membership.objects.create(workspace=world.clinic, user=newcomer, role=Role.PRESCRIBER)
    assert "newcomer" in client.get(reverse("dashboard")).content.decode()


def test_the_staff_list_is_read_once_while_the_stamps_stand(world):
    scope = selectors.scope_of(world.owner)
    first = selectors.workspace_staff(workspace_id=world.clinic.pk, scope=scope)
    with CaptureQueriesContext(connection) as queries:
        again = selectors.workspace_staff(workspace_id=world.clinic.pk, scope=scope)
    assert again == first
    assert [name for _, name in first] == ["owner", "staff"]
    assert len(queries) == 0


def test_patients_are_never_in_the_staff_list(world):
    scope = selectors.scope_of(world.owner)
    staff = selectors.workspace_staff(workspace_id=world.clinic.pk, scope=scope)
    assert world.patient.pk not in {pk for pk, _ in staff}
