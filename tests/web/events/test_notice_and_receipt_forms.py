"""The forms that take a time of receipt, a notice's own windows and the peer-to-peer window."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def _url(kind: str, record: CaseRecord) -> str:
    return reverse(f"events:{kind}", args=[record.pk])


def _fresh(record: CaseRecord) -> CaseRecord:
    return CaseRecord.objects.get(pk=record.pk)


def test_a_request_with_the_time_the_plan_received_it_keeps_that_time(world, form_data):
    data = form_data(
        "pa",
        version=1,
        treatment="esketamine",
        submitted=_ago(2),
        channel="portal",
        urgency="urgent",
        received_on=_ago(2),
        received_time="14:05",
    )
    assert world.client_for(world.staff).post(_url("pa", world.case), data).status_code == 302
    pa = case_of(_fresh(world.case)).prior_authorizations[-1]
    assert pa.received_at is not None
    assert pa.received_at.utcoffset() is not None
    local = pa.received_at.astimezone(timezone.get_current_timezone())
    assert (local.date().isoformat(), local.strftime("%H:%M")) == (_ago(2), "14:05")


def test_a_time_of_receipt_needs_its_day_and_cannot_come_before_the_request(world, form_data):
    staff = world.client_for(world.staff)
    base = {
        "version": 1,
        "treatment": "esketamine",
        "submitted": _ago(2),
        "channel": "portal",
        "urgency": "urgent",
    }
    body = staff.post(
        _url("pa", world.case), form_data("pa", **base, received_time="09:00"), **HTMX
    ).content.decode()
    assert "Give both the day and the time it was received." in body
    body = staff.post(
        _url("pa", world.case),
        form_data("pa", **base, received_on=_ago(3), received_time="09:00"),
        **HTMX,
    ).content.decode()
    assert "It was received before it was sent." in body
    assert case_of(_fresh(world.case)).prior_authorizations == ()


def test_a_denial_takes_the_notices_window_and_the_peer_to_peer_window(world, form_data):
    data = form_data(
        "denial",
        version=1,
        notice_date=_ago(5),
        pre_service="pre_service",
        level="initial",
        appeal_window_days_on_notice="60",
        peer_to_peer_window_days="14",
    )
    response = world.client_for(world.staff).post(_url("denial", world.second_case), data, **HTMX)
    assert "Denial recorded" in response.content.decode()
    denial = case_of(_fresh(world.second_case)).denials[-1]
    assert (denial.appeal_window_days_on_notice, denial.peer_to_peer_window_days) == (60, 14)
    deadlines = _fresh(world.second_case).deadlines
    appeal = deadlines.get(kind="appeal_filing", ref=denial.id)
    assert appeal.due == timezone.localdate() - timedelta(days=5) + timedelta(days=60)
    peer = deadlines.get(kind="peer_to_peer_request", ref=denial.id)
    assert peer.due == timezone.localdate() - timedelta(days=5) + timedelta(days=14)


def test_a_printed_peer_to_peer_deadline_before_the_notice_is_refused(world, form_data):
    data = form_data(
        "denial",
        version=1,
        notice_date=_ago(5),
        pre_service="pre_service",
        level="initial",
        peer_to_peer_deadline=_ago(6),
    )
    body = (
        world.client_for(world.staff)
        .post(_url("denial", world.second_case), data, **HTMX)
        .content.decode()
    )
    assert "The deadline is before the notice&#x27;s date." in body


def test_an_appeal_with_a_time_of_receipt_is_saved_with_it(world, form_data):
    staff = world.client_for(world.staff)
    denial = form_data(
        "denial", version=1, notice_date=_ago(5), pre_service="pre_service", level="initial"
    )
    assert staff.post(_url("denial", world.second_case), denial).status_code == 302
    denial_id = case_of(_fresh(world.second_case)).denials[-1].id
    appeal = form_data(
        "appeal",
        version=2,
        denial_id=denial_id,
        level="internal",
        submitted=_ago(1),
        expedited=True,
        received_on=_ago(1),
        received_time="08:30",
    )
    assert staff.post(_url("appeal", world.second_case), appeal).status_code == 302
    saved = case_of(_fresh(world.second_case)).appeals[-1]
    assert isinstance(saved.received_at, datetime)
    assert saved.received_at.astimezone(timezone.get_current_timezone()).strftime("%H:%M") == (
        "08:30"
    )
