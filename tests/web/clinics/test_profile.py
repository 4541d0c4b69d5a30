"""The clinic profile page: owners and staff save the workspace's clinic, prescribers and fee
schedule (audited); bad input is named by field and line and nothing is stored; new cases start
with the profile; claims are priced from it when the case has no fees of its own."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from ketacover.core.billing import compose
from ketacover.core.model import Clinic, Fee
from ketacover.interop.casefile import load_case
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.services import case_create, case_of
from ketacover.web.clinics.models import ClinicProfile
from ketacover.web.clinics.profile import for_billing, prefilled

from ..conftest import EXAMPLES, TODAY, _user

pytestmark = pytest.mark.django_db

FEES = "J0013 16.00\n99214 180\n99415 95.00\n99416 $60"


def _data(**changes: str) -> dict[str, str]:
    data = {
        "name": "Harbor Example Psychiatry",
        "line1": "10 Example Way",
        "city": "Boston",
        "state": "MA",
        "postal_code": "02110-1234",
        "phone": "617-555-0100",
        "npi": "1234567893",
        "tin": "12-3456789",
        "taxonomy": "2084p0800x",
        "place_of_service": "11",
        "fee_schedule": FEES,
        "prescriber-TOTAL_FORMS": "2",
        "prescriber-INITIAL_FORMS": "0",
        "prescriber-MIN_NUM_FORMS": "0",
        "prescriber-MAX_NUM_FORMS": "20",
        "prescriber-0-name": "Avery Example",
        "prescriber-0-credentials": "MD",
        "prescriber-0-npi": "1245319599",
        "prescriber-0-specialty": "psychiatry",
        "prescriber-0-rems_setting": "RS-1001",
        "prescriber-1-name": "",
    }
    data.update(changes)
    return data


def _url(world) -> str:
    return reverse("clinics:profile", args=[world.clinic.pk])


def test_the_owner_saves_the_clinic_profile_and_the_save_is_audited(world):
    response = world.client_for(world.owner).post(_url(world), _data())
    assert response.status_code == 302
    profile = ClinicProfile.objects.get(workspace=world.clinic)
    assert profile.npi == "1234567893"
    assert profile.taxonomy == "2084P0800X"
    assert profile.fee_schedule == [
        {"code": "J0013", "charge": "16.00"},
        {"code": "99214", "charge": "180.00"},
        {"code": "99415", "charge": "95.00"},
        {"code": "99416", "charge": "60.00"},
    ]
    assert profile.prescribers[0]["name"] == "Avery Example"
    assert profile.prescribers[0]["rems_setting"] == "RS-1001"
    event = AuditEvent.objects.get(object_type="clinic_profile", action=Action.CREATE)
    assert event.workspace_id == world.clinic.pk
    assert event.detail["fees"] == 4
    assert "Harbor" not in str(event.detail)
    page = world.client_for(world.staff).get(_url(world)).content.decode()
    assert "J0013 16.00" in page
    assert "Avery Example" in page


@pytest.mark.parametrize(
    ("fees", "words"),
    [
        ("J0013 -2.00", "Line 1 (J0013): a charge cannot be negative."),
        ("99214 180\nJ0013 abc", "Line 2 (J0013): &#x27;abc&#x27; is not an amount in dollars."),
        ("99214", "Line 1 (99214): the charge is missing"),
        ("J9999 10", "Line 1 (J9999): procedure code J9999 is not one of the procedure codes"),
        ("99214 1\n99214 2", "Line 2 (99214): 99214 is already priced on line 1."),
        ("99214 1.005", "Line 1 (99214): write the charge in dollars and cents"),
    ],
)
def test_a_bad_fee_line_is_named_and_nothing_is_stored(world, fees, words):
    response = world.client_for(world.owner).post(_url(world), _data(fee_schedule=fees))
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not ClinicProfile.objects.exists()
    assert not AuditEvent.objects.filter(object_type="clinic_profile").exists()


def test_a_bad_npi_or_half_an_address_is_named_and_nothing_is_stored(world):
    client = world.client_for(world.owner)
    response = client.post(_url(world), _data(**{"prescriber-0-npi": "1234567890"}))
    assert response.status_code == 400
    assert "NPPES" in response.content.decode()
    response = client.post(_url(world), _data(city=""))
    assert response.status_code == 400
    assert "Give the whole service address" in response.content.decode()
    assert not ClinicProfile.objects.exists()


def test_another_workspace_gets_404_and_a_prescriber_member_403(world):
    assert world.client_for(world.outsider).get(_url(world)).status_code == 404
    assert world.client_for(world.outsider).post(_url(world), _data()).status_code == 404
    prescriber = _user("prescriber")
    Membership.objects.create(workspace=world.clinic, user=prescriber, role=Role.PRESCRIBER)
    assert world.client_for(prescriber).post(_url(world), _data()).status_code == 403
    assert not ClinicProfile.objects.exists()


def test_a_new_case_without_a_clinic_starts_with_the_profile_and_the_chosen_prescriber(world):
    client = world.client_for(world.owner)
    extra = {
        "prescriber-1-name": "Blake Example",
        "prescriber-1-npi": "1679576722",
    }
    client.post(_url(world), _data(**extra))
    start = client.get(reverse("intake:start")).content.decode()
    assert "Prescriber (from the clinic profile)" in start
    response = client.post(
        reverse("intake:start"),
        {
            "case_id": "case-new-1",
            "workspace": world.clinic.pk,
            "prescriber": f"{world.clinic.pk}:1",
            "given_name": "Rowan",
            "family_name": "Examplesson",
            "date_of_birth": "1980-02-03",
            "sex": "unknown",
        },
    )
    assert response.status_code == 302
    case = case_of(world.clinic.cases.get(case_id="case-new-1"))
    assert case.clinic is not None
    assert case.clinic.npi == "1234567893"
    assert case.clinic.fee_schedule[0] == Fee(code="J0013", charge=Decimal("16.00"))
    assert case.prescriber is not None
    assert case.prescriber.name == "Blake Example"


def test_a_prescriber_of_another_workspace_cannot_be_chosen(world):
    other = world.other_clinic
    Membership.objects.create(workspace=other, user=world.owner, role=Role.OWNER)
    world.client_for(world.owner).post(
        reverse("clinics:profile", args=[other.pk]), _data(name="Elsewhere billing")
    )
    response = world.client_for(world.owner).post(
        reverse("intake:start"),
        {
            "case_id": "case-new-2",
            "workspace": world.clinic.pk,
            "prescriber": f"{other.pk}:0",
            "given_name": "Rowan",
            "family_name": "Examplesson",
            "date_of_birth": "1980-02-03",
            "sex": "unknown",
        },
    )
    assert response.status_code == 200
    assert "This prescriber is in another workspace." in response.content.decode()
    assert not world.clinic.cases.filter(case_id="case-new-2").exists()


def test_the_case_file_s_own_clinic_and_fees_win_over_the_profile(world):
    world.client_for(world.owner).post(_url(world), _data())
    profile = ClinicProfile.objects.get()
    case = load_case(EXAMPLES / "approved-pa-reauth.yaml")
    assert case.clinic is not None
    assert case.clinic.fee_schedule
    assert for_billing(case, profile) == case
    assert prefilled(case, profile).clinic == case.clinic

    no_fees = replace(case, clinic=replace(case.clinic, fee_schedule=()))
    billed = for_billing(no_fees, profile)
    assert billed.clinic is not None
    assert billed.clinic.name == case.clinic.name
    assert [fee.code for fee in billed.clinic.fee_schedule] == ["J0013", "99214", "99415", "99416"]
    claim = compose(billed, on=case.sessions[0].on)
    assert [(line.code, line.charge) for line in claim.lines] == [
        ("J0013", Decimal("896.00")),
        ("99214", Decimal("180.00")),
        ("99415", Decimal("95.00")),
    ]

    no_clinic = replace(case, clinic=None)
    assert for_billing(no_clinic, profile).clinic == Clinic(
        name="Harbor Example Psychiatry",
        npi="1234567893",
        tin="12-3456789",
        address=for_billing(no_clinic, profile).clinic.address,
        phone="617-555-0100",
        taxonomy="2084P0800X",
        place_of_service="11",
        fee_schedule=billed.clinic.fee_schedule,
    )


def test_importing_a_case_file_without_a_clinic_fills_it_from_the_profile(world):
    world.client_for(world.owner).post(_url(world), _data())
    case = replace(load_case(EXAMPLES / "approved-pa-reauth.yaml"), id="case-0077", clinic=None)
    case = replace(case, prescriber=None)
    record = case_create(user=world.owner, workspace=world.clinic, case=case, today=TODAY)
    stored = case_of(record)
    assert stored.clinic is not None
    assert stored.clinic.name == "Harbor Example Psychiatry"
    assert stored.prescriber is not None
    assert stored.prescriber.name == "Avery Example"
