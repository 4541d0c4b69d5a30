"""Exporting a workspace and importing it again loses nothing: the round trip gives the same
archive (ids and the export's own time aside) and the same bytes for every file."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from ketacover.web.accounts.models import Membership, Workspace
from ketacover.web.archives import services
from ketacover.web.archives.layout import ArchiveError
from ketacover.web.archives.services import workspace_export, workspace_import
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, DocumentRecord
from ketacover.web.uploads.models import Upload

from ..conftest import PASSWORD
from .conftest import entries, rows

pytestmark = pytest.mark.django_db

MODELS = (Workspace, User, Membership, CaseRecord, DeadlineRecord, DocumentRecord, Upload)


def export(workspace: Workspace, **options: Any) -> bytes:
    return b"".join(workspace_export(user=None, workspace=workspace, **options))


def _without_ids(value: Any) -> Any:
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if key != "id"}
    return value


def comparable(data: bytes) -> dict[str, Any]:
    """The archive as the round trip promises to keep it: without row ids, the export's time, or
    the hashes of the JSON entries (which hold the ids)."""
    found: dict[str, Any] = {}
    for name, raw in entries(data).items():
        if name == "manifest.json":
            manifest = json.loads(raw)
            manifest.pop("exported_at")
            manifest["files"] = {k: v for k, v in manifest["files"].items() if "/" in k}
            found[name] = manifest
        elif name.endswith(".json"):
            found[name] = _without_ids(json.loads(raw))
        else:
            found[name] = raw
    return found


def snapshot() -> dict[str, int]:
    counts = {model.__name__: model._default_manager.count() for model in MODELS}
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def _forget(workspace: Workspace) -> None:
    """Remove the workspace and its people, as if the archive went to a fresh database."""
    users = list(User.objects.filter(memberships__workspace=workspace))
    workspace.delete()
    for user in users:
        user.delete()


def test_export_then_import_into_a_fresh_database_then_export_gives_the_same_archive(filled):
    first = export(filled.clinic)
    _forget(filled.clinic)
    assert not CaseRecord.objects.filter(case_id="case-0001", workspace__name="Maple Hollow")

    result = workspace_import(source=io.BytesIO(first))
    assert result.linked_users == 0
    second = export(result.workspace)

    before, after = comparable(first), comparable(second)
    trail_before, trail_after = before.pop("audit.json"), after.pop("audit.json")
    assert trail_after[: len(trail_before)] == trail_before
    added = trail_after[len(trail_before) :]
    assert [(e["action"], e["object_type"]) for e in added] == [
        ("create", "workspace"),
        ("export", "workspace"),
    ]
    assert added[0]["detail"]["import"] == "ketacover-workspace/1"
    assert after["manifest.json"]["counts"].pop("audit") == len(trail_before) + 2
    before["manifest.json"]["counts"].pop("audit")
    assert after == before
    assert {name for name in before if "/" in name} == set(before["manifest.json"]["files"])


def test_every_file_comes_back_with_the_same_bytes(filled):
    first = export(filled.clinic)
    inside = entries(first)
    for table, originals in (("documents", filled.documents), ("uploads", filled.uploads)):
        listed = rows(first, f"{table}.json")
        assert {row["id"] for row in listed} == set(originals)
        for row in listed:
            assert inside[row["file"]] == originals[row["id"]]
    _forget(filled.clinic)
    workspace = workspace_import(source=io.BytesIO(first)).workspace
    kept = {
        (d.case.case_id, d.kind, d.fmt, d.version): d.content.decrypt()
        for d in DocumentRecord.objects.filter(case__workspace=workspace)
    }
    assert len(kept) == len(filled.documents)
    for row in rows(first, "documents.json"):
        key = (row["case"], row["kind"], row["fmt"], row["version"])
        assert kept[key] == filled.documents[row["id"]]
    uploads = Upload.objects.filter(case__workspace=workspace)
    assert sorted(u.content.decrypt() for u in uploads) == sorted(filled.uploads.values())


def test_the_archive_holds_the_files_decrypted_and_the_database_does_not(filled):
    data = export(filled.clinic)
    document = rows(data, "documents.json")[0]
    assert entries(data)[document["file"]] == filled.documents[document["id"]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM cases_documentrecord WHERE id = %s", [document["id"]])
        stored = bytes(cursor.fetchone()[0])
    assert stored != filled.documents[document["id"]]


def test_stored_times_and_the_trail_are_kept_as_they_were(filled):
    first = export(filled.clinic)
    original = CaseRecord.objects.get(workspace=filled.clinic, case_id="case-0001")
    times = (original.created_at, original.updated_at)
    trail = [e.at for e in AuditEvent.objects.filter(workspace=filled.clinic).order_by("at", "pk")]
    _forget(filled.clinic)
    workspace = workspace_import(source=io.BytesIO(first)).workspace
    copy = CaseRecord.objects.get(workspace=workspace, case_id="case-0001")
    assert (copy.created_at, copy.updated_at) == times
    assert copy.assignee.username == "staff"
    restored = AuditEvent.objects.filter(workspace=workspace).order_by("at", "pk")
    assert [e.at for e in restored][: len(trail)] == trail
    patient = Membership.objects.get(workspace=workspace, user__username="patient")
    assert patient.case == copy


def test_the_import_maps_the_archives_ids_to_the_new_ones(filled):
    first = export(filled.clinic)
    old_case = CaseRecord.objects.get(workspace=filled.clinic, case_id="case-0006").pk
    workspace = workspace_import(source=io.BytesIO(first), link_existing_users=True).workspace
    event = AuditEvent.objects.get(
        workspace=workspace, action=Action.CREATE, object_type="workspace"
    )
    new_case = CaseRecord.objects.get(workspace=workspace, case_id="case-0006").pk
    assert event.detail["ids"]["cases"][str(old_case)] == new_case
    assert event.detail["ids"]["workspace"] == {str(filled.clinic.pk): workspace.pk}
    assert event.detail["via"] == "command line"
    assert "Maple" not in json.dumps(event.detail)


def test_usernames_taken_here_are_refused_unless_linked_and_nothing_is_written(filled):
    data = export(filled.clinic)
    before = snapshot()
    with pytest.raises(ArchiveError, match=r"^users.json: \[0\]: this username is taken here"):
        workspace_import(source=io.BytesIO(data))
    assert snapshot() == before
    result = workspace_import(source=io.BytesIO(data), link_existing_users=True, name="Copy")
    assert result.linked_users == 3
    assert result.workspace.name == "Copy"
    assert User.objects.count() == before["User"]
    owner = Membership.objects.get(workspace=result.workspace, role="owner")
    assert owner.user == filled.world.owner


def test_password_hashes_travel_only_when_asked_for(filled):
    patient = filled.world.patient
    patient.set_unusable_password()
    patient.save()
    without = export(filled.clinic)
    assert "password" not in rows(without, "users.json")[0]
    with_hashes = export(filled.clinic, password_hashes=True)
    assert rows(with_hashes, "users.json")[0]["password"].startswith("md5$")
    _forget(filled.clinic)

    workspace_import(source=io.BytesIO(with_hashes), name="With hashes")
    assert Client().login(username="staff", password=PASSWORD)
    assert not User.objects.get(username="owner").is_superuser
    assert not User.objects.get(username="patient").has_usable_password()
    for user in User.objects.filter(username__in=["owner", "staff", "patient"]):
        user.delete()
    workspace_import(source=io.BytesIO(without), name="Without hashes")
    assert not User.objects.get(username="staff").has_usable_password()
    assert not Client().login(username="staff", password=PASSWORD)


def test_owners_on_the_web_cannot_take_password_hashes(filled):
    with pytest.raises(ArchiveError, match="only a command-line export"):
        workspace_export(user=filled.world.owner, workspace=filled.clinic, password_hashes=True)


def test_it_imports_into_an_empty_workspace_but_not_one_with_cases(filled):
    data = export(filled.clinic)
    empty = Workspace.objects.create(name="Fresh Start")
    result = workspace_import(source=io.BytesIO(data), into=empty, link_existing_users=True)
    assert result.workspace == empty
    assert empty.cases.count() == 2
    assert Workspace.objects.get(pk=empty.pk).name == "Fresh Start"
    before = snapshot()
    with pytest.raises(ArchiveError, match="into: the workspace has cases"):
        workspace_import(source=io.BytesIO(data), into=empty, link_existing_users=True)
    member = Workspace.objects.create(name="Has the owner")
    Membership.objects.create(workspace=member, user=filled.world.owner, role="owner")
    with pytest.raises(ArchiveError, match=r"members.json: \[0\]: already a member"):
        workspace_import(source=io.BytesIO(data), into=member, link_existing_users=True)
    assert snapshot()["CaseRecord"] == before["CaseRecord"]


def test_a_failure_while_writing_leaves_the_database_as_it_was(filled, monkeypatch):
    data = export(filled.clinic)
    _forget(filled.clinic)
    before = snapshot()
    real = services._bulk

    def failing(table, *args):
        if table.name == "audit":
            raise RuntimeError("disk full")
        return real(table, *args)

    monkeypatch.setattr(services, "_bulk", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        workspace_import(source=io.BytesIO(data))
    assert snapshot() == before


def test_checking_an_archive_writes_nothing(filled):
    data = export(filled.clinic)
    before = snapshot()
    result = workspace_import(source=io.BytesIO(data), link_existing_users=True, check_only=True)
    assert result.workspace is None
    assert result.counts["cases"] == 2
    assert snapshot() == before


def test_a_name_must_have_one_to_two_hundred_characters(filled):
    data = export(filled.clinic)
    with pytest.raises(ArchiveError, match="name: give 1 to 200 characters"):
        workspace_import(source=io.BytesIO(data), name="  ", link_existing_users=True)


def test_an_empty_workspace_round_trips(db):
    empty = Workspace.objects.create(name="Nobody Yet")
    data = export(empty)
    assert rows(data, "cases.json") == []
    assert json.loads(entries(data)["manifest.json"])["counts"]["files"] == 0
    copy = workspace_import(source=io.BytesIO(data)).workspace
    assert copy.name == "Nobody Yet"
    assert copy.created_at == empty.created_at


def test_a_document_whose_bytes_no_longer_match_their_hash_stops_the_export(filled):
    DocumentRecord.objects.filter(case__workspace=filled.clinic).update(sha256="0" * 64)
    with pytest.raises(ArchiveError, match="the stored bytes do not match their SHA-256"):
        export(filled.clinic)


def test_rows_of_cases_made_after_the_export_began_are_left_out(filled):
    chunks = workspace_export(user=None, workspace=filled.clinic)
    first = next(chunks)
    late = CaseRecord.objects.create(
        workspace=filled.clinic, case_id="case-late", data={}, patient_name="Late Case"
    )
    DeadlineRecord.objects.create(
        case=late, workspace=filled.clinic, kind="k", due="2027-01-01", rule_id="r", explain="e"
    )
    data = first + b"".join(chunks)
    assert "case-late" not in {row["case"] for row in rows(data, "deadlines.json")}
    assert "case-late" not in {row["case_id"] for row in rows(data, "cases.json")}
