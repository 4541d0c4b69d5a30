"""The case page's stored parts: the same page as drawn afresh, shown anew at once after any
change to the case (an event, a deadline, a document, an upload, an assignment), each role its
own variant, no token, time or data of one request or user in another's page or in the stored
row, one row per case and variant shared by every server process, and none of another
workspace's case ever read."""

from __future__ import annotations

import re
import zlib
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.middleware.csrf import _unmask_cipher_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ketacover.core.model import Channel, Treatment, Urgency
from ketacover.interop.casefile import load_case
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases import page, selectors, views
from ketacover.web.cases.drawing import pages_draw
from ketacover.web.cases.models import CasePage, CaseRecord
from ketacover.web.cases.services import case_create
from ketacover.web.events import services as events

from ..conftest import EXAMPLES, TODAY
from ..events.conftest import make_pdf, prefixed

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)"')
TIME = re.compile(r'type="time" name="([a-z_]+)-time" value="([^"]*)"')


def _rows(record: CaseRecord):
    return CasePage.objects.filter(case_id=record.pk)


def _unpacked(data: bytes | memoryview) -> str:
    return zlib.decompress(data).decode()


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


def test_a_stored_page_is_the_page_drawn_afresh(world, monkeypatch):
    _fixed_clock(monkeypatch, 9, 41)
    for user, record in ((world.staff, world.second_case), (world.owner, world.case)):
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


def test_an_assignment_shows_at_once_to_staff(world):
    staff = world.client_for(world.staff)
    _get(staff, world.case)
    response = staff.post(
        reverse("cases:assign", args=[world.case.pk]), {"assignee": world.staff.pk}
    )
    assert response.status_code == 302
    assert f'<option value="{world.staff.pk}" selected>' in _get(staff, world.case)


def test_a_patient_is_sent_to_their_own_page_and_no_row_is_drawn_for_them(world):
    staff, patient = world.client_for(world.staff), world.client_for(world.patient)
    staff_page = _get(staff, world.case)
    assert "Save the call" in staff_page
    assert "Attach a file" in staff_page
    response = patient.get(_url(world.case))
    assert response["Location"] == reverse("patients:case", args=[world.case.pk])
    assert list(_rows(world.case).values_list("variant", flat=True)) == [
        CasePage.variant_for(can_edit=True)
    ]


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
    # What is kept holds its own stand-ins only: no token and no secret of anyone, and no
    # stand-in is ever sent out.
    kept = list(CasePage.objects.all())
    assert kept
    for row in kept:
        marks = page.Marks(row.nonce)
        held = _unpacked(row.head) + _unpacked(row.body)
        assert marks.csrf in held
        assert marks.time in held
        for body in pages.values():
            assert all(token not in held for token in _tokens(body))
            assert row.nonce not in body
        assert all(secret not in held for secret in secrets.values())


def test_nobody_outside_the_workspace_gets_a_stored_page(world):
    _get(world.client_for(world.staff), world.case)
    outsider = world.client_for(world.outsider)
    response = outsider.get(_url(world.case))
    assert response.status_code == 404
    assert b"Avery" not in response.content
    patient = world.client_for(world.patient)
    _get(world.client_for(world.staff), world.second_case)
    assert patient.get(_url(world.second_case)).status_code == 404


def test_every_view_is_audited_also_from_a_stored_page(world):
    client = world.client_for(world.staff)
    for _ in range(3):
        _get(client, world.case)
    views_recorded = AuditEvent.objects.filter(
        action=Action.VIEW, object_type="case", object_id=str(world.case.pk), user=world.staff
    )
    assert views_recorded.count() == 3


def test_a_stored_page_is_served_in_one_query_without_the_case_document_or_its_lists(world):
    client = world.client_for(world.staff)
    _get(client, world.case)
    with CaptureQueriesContext(connection) as captured:
        _get(client, world.case)
    statements = [q["sql"] for q in captured.captured_queries]
    assert not any('"data"' in sql for sql in statements)
    assert not any(sql.startswith('SELECT "cases_documentrecord"') for sql in statements)
    assert not any(sql.startswith('SELECT "uploads_upload"') for sql in statements)
    assert not any('"cases_casepage"' in sql for sql in statements if "JOIN" not in sql)
    assert not any(sql.startswith(("INSERT", "UPDATE")) and "casepage" in sql for sql in statements)
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


def _forbid_drawing(monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("drawn again")

    monkeypatch.setattr(page, "render_parts", refuse)


def _tamper(record: CaseRecord, variant: str, html: str) -> None:
    """Put ``html`` into the stored body of ``record``'s row in ``variant``, keeping its key."""
    row = CasePage.objects.get(case_id=record.pk, variant=variant)
    row.body = zlib.compress(html.encode())
    row.save(update_fields=["body"])


def test_the_first_view_keeps_the_parts_in_one_row_per_case_and_variant(world):
    staff, owner = world.client_for(world.staff), world.client_for(world.owner)
    assert not _rows(world.case).exists()
    for client in (staff, owner, staff):
        _get(client, world.case)
    row = _rows(world.case).get()
    assert row.variant == CasePage.variant_for(can_edit=True)
    assert row.key == page.parts_key(
        selectors.case_page_get(
            user=world.staff, pk=world.case.pk, scope=selectors.scope_of(world.staff)
        ),
        today=timezone.localdate(),
    )
    assert len(row.nonce) == 32
    assert row.drawn_at <= timezone.now()
    # About 45 KB of HTML kept in a few KB.
    assert len(row.head) + len(row.body) < len(_unpacked(row.body)) / 3


def test_a_stored_row_serves_every_process_without_drawing_again(world, monkeypatch):
    _fixed_clock(monkeypatch, 8, 5)
    first = _get(world.client_for(world.staff), world.case)
    # Another server process: nothing of the first one's memory, and it may not draw.
    page.drawing_code.cache_clear()
    _forbid_drawing(monkeypatch)
    other = world.client_for(world.staff)
    second = _get(other, world.case)
    assert TOKEN.sub("-", first) == TOKEN.sub("-", second)
    assert {value for _, value in TIME.findall(second)} == {"08:05"}
    assert {_unmask_cipher_token(t) for t in _tokens(second)} == {_secret(other)}
    assert "Save the call" in _get(world.client_for(world.owner), world.case)


def test_the_row_is_what_is_served(world):
    client = world.client_for(world.staff)
    _get(client, world.case)
    _tamper(world.case, CasePage.variant_for(can_edit=True), "<p>FROM-THE-ROW</p>")
    assert "FROM-THE-ROW" in _get(client, world.case)


def test_a_stale_row_is_never_served_but_drawn_again_and_replaced(world):
    client = world.client_for(world.staff)
    _get(client, world.case)
    variant = CasePage.variant_for(can_edit=True)
    before = _rows(world.case).get()
    _tamper(world.case, variant, "<p>STALE-ROW</p>")
    response = client.post(
        reverse("cases:assign", args=[world.case.pk]), {"assignee": world.staff.pk}
    )
    assert response.status_code == 302
    assert "STALE-ROW" not in _get(client, world.case)
    after = _rows(world.case).get()
    assert (after.pk, after.variant) == (before.pk, before.variant)
    assert after.key != before.key
    assert after.nonce != before.nonce
    assert "STALE-ROW" not in _unpacked(after.body)


def test_new_drawing_code_makes_every_row_stale(world, monkeypatch):
    client = world.client_for(world.staff)
    _get(client, world.case)
    _tamper(world.case, CasePage.variant_for(can_edit=True), "<p>OLD-TEMPLATES</p>")
    monkeypatch.setattr(page, "drawing_code", lambda: "a-new-release")
    assert "OLD-TEMPLATES" not in _get(client, world.case)
    assert _rows(world.case).get().key.startswith("a-new-release:")


def test_a_new_day_replaces_the_row(world, monkeypatch):
    client = world.client_for(world.staff)
    _get(client, world.case)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(views, "_today", lambda: tomorrow)
    _get(client, world.case)
    assert _rows(world.case).get().key.endswith(f":{tomorrow.isoformat()}")


def test_another_language_or_time_zone_is_another_variant(world):
    edit = CasePage.variant_for(can_edit=True)
    with translation.override("es"):
        assert CasePage.variant_for(can_edit=True) != edit
    with timezone.override("America/Denver"):
        assert CasePage.variant_for(can_edit=True) == edit.replace("New_York", "Denver")
    assert edit.split() == ["edit", settings.LANGUAGE_CODE, settings.TIME_ZONE]


def test_deleting_a_case_deletes_its_rows(world):
    pages_draw(timezone.localdate())  # both variants of a case with a patient member
    assert _rows(world.case).count() == 2
    CaseRecord.objects.filter(pk=world.case.pk).delete()
    assert not CasePage.objects.filter(case_id=world.case.pk).exists()


def test_a_row_of_another_workspaces_case_is_never_read(world):
    outsider = world.client_for(world.outsider)
    _get(outsider, world.other_case)
    _tamper(world.other_case, CasePage.variant_for(can_edit=True), "<p>ELSEWHERE-ROW</p>")
    for user in (world.staff, world.owner, world.patient):
        response = world.client_for(user).get(_url(world.other_case))
        assert response.status_code == 404
        assert b"ELSEWHERE-ROW" not in response.content
        with pytest.raises(Http404):
            selectors.case_page_get(
                user=user, pk=world.other_case.pk, scope=selectors.scope_of(user)
            )
    # The patient of one case reads no row of the clinic's other cases either.
    _get(world.client_for(world.staff), world.second_case)
    with pytest.raises(Http404):
        selectors.case_page_get(
            user=world.patient, pk=world.second_case.pk, scope=selectors.scope_of(world.patient)
        )
    assert "ELSEWHERE-ROW" in _get(outsider, world.other_case)


def test_a_patient_is_never_served_the_staff_row(world):
    _get(world.client_for(world.staff), world.case)
    _tamper(world.case, CasePage.variant_for(can_edit=True), "<p>STAFF-ROW</p>")
    response = world.client_for(world.patient).get(_url(world.case), follow=True)
    assert "STAFF-ROW" not in response.content.decode()
    assert "Save the call" not in response.content.decode()
    record = selectors.case_page_get(
        user=world.patient, pk=world.case.pk, scope=selectors.scope_of(world.patient)
    )
    assert record.page_variant is None  # the staff row is never joined for a patient


def test_parts_are_drawn_without_a_request(world):
    record = CaseRecord.objects.get(pk=world.second_case.pk)
    drawn = page.parts_draw(record, today=timezone.localdate(), can_edit=True)
    assert drawn.marks.csrf in drawn.parts.body
    assert drawn.marks.time in drawn.parts.body
    assert "Files attached" in drawn.parts.body


def test_the_patients_case_page_cites_public_documents_never_rule_ids_or_marks(world):
    own = reverse("patients:case", args=[world.case.pk])
    patient_page = world.client_for(world.patient).get(own).content.decode()
    staff_page = _get(world.client_for(world.staff), world.case)
    shown = _section(patient_page, 'id="next"', "</main>")
    assert "esketamine.base" not in shown
    assert "facts.md" not in shown
    assert "[PV]" not in shown
    assert "[U]" not in shown
    assert "Generic commercial" not in shown
    assert "esketamine.base" not in _section(staff_page, 'id="assessment"', "</main>")
    assert "Payer esketamine policies" not in staff_page


def test_an_approved_case_offers_the_continuation_request_first_and_writes_it(world):
    approved = case_create(
        user=world.owner,
        workspace=world.clinic,
        case=load_case(EXAMPLES / "approved-pa-reauth.yaml"),
        today=TODAY,
    )
    client = world.client_for(world.staff)
    body = _get(client, approved)
    assert re.search(r'<option value="continuation" selected>', body)
    assert not re.search(r'<option value="medical-necessity" selected>', body)
    assert re.search(r'<option value="medical-necessity" selected>', _get(client, world.case))
    response = client.post(
        reverse("cases:document_create", args=[approved.pk]),
        {"kind": "continuation", "fmt": "html"},
    )
    assert response.status_code == 302
    documents = _section(_get(client, approved), 'id="documents"', 'id="uploads"')
    assert "Continuation request (re-authorization)" in documents
