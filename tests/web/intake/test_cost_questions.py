from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ketacover.web.cases.services import case_of

pytestmark = pytest.mark.django_db

TREATMENT = {
    "treatment": "esketamine",
    "sessions": "21",
    "price_per_session": "1050.00",
    "dose_mg": "84",
    "start": "2026-12-01",
    "suicidal_ideation": "no",
    "bipolar_history": "no",
    "psychotic_features": "no",
    "substance_use": "none",
}


def url(record, step):
    return reverse("intake:step", args=[record.pk, step])


def test_the_treatment_step_asks_for_the_allowed_amount_and_saves_it(world):
    client = world.client_for(world.staff)
    record = world.case
    page = client.get(url(record, "treatment")).content.decode()
    assert "Plan&#x27;s allowed amount per session ($), if known" in page
    assert 'name="allowed_per_session" value="820.00"' in page
    data = {**TREATMENT, "allowed_per_session": "640.50", "version": record.version}
    assert client.post(url(record, "treatment"), data).status_code == 302
    record.refresh_from_db()
    plan = case_of(record).treatment_plan
    assert plan is not None
    assert plan.allowed_per_session == Decimal("640.50")


def test_without_an_allowed_amount_the_step_says_what_the_cost_needs_and_the_ceiling(world):
    client = world.client_for(world.staff)
    record = world.case
    data = {**TREATMENT, "allowed_per_session": "", "version": record.version}
    client.post(url(record, "treatment"), data)
    page = client.get(url(record, "treatment")).content.decode()
    assert "For the cost estimate" in page
    assert "allowed amount" in page.split('id="cost-needs"')[1].split("</div>")[0]
    # In network: $5,000 maximum with $900 met; out of network: $10,000 with nothing met.
    assert "the patient pays at most $4,100.00 in cost sharing" in page
    assert "the patient pays at most $10,000.00 in cost sharing" in page
    assert "balance billing" in page


def test_with_the_allowed_amount_known_no_ceiling_is_shown(world):
    page = world.client_for(world.staff).get(url(world.case, "treatment")).content.decode()
    assert "the patient pays at most" not in page


def test_the_plan_step_names_the_out_of_network_terms_the_cost_still_needs(world):
    client = world.client_for(world.outsider)
    record = world.other_case
    plan = {
        "payer": "Example Health",
        "category": "commercial_fully_insured",
        "in_deductible": "1500",
        "in_coinsurance_percent": "20",
        "in_out_of_pocket_max": "5000",
        "out_of_network_benefits": "yes",
        "version": record.version,
    }
    assert client.post(url(record, "plan"), plan).status_code == 302
    page = client.get(url(record, "plan")).content.decode()
    needs = page.split('id="cost-needs"')[1].split("</div>")[0]
    assert "Ask the plan for the out-of-network deductible" in needs
    assert "out-of-network coinsurance" in needs
    assert "marginal tax rate" not in needs
