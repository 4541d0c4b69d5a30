"""Personas for web tests: a clinic owner and staffer, a patient of one case, and an outsider
from another clinic, so every view test also checks who must NOT see a case."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Membership, Role, Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2026, 11, 23)
PASSWORD = "a-long-test-password-1"


def readable_pdf(*lines: str) -> bytes:
    """A one-page PDF showing ``lines``, uncompressed so its words sit in the file as written
    (uploads must be PDFs that open, so fake ``%PDF-`` bytes are refused)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=True)
    for number, line in enumerate(lines or ("A page",)):
        canvas.drawString(72, 720 - 14 * number, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    """A small real image (PNG or JPEG): uploads of pictures are decoded whole, so signature
    bytes alone are refused."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 40)).save(buffer, format=kind)
    return buffer.getvalue()


@dataclass
class World:
    clinic: Workspace
    other_clinic: Workspace
    owner: User
    staff: User
    patient: User
    outsider: User
    case: CaseRecord
    second_case: CaseRecord
    other_case: CaseRecord

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


def _user(name: str) -> User:
    return User.objects.create_user(username=name, password=PASSWORD)


@pytest.fixture
def world(db) -> World:
    clinic = Workspace.objects.create(name="Maple Hollow")
    other = Workspace.objects.create(name="Elsewhere Clinic")
    owner, staff, patient, outsider = (_user(n) for n in ("owner", "staff", "patient", "outsider"))
    Membership.objects.create(workspace=clinic, user=owner, role=Role.OWNER)
    Membership.objects.create(workspace=clinic, user=staff, role=Role.STAFF)
    Membership.objects.create(workspace=other, user=outsider, role=Role.OWNER)
    case = case_create(
        user=owner,
        workspace=clinic,
        case=load_case(EXAMPLES / "esketamine-ready-ppo.yaml"),
        today=TODAY,
    )
    second = case_create(
        user=owner,
        workspace=clinic,
        case=load_case(EXAMPLES / "denial-appeal-running.yaml"),
        today=TODAY,
    )
    other_case = case_create(
        user=outsider,
        workspace=other,
        case=load_case(EXAMPLES / "crps-iv-ketamine-ppo.yaml"),
        today=TODAY,
    )
    Membership.objects.create(workspace=clinic, user=patient, role=Role.PATIENT, case=case)
    return World(clinic, other, owner, staff, patient, outsider, case, second, other_case)
