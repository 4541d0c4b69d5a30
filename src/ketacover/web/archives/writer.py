"""Writing a workspace archive as a stream of zip bytes, entry by entry, so neither the archive
nor its files are ever held whole in memory or written to a temporary file.

The files are decrypted into the archive: the archive is health data and must be protected as
such (docs/web.md). Rows are sorted by natural keys and entries carry a fixed date, so the same
data gives the same entries; only the manifest's ``exported_at`` differs between two exports.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from ketacover import __version__
from ketacover.web.accounts.models import Workspace
from ketacover.web.archives import layout
from ketacover.web.archives.layout import ArchiveError, Table
from ketacover.web.archives.rows import encode
from ketacover.web.cases.models import CaseRecord

_ROWS_PER_PIECE = 200
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def dumps(value: object) -> bytes:
    """One JSON value as the archive writes it: sorted keys, UTF-8, no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_info(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, compressed, readable only by its owner once unpacked."""
    info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


class _Sink:
    """Where the zip writes: bytes collected until the stream takes them."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the parts wait for :meth:`take`."""

    def close(self) -> None:
        """Nothing to close: the stream ends when the zip does."""

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


class _Export:
    """One export under way: the rows' natural keys, the counts and the hashes so far."""

    def __init__(self, workspace: Workspace, password_hashes: bool) -> None:
        self.workspace = workspace
        self.password_hashes = password_hashes
        # Cases first: every other row is kept only when its case is in this snapshot.
        self.case_ids: dict[int, str] = dict(
            CaseRecord.objects.filter(workspace=workspace).values_list("pk", "case_id")
        )
        self.usernames: dict[int, str] = {}
        self.counts: dict[str, int] = {}
        self.files: dict[str, dict[str, Any]] = {}

    def name_of(self, kind: str, pk: int) -> str:
        if kind == "case":
            return self.case_ids[pk]
        if pk not in self.usernames:
            found = get_user_model().objects.filter(pk=pk).values_list("username", flat=True)
            self.usernames[pk] = str(found.get())
        return self.usernames[pk]

    def in_snapshot(self, obj: models.Model) -> bool:
        """Whether ``obj``, and every case it names, was in the cases read at the start."""
        if isinstance(obj, CaseRecord):
            return obj.pk in self.case_ids
        return all(
            getattr(obj, field.attname) in self.case_ids
            for field in obj._meta.concrete_fields
            if field.is_relation
            and field.related_model is CaseRecord
            and getattr(obj, field.attname) is not None
        )

    def entry(self, archive: zipfile.ZipFile, name: str, pieces: Iterable[bytes]) -> Iterator[None]:
        """Write the entry ``name`` from ``pieces``, noting its hash and size."""
        digest, size = hashlib.sha256(), 0
        with archive.open(entry_info(name), "w", force_zip64=True) as stream:
            for piece in pieces:
                stream.write(piece)
                digest.update(piece)
                size += len(piece)
                yield
        self.files[name] = {"sha256": digest.hexdigest(), "size": size}

    def rows(self, table: Table) -> Iterator[models.Model]:
        manager = table.model._default_manager
        if table is layout.USERS:
            return self._users()
        own = [
            f.name
            for f in table.model._meta.concrete_fields
            if f.is_relation and f.related_model is Workspace
        ]
        where = {own[0]: self.workspace} if own else {"case__workspace": self.workspace}
        found = manager.filter(**where)
        return (
            obj
            # Rows with files carry their bytes: a few at a time.
            for obj in found.order_by(*table.order).iterator(chunk_size=10 if table.files else 500)
            if self.in_snapshot(obj)
        )

    def _users(self) -> Iterator[models.Model]:
        pks = sorted(self.usernames)
        users = get_user_model()._default_manager
        for start in range(0, len(pks), 500):
            yield from users.filter(pk__in=pks[start : start + 500])

    def json_list(self, table: Table, rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        """The rows as a JSON list, one row per line, in pieces."""
        count, piece = 0, [b"["]
        for row in rows:
            piece.append((b"\n" if count == 0 else b",\n") + dumps(row))
            count += 1
            if len(piece) >= _ROWS_PER_PIECE:
                yield b"".join(piece)
                piece = []
        piece.append(b"\n]\n" if count else b"]\n")
        yield b"".join(piece)
        self.counts[table.name] = count

    def encoded(self, table: Table) -> Iterator[dict[str, Any]]:
        for obj in self.rows(table):
            row = encode(table, obj, self.name_of)
            if table is layout.USERS and self.password_hashes:
                row["password"] = str(getattr(obj, "password", ""))
            yield row

    def with_files(self, archive: zipfile.ZipFile, table: Table) -> Iterator[None]:
        """Write each row's file, then the table (each row naming its file)."""
        rows = []
        for number, obj in enumerate(self.rows(table), start=1):
            content: bytes = obj.content.decrypt()  # type: ignore[attr-defined]
            if hashlib.sha256(content).hexdigest() != obj.sha256:  # type: ignore[attr-defined]
                raise ArchiveError(
                    f"{table.entry}: row {obj.pk}: the stored bytes do not match their SHA-256"
                )
            name = f"{table.files}/{number:06d}.{_extension(table, obj)}"
            yield from self.entry(archive, name, [content])
            rows.append({**encode(table, obj, self.name_of), "file": name})
        yield from self.entry(archive, table.entry, self.json_list(table, rows))

    def manifest(self, exported_at: datetime) -> dict[str, Any]:
        counts = dict(self.counts)
        counts["files"] = sum(1 for name in self.files if "/" in name)
        return {
            "format": layout.FORMAT,
            "version": layout.VERSION,
            "software": f"ketacover {__version__}",
            "exported_at": exported_at.astimezone(UTC).isoformat(),
            "password_hashes": self.password_hashes,
            "counts": counts,
            "files": dict(sorted(self.files.items())),
        }


def _extension(table: Table, obj: models.Model) -> str:
    if table is layout.UPLOADS:
        return layout.FILE_EXTENSIONS.get(str(getattr(obj, "content_type", "")), "bin")
    return str(getattr(obj, "fmt", "bin"))


def archive_chunks(
    *, workspace: Workspace, exported_at: datetime, password_hashes: bool = False
) -> Iterator[bytes]:
    """The archive of ``workspace`` as zip bytes, piece by piece; the manifest (counts and
    hashes) is the last entry. ``password_hashes`` adds the users' password hashes."""
    sink = _Sink()
    export = _Export(workspace, password_hashes)
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        workspace_row = dumps(encode(layout.WORKSPACE, workspace, export.name_of)) + b"\n"
        steps: list[Iterator[None]] = [
            export.entry(archive, layout.WORKSPACE.entry, [workspace_row]),
            *(
                export.with_files(archive, table)
                if table.files
                else export.entry(
                    archive, table.entry, export.json_list(table, export.encoded(table))
                )
                for table in layout.ROWS
                if table is not layout.USERS
            ),
        ]
        for step in steps:
            for _ in step:
                if piece := sink.take():
                    yield piece
        # Users last: exactly those the other rows named.
        users = export.json_list(layout.USERS, export.encoded(layout.USERS))
        for _ in export.entry(archive, layout.USERS.entry, users):
            if piece := sink.take():
                yield piece
        manifest = json.dumps(export.manifest(exported_at), indent=2, sort_keys=True)
        archive.writestr(entry_info(layout.MANIFEST), manifest + "\n")
    yield sink.take()
