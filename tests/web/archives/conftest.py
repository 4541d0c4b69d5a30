"""A clinic with something of everything: cases with deadlines and an assignee, documents in
each format, uploaded PDFs and images, a patient member, an audit trail; and helpers to read
archives back."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest

from ketacover.web.accounts.models import Workspace
from ketacover.web.cases.models import DocumentRecord
from ketacover.web.cases.services import case_assign, case_viewed, document_generate
from ketacover.web.clinics.services import clinic_profile_save
from ketacover.web.uploads.models import Upload
from ketacover.web.uploads.services import packet_generate, upload_create

from ..conftest import TODAY, image_bytes

PNG = image_bytes("PNG", (40, 30))
JPEG = image_bytes("JPEG", (40, 30))


def notes(text: str) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


PROFILE: dict[str, Any] = {
    "name": "Maple Hollow Ketamine Clinic",
    "line1": "12 Example Way",
    "city": "Madison",
    "state": "WI",
    "postal_code": "53703",
    "npi": "1598765430",
    "tin": "000000316",
    "place_of_service": "11",
    "fee_schedule": [{"code": "J3490", "charge": "40.00"}, {"code": "96365", "charge": "280.00"}],
}
PRESCRIBERS = [{"name": "Tobias Ellingsworth", "credentials": "MD", "npi": "1325476988"}]


@dataclass
class Filled:
    world: Any
    documents: dict[int, bytes]
    """Each document's bytes by its id."""
    uploads: dict[int, bytes]

    @property
    def clinic(self) -> Workspace:
        return self.world.clinic


@pytest.fixture
def filled(world) -> Filled:
    owner, staff = world.owner, world.staff
    case_assign(user=owner, record=world.case, assignee_id=staff.pk)
    for record in (world.case, world.second_case):
        case_viewed(user=world.patient, record=record)
        for kind, fmt in (("call-script", "html"), ("call-script", "docx")):
            document_generate(user=staff, record=record, kind=kind, fmt=fmt, today=TODAY)
    document_generate(user=staff, record=world.case, kind="call-script", fmt="html", today=TODAY)
    upload_create(user=staff, record=world.case, name="notes.pdf", content=notes("first"))
    upload_create(user=staff, record=world.case, name="notes.pdf", content=notes("second"))
    upload_create(user=owner, record=world.second_case, name="scan.png", content=PNG)
    upload_create(user=owner, record=world.second_case, name="photo.jpg", content=JPEG)
    packet_generate(user=staff, record=world.case, today=TODAY)
    clinic_profile_save(user=owner, workspace=world.clinic, fields=PROFILE, prescribers=PRESCRIBERS)
    documents = {
        d.pk: d.content.decrypt()
        for d in DocumentRecord.objects.filter(case__workspace=world.clinic)
    }
    uploads = {
        u.pk: u.content.decrypt() for u in Upload.objects.filter(case__workspace=world.clinic)
    }
    return Filled(world, documents, uploads)


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rows(data: bytes, entry: str) -> Any:
    return json.loads(entries(data)[entry])


def rebuild(data: bytes, change: dict[str, bytes | None], *, rehash: bool = True) -> bytes:
    """The archive ``data`` with entries replaced (or removed, for None), its manifest's hashes,
    sizes and counts made to match again unless ``rehash`` is False."""
    import hashlib

    found = entries(data)
    for name, value in change.items():
        if value is None:
            found.pop(name, None)
        else:
            found[name] = value
    if rehash and "manifest.json" not in change:
        manifest = json.loads(found["manifest.json"])
        manifest["files"] = {
            name: {"sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
            for name, value in found.items()
            if name != "manifest.json"
        }
        for name, value in found.items():
            if name.endswith(".json") and name not in {"manifest.json", "workspace.json"}:
                with contextlib.suppress(ValueError, TypeError, RecursionError):
                    manifest["counts"][name.removesuffix(".json")] = len(json.loads(value))
        manifest["counts"]["files"] = sum(1 for name in found if "/" in name)
        found["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, value in found.items():
            archive.writestr(name, value)
    return buffer.getvalue()
