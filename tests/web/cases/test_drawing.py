"""The nightly pass draws the stored case pages ahead: the staff page of every case and the
patient's page of a case with a patient member, only where the row is missing or stale, in
batches each written in its own transaction; the pages it keeps are served as a view would
draw them; workspace archives carry none of it."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketacover.core.errors import InvalidCaseFileError
from ketacover.web.archives.services import workspace_export, workspace_import
from ketacover.web.cases import drawing, page
from ketacover.web.cases.drawing import pages_draw
from ketacover.web.cases.models import CasePage, CaseRecord

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")([^"]+)"')
EDIT, READ = "edit", "read"


@pytest.fixture
def today():
    """The day the web app shows (``views._today``)."""
    return timezone.localdate()


def _variants() -> set[tuple[int, str]]:
    return {
        (pk, variant.split()[0])
        for pk, variant in CasePage.objects.values_list("case_id", "variant")
    }


def _fixed_clock(monkeypatch) -> None:
    """The time of day the page sees, from ``timezone.localtime()`` without an argument."""
    real = timezone.localtime
    now = timezone.localtime().replace(hour=9, minute=41)

    def localtime(value: datetime | None = None, zone: object = None) -> datetime:
        return now if value is None and zone is None else real(value, zone)

    monkeypatch.setattr(timezone, "localtime", localtime)


def _get(client, record: CaseRecord, **query: str) -> str:
    response = client.get(reverse("cases:detail", args=[record.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def _forbid_drawing(monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("drawn on a view")

    monkeypatch.setattr(page, "render_parts", refuse)


def test_it_draws_the_staff_page_of_every_case_and_the_patients_where_there_is_one(world, today):
    run = pages_draw(today)
    assert (run.cases, run.drawn, run.pages, run.current, run.failed) == (3, 3, 4, 0, ())
    assert _variants() == {
        (world.case.pk, EDIT),
        (world.case.pk, READ),
        (world.second_case.pk, EDIT),
        (world.other_case.pk, EDIT),
    }
    assert {v.split(" ", 1)[1] for v in CasePage.objects.values_list("variant", flat=True)} == {
        "en-us America/New_York"
    }


def test_a_second_pass_finds_everything_current(world, today):
    pages_draw(today)
    drawn_at = dict(CasePage.objects.values_list("pk", "drawn_at"))
    run = pages_draw(today)
    assert (run.cases, run.drawn, run.pages, run.current) == (3, 0, 0, 3)
    assert dict(CasePage.objects.values_list("pk", "drawn_at")) == drawn_at


def test_after_the_pass_every_view_is_served_from_its_row(world, today, monkeypatch):
    _fixed_clock(monkeypatch)
    seen = ((world.staff, world.second_case), (world.owner, world.case))
    fresh = {
        (user.pk, record.pk): _get(world.client_for(user), record, denial_for="no-such-request")
        for user, record in seen
    }
    pages_draw(today)
    _forbid_drawing(monkeypatch)
    for user, record in (*seen, (world.owner, world.case), (world.outsider, world.other_case)):
        body = _get(world.client_for(user), record)
        if (user.pk, record.pk) in fresh:
            assert TOKEN.sub("-", body) == TOKEN.sub("-", fresh[user.pk, record.pk])
    assert CasePage.objects.count() == 4


def test_only_changed_cases_are_drawn_again(world, today):
    pages_draw(today)
    client = world.client_for(world.staff)
    response = client.post(
        reverse("cases:assign", args=[world.second_case.pk]), {"assignee": world.staff.pk}
    )
    assert response.status_code == 302
    run = pages_draw(today)
    assert (run.drawn, run.pages, run.current) == (1, 1, 2)


def test_a_stale_row_is_replaced_not_added(world, today):
    pages_draw(today)
    rows = dict(CasePage.objects.values_list("pk", "key"))
    run = pages_draw(today + timedelta(days=1))
    assert (run.drawn, run.pages) == (3, 4)
    again = dict(CasePage.objects.values_list("pk", "key"))
    assert again.keys() == rows.keys()
    assert all(again[pk] != key for pk, key in rows.items())


def test_a_view_that_drew_first_leaves_the_pass_nothing_to_do(world, today):
    _get(world.client_for(world.staff), world.second_case)
    run = pages_draw(today)
    assert (run.drawn, run.current) == (2, 1)


def test_one_workspace_alone(world, today):
    run = pages_draw(today, workspace=world.other_clinic.pk)
    assert (run.cases, run.drawn, run.pages) == (1, 1, 1)
    assert _variants() == {(world.other_case.pk, EDIT)}


def test_it_goes_in_batches_and_says_how_far_it_is(world, today, monkeypatch):
    monkeypatch.setattr(drawing, "BATCH", 2)
    told = []
    pages_draw(today, progress=lambda done, total: told.append((done, total)))
    assert told == [(2, 3), (3, 3)]


def test_each_batch_is_written_in_its_own_transaction(world, today, monkeypatch):
    monkeypatch.setattr(drawing, "BATCH", 1)
    real = drawing.parts_draw

    def draw(record, **options):
        if record.pk == world.other_case.pk:
            raise RuntimeError("the machine went away")
        return real(record, **options)

    monkeypatch.setattr(drawing, "parts_draw", draw)
    with pytest.raises(RuntimeError):
        pages_draw(today)
    # The cases are read by id: the two batches before the failing one are kept.
    assert {pk for pk, _ in _variants()} == {world.case.pk, world.second_case.pk}


def test_a_case_that_cannot_be_drawn_is_named_and_the_others_are_drawn(world, today, monkeypatch):
    real = drawing.parts_draw

    def draw(record, **options):
        if record.pk == world.second_case.pk:
            raise InvalidCaseFileError([])
        return real(record, **options)

    monkeypatch.setattr(drawing, "parts_draw", draw)
    run = pages_draw(today)
    assert (run.cases, run.drawn, run.current, run.failed) == (3, 2, 0, (world.second_case.pk,))
    assert world.second_case.pk not in {pk for pk, _ in _variants()}


def test_the_rows_keep_stand_ins_and_nothing_of_any_request(world, today):
    pages_draw(today)
    for row in CasePage.objects.all():
        marks = page.Marks(row.nonce)
        body = page._unpacked(row.head) + page._unpacked(row.body)
        assert {token for _, token in TOKEN.findall(body)} <= {marks.csrf}
        if row.variant.startswith(EDIT):
            assert marks.csrf in body
            assert marks.time in body
    assert len(set(CasePage.objects.values_list("nonce", flat=True))) == 4


def test_workspace_archives_carry_no_drawn_pages_and_an_import_draws_none(world, today):
    pages_draw(today)
    archive = b"".join(workspace_export(user=None, workspace=world.clinic))
    with zipfile.ZipFile(io.BytesIO(archive)) as entries:
        names = entries.namelist()
        text = b"".join(entries.read(name) for name in names if name.endswith(".json"))
    assert not any("page" in name for name in names)
    for nonce in CasePage.objects.values_list("nonce", flat=True):
        assert nonce.encode() not in text
    before = CasePage.objects.count()
    imported = workspace_import(
        source=io.BytesIO(archive), name="Maple Hollow again", link_existing_users=True
    ).workspace
    assert imported is not None
    assert CaseRecord.objects.filter(workspace=imported).count() == 2
    assert CasePage.objects.count() == before
    assert not CasePage.objects.filter(case__workspace=imported).exists()
