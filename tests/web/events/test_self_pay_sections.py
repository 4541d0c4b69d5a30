"""A self-pay case's claims and documents sections say when the Good Faith Estimate is due, and
once the bill is well above it, the patient's dispute window; the work queue lists the estimate's
deadline in words; an Original Medicare case waiting for its claims reads "Ready to bill"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ketacover.core.model import Session, Treatment
from ketacover.interop.casefile import load_case
from ketacover.web.cases.services import case_create

from ..conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.django_db


def _self_pay(world, **changes):
    case = load_case(EXAMPLES / "self-pay-iv-ketamine-gfe.yaml")
    return case_create(
        user=world.owner, workspace=world.clinic, case=replace(case, **changes), today=TODAY
    )


def _section(world, record, name):
    url = reverse("cases:section", args=[record.pk, name])
    return world.client_for(world.staff).get(url).content.decode()


def test_the_claims_section_says_no_claim_goes_to_the_plan_and_when_the_estimate_is_due(world):
    text = _section(world, _self_pay(world), "claims")
    card = text.split('id="self-pay-billing"')[1].split("</div>")[0]
    assert "no claim goes to the plan" in card
    assert "Give the patient the Good Faith Estimate: Wed Nov 25, 2026" in card


def test_the_documents_section_gives_the_estimate_s_last_day(world):
    text = _section(world, _self_pay(world), "documents")
    assert "Give it to the patient by Wed Nov 25, 2026" in text


def test_a_bill_well_above_the_estimate_shows_the_dispute_window(world):
    sessions = tuple(
        Session(
            on=date(2026, 12, day),
            treatment=Treatment.IV_KETAMINE,
            dose_mg=Decimal(35),
            minutes=120,
        )
        for day in (7, 9, 11, 14, 16, 18)
    )
    case = load_case(EXAMPLES / "self-pay-iv-ketamine-gfe.yaml")
    assert case.treatment_plan is not None
    plan = replace(
        case.treatment_plan, estimate_given_on=date(2026, 11, 23), billed_on=date(2026, 12, 28)
    )
    record = _self_pay(world, sessions=sessions, treatment_plan=plan)
    card = _section(world, record, "claims").split('id="self-pay-billing"')[1].split("</div>")[0]
    assert "it was given on Nov 23, 2026" in card
    assert "Last day for the patient to dispute the bill: Tue Apr 27, 2027" in card
    assert "$720.00 more than the $1,920.00" in card
    assert "Give the patient the Good Faith Estimate:" not in card


def test_the_estimate_s_deadline_is_in_the_work_queue_in_words(world):
    from ketacover.web.cases import queue

    record = _self_pay(world)
    due = queue.deadlines_due(user=world.owner, today=TODAY)
    rows = [row for group in due.values() for row in group.rows if row.case_pk == record.pk]
    assert ("Give the patient the Good Faith Estimate", date(2026, 11, 25)) in [
        (row.label, row.due) for row in rows
    ]


def test_an_original_medicare_case_waiting_for_its_claims_reads_ready_to_bill(world):
    case = load_case(EXAMPLES / "medicare-iv-ketamine.yaml")
    record = case_create(user=world.owner, workspace=world.clinic, case=case, today=TODAY)
    assert record.get_stage_display() == "Ready to bill"
    text = world.client_for(world.staff).get(reverse("cases:detail", args=[record.pk]))
    assert "Stage: Ready to bill" in text.content.decode()
