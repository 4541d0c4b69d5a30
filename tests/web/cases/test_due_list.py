"""The dashboard's due list: its tables drawn in Python exactly as the template draws them, and
its cache, which must show any change to a case at once and never one workspace's rows in
another's dashboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketacover.web.cases import due_list, views
from ketacover.web.cases.due_list import due_table
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, WorkspaceStamp
from ketacover.web.cases.selectors import DueGroup, DueRow
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
        due=day,
        explain=names.get("explain", "Appeal the denial by this day"),
        case_pk=pk,
        case_id=names.get("case_id", "case-0007"),
        patient_name=names.get("patient", "Avery Testperson"),
        stage="denied",
    )


GROUPS = [
    DueGroup(rows=[], total=0),
    DueGroup(rows=[_row(TODAY - timedelta(days=3)), _row(TODAY, pk=12)], total=2),
    DueGroup(
        rows=[
            _row(
                TODAY + timedelta(days=2),
                pk=3,
                explain='File <b>"external"</b> review & wait',
                case_id="case-<1>",
                patient="O'Brien <script>alert(1)</script>",
            )
        ],
        total=12345,
    ),
]


@pytest.mark.parametrize("group", GROUPS)
def test_the_python_table_is_the_template_byte_for_byte(group):
    context = {"group": group, "today": TODAY, "empty": "Nothing <due> & done."}
    expected = render_to_string("ketacover/_deadline_table.html", context)
    assert due_table(group, today=TODAY, empty="Nothing <due> & done.") == expected


def test_the_table_links_each_row_to_its_case_page():
    html = due_table(DueGroup(rows=[_row(TODAY, pk=4321)], total=1), today=TODAY, empty="")
    assert f'href="{reverse("cases:detail", args=[4321])}"' in html


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
    patient = _dashboard(world.client_for(world.patient))
    assert world.second_case.case_id not in patient


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
