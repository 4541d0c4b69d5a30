"""Exporting a workspace to an archive and importing one into a new or empty workspace.

An export is audited (who, which workspace, whether password hashes went with it). An import is
checked whole first (:func:`~ketacover.web.archives.reader.archive_read`, then the target
database), written in one transaction, and audited with the map from the archive's ids to the
new ones, so the imported audit trail, which names objects by id, stays readable. Stored times
(created, updated, the audit trail's) are kept as the archive has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Final

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.accounts.selectors import workspace_for_owner
from ketacover.web.archives import layout
from ketacover.web.archives.layout import ArchiveError, Table
from ketacover.web.archives.reader import Archive, archive_read
from ketacover.web.archives.rows import reference_kind, stored_fields
from ketacover.web.archives.writer import archive_chunks
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record
from ketacover.web.clinics.models import ClinicProfile

COMMAND_LINE: Final = "command line"
_BATCH: Final = 500


def workspace_export(
    *,
    user: Actor | None,
    workspace: Workspace,
    password_hashes: bool = False,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Iterator[bytes]:
    """The archive of ``workspace`` as zip bytes, piece by piece, with the export audited.

    ``user`` is the owner asking on the web (checked: 404 for non-members, 403 for other roles),
    or None for the operator at the command line, who holds the database. Password hashes go
    only with a command-line export that asks for them."""
    if user is not None:
        workspace_for_owner(user=user, pk=workspace.pk)
        if password_hashes:
            raise ArchiveError("password_hashes: only a command-line export carries them")
    audit_record(
        user=user or AnonymousUser(),
        action=Action.EXPORT,
        object_type="workspace",
        object_id=workspace.pk,
        workspace=workspace,
        request=request,
        detail={
            "archive": f"{layout.FORMAT}/{layout.VERSION}",
            "password_hashes": password_hashes,
            "via": "web" if user is not None else COMMAND_LINE,
        },
    )
    return archive_chunks(
        workspace=workspace, exported_at=now or timezone.now(), password_hashes=password_hashes
    )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote (or, checked only, would write)."""

    workspace: Workspace | None
    """The workspace written; None when the archive was only checked."""
    counts: dict[str, int]
    """Rows per table, and files."""
    linked_users: int
    """Users of the archive that were already here and were used as they are."""


def workspace_import(
    *,
    source: Path | IO[bytes],
    name: str | None = None,
    into: Workspace | None = None,
    link_existing_users: bool = False,
    check_only: bool = False,
) -> ImportResult:
    """Import the archive at ``source`` into a new workspace (named as in the archive, or
    ``name``) or into ``into``, which must have no cases. Every problem is found before anything
    is written, and the writing is one transaction: a bad archive changes nothing.

    A username of the archive that already exists here is refused unless
    ``link_existing_users``: the workspace's memberships would then go to that account."""
    archive = archive_read(source)
    try:
        existing = _check_target(archive, name, into, link_existing_users)
        counts = dict(archive.manifest["counts"])
        if check_only:
            return ImportResult(None, counts, len(existing))
        with transaction.atomic():
            workspace = _write(archive, name, into, existing)
        return ImportResult(workspace, counts, len(existing))
    finally:
        archive.close()


def _check_target(
    archive: Archive, name: str | None, into: Workspace | None, link: bool
) -> dict[str, int]:
    """The users of the archive that exist here (username to id); ArchiveError for what would
    make the import fail or merge into someone else's data."""
    if name is not None and not 0 < len(name.strip()) <= 200:
        raise ArchiveError("name: give 1 to 200 characters")
    usernames = [row["username"] for row in archive.rows["users"]]
    existing: dict[str, int] = {}
    users = get_user_model()._default_manager
    for start in range(0, len(usernames), _BATCH):
        found = users.filter(username__in=usernames[start : start + _BATCH])
        existing.update((str(u), int(pk)) for u, pk in found.values_list("username", "pk"))
    if existing and not link:
        first = next(i for i, u in enumerate(usernames) if u in existing)
        raise ArchiveError(
            f"users.json: [{first}]: this username is taken here "
            f"({len(existing)} in all); pass --link-existing-users to give the memberships to "
            "those accounts, or import into a database without them"
        )
    if into is not None:
        if into.cases.exists():
            raise ArchiveError("into: the workspace has cases; import into an empty or new one")
        if archive.rows["clinic"] and ClinicProfile.objects.filter(workspace=into).exists():
            raise ArchiveError(
                "clinic.json: the workspace has its own clinic profile; import into a new one"
            )
        members = set(into.memberships.values_list("user_id", flat=True))
        for i, row in enumerate(archive.rows["members"]):
            if existing.get(row["user"]) in members:
                raise ArchiveError(f"members.json: [{i}]: already a member of that workspace")
    return existing


def _instance(
    table: Table, row: dict[str, Any], keys: dict[str, dict[str, int]], workspace: Workspace | None
) -> models.Model:
    values: dict[str, Any] = {}
    for field in stored_fields(table):
        value = row[field.name]
        if field.is_relation and value is not None:
            value = keys[reference_kind(table, field)][value]
        values[field.attname] = value
    for field in table.model._meta.concrete_fields:
        if field.is_relation and field.related_model is Workspace and workspace is not None:
            values[field.attname] = workspace.pk
    return table.model(**values)


def _restore_times(table: Table, pairs: list[tuple[models.Model, dict[str, Any]]]) -> None:
    """Put back the times Django sets on save (``auto_now``, ``auto_now_add``)."""
    automatic = [
        field
        for field in stored_fields(table)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    if not automatic or not pairs:
        return
    for obj, row in pairs:
        for field in automatic:
            setattr(obj, field.attname, row[field.name])
    table.model._default_manager.bulk_update(
        [obj for obj, _ in pairs], [field.name for field in automatic], batch_size=_BATCH
    )


def _write(
    archive: Archive, name: str | None, into: Workspace | None, existing: dict[str, int]
) -> Workspace:
    ids: dict[str, dict[str, int]] = {}
    workspace = into
    if workspace is None:
        made = _instance(layout.WORKSPACE, archive.workspace, {}, None)
        assert isinstance(made, Workspace)
        workspace = made
        if name is not None:
            workspace.name = name.strip()
        workspace.save()
        _restore_times(layout.WORKSPACE, [(workspace, archive.workspace)])
    ids["workspace"] = {str(archive.workspace["id"]): workspace.pk}
    keys: dict[str, dict[str, int]] = {"user": dict(existing), "case": {}}
    ids["users"] = {}
    for row in archive.rows["users"]:
        if row["username"] not in existing:
            user = _instance(layout.USERS, row, keys, None)
            password = archive.passwords.get(row["username"])
            if password is None:
                user.set_unusable_password()  # type: ignore[attr-defined]
            else:
                user.password = password  # type: ignore[attr-defined]
            user.save()
            keys["user"][row["username"]] = user.pk
        ids["users"][str(row["id"])] = keys["user"][row["username"]]
    for table, key in ((layout.CASES, "case_id"), (layout.MEMBERS, None)):
        pairs = []
        for row in archive.rows[table.name]:
            obj = _instance(table, row, keys, workspace)
            obj.save()
            pairs.append((obj, row))
            if key is not None:
                keys["case"][row[key]] = obj.pk
        _restore_times(table, pairs)
        ids[table.name] = {str(row["id"]): obj.pk for obj, row in pairs}
    _bulk(layout.CLINIC, archive, keys, workspace)
    _bulk(layout.DEADLINES, archive, keys, workspace)
    for table in (layout.DOCUMENTS, layout.UPLOADS):
        pairs = []
        for row in archive.rows[table.name]:
            obj = _instance(table, row, keys, workspace)
            obj.content = archive.read(row["file"])  # type: ignore[attr-defined]
            obj.save()
            pairs.append((obj, row))
        _restore_times(table, pairs)
        ids[table.name] = {str(row["id"]): obj.pk for obj, row in pairs}
    _bulk(layout.AUDIT, archive, keys, workspace)
    audit_record(
        user=AnonymousUser(),
        action=Action.CREATE,
        object_type="workspace",
        object_id=workspace.pk,
        workspace=workspace,
        detail={
            "import": f"{layout.FORMAT}/{layout.VERSION}",
            "exported_at": archive.manifest["exported_at"],
            "via": COMMAND_LINE,
            "counts": archive.manifest["counts"],
            "ids": ids,
        },
    )
    return workspace


def _bulk(
    table: Table, archive: Archive, keys: dict[str, dict[str, int]], workspace: Workspace
) -> None:
    rows = archive.rows[table.name]
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        made = table.model._default_manager.bulk_create(
            [_instance(table, row, keys, workspace) for row in chunk]
        )
        _restore_times(table, list(zip(made, chunk, strict=True)))
