"""Finding 4: a calendar feed works only while the staffer who made it may still see what it
shows; the whole-workspace feed and a case feed alike."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ketacover.web.accounts import services as account_services
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.feeds.models import CalendarFeed
from ketacover.web.feeds.services import feed_create

pytestmark = pytest.mark.django_db


def _feed_path(world, *, case) -> str:
    made = feed_create(user=world.staff, workspace=world.clinic, case=case, site="http://x/")
    return made.url.removeprefix("http://x")


def _member(world):
    return Membership.objects.get(workspace=world.clinic, user=world.staff)


def _remove(world):
    account_services.membership_remove(
        user=world.owner, workspace=world.clinic, pk=_member(world).pk
    )


def _lower(world):
    account_services.membership_change_role(
        user=world.owner, workspace=world.clinic, pk=_member(world).pk, role=Role.PRESCRIBER
    )


def _deactivate(world):
    world.staff.is_active = False
    world.staff.save()


def _delete(world):
    world.staff.delete()


@pytest.mark.parametrize("whole_workspace", [True, False], ids=["workspace feed", "case feed"])
@pytest.mark.parametrize(
    "lose_access",
    [_remove, _lower, _deactivate, _delete],
    ids=["removed", "role lowered", "deactivated", "deleted"],
)
def test_finding_4_a_feed_ends_when_its_maker_loses_access(world, whole_workspace, lose_access):
    path = _feed_path(world, case=None if whole_workspace else world.case)
    assert Client().get(path).status_code == 200
    lose_access(world)
    assert Client().get(path).status_code == 404
    feed = CalendarFeed.objects.get()
    assert feed.revoked_at is not None
    revoked = AuditEvent.objects.get(action=Action.DELETE, object_type="feed")
    assert revoked.detail == {"reason": "creator_lost_access"}
    assert Client().get(path).status_code == 404


def test_finding_4_a_feed_keeps_working_while_its_maker_keeps_access(world):
    path = _feed_path(world, case=None)
    account_services.membership_change_role(
        user=world.owner, workspace=world.clinic, pk=_member(world).pk, role=Role.OWNER
    )
    assert Client().get(path).status_code == 200
    page = world.client_for(world.owner).get(reverse("feeds:list", args=[world.clinic.pk]))
    assert "stops working when the person who made it leaves" in page.content.decode()
