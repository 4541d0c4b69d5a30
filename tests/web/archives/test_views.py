"""Owners download their workspace as one archive from the workspaces page; nobody else can, and
every download is audited."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from ketacover.web.archives.reader import archive_read
from ketacover.web.audit.models import Action, AuditEvent

from .conftest import entries, rows

pytestmark = pytest.mark.django_db


def _url(world) -> str:
    return reverse("archives:export", args=[world.clinic.pk])


def test_an_owner_downloads_the_whole_workspace_as_an_audited_attachment(filled):
    world = filled.world
    response = world.client_for(world.owner).get(_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="workspace-{world.clinic.pk}-'
    )
    assert response["Cache-Control"] == "no-store"
    data = b"".join(response.streaming_content)
    with archive_read(io.BytesIO(data)) as checked:
        assert checked.manifest["counts"]["cases"] == 2
        assert checked.manifest["password_hashes"] is False
    inside = entries(data)
    for row in rows(data, "uploads.json"):
        assert inside[row["file"]] == filled.uploads[row["id"]]
    event = AuditEvent.objects.get(action=Action.EXPORT, object_type="workspace")
    assert (event.user, event.workspace, event.object_id) == (
        world.owner,
        world.clinic,
        str(world.clinic.pk),
    )
    assert event.detail == {
        "archive": "ketacover-workspace/1",
        "password_hashes": False,
        "via": "web",
    }


def test_staff_patients_outsiders_and_strangers_get_nothing(world):
    url = _url(world)
    assert world.client_for(world.staff).get(url).status_code == 403
    assert world.client_for(world.patient).get(url).status_code == 403
    assert world.client_for(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    assert world.client_for(world.owner).post(url).status_code == 405
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_the_workspaces_page_offers_the_export_to_owners_only(world):
    page = reverse("accounts:workspaces")
    assert _url(world) in world.client_for(world.owner).get(page).content.decode()
    assert _url(world) not in world.client_for(world.staff).get(page).content.decode()
