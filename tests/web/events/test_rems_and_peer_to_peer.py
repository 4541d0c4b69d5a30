"""Esketamine sessions with their REMS monitoring readings, the monitoring form's 7-day deadline,
and peer-to-peer calls on a denial."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketacover.core.model import Treatment
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_of
from ketacover.web.events.billing_services import session_record, session_rems_submitted

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def _url(name, record):
    return reverse(f"events:{name}", args=[record.pk])


def _fresh(record):
    return CaseRecord.objects.get(pk=record.pk)


def _session(form_data, version=1, **extra):
    values = {
        "version": version,
        "on": _ago(2).isoformat(),
        "treatment": "esketamine",
        "minutes": "130",
        "dose_mg": "84",
        "bp_before": "128/82",
        "bp_40_min": "142/90",
        "bp_discharge": "126/80",
        "monitoring_minutes": "125",
    }
    values.update(extra)
    return form_data("session", **values)


def test_an_esketamine_session_keeps_its_readings_and_shows_the_form_due_date(world, form_data):
    client = world.client_for(world.staff)
    response = client.post(_url("session", world.case), _session(form_data))
    assert response.status_code == 302
    record = _fresh(world.case)
    session = case_of(record).sessions[-1]
    assert (session.bp_before, session.bp_40_min, session.bp_discharge) == (
        "128/82",
        "142/90",
        "126/80",
    )
    assert session.monitoring_minutes == 125
    assert session.rems_form_submitted is None
    due = _ago(2) + timedelta(days=7)
    assert record.deadlines.filter(kind="rems_monitoring_form", due=due).exists()
    page = client.get(reverse("cases:section", args=[record.pk, "sessions"])).content.decode()
    assert "monitoring form due by" in page
    assert f"{due:%b} {due.day}, {due.year}" in page
    assert "less than the 2 hours" not in page


def test_it_warns_when_monitoring_was_shorter_than_two_hours(world, form_data):
    client = world.client_for(world.staff)
    client.post(_url("session", world.case), _session(form_data, monitoring_minutes="90"))
    page = client.get(reverse("cases:section", args=[world.case.pk, "sessions"])).content.decode()
    assert "less than the 2 hours of monitoring the REMS asks for" in page


def test_a_reading_that_is_not_a_blood_pressure_is_shown_on_its_field(world, form_data):
    client = world.client_for(world.staff)
    data = _session(form_data, bp_40_min="82/128")
    response = client.post(_url("session", world.case), data, **HTMX)
    body = response.content.decode()
    assert "systolic/diastolic in mmHg" in body
    assert 'value="82/128"' in body
    assert _fresh(world.case).version == 1


def test_ketamine_sessions_take_no_rems_values(world, form_data):
    client = world.client_for(world.staff)
    data = _session(form_data, treatment="iv_ketamine")
    response = client.post(_url("session", world.case), data, **HTMX)
    assert "Only an esketamine session has REMS monitoring values." in response.content.decode()
    assert _fresh(world.case).version == 1


def test_the_session_service_refuses_rems_values_on_a_ketamine_session(world):
    from ketacover.core.errors import KetacoverError

    with pytest.raises(KetacoverError, match="bp_before: only an esketamine session"):
        session_record(
            user=world.staff,
            record=world.case,
            expected_version=1,
            today=_ago(0),
            on=_ago(1),
            treatment=Treatment.IV_KETAMINE,
            bp_before="120/80",
        )


def test_recording_the_form_submitted_ends_its_deadline(world, form_data):
    client = world.client_for(world.staff)
    client.post(_url("session", world.case), _session(form_data))
    data = form_data("rems", version=2, session="0", submitted=_ago(1).isoformat())
    response = client.post(_url("rems", world.case), data, **HTMX)
    assert response.status_code == 200
    assert "Monitoring form recorded as submitted." in response.content.decode()
    record = _fresh(world.case)
    assert case_of(record).sessions[0].rems_form_submitted == _ago(1)
    assert not record.deadlines.filter(kind="rems_monitoring_form").exists()
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(record.pk)).count() == 2


@pytest.mark.parametrize(
    ("submitted_days_ago", "message"),
    [(3, "the form is dated before the session"), (-1, "the date is in the future")],
)
def test_the_form_date_is_checked(world, form_data, submitted_days_ago, message):
    client = world.client_for(world.staff)
    client.post(_url("session", world.case), _session(form_data))
    with pytest.raises(Exception, match=message):
        session_rems_submitted(
            user=world.staff,
            record=_fresh(world.case),
            expected_version=2,
            today=_ago(0),
            session=0,
            submitted=_ago(submitted_days_ago),
        )


def test_a_patient_and_an_outsider_cannot_record_a_form(world, form_data):
    world.client_for(world.staff).post(_url("session", world.case), _session(form_data))
    data = form_data("rems", version=2, session="0", submitted=_ago(1).isoformat())
    assert world.client_for(world.outsider).post(_url("rems", world.case), data).status_code == 404
    patient = world.client_for(world.patient).post(_url("rems", world.case), data, **HTMX)
    assert patient.status_code == 403
    assert _fresh(world.case).version == 2


def _peer(form_data, version=1, **extra):
    values = {
        "version": version,
        "denial_id": "denial-1",
        "on": _ago(-2).isoformat(),
        "time": "14:30",
        "with_whom": "Dr. Reviewer, UM vendor",
    }
    values.update(extra)
    return form_data("peer_to_peer", **values)


def test_a_peer_to_peer_call_is_scheduled_and_shown_without_stopping_the_appeal_clock(
    world, form_data
):
    record = world.second_case
    before = set(record.deadlines.values_list("kind", "due"))
    client = world.client_for(world.staff)
    response = client.post(_url("peer_to_peer", record), _peer(form_data, record.version))
    assert response.status_code == 302
    saved = _fresh(record)
    denial = next(d for d in case_of(saved).denials if d.id == "denial-1")
    local = denial.peer_to_peer.astimezone(timezone.get_current_timezone())
    assert (local.date(), local.strftime("%H:%M")) == (_ago(-2), "14:30")
    assert denial.peer_to_peer_with == "Dr. Reviewer, UM vendor"
    assert denial.peer_to_peer_outcome is None
    assert set(saved.deadlines.values_list("kind", "due")) == before
    page = client.get(reverse("cases:section", args=[record.pk, "timeline"])).content.decode()
    page += client.get(reverse("cases:section", args=[record.pk, "denials"])).content.decode()
    assert "Peer-to-peer call on denial-1 with Dr. Reviewer, UM vendor (scheduled)" in page
    assert "does not stop the appeal clock" in page


def test_the_outcome_is_recorded_once_the_call_has_happened(world, form_data):
    record = world.second_case
    client = world.client_for(world.staff)
    early = _peer(form_data, record.version, on=_ago(0).isoformat(), time="00:00")
    early["peer_to_peer-outcome"] = "Reviewer upheld the denial"
    client.post(_url("peer_to_peer", record), early)
    denial = next(d for d in case_of(_fresh(record)).denials if d.id == "denial-1")
    assert denial.peer_to_peer_outcome == "Reviewer upheld the denial"
    future = _peer(form_data, _fresh(record).version)
    future["peer_to_peer-outcome"] = "Too soon"
    response = client.post(_url("peer_to_peer", record), future, **HTMX)
    assert "the call has not happened yet" in response.content.decode()


def test_an_outsider_gets_nothing_and_a_patient_cannot_schedule(world, form_data):
    record = world.second_case
    data = _peer(form_data, record.version)
    assert (
        world.client_for(world.outsider).post(_url("peer_to_peer", record), data).status_code == 404
    )
    assert (
        world.client_for(world.patient).post(_url("peer_to_peer", record), data).status_code == 404
    )
    patient_own = world.client_for(world.patient).post(
        _url("peer_to_peer", world.case), _peer(form_data), **HTMX
    )
    assert patient_own.status_code == 403


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"denial_id": "denial-9"}, "denial_id: no denial 'denial-9'"),
        ({"at_day": 3650}, "on: the call is dated before the denial notice"),
        ({"naive": True}, "at: the call time needs a time zone"),
    ],
)
def test_the_peer_to_peer_service_checks_its_input(world, changes, message):
    from datetime import datetime

    from ketacover.core.errors import KetacoverError
    from ketacover.web.events.peer_to_peer import denial_peer_to_peer

    day = _ago(changes.get("at_day", 0))
    zone = None if changes.get("naive") else timezone.get_current_timezone()
    with pytest.raises(KetacoverError, match=message):
        denial_peer_to_peer(
            user=world.staff,
            record=world.second_case,
            expected_version=world.second_case.version,
            today=_ago(0),
            denial_id=changes.get("denial_id", "denial-1"),
            at=datetime(day.year, day.month, day.day, 9, 0, tzinfo=zone),
        )


def test_the_form_of_a_non_esketamine_session_is_refused(world):
    from ketacover.core.errors import KetacoverError

    record = session_record(
        user=world.staff,
        record=world.case,
        expected_version=1,
        today=_ago(0),
        on=_ago(1),
        treatment=Treatment.IV_KETAMINE,
    )
    for index, message in ((0, "only an esketamine session"), (5, "no such entry")):
        with pytest.raises(KetacoverError, match=message):
            session_rems_submitted(
                user=world.staff,
                record=record,
                expected_version=2,
                today=_ago(0),
                session=index,
                submitted=_ago(0),
            )
