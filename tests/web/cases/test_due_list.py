"""The dashboard's work queue: its buckets drawn in Python (escaped, one block per case, kinds
in words), and its cache, which must show any change to a case at once and never one
workspace's rows in another's dashboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.web.cases import due_list, views
from ketacover.web.cases.due_list import bucket_html
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, WorkspaceStamp
from ketacover.web.cases.queue import DueGroup, DueRow
from ketacover.web.cases.services import case_assign, case_of, case_save
from ketacover.web.cases.stamps import workspace_touch

from ..conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[due_list.CACHE].clear()
    yield
    caches[due_list.CACHE].clear()


def _row(day: date, pk: int = 7, **names: str) -> DueRow:
    return DueRow(
        pk=int(names.get("row", "1")),
        due=day,
        kind=names.get("kind", "appeal_filing"),
        explain=names.get("explain", "Appeal the denial by this day"),
        case_pk=pk,
        case_id=names.get("case_id", "case-0007"),
        patient_name=names.get("patient", "Avery Testperson"),
        payer=names.get("payer", "Synthetic Mutual"),
        stage="denied",
        version=3,
    )


def test_a_bucket_escapes_every_value_it_shows():
    row = _row(
        TODAY + timedelta(days=2),
        pk=3,
        case_id="case-<1>",
        patient="O'Brien <script>alert(1)</script>",
        payer="A & B <Health>",
    )
    html = bucket_html(DueGroup(rows=[row], total=12345), today=TODAY, empty="")
    assert "<script>" not in html
    assert "O&#x27;Brien &lt;script&gt;" in html
    assert "case-&lt;1&gt;" in html
    assert "A &amp; B &lt;Health&gt;" in html
    assert "Showing the first 1 of 12345" in html


def test_an_empty_bucket_says_so_escaped():
    html = bucket_html(DueGroup(rows=[], total=0), today=TODAY, empty="Nothing <due> & done.")
    assert html == '<p class="muted">Nothing &lt;due&gt; &amp; done.</p>\n'


def test_a_bucket_shows_one_block_per_case_with_its_items_in_words():
    rows = [
        _row(TODAY - timedelta(days=3), pk=4321, row="10"),
        _row(TODAY - timedelta(days=2), pk=99, row="11", case_id="case-0099", kind="pa_follow_up"),
        _row(TODAY - timedelta(days=1), pk=4321, row="12", kind="external_review_filing"),
    ]
    html = bucket_html(DueGroup(rows=rows, total=3), today=TODAY, empty="")
    assert html.count('class="queue-case"') == 2
    first = html[: html.index("case-0099")]
    assert f'href="{reverse("cases:detail", args=[4321])}"' in first
    assert "Last day to file the appeal" in first
    assert "Last day to ask for external review" in first
    assert "Synthetic Mutual" in first
    assert "Denied" in first
    assert "appeal_filing" not in html
    assert "pa_follow_up" not in html
    assert "3 days overdue" in html
    assert 'name="done" value="10"' in html
    assert 'name="snooze" value="7:12"' in html
    assert 'name="done" value="12" aria-describedby="q12"' in html
    assert 'id="q12">Last day to ask for external review</span>' in html


def test_the_rems_forms_of_a_case_are_one_line_with_a_count_and_a_bulk_action():
    rems = "rems_monitoring_form"
    rows = [_row(TODAY - timedelta(days=9 - n), pk=5, row=str(20 + n), kind=rems) for n in range(9)]
    html = bucket_html(DueGroup(rows=rows, total=9), today=TODAY, empty="")
    assert html.count('class="queue-case"') == 1
    assert html.count("queue-rems") == 1
    assert "&times; 9" in html
    assert 'name="rems" value="5:3"' in html
    ids = ",".join(str(20 + n) for n in range(9))
    assert f'name="done" value="{ids}"' in html


def test_a_deadline_kind_is_shown_by_its_label_whatever_the_kind():
    for kind in DeadlineKind:
        html = bucket_html(
            DueGroup(rows=[_row(TODAY, kind=kind.value)], total=1), today=TODAY, empty=""
        )
        assert escape(kind.label) in html
        assert kind.value not in html


def _dashboard(client, **filters: str) -> str:
    response = client.get(reverse("dashboard"), filters)
    assert response.status_code == 200
    return response.content.decode()


def _due_today(monkeypatch, record: CaseRecord) -> DeadlineRecord:
    """Make the dashboard's today the day one of ``record``'s deadlines is due."""
    deadline = DeadlineRecord.objects.filter(case=record).order_by("due").first()
    assert deadline is not None
    monkeypatch.setattr(views, "_today", lambda: deadline.due)
    return deadline


def _today_section(body: str) -> str:
    return body[body.index('id="today"') : body.index('id="week"')]


def test_a_change_to_a_case_shows_on_the_dashboard_at_once(world, monkeypatch):
    deadline = _due_today(monkeypatch, world.second_case)
    staff = world.client_for(world.staff)
    assert world.second_case.case_id in _today_section(_dashboard(staff))
    record = CaseRecord.objects.get(pk=world.second_case.pk)
    case = case_of(record)
    renamed = replace(case, patient=replace(case.patient, given_name="Quinn"))
    case_save(
        user=world.staff,
        record=record,
        case=renamed,
        expected_version=record.version,
        today=deadline.due,
    )
    assert "Quinn" in _today_section(_dashboard(staff))


def test_an_assignment_shows_under_the_assignee_filter_at_once(world, monkeypatch):
    _due_today(monkeypatch, world.second_case)
    staff = world.client_for(world.staff)
    mine = {"assignee": str(world.staff.pk)}
    unassigned = {"assignee": "none"}
    assert world.second_case.case_id not in _dashboard(staff, **mine)
    assert world.second_case.case_id in _dashboard(staff, **unassigned)
    case_assign(user=world.owner, record=world.second_case, assignee_id=world.staff.pk)
    assert world.second_case.case_id in _today_section(_dashboard(staff, **mine))
    assert world.second_case.case_id not in _dashboard(staff, **unassigned)


def test_no_workspace_sees_rows_of_another_from_the_cache(world, monkeypatch):
    _due_today(monkeypatch, world.second_case)
    assert world.second_case.case_id in _dashboard(world.client_for(world.staff))
    outsider = _dashboard(world.client_for(world.outsider))
    assert world.second_case.case_id not in outsider
    assert "Testperson" not in outsider
    patient = world.client_for(world.patient).get(reverse("dashboard"))
    assert patient.status_code == 302
    assert world.second_case.case_id not in patient.content.decode()


def test_the_payer_filter_offers_a_new_payer_at_once(world):
    staff = world.client_for(world.staff)
    assert "Synthetic Mutual" not in _dashboard(staff)
    record = CaseRecord.objects.get(pk=world.case.pk)
    case = case_of(record)
    plan = replace(case.plan, payer="Synthetic Mutual")
    case_save(
        user=world.staff,
        record=record,
        case=replace(case, plan=plan),
        expected_version=record.version,
        today=TODAY,
    )
    assert '<option value="Synthetic Mutual">' in _dashboard(staff)


def test_a_new_member_is_offered_by_the_assignee_filter_at_once(world):
    from django.contrib.auth.models import User

    from ketacover.web.accounts.models import Membership, Role

    staff = world.client_for(world.staff)
    assert "newcomer" not in _dashboard(staff)
    newcomer = User.objects.create_user(username="newcomer", password="a-long-test-password-1")
    Membership.objects.create(workspace=world.clinic, user=newcomer, role=Role.STAFF)
    assert f'<option value="{newcomer.pk}">newcomer</option>' in _dashboard(staff)


def test_a_dashboard_from_the_cache_reads_no_deadline(world):
    staff = world.client_for(world.staff)
    _dashboard(staff)
    with CaptureQueriesContext(connection) as captured:
        _dashboard(staff)
    assert not any("cases_deadlinerecord" in q["sql"] for q in captured.captured_queries)


def test_saving_or_deleting_a_case_gives_its_workspace_a_new_stamp(world):
    before = WorkspaceStamp.objects.get(workspace_id=world.clinic.pk).token
    case_assign(user=world.owner, record=world.case, assignee_id=world.staff.pk)
    assigned = WorkspaceStamp.objects.get(workspace_id=world.clinic.pk).token
    assert assigned != before
    other = WorkspaceStamp.objects.get(workspace_id=world.other_clinic.pk).token
    CaseRecord.objects.get(pk=world.second_case.pk).delete()
    assert WorkspaceStamp.objects.get(workspace_id=world.clinic.pk).token != assigned
    assert WorkspaceStamp.objects.get(workspace_id=world.other_clinic.pk).token == other


def test_touching_a_workspace_for_the_first_time_creates_its_stamp(db):
    workspace_touch(workspace_id=987654)
    first = WorkspaceStamp.objects.get(workspace_id=987654).token
    workspace_touch(workspace_id=987654)
    assert WorkspaceStamp.objects.get(workspace_id=987654).token != first
    assert WorkspaceStamp.objects.filter(workspace_id=987654).count() == 1
