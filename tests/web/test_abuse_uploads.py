"""The abuse suite of the second hardening round: every upload and import endpoint fed nesting,
size and compression bombs (tests/web/bombs.py) in a bounded loop.

Every answer must be a refusal a person can act on: a 4xx whose page or JSON names the problem
(or, for the two case-page forms that answer with Post/Redirect/Get, a redirect back whose
flashed message says why), nothing stored, and never a 5xx or a crashed process. How much memory
and time each bomb costs a real ``ketacover serve`` worker is measured in ``bench/abuse.py``, not
asserted here.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from ketacover.cli import app
from ketacover.web.api.services import token_create
from ketacover.web.archives.layout import ArchiveError
from ketacover.web.archives.reader import archive_read
from ketacover.web.archives.services import workspace_export
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.uploads.models import Upload
from ketacover.web.uploads.services import upload_create

from . import bombs
from .archives.conftest import rebuild
from .conftest import readable_pdf

pytestmark = pytest.mark.django_db

NESTING = "is nested more than 64 levels deep"
CASE_FILE_BOMBS: list[tuple[str, bytes, str]] = [
    ("yaml-flow-30000", bombs.nested_yaml(), NESTING),
    ("yaml-block-30000", bombs.nested_block_yaml(), NESTING),
    ("json-30000", bombs.nested_case_json(), NESTING),
    ("yaml-65", bombs.nested_yaml(65), NESTING),
    ("alias-bomb", bombs.alias_bomb_yaml(), "values once aliases are expanded"),
    ("six-megabytes", bombs.oversized(6 * bombs.MB, b"id: case-1\n"), "larger than"),
]


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _stored() -> tuple[int, int, int]:
    return CaseRecord.objects.count(), Upload.objects.count(), DocumentRecord.objects.count()


def _staff(world) -> Client:
    client = world.client_for(world.staff)
    client.raise_request_exception = False
    return client


def _flashed(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def _refused(response, expected: str) -> None:
    assert 400 <= response.status_code < 500, response.status_code
    assert expected in response.content.decode(errors="replace")


@pytest.mark.parametrize(("name", "data", "expected"), CASE_FILE_BOMBS, ids=lambda v: str(v)[:20])
def test_finding_1_the_case_import_page_refuses_each_bomb_with_its_reason(
    world, name, data, expected
):
    before = _stored()
    suffix = ".json" if name.startswith("json") else ".yaml"
    for field in ("file", "text"):
        if field == "text" and len(data) > 5 * bombs.MB:
            continue
        post = (
            {"file": _file(f"case{suffix}", data)} if field == "file" else {"text": data.decode()}
        )
        _refused(_staff(world).post(reverse("cases:import"), post), expected)
    assert _stored() == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (bombs.nested_bundle(), NESTING),
        (bombs.nested_bundle(65), NESTING),
        (bombs.long_number_json(), "too many digits"),
        (bombs.oversized(11 * bombs.MB, b"{"), "larger than 10 MB"),
        (b"\xff\xfe" + bombs.nested_bundle(100), "not UTF-8"),
    ],
    ids=["nested-30000", "nested-65", "long-number", "eleven-megabytes", "not-utf8"],
)
def test_finding_1_the_fhir_upload_refuses_each_bomb_with_its_reason(world, data, expected):
    url = reverse("imports:bundle", args=[world.case.pk])
    response = _staff(world).post(url, {"file": _file("bundle.json", data)})
    _refused(response, expected)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (bombs.oversized(21 * bombs.MB, b"ISA*"), "larger than 20 MB"),
        (b"ISA*" + b"~" * 200_000, "ISA"),
        (bombs.nested_bundle(1000), "835"),
    ],
    ids=["21-megabytes", "empty-segments", "json-not-x12"],
)
def test_the_835_upload_refuses_each_bomb(world, data, expected):
    response = _staff(world).post(
        reverse("imports:remittances"),
        {
            "workspace": world.clinic.memberships.get(user=world.staff).pk,
            "file": _file("r.835", data),
        },
    )
    assert 400 <= response.status_code < 500
    assert expected in response.content.decode(errors="replace")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (bombs.flate_bomb_pdf(), "more than 4 MB of content once decompressed"),
        (bombs.flate_bomb_pdf(1, 5 * bombs.MB), "more than 4 MB of content once decompressed"),
        (bombs.oversized(6 * bombs.MB, b"%PDF-1.4\n"), "larger than 5 MB"),
    ],
    ids=["15-pages-of-70-megabytes", "one-page-of-5-megabytes", "six-megabytes"],
)
def test_finding_2_the_denial_letter_reader_refuses_each_bomb(world, data, expected):
    url = reverse("events:letter", args=[world.case.pk])
    response = _staff(world).post(url, {"letter-letter": _file("letter.pdf", data)})
    _refused(response, expected)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bomb.pdf", bombs.flate_bomb_pdf(), "more than a packet can carry"),
        ("big.png", bombs.png_pixel_bomb(), "than the 40 million accepted"),
        ("wide.png", bombs.png_pixel_bomb(8000, 8000), "8000 x 8000 pixels, more than the 40"),
        ("cut.png", bombs.truncated_png(), "cannot be read whole"),
        ("big.pdf", bombs.oversized(11 * bombs.MB, b"%PDF-1.4\n"), "larger than 10 MB"),
    ],
    ids=["pdf-flate-bomb", "png-pixel-bomb", "png-64-megapixels", "png-truncated", "eleven-mb"],
)
def test_finding_2_and_10_record_uploads_refuse_each_bomb_before_keeping_it(
    world, name, data, expected
):
    before = _stored()
    response = _staff(world).post(
        reverse("uploads:create", args=[world.case.pk]), {"file": _file(name, data)}
    )
    assert response.status_code in {302, 400}
    message = _flashed(response) if response.status_code == 302 else response.content.decode()
    assert expected in message
    assert _stored() == before


def test_finding_2_a_packet_whose_attachments_together_pass_the_budget_is_refused_naming_one(
    world,
):
    # Each file passes the upload check alone (20 MB of page content); together they do not.
    for name in ("a-notes.pdf", "b-notes.pdf"):
        upload_create(
            user=world.staff,
            record=world.case,
            name=name,
            content=bombs.flate_bomb_pdf(1, 20 * bombs.MB),
        )
    documents = DocumentRecord.objects.count()
    response = _staff(world).post(reverse("uploads:packet", args=[world.case.pk]))
    assert response.status_code == 302
    message = _flashed(response)
    assert "attachment 'b-notes.pdf' brings the attached page content past 32 MB" in message
    assert DocumentRecord.objects.count() == documents


def test_finding_2_a_packet_within_the_budget_is_still_made(world):
    upload_create(user=world.staff, record=world.case, name="n.pdf", content=readable_pdf("n"))
    response = _staff(world).post(reverse("uploads:packet", args=[world.case.pk]))
    assert response.status_code == 302
    assert "is ready" in _flashed(response)


Body = Callable[[], bytes]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("post", "/api/cases", bombs.nested_case_json, NESTING),
        ("put", "/api/cases/{pk}", bombs.deep_api_body, NESTING),
        ("put", "/api/cases/{pk}", lambda: bombs.deep_api_body(65), NESTING),
        ("post", "/api/cases/{pk}/events/calls", lambda: bombs.deep_api_body(1000), NESTING),
        ("post", "/api/cases/{pk}/documents", lambda: bombs.deep_api_body(1000), NESTING),
        ("put", "/api/cases/{pk}", lambda: b"\xff" + bombs.deep_api_body(10), "not UTF-8"),
        ("put", "/api/cases/{pk}", lambda: b"[" + b"1," * 1000 + b"1]", "JSON object"),
    ],
    ids=["create", "replace", "replace-65", "event", "document", "not-utf8", "a-list"],
)
def test_finding_1_api_bodies_nested_too_deeply_are_refused_with_a_clear_message(
    world, method, path, body, expected
):
    _, secret = token_create(user=world.staff, name="abuse", scope="read_write")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    client.raise_request_exception = False
    url = path.format(pk=world.case.pk)
    response = getattr(client, method)(url, body(), content_type="application/json")
    assert 400 <= response.status_code < 500, response.status_code
    assert expected in response.json()["error"]["message"] or expected in json.dumps(
        response.json()["error"]["problems"]
    )


def test_finding_1_an_archive_with_a_nested_entry_is_refused_naming_it(world):
    exported = b"".join(workspace_export(user=None, workspace=world.clinic))
    bomb = rebuild(exported, {"cases.json": b"[" * 30_000 + b"]" * 30_000})
    with pytest.raises(ArchiveError, match=f"cases.json: not valid JSON \\({NESTING}"):
        archive_read(io.BytesIO(bomb))


@pytest.mark.parametrize(
    ("name", "data"),
    [("nest.yaml", bombs.nested_yaml()), ("nest.json", bombs.nested_case_json())],
)
def test_finding_1_ketacover_validate_exits_2_on_a_nesting_bomb_never_crashing(
    tmp_path, name, data
):
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", "from ketacover.cli import main; main()", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert f"{path}:1: {NESTING}" in result.stdout + result.stderr


def test_finding_1_the_cli_fhir_import_refuses_a_nesting_bomb(tmp_path):
    bundle = tmp_path / "bundle.json"
    bundle.write_bytes(bombs.nested_bundle())
    result = CliRunner().invoke(
        app, ["import", "fhir", str(bundle), "-o", str(tmp_path / "c.yaml")]
    )
    assert result.exit_code == 2
    assert NESTING in result.output
