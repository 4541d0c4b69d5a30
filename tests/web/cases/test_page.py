"""The case page's cached parts: the same page as drawn afresh, shown anew at once after any
change to the case (an event, a deadline, a document, an upload, an assignment), each role its
own variant, and no token, time or data of one request or user in another's page."""

from __future__ import annotations

import pickle
import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketacover.core.model import Channel, Treatment, Urgency
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases import page, views
from ketacover.web.cases.models import CaseRecord
from ketacover.web.events import services as events

from ..events.conftest import make_pdf, prefixed

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)"')
TIME = re.compile(r'type="time" name="([a-z_]+)-time" value="([^"]*)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[page.CACHE].clear()
    yield
    caches[page.CACHE].clear()


def _url(record: CaseRecord) -> str:
    return reverse("cases:detail", args=[record.pk])


def _get(client, record: CaseRecord, **query: str) -> str:
    response = client.get(_url(record), query)
    assert response.status_code == 200
    return response.content.decode()


def _secret(client) -> str:
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def _tokens(body: str) -> list[str]:
    return [match.group(2) for match in TOKEN.finditer(body)]


def _without_tokens(body: str, secret: str) -> str:
    """``body`` with each CSRF token checked to be the client's own, then blanked."""
    for token in _tokens(body):
        assert _unmask_cipher_token(token) == secret
    return TOKEN.sub(r"\1-", body)


def _section(body: str, start: str, end: str) -> str:
    begin = body.index(start)
    return body[begin : body.index(end, begin)]


def _fixed_clock(monkeypatch, hour: int, minute: int) -> None:
    """The time of day the page sees, from ``timezone.localtime()`` without an argument."""
    real = timezone.localtime
    now = timezone.localtime().replace(hour=hour, minute=minute, second=5)

    def localtime(value: datetime | None = None, zone: object = None) -> datetime:
        return now if value is None and zone is None else real(value, zone)

    monkeypatch.setattr(timezone, "localtime", localtime)


def test_a_page_from_the_cache_is_the_page_drawn_afresh(world, monkeypatch):
    _fixed_clock(monkeypatch, 9, 41)
    for user, record in ((world.staff, world.second_case), (world.patient, world.case)):
        client = world.client_for(user)
        missed = _get(client, record)
        hit = _get(client, record)
        client.get(reverse("dashboard"))  # sets the CSRF cookie for the comparison below
        secret = _secret(client)
        # ``denial_for`` draws the page for the request alone, with the real token and time,
        # and without a matching request it draws nothing else differently.
        fresh = _get(client, record, denial_for="no-such-request")
        assert _without_tokens(hit, secret) == _without_tokens(fresh, secret)
        assert TOKEN.sub("-", missed) == TOKEN.sub("-", hit)


def test_the_call_forms_show_the_time_of_each_request(world, monkeypatch):
    client = world.client_for(world.staff)
    _fixed_clock(monkeypatch, 10, 0)
    first = _get(client, world.second_case)
    _fixed_clock(monkeypatch, 10, 7)
    second = _get(client, world.second_case)
    assert {value for _, value in TIME.findall(first)} == {"10:00"}
    assert {value for _, value in TIME.findall(second)} == {"10:07"}
    assert {name for name, _ in TIME.findall(second)} == {"call", "peer_to_peer"}


def test_a_new_day_draws_the_page_again(world, monkeypatch):
    client = world.client_for(world.staff)
    today = timezone.localdate()
    _get(client, world.case)
    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr(views, "_today", lambda: tomorrow)
    body = _get(client, world.case)
    assert f'name="call-on" value="{tomorrow.isoformat()}"' in body
    assert f'name="call-on" value="{today.isoformat()}"' not in body


def test_a_recorded_call_shows_at_once(world):
    client = world.client_for(world.staff)
    assert "REF-CACHE-1" not in _get(client, world.case)
    values = {
        "version": 1,
        "on": timezone.localdate().isoformat(),
        "time": "10:15",
        "channel": "phone",
        "party": "Behavioral health line",
        "reference": "REF-CACHE-1",
    }
    response = client.post(reverse("events:call", args=[world.case.pk]), prefixed("call", **values))
    assert response.status_code == 302
    body = _get(client, world.case)
    assert "REF-CACHE-1" in body
    assert 'name="call-version" value="2"' in body


def test_a_new_deadline_shows_at_once(world):
    client = world.client_for(world.staff)
    before = _section(_get(client, world.case), 'id="deadlines"', 'id="costs"')
    record = CaseRecord.objects.get(pk=world.case.pk)
    events.prior_authorization_submit(
        user=world.staff,
        record=record,
        expected_version=record.version,
        today=timezone.localdate(),
        treatment=Treatment.ESKETAMINE,
        submitted=timezone.localdate(),
        channel=Channel.PORTAL,
        urgency=Urgency.STANDARD,
        reference="PA-CACHE-9",
    )
    after = _section(_get(client, world.case), 'id="deadlines"', 'id="costs"')
    assert after.count("<tr><td") > before.count("<tr><td")
    assert "PA-CACHE-9" in _get(client, world.case)


def test_a_generated_document_shows_at_once(world):
    client = world.client_for(world.staff)
    assert "No documents yet." in _get(client, world.case)
    response = client.post(
        reverse("cases:document_create", args=[world.case.pk]),
        {"kind": "medical-necessity", "fmt": "pdf"},
    )
    assert response.status_code == 302
    documents = _section(_get(client, world.case), 'id="documents"', 'id="uploads"')
    assert "No documents yet." not in documents
    assert "/documents/" in documents


def test_an_uploaded_file_shows_at_once_and_so_does_its_next_version(world):
    client = world.client_for(world.staff)
    assert "No files attached." in _get(client, world.case)
    url = reverse("uploads:create", args=[world.case.pk])
    client.post(url, {"file": SimpleUploadedFile("cache-notes.pdf", make_pdf("one"))})
    files = _section(_get(client, world.case), 'id="uploads"', "</section>")
    assert "cache-notes.pdf" in files
    assert files.count("<tr><td>") == 1
    client.post(url, {"file": SimpleUploadedFile("cache-notes.pdf", make_pdf("two"))})
    files = _section(_get(client, world.case), 'id="uploads"', "</section>")
    assert files.count("<tr><td>") == 2


def test_an_assignment_shows_at_once_to_staff_and_to_the_patient(world):
    staff, patient = world.client_for(world.staff), world.client_for(world.patient)
    assert "Assigned to staff" not in _get(patient, world.case)
    _get(staff, world.case)
    response = staff.post(
        reverse("cases:assign", args=[world.case.pk]), {"assignee": world.staff.pk}
    )
    assert response.status_code == 302
    assert f'<option value="{world.staff.pk}" selected>' in _get(staff, world.case)
    assert "Assigned to staff" in _get(patient, world.case)


def test_a_patient_and_a_staffer_each_see_their_own_variant(world):
    staff, patient = world.client_for(world.staff), world.client_for(world.patient)
    for first, second in ((staff, patient), (patient, staff)):
        caches[page.CACHE].clear()
        _get(first, world.case)
        _get(second, world.case)
        staff_page, patient_page = _get(staff, world.case), _get(patient, world.case)
        assert "Save the call" in staff_page
        assert "Attach a file" in staff_page
        assert "Save the call" not in patient_page
        assert "Attach a file" not in patient_page
        assert "csrfmiddlewaretoken" not in _section(patient_page, 'id="assessment"', "</main>")


def test_no_token_or_stand_in_of_one_user_reaches_another(world):
    owner, staff = world.client_for(world.owner), world.client_for(world.staff)
    pages = {}
    for name, client in (("owner", owner), ("staff", staff), ("owner-again", owner)):
        pages[name] = _get(client, world.case)
    secrets = {"owner": _secret(owner), "staff": _secret(staff)}
    assert secrets["owner"] != secrets["staff"]
    for name, body in pages.items():
        tokens = _tokens(body)
        assert len(tokens) > 5
        assert {_unmask_cipher_token(t) for t in tokens} == {secrets[name.split("-")[0]]}
        assert page.CSRF_MARK not in body
        assert page.TIME_MARK not in body
    # What is kept holds the stand-ins only: no token and no secret of anyone.
    kept = [pickle.loads(v) for v in caches[page.CACHE]._cache.values()]
    assert kept
    for parts in kept:
        held = parts.head + parts.body
        assert page.CSRF_MARK in held
        for body in pages.values():
            assert all(token not in held for token in _tokens(body))
        assert all(secret not in held for secret in secrets.values())


def test_nobody_outside_the_workspace_gets_a_cached_page(world):
    _get(world.client_for(world.staff), world.case)
    outsider = world.client_for(world.outsider)
    response = outsider.get(_url(world.case))
    assert response.status_code == 404
    assert b"Avery" not in response.content
    patient = world.client_for(world.patient)
    _get(world.client_for(world.staff), world.second_case)
    assert patient.get(_url(world.second_case)).status_code == 404


def test_every_view_is_audited_also_from_the_cache(world):
    client = world.client_for(world.staff)
    for _ in range(3):
        _get(client, world.case)
    views_recorded = AuditEvent.objects.filter(
        action=Action.VIEW, object_type="case", object_id=str(world.case.pk), user=world.staff
    )
    assert views_recorded.count() == 3


def test_a_page_from_the_cache_reads_neither_the_case_document_nor_its_lists(world):
    client = world.client_for(world.staff)
    _get(client, world.case)
    with CaptureQueriesContext(connection) as captured:
        _get(client, world.case)
    statements = [q["sql"] for q in captured.captured_queries]
    assert not any('"data"' in sql for sql in statements)
    assert not any(sql.startswith('SELECT "cases_documentrecord"') for sql in statements)
    assert not any(sql.startswith('SELECT "uploads_upload"') for sql in statements)
    assert len(statements) <= 8


def test_a_denial_prefilled_from_a_request_is_not_kept(world, monkeypatch):
    client = world.client_for(world.staff)
    drawn = []
    real = page.render_parts
    monkeypatch.setattr(page, "render_parts", lambda *a, **k: drawn.append(1) or real(*a, **k))
    _get(client, world.second_case, denial_for="pa-1")
    _get(client, world.second_case, denial_for="pa-1")
    assert len(drawn) == 2
    _get(client, world.second_case)
    _get(client, world.second_case)
    assert len(drawn) == 3


def test_someone_without_any_membership_gets_no_case_page(world):
    from django.contrib.auth.models import AnonymousUser, User

    from ketacover.web.cases.selectors import scope_of

    loner = User.objects.create_user(username="loner", password="a-long-test-password-1")
    assert world.client_for(loner).get(_url(world.case)).status_code == 404
    assert scope_of(AnonymousUser()).roles == {}
