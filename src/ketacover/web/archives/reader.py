"""Reading a workspace archive and checking all of it before anything is written: the zip, the
manifest, every entry's size and SHA-256, the shape of every row, the case documents, and that
every row names only what the archive holds. The first problem found is raised as an
:class:`~ketacover.web.archives.layout.ArchiveError` naming the entry; nothing of its content
(no names, no health data) is quoted.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.contrib.auth.hashers import identify_hasher, is_password_usable

from ketacover.core.errors import InvalidCaseFileError
from ketacover.interop.casefile import case_from_data
from ketacover.interop.nesting import load_json
from ketacover.web.archives import layout
from ketacover.web.archives.layout import ArchiveError, Table
from ketacover.web.archives.rows import Json, decode, reference_kind, stored_fields
from ketacover.web.uploads.content import signature_of

_CHUNK = 1024 * 1024
_MANIFEST_KEYS = {"format", "version", "software", "exported_at", "password_hashes", "counts"}


@dataclass(frozen=True, slots=True)
class Entry:
    """What reading an entry found: its hash, its size and its first bytes."""

    sha256: str
    size: int
    head: bytes


@dataclass
class Archive:
    """A checked archive, still open: its rows decoded, its files ready to be read."""

    zip: zipfile.ZipFile
    manifest: dict[str, Any]
    workspace: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]
    """Decoded rows by table name (``cases``, ``documents``, ...)."""
    passwords: dict[str, str] = field(default_factory=dict)
    """Password hashes by username, when the archive carries them."""

    def read(self, name: str) -> bytes:
        """The bytes of the file entry ``name`` (checked when the archive was opened)."""
        return self.zip.read(name)

    def close(self) -> None:
        """Close the zip."""
        self.zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError("duplicate key")
        found[key] = value
    return found


def _refuse_constant(name: str) -> None:
    raise ValueError("not a JSON number")


def _json(archive: zipfile.ZipFile, name: str) -> Json:
    try:
        return load_json(
            archive.read(name).decode("utf-8"),
            object_pairs_hook=_unique,
            parse_constant=_refuse_constant,
        )
    except UnicodeDecodeError:
        raise ArchiveError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ArchiveError(f"{name}: not valid JSON (line {error.lineno})") from None
    except ValueError as error:
        raise ArchiveError(f"{name}: not valid JSON ({error})") from None


def _open(source: Path | IO[bytes]) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise ArchiveError("archive: not a zip file (or a damaged one)") from None
    except OSError as error:
        raise ArchiveError(f"archive: cannot be read ({error.strerror})") from None


def _names(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > layout.MAX_ENTRIES:
        raise ArchiveError(f"archive: more than {layout.MAX_ENTRIES} entries")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in found:
            raise ArchiveError(f"{name[:80]!r}: the archive holds this entry twice")
        if name != layout.MANIFEST and not layout.ENTRY_NAME.match(name):
            raise ArchiveError(f"{name[:80]!r}: not an entry a workspace archive holds")
        if info.file_size > layout.MAX_ENTRY_BYTES:
            raise ArchiveError(f"{name}: larger than {layout.MAX_ENTRY_BYTES // 2**20} MB")
        total += info.file_size
        found[name] = info
    if total > layout.MAX_ARCHIVE_BYTES:
        raise ArchiveError("archive: unpacks to more than the largest archive read")
    return found


def _manifest(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> dict[str, Any]:
    info = names.get(layout.MANIFEST)
    if info is None:
        raise ArchiveError(f"{layout.MANIFEST}: missing; this is not a workspace archive")
    if info.file_size > layout.MAX_MANIFEST_BYTES:
        raise ArchiveError(f"{layout.MANIFEST}: too large")
    manifest = _json(archive, layout.MANIFEST)
    where = layout.MANIFEST
    if not isinstance(manifest, dict) or manifest.get("format") != layout.FORMAT:
        raise ArchiveError(f"{where}: format: not a {layout.FORMAT} archive")
    if manifest.get("version") != layout.VERSION:
        raise ArchiveError(f"{where}: version: only version {layout.VERSION} can be imported")
    missing = sorted((_MANIFEST_KEYS | {"files"}) - set(manifest))
    if missing:
        raise ArchiveError(f"{where}: {missing[0]}: missing")
    if not isinstance(manifest["password_hashes"], bool):
        raise ArchiveError(f"{where}: password_hashes: must be true or false")
    counts, files = manifest["counts"], manifest["files"]
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in counts.values()
    ):
        raise ArchiveError(f"{where}: counts: must map names to whole numbers")
    if not isinstance(files, dict):
        raise ArchiveError(f"{where}: files: must map entry names to their hash and size")
    for name, facts in files.items():
        if (
            not isinstance(facts, dict)
            or set(facts) != {"sha256", "size"}
            or not isinstance(facts["sha256"], str)
            or len(facts["sha256"]) != 64
            or not isinstance(facts["size"], int)
        ):
            raise ArchiveError(f"{where}: files: {name[:80]!r}: must be {{sha256, size}}")
    return manifest


def _check_entries(
    archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], files: dict[str, Any]
) -> dict[str, Entry]:
    listed, held = set(files), set(names) - {layout.MANIFEST}
    for name in sorted(held - listed):
        raise ArchiveError(f"{name}: not listed in the manifest")
    for name in sorted(listed - held):
        raise ArchiveError(f"{name[:80]}: listed in the manifest but not in the archive")
    for table in layout.TABLES:
        if table.entry not in held and table not in layout.OPTIONAL:
            raise ArchiveError(f"{table.entry}: missing")
    found = {}
    for name in sorted(held):
        entry = _read_entry(archive, name, files[name]["size"])
        if entry.size != files[name]["size"] or entry.sha256 != files[name]["sha256"]:
            raise ArchiveError(
                f"{name}: its SHA-256 or size does not match the manifest (changed or damaged)"
            )
        found[name] = entry
    return found


def _read_entry(archive: zipfile.ZipFile, name: str, limit: int) -> Entry:
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit or size > layout.MAX_ENTRY_BYTES:
                    raise ArchiveError(f"{name}: larger than the manifest says")
                head = head or chunk[:16]
                digest.update(chunk)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        raise ArchiveError(f"{name}: cannot be unpacked ({type(error).__name__})") from None
    return Entry(digest.hexdigest(), size, head)


def _rows(archive: zipfile.ZipFile, table: Table, extra: frozenset[str]) -> list[dict[str, Any]]:
    if table in layout.OPTIONAL and table.entry not in archive.NameToInfo:
        return []
    data = _json(archive, table.entry)
    if not isinstance(data, list):
        raise ArchiveError(f"{table.entry}: must be a list of rows")
    return [decode(table, row, f"{table.entry}: [{i}]", extra=extra) for i, row in enumerate(data)]


def archive_read(source: Path | IO[bytes]) -> Archive:
    """Open and check the archive at ``source``; ArchiveError for the first problem found. The
    returned archive is open (close it, or use it in ``with``)."""
    archive = _open(source)
    try:
        names = _names(archive)
        manifest = _manifest(archive, names)
        entries = _check_entries(archive, names, manifest["files"])
        hashes = manifest["password_hashes"]
        workspace = decode(layout.WORKSPACE, _json(archive, "workspace.json"), "workspace.json")
        rows = {}
        for table in layout.ROWS:
            extra = frozenset({"file"} if table.files else set())
            if table is layout.USERS and hashes:
                extra = frozenset({"password"})
            rows[table.name] = _rows(archive, table, extra)
        checked = Archive(archive, manifest, workspace, rows)
        checked.passwords = _passwords(archive, hashes)
        _check_references(checked, entries)
        _check_counts(checked, entries)
        return checked
    except BaseException:
        archive.close()
        raise


def _passwords(archive: zipfile.ZipFile, hashes: bool) -> dict[str, str]:
    if not hashes:
        return {}
    found = {}
    for i, row in enumerate(_json(archive, layout.USERS.entry)):
        password = row.get("password")
        try:
            # An account without a usable password (``!...``) stays one.
            if not (isinstance(password, str) and not is_password_usable(password)):
                identify_hasher(password)
        except (ValueError, TypeError):
            raise ArchiveError(
                f"users.json: [{i}].password: not a password hash this server can check"
            ) from None
        found[str(row["username"])] = str(password)
    return found


def _check_counts(archive: Archive, entries: dict[str, Entry]) -> None:
    counts = archive.manifest["counts"]
    expected = {table.name: len(archive.rows[table.name]) for table in layout.ROWS}
    expected["files"] = sum(1 for name in entries if "/" in name)
    for table in layout.OPTIONAL:
        if table.name not in counts and expected[table.name] == 0:
            del expected[table.name]
    for name, count in expected.items():
        if counts.get(name) != count:
            raise ArchiveError(f"{layout.MANIFEST}: counts: {name}: does not match the archive")


def _duplicate(rows: list[dict[str, Any]], keys: tuple[str, ...], entry: str) -> None:
    seen = Counter(tuple(row[key] for key in keys) for row in rows)
    for i, row in enumerate(rows):
        if seen[tuple(row[key] for key in keys)] > 1:
            raise ArchiveError(f"{entry}: [{i}]: another row has the same {', '.join(keys)}")


def _check_references(archive: Archive, entries: dict[str, Entry]) -> None:
    rows = archive.rows
    _duplicate(rows["users"], ("username",), "users.json")
    _duplicate(rows["cases"], ("case_id",), "cases.json")
    _duplicate(rows["members"], ("user",), "members.json")
    _duplicate(rows["documents"], ("case", "kind", "fmt", "version"), "documents.json")
    _duplicate(rows["uploads"], ("case", "name", "version"), "uploads.json")
    _check_clinic(rows["clinic"])
    users = {row["username"] for row in rows["users"]}
    cases = {row["case_id"] for row in rows["cases"]}
    for i, row in enumerate(rows["cases"]):
        _check_case(i, row)
    for table in layout.ROWS:
        for field_ in stored_fields(table):
            if not field_.is_relation:
                continue
            known = cases if reference_kind(table, field_) == "case" else users
            for i, row in enumerate(rows[table.name]):
                if row[field_.name] is not None and row[field_.name] not in known:
                    raise ArchiveError(
                        f"{table.entry}: [{i}].{field_.name}: names a row the archive lacks"
                    )
    referenced: set[str] = set()
    for table in (layout.DOCUMENTS, layout.UPLOADS):
        for i, row in enumerate(rows[table.name]):
            _check_file(table, i, row, entries, referenced)
    for name in sorted(set(entries) - referenced):
        if "/" in name:
            raise ArchiveError(f"{name}: no document or upload names this file")


def _check_clinic(rows: list[dict[str, Any]]) -> None:
    """At most one clinic profile, its prescribers and fee schedule shaped as the profile form
    writes them (a name per prescriber; a code and a charge of zero or more per fee)."""
    if len(rows) > 1:
        raise ArchiveError("clinic.json: a workspace has at most one clinic profile")
    for row in rows:
        prescribers, fees = row["prescribers"], row["fee_schedule"]
        if not isinstance(prescribers, list):
            raise ArchiveError("clinic.json: [0].prescribers: must be a list")
        for i, item in enumerate(prescribers):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise ArchiveError(f"clinic.json: [0].prescribers[{i}].name: must be text")
        if not isinstance(fees, list):
            raise ArchiveError("clinic.json: [0].fee_schedule: must be a list")
        for i, item in enumerate(fees):
            where = f"clinic.json: [0].fee_schedule[{i}]"
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                raise ArchiveError(f"{where}.code: must be text")
            try:
                charge = Decimal(str(item.get("charge")))
            except InvalidOperation:
                charge = Decimal(-1)
            if not charge.is_finite() or charge < 0:
                raise ArchiveError(f"{where}.charge: must be an amount of zero or more")


def _check_case(i: int, row: dict[str, Any]) -> None:
    where = f"cases.json: [{i}].data"
    try:
        case = case_from_data(row["data"])
    except InvalidCaseFileError as error:
        first = error.problems[0].path if error.problems else "?"
        raise ArchiveError(f"{where}: not a valid case (first problem at {first})") from None
    if case.id != row["case_id"]:
        raise ArchiveError(f"{where}.id: differs from the row's case_id")


def _check_file(
    table: Table, i: int, row: dict[str, Any], entries: dict[str, Entry], referenced: set[str]
) -> None:
    where = f"{table.entry}: [{i}]"
    name = row.get("file")
    if not isinstance(name, str) or not name.startswith(f"{table.files}/") or name not in entries:
        raise ArchiveError(f"{where}.file: must name a file of the archive under {table.files}/")
    if name in referenced:
        raise ArchiveError(f"{where}.file: another row names the same file")
    referenced.add(name)
    entry = entries[name]
    if entry.sha256 != row["sha256"]:
        raise ArchiveError(f"{where}.sha256: does not match the file's bytes")
    if table is layout.UPLOADS:
        if entry.size != row["size"]:
            raise ArchiveError(f"{where}.size: does not match the file's bytes")
        kind = (signature_of(entry.head) if entry.size else None) or ""
        if kind != row["content_type"]:
            raise ArchiveError(f"{where}.content_type: does not match the file's content")
