"""A bad archive is refused whole, before anything is written: the error names the entry and the
problem, quotes no health data, and the database is left as it was."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from ketacover.web.accounts.models import Workspace
from ketacover.web.archives.layout import ArchiveError
from ketacover.web.archives.reader import archive_read
from ketacover.web.archives.services import workspace_export, workspace_import
from ketacover.web.cases.services import document_generate
from ketacover.web.uploads.services import upload_create

from ..conftest import TODAY
from .conftest import PNG, entries, notes, rebuild
from .test_services import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(world) -> bytes:
    document_generate(
        user=world.staff, record=world.case, kind="call-script", fmt="html", today=TODAY
    )
    upload_create(user=world.staff, record=world.case, name="a.pdf", content=notes("a"))
    upload_create(user=world.staff, record=world.case, name="b.png", content=PNG)
    return b"".join(workspace_export(user=None, workspace=world.clinic))


def _json(data: bytes, name: str) -> Any:
    return json.loads(entries(data)[name])


def _with(name: str, change: Callable[[Any], object]) -> Callable[[bytes], bytes]:
    """An archive whose JSON entry ``name`` was changed (in place, or by what ``change`` returns),
    with the manifest made to match."""

    def build(data: bytes) -> bytes:
        value = _json(data, name)
        result = change(value)
        value = value if result is None else result
        return rebuild(data, {name: json.dumps(value).encode()})

    return build


def _raw(name: str, value: bytes | None, *, rehash: bool = True) -> Callable[[bytes], bytes]:
    return lambda data: rebuild(data, {name: value}, rehash=rehash)


def _manifest(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    def build(data: bytes) -> bytes:
        manifest = _json(data, "manifest.json")
        change(manifest)
        return rebuild(data, {"manifest.json": json.dumps(manifest).encode()})

    return build


def _first_file(data: bytes, folder: str) -> str:
    return sorted(n for n in entries(data) if n.startswith(folder))[0]


def _changed_file(data: bytes) -> bytes:
    name = _first_file(data, "uploads/")
    return rebuild(data, {name: b"%PDF-1.4 changed"}, rehash=False)


def _extra_unlisted(data: bytes) -> bytes:
    return rebuild(data, {"uploads/000099.pdf": b"%PDF-1.4"}, rehash=False)


def _missing_listed(data: bytes) -> bytes:
    return rebuild(data, {_first_file(data, "uploads/"): None}, rehash=False)


def _stray(data: bytes) -> bytes:
    return rebuild(data, {"uploads/000099.pdf": b"%PDF-1.4 nobody names me"})


def _set(index: int, key: str, value: object) -> Callable[[Any], None]:
    def change(rows: Any) -> None:
        rows[index][key] = value

    return change


def _drop(index: int, key: str) -> Callable[[Any], None]:
    def change(rows: Any) -> None:
        rows[index].pop(key)

    return change


def _double_case(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [*rows, {**rows[0], "id": 999}]


def _bad_case(rows: list[dict[str, Any]]) -> None:
    rows[0]["data"]["diagnoses"] = [{"code": "NOT-A-CODE"}]


def _rename_case(rows: list[dict[str, Any]]) -> None:
    rows[0]["data"]["id"] = "case-9999"


def _same_file(rows: list[dict[str, Any]]) -> None:
    rows[1]["file"] = rows[0]["file"]


def _password(rows: list[dict[str, Any]]) -> None:
    rows[0]["password"] = "md5$salt$abc"


BAD: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not a zip": (lambda data: b"PK not really", "archive: not a zip file"),
    "no manifest": (_raw("manifest.json", None, rehash=False), "manifest.json: missing"),
    "another format": (
        _manifest(lambda m: m.update(format="something-else")),
        "manifest.json: format: not a ketacover-workspace archive",
    ),
    "a later version": (
        _manifest(lambda m: m.update(version=2)),
        "manifest.json: version: only version 1 can be imported",
    ),
    "manifest without counts": (
        _manifest(lambda m: m.pop("counts")),
        "manifest.json: counts: missing",
    ),
    "counts that do not match": (
        _manifest(lambda m: m["counts"].update(cases=5)),
        "manifest.json: counts: cases: does not match the archive",
    ),
    "a file changed after export": (_changed_file, "its SHA-256 or size does not match"),
    "a file the manifest does not list": (
        _extra_unlisted,
        "uploads/000099.pdf: not listed in the manifest",
    ),
    "a listed file that is gone": (
        _missing_listed,
        "listed in the manifest but not in the archive",
    ),
    "an entry reaching outside": (
        _raw("../../etc/cron.d/x", b"x"),
        "'../../etc/cron.d/x': not an entry a workspace archive holds",
    ),
    "a file nobody names": (_stray, "uploads/000099.pdf: no document or upload names this file"),
    "JSON that does not parse": (_raw("cases.json", b"[{"), "cases.json: not valid JSON (line 1)"),
    "a key given twice": (
        _raw("members.json", b'[{"id": 1, "id": 2}]'),
        "members.json: not valid JSON (duplicate key)",
    ),
    "a number JSON does not have": (
        _raw("cases.json", b"[NaN]"),
        "cases.json: not valid JSON (not a JSON number)",
    ),
    "rows that are not a list": (_raw("cases.json", b"{}"), "cases.json: must be a list of rows"),
    "a row that is not an object": (
        _raw("deadlines.json", b"[1]"),
        "deadlines.json: [0]: must be an object",
    ),
    "a version that is not a number": (
        _with("cases.json", _set(0, "version", "two")),
        "cases.json: [0].version: must be a whole number",
    ),
    "an unknown field": (
        _with("cases.json", _set(0, "secret", 1)),
        "cases.json: [0]: unknown field 'secret'",
    ),
    "a missing field": (
        _with("cases.json", _drop(0, "patient_name")),
        "cases.json: [0].patient_name: missing",
    ),
    "a missing id": (_with("cases.json", _drop(0, "id")), "cases.json: [0].id: must be a positive"),
    "a time without its offset": (
        _with("audit.json", _set(0, "at", "2026-11-23T10:00:00")),
        "audit.json: [0].at: must be a date and time in ISO 8601 with its UTC offset",
    ),
    "a date that is not one": (
        _with("deadlines.json", _set(0, "due", "2026-13-45")),
        "deadlines.json: [0].due: must be a date (YYYY-MM-DD)",
    ),
    "a role that does not exist": (
        _with("members.json", _set(0, "role", "boss")),
        "members.json: [0].role: must be one of owner, staff, prescriber, patient",
    ),
    "text too long": (
        _with("documents.json", _set(0, "kind", "k" * 41)),
        "documents.json: [0].kind: must be at most 40 characters",
    ),
    "a negative version": (
        _with("uploads.json", _set(0, "version", -1)),
        "uploads.json: [0].version: is out of range",
    ),
    "a flag that is not true or false": (
        _with("users.json", _set(0, "is_active", "yes")),
        "users.json: [0].is_active: must be true or false",
    ),
    "text that is a number": (
        _with("documents.json", _set(0, "title", 5)),
        "documents.json: [0].title: must be text",
    ),
    "a null where none is allowed": (
        _with("cases.json", _set(0, "data", None)),
        "cases.json: [0].data: must not be null",
    ),
    "a reference that is not text": (
        _with("documents.json", _set(0, "case", 7)),
        "documents.json: [0].case: must be a case id or a username (text)",
    ),
    "an address that is not one": (
        _with("audit.json", _set(0, "ip", "not-an-ip")),
        "audit.json: [0].ip: must be an IP address",
    ),
    "an e-mail address that is not one": (
        _with("users.json", _set(0, "email", "nobody")),
        "users.json: [0].email: must be an e-mail address",
    ),
    "a case id twice": (
        _with("cases.json", _double_case),
        "cases.json: [0]: another row has the same case_id",
    ),
    "a document of a case the archive lacks": (
        _with("documents.json", _set(0, "case", "case-9999")),
        "documents.json: [0].case: names a row the archive lacks",
    ),
    "an author the archive lacks": (
        _with("uploads.json", _set(0, "created_by", "ghost")),
        "uploads.json: [0].created_by: names a row the archive lacks",
    ),
    "a case document that does not validate": (
        _with("cases.json", _bad_case),
        "cases.json: [0].data: not a valid case (first problem at diagnoses[0]",
    ),
    "a case document under another id": (
        _with("cases.json", _rename_case),
        "cases.json: [0].data.id: differs from the row's case_id",
    ),
    "a hash that does not match the file": (
        _with("documents.json", _set(0, "sha256", "0" * 64)),
        "documents.json: [0].sha256: does not match the file's bytes",
    ),
    "a size that does not match the file": (
        _with("uploads.json", _set(0, "size", 3)),
        "uploads.json: [0].size: does not match the file's bytes",
    ),
    "a content type the bytes deny": (
        _with("uploads.json", _set(0, "content_type", "image/png")),
        "uploads.json: [0].content_type: does not match the file's content",
    ),
    "a file outside its folder": (
        _with("uploads.json", _set(0, "file", "documents/000001.html")),
        "uploads.json: [0].file: must name a file of the archive under uploads/",
    ),
    "one file for two rows": (
        _with("uploads.json", _same_file),
        "uploads.json: [1].file: another row names the same file",
    ),
    "a password hash the manifest did not announce": (
        _with("users.json", _password),
        "users.json: [0]: unknown field 'password'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_archive_is_refused_with_the_entry_and_the_problem(world, archive, case):
    make, message = BAD[case]
    bad = make(archive)
    before = snapshot()
    with pytest.raises(ArchiveError, match=re.escape(message)) as raised:
        workspace_import(source=io.BytesIO(bad), link_existing_users=True)
    text = str(raised.value)
    for secret in (world.case.patient_name, world.case.data["plan"]["member_id"]):
        assert secret not in text
    assert snapshot() == before


def test_the_good_archive_itself_is_accepted(archive):
    checked = archive_read(io.BytesIO(archive))
    with checked:
        assert checked.manifest["counts"]["uploads"] == 2


def _hashed(data: bytes, password: str) -> bytes:
    manifest = _json(data, "manifest.json")
    manifest["password_hashes"] = True
    users = _json(data, "users.json")
    for user in users:
        user["password"] = password
    changed = rebuild(data, {"users.json": json.dumps(users).encode()})
    manifest["files"] = _json(changed, "manifest.json")["files"]
    return rebuild(changed, {"manifest.json": json.dumps(manifest).encode()})


def test_a_password_hash_this_server_cannot_check_is_refused(archive):
    with pytest.raises(ArchiveError, match=r"users.json: \[0\].password: not a password hash"):
        archive_read(io.BytesIO(_hashed(archive, "plain-text-password")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(password_hashes="no"), "password_hashes: must be true or false"),
        (lambda m: m.update(counts={"cases": "2"}), "counts: must map names to whole numbers"),
        (lambda m: m.update(files=[]), "files: must map entry names to their hash and size"),
        (
            lambda m: m["files"].update({"cases.json": {"sha256": "x"}}),
            "files: 'cases.json': must be {sha256, size}",
        ),
    ],
)
def test_a_malformed_manifest_is_named(archive, change, message):
    manifest = _json(archive, "manifest.json")
    change(manifest)
    bad = rebuild(archive, {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(ArchiveError, match=re.escape(f"manifest.json: {message}")):
        archive_read(io.BytesIO(bad))


def test_an_entry_given_twice_is_refused(archive):
    import zipfile

    buffer = io.BytesIO(archive)
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(buffer, "a") as z:
        z.writestr("cases.json", b"[]")
    with pytest.raises(ArchiveError, match=r"'cases\.json': the archive holds this entry twice"):
        archive_read(io.BytesIO(buffer.getvalue()))


def test_an_archive_that_cannot_be_read_is_named(tmp_path):
    with pytest.raises(ArchiveError, match="archive: cannot be read"):
        archive_read(tmp_path / "missing.zip")


def test_a_workspace_without_its_entry_is_refused(archive):
    with pytest.raises(ArchiveError, match=r"workspace\.json: missing"):
        archive_read(io.BytesIO(rebuild(archive, {"workspace.json": None})))


def test_the_limits_refuse_an_archive_too_large_to_unpack(archive, monkeypatch):
    from ketacover.web.archives import layout

    monkeypatch.setattr(layout, "MAX_ARCHIVE_BYTES", 100)
    with pytest.raises(ArchiveError, match="unpacks to more than"):
        archive_read(io.BytesIO(archive))
    monkeypatch.setattr(layout, "MAX_ENTRY_BYTES", 50)
    with pytest.raises(ArchiveError, match="larger than 0 MB"):
        archive_read(io.BytesIO(archive))
    monkeypatch.setattr(layout, "MAX_ENTRIES", 3)
    with pytest.raises(ArchiveError, match="more than 3 entries"):
        archive_read(io.BytesIO(archive))


def test_importing_needs_an_archive_of_this_format_only(archive):
    assert Workspace.objects.count() == 2
    with pytest.raises(ArchiveError):
        workspace_import(source=io.BytesIO(b""))
    assert Workspace.objects.count() == 2
