"""Versions numbered under concurrency (``case_lock``): people generating the same document of a
case, attaching a file of the same name, or building its packet at the same moment each get a
version of their own, one after the other, instead of all but one an error (found by the load
test in bench/load.py: HTTP 500, a unique-constraint violation on PostgreSQL).

Real threads, each with its own database connection, all released into the write at once. Run on
PostgreSQL (``make test-postgres``); SQLite's immediate transactions already take the database's
write lock before the version is read, and its test database lives in memory, where threads
cannot wait for each other's locks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection

import ketacover.render
import ketacover.render.pdf
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.cases.services import document_generate
from ketacover.web.uploads import services as uploads
from ketacover.web.uploads.models import Upload

from ..conftest import image_bytes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serializes writers, and its test database is in memory",
    ),
]
TODAY = date(2026, 11, 23)
PEOPLE = 4
PNG = image_bytes()
"""A real image: uploads of pictures are decoded whole, so signature bytes alone are refused."""


def _all_at_once(work: Callable[[], object]) -> list[BaseException]:
    """Run ``work`` in PEOPLE threads; the errors they raised."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001  # collected for the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _release_together(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
    """Make ``owner.name`` (a step each service takes before its transaction) wait until every
    thread has reached it, so all of them reach the write in the same instant."""
    barrier = threading.Barrier(PEOPLE, timeout=30)
    step = getattr(owner, name)

    def step_then_wait(*args: object, **kwargs: object) -> object:
        result = step(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(owner, name, step_then_wait)


def test_documents_generated_at_the_same_moment_each_get_the_next_version(world, monkeypatch):
    _release_together(monkeypatch, ketacover.render, "render")
    pk = world.case.pk

    def generate() -> None:
        document_generate(
            user=world.staff,
            record=CaseRecord.objects.get(pk=pk),
            kind="clinical-summary",
            fmt="html",
            today=TODAY,
        )

    assert _all_at_once(generate) == []
    versions = DocumentRecord.objects.filter(case_id=pk, kind="clinical-summary", fmt="html")
    assert sorted(versions.values_list("version", flat=True)) == list(range(1, PEOPLE + 1))


def test_files_of_the_same_name_attached_at_the_same_moment_each_get_the_next_version(
    world, monkeypatch
):
    _release_together(monkeypatch, uploads, "safe_name")
    pk = world.case.pk

    def attach() -> None:
        uploads.upload_create(
            user=world.staff,
            record=CaseRecord.objects.get(pk=pk),
            name="notes.png",
            content=PNG,
        )

    assert _all_at_once(attach) == []
    kept = Upload.objects.filter(case_id=pk, name="notes.png")
    assert sorted(kept.values_list("version", flat=True)) == list(range(1, PEOPLE + 1))


def test_packets_built_at_the_same_moment_each_get_the_next_version(world, monkeypatch):
    _release_together(monkeypatch, ketacover.render.pdf, "render_packet_pdf")
    pk = world.case.pk

    def build() -> None:
        uploads.packet_generate(user=world.staff, record=CaseRecord.objects.get(pk=pk), today=TODAY)

    assert _all_at_once(build) == []
    packets = DocumentRecord.objects.filter(case_id=pk, kind=uploads.PACKET_KIND)
    assert sorted(packets.values_list("version", flat=True)) == list(range(1, PEOPLE + 1))
