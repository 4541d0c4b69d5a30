"""The workspace's clinic profile (the clinic, its prescribers and its fee schedule) travels in
the archive and comes back as it was; an archive written before it travelled still imports."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from ketacover.web.accounts.models import Membership, Workspace
from ketacover.web.archives.layout import ArchiveError
from ketacover.web.archives.services import workspace_import
from ketacover.web.clinics.models import ClinicProfile
from ketacover.web.clinics.services import clinic_profile_save

from .conftest import PRESCRIBERS, PROFILE, entries, rebuild
from .test_services import _forget, export

pytestmark = pytest.mark.django_db

_COLUMNS = ("name", "line1", "city", "state", "postal_code", "npi", "tin", "place_of_service")


def _profile(workspace: Workspace) -> dict[str, Any]:
    profile = ClinicProfile.objects.get(workspace=workspace)
    found = {name: getattr(profile, name) for name in _COLUMNS}
    found.update(fee_schedule=profile.fee_schedule, prescribers=profile.prescribers)
    found["updated_by"] = profile.updated_by.get_username() if profile.updated_by else None
    return found


def test_the_clinic_profile_and_its_fee_schedule_round_trip(filled):
    before = _profile(filled.clinic)
    data = export(filled.clinic)
    rows = json.loads(entries(data)["clinic.json"])
    assert [row["fee_schedule"] for row in rows] == [PROFILE["fee_schedule"]]
    assert json.loads(entries(data)["manifest.json"])["counts"]["clinic"] == 1
    _forget(filled.clinic)
    assert not ClinicProfile.objects.exists()

    result = workspace_import(source=io.BytesIO(data))

    assert result.workspace is not None
    after = _profile(result.workspace)
    assert after == before
    assert after["fee_schedule"] == PROFILE["fee_schedule"]
    assert after["prescribers"] == PRESCRIBERS


def test_an_archive_without_the_clinic_entry_imports_without_a_profile(filled):
    data = export(filled.clinic)
    manifest = json.loads(entries(data)["manifest.json"])
    del manifest["counts"]["clinic"]
    del manifest["files"]["clinic.json"]
    older = rebuild(data, {"clinic.json": None, "manifest.json": json.dumps(manifest).encode()})
    _forget(filled.clinic)

    result = workspace_import(source=io.BytesIO(older))

    assert result.workspace is not None
    assert not ClinicProfile.objects.filter(workspace=result.workspace).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows[0]["fee_schedule"].append({"code": "99214", "charge": "-5"}), "charge"),
        (lambda rows: rows[0]["fee_schedule"].append({"code": 99214, "charge": "5"}), "code"),
        (lambda rows: rows[0]["prescribers"].append({"npi": "1"}), "prescribers[1].name"),
        (lambda rows: rows.append(dict(rows[0], id=rows[0]["id"] + 1)), "at most one"),
    ],
)
def test_a_bad_clinic_profile_is_refused_naming_the_field(filled, change, message):
    data = export(filled.clinic)
    rows = json.loads(entries(data)["clinic.json"])
    change(rows)
    bad = rebuild(data, {"clinic.json": json.dumps(rows).encode()})
    _forget(filled.clinic)
    with pytest.raises(ArchiveError, match=r"clinic\.json") as raised:
        workspace_import(source=io.BytesIO(bad))
    assert message in str(raised.value)
    assert not ClinicProfile.objects.exists()


def test_importing_into_a_workspace_with_its_own_profile_is_refused(filled, world):
    data = export(filled.clinic)
    empty = Workspace.objects.create(name="Empty clinic")
    Membership.objects.create(user=world.owner, workspace=empty, role="owner")
    clinic_profile_save(user=world.owner, workspace=empty, fields=PROFILE, prescribers=[])
    with pytest.raises(ArchiveError, match="its own clinic profile"):
        workspace_import(source=io.BytesIO(data), into=empty, link_existing_users=True)
