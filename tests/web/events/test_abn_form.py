"""Recording the Advance Beneficiary Notice an Original Medicare patient signed, from the claims
section: the date and option are kept on the case, checked field by field, version-checked and
audited, and the claims then carry GA instead of GZ."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketacover.core.billing import compose
from ketacover.core.model import AbnOption, Treatment
from ketacover.interop.casefile import load_case
from ketacover.web.audit.models import Action, AuditEvent
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_create, case_of
from ketacover.web.events.sections import CasePage, section_context

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def medicare_case(world):
    """The Original Medicare IV-ketamine example without its signed notice."""
    case = load_case(EXAMPLES / "medicare-iv-ketamine.yaml")
    return case_create(
        user=world.owner, workspace=world.clinic, case=replace(case, abn=None), today=TODAY
    )


def _url(record):
    return reverse("events:abn", args=[record.pk])


def _abn(form_data, version, **extra):
    values = {"version": version, "signed": "2026-11-10", "option": "bill_medicare"}
    values["treatment"] = "iv_ketamine"
    values.update(extra)
    return form_data("abn", **values)


def test_the_claims_section_of_an_original_medicare_case_asks_for_the_signed_abn(world):
    record = medicare_case(world)
    page = CasePage(record=record, case=case_of(record), today=TODAY, can_edit=True)
    context = section_context("claims", page)
    assert context["abn_open"] is True
    assert context["abn"] is None
    url = reverse("cases:section", args=[record.pk, "claims"])
    text = world.client_for(world.staff).get(url).content.decode()
    assert "No signed ABN is recorded" in text
    assert _url(record) in text
    assert "1: bill Medicare (the patient pays if it does not)" in text


def test_a_case_not_under_original_medicare_shows_no_abn_form(world):
    page = CasePage(record=world.case, case=case_of(world.case), today=TODAY, can_edit=True)
    assert section_context("claims", page)["abn_open"] is False


def test_staff_record_the_signed_abn_and_the_claim_bills_ga_audited(world, form_data):
    record = medicare_case(world)
    session_day = case_of(record).sessions[0].on
    assert "GZ" in compose(case_of(record), on=session_day).lines[0].modifiers
    response = world.client_for(world.staff).post(
        _url(record), _abn(form_data, record.version), **HTMX
    )
    assert response.status_code == 200
    assert "Signed ABN recorded" in response.content.decode()
    saved = CaseRecord.objects.get(pk=record.pk)
    notice = case_of(saved).abn
    assert notice is not None
    assert (notice.signed, notice.option, notice.treatment) == (
        date(2026, 11, 10),
        AbnOption.BILL_MEDICARE,
        Treatment.IV_KETAMINE,
    )
    assert saved.version == record.version + 1
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(record.pk)).latest("at")
    assert event.detail["changed"] == "abn"
    modifiers = [line.modifiers for line in compose(case_of(saved), on=session_day).lines]
    assert any("GA" in m for m in modifiers)
    assert not any("GZ" in m for m in modifiers)
    assert "Signed on Nov 10, 2026: option 1" in response.content.decode()


def test_a_future_signing_date_is_refused_on_its_field(world, form_data):
    record = medicare_case(world)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = world.client_for(world.staff).post(
        _url(record), _abn(form_data, record.version, signed=future), **HTMX
    )
    text = response.content.decode()
    assert "the date is in the future" in text
    assert CaseRecord.objects.get(pk=record.pk).version == record.version


def test_a_missing_option_is_named(world, form_data):
    record = medicare_case(world)
    response = world.client_for(world.staff).post(
        _url(record), _abn(form_data, record.version, option=""), **HTMX
    )
    assert "This field is required." in response.content.decode()
    assert case_of(CaseRecord.objects.get(pk=record.pk)).abn is None


def test_a_stale_version_is_a_conflict_and_nothing_is_written(world, form_data):
    record = medicare_case(world)
    response = world.client_for(world.staff).post(_url(record), _abn(form_data, record.version + 5))
    assert response.status_code == 409
    assert case_of(CaseRecord.objects.get(pk=record.pk)).abn is None


def test_an_abn_on_a_medicare_advantage_case_is_refused(world, form_data):
    response = world.client_for(world.staff).post(
        _url(world.case), _abn(form_data, world.case.version), **HTMX
    )
    assert "not Original Medicare" in response.content.decode()
    assert case_of(CaseRecord.objects.get(pk=world.case.pk)).abn is None


def test_a_patient_and_an_outsider_cannot_record_an_abn(world, form_data):
    record = medicare_case(world)
    data = _abn(form_data, record.version)
    assert world.client_for(world.outsider).post(_url(record), data).status_code == 404
    assert CaseRecord.objects.get(pk=record.pk).version == record.version
