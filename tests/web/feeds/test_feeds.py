from __future__ import annotations

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.feeds import services
from ketacover.web.feeds.models import CalendarFeed

pytestmark = pytest.mark.django_db


def _feeds_url(world):
    return reverse("feeds:list", args=[world.clinic.pk])


def _make(world, user=None, case=None):
    client = world.client_for(user or world.owner)
    response = client.post(_feeds_url(world), {"case": case.pk if case else ""})
    match = re.search(r'value="http://testserver(/feeds/[^"]+\.ics)"', response.content.decode())
    return response, match.group(1) if match else None


def test_an_owner_makes_a_workspace_feed_and_sees_its_address_once(world):
    response, path = _make(world)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    feed = CalendarFeed.objects.get()
    token = path.removeprefix("/feeds/").removesuffix(".ics")
    assert len(token) >= 40
    assert token not in feed.token_hash
    listing = world.client_for(world.owner).get(_feeds_url(world)).content.decode()
    assert token not in listing
    assert "every case" in listing
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="feed").count() == 1


def test_the_workspace_feed_carries_deadlines_but_no_patient_names(client, world):
    _, path = _make(world, user=world.staff)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    calendar = Calendar.from_ical(response.content)
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == [
        "case-0006: last day to file the appeal (denial-1)",
        "case-0006: last day to file the appeal (denial-2)",
    ]
    for name in ("Morgan", "Fictional", "Avery", "Testperson", "Casey", "F33.2"):
        assert name not in text
    assert "Maple Hollow" in str(calendar["X-WR-CALNAME"])


def test_a_case_feed_carries_only_that_case(client, world):
    _, path = _make(world, case=world.case)
    calendar = Calendar.from_ical(client.get(path).content)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == f"ketacover {world.case.case_id}"


def test_fetching_a_feed_is_audited_as_an_export(client, world):
    _, path = _make(world)
    client.get(path)
    event = AuditEvent.objects.get(action=Action.EXPORT, object_type="feed")
    assert event.user is None
    assert event.workspace == world.clinic
    assert event.object_id == str(CalendarFeed.objects.get().pk)
    assert event.ip == "127.0.0.1"


def test_a_revoked_feed_is_not_found(client, world):
    _, path = _make(world)
    feed = CalendarFeed.objects.get()
    revoke = reverse("feeds:revoke", args=[world.clinic.pk, feed.pk])
    assert world.client_for(world.staff).post(revoke).status_code == 302
    assert client.get(path).status_code == 404
    assert world.client_for(world.owner).post(revoke).status_code == 404
    assert AuditEvent.objects.filter(action=Action.DELETE, object_type="feed").count() == 1
    assert "revoked" in world.client_for(world.owner).get(_feeds_url(world)).content.decode()


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("feeds:feed", args=["not-a-real-token"])).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("patient", 403), ("outsider", 404)])
def test_patients_and_outsiders_cannot_make_or_revoke_feeds(world, persona, status):
    _make(world)
    feed = CalendarFeed.objects.get()
    client = world.client_for(getattr(world, persona))
    assert client.get(_feeds_url(world)).status_code == status
    assert client.post(_feeds_url(world), {"case": ""}).status_code == status
    revoke = reverse("feeds:revoke", args=[world.clinic.pk, feed.pk])
    assert client.post(revoke).status_code == status
    assert CalendarFeed.objects.get().revoked_at is None


def test_a_case_of_another_workspace_cannot_be_fed(world):
    response = world.client_for(world.owner).post(_feeds_url(world), {"case": world.other_case.pk})
    assert response.status_code == 200
    assert not CalendarFeed.objects.exists()
    from ketacover.core.errors import KetacoverError

    with pytest.raises(KetacoverError):
        services.feed_create(
            user=world.owner, workspace=world.clinic, case=world.other_case, site="http://t"
        )


def test_anonymous_visitors_are_asked_to_log_in_for_the_feed_page(client, world):
    assert client.get(_feeds_url(world)).status_code == 302


def test_a_personal_workspace_feed_has_a_plain_name(client, world):
    from ketacover.web.accounts.models import Workspace

    Workspace.objects.filter(pk=world.clinic.pk).update(kind=Workspace.Kind.PERSONAL)
    _, path = _make(world)
    calendar = Calendar.from_ical(client.get(path).content)
    assert str(calendar["X-WR-CALNAME"]) == "ketacover deadlines"
    feed = CalendarFeed.objects.get()
    assert feed.active
    assert str(feed) == f"calendar feed {feed.pk}"
