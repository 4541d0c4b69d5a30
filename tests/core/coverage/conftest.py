"""A builder of synthetic cases: an esketamine-ready adult with treatment-resistant depression on
a commercial PPO, changed by keyword overrides (``plan=None``, ``diagnoses=(...)``, ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ketacover.core.model import (
    Case,
    Clinic,
    ClinicalHistory,
    Clinician,
    Diagnosis,
    NetworkStatus,
    Outcome,
    Patient,
    PayerCategory,
    Plan,
    PlanType,
    Scale,
    ScaleScore,
    Specialty,
    SubstanceUse,
    Treatment,
    TreatmentPlan,
    TreatmentTrial,
)

TODAY = date(2026, 11, 23)

CaseBuilder = Callable[..., Case]


def ready_plan(**changes: Any) -> Plan:
    plan = Plan(
        payer="Example Health",
        category=PayerCategory.COMMERCIAL_SELF_FUNDED,
        plan_type=PlanType.PPO,
        member_id="XEH123456789",
        group_number="G-4242",
        phone_behavioral_health="800-555-0101",
        phone_medical="800-555-0102",
        out_of_network_benefits=True,
        prior_authorization_required=True,
    )
    return replace(plan, **changes)


def trial(name: str, weeks: int = 8, **changes: Any) -> TreatmentTrial:
    base = TreatmentTrial(
        name=name,
        weeks=weeks,
        adequate_dose=True,
        outcome=Outcome.NO_RESPONSE,
        current_episode=True,
    )
    return replace(base, **changes)


def build_case(**overrides: Any) -> Case:
    case = Case(
        id="case-test",
        patient=Patient(given_name="Alex", family_name="Example", date_of_birth=date(1985, 4, 2)),
        plan=ready_plan(),
        clinic=Clinic(
            name="Example Ketamine Clinic",
            npi="1234567893",
            network_status=NetworkStatus.IN_NETWORK,
            rems_certified=True,
        ),
        prescriber=Clinician(
            name="Dr. Sam Example",
            npi="1234567893",
            specialty=Specialty.PSYCHIATRY,
            network_status=NetworkStatus.IN_NETWORK,
        ),
        diagnoses=(Diagnosis(code="F33.2", primary=True),),
        scores=(ScaleScore(scale=Scale.PHQ9, score=21, on=date(2026, 11, 2)),),
        treatment_history=(
            trial("sertraline", 12, improvement_percent=Decimal(10)),
            trial("venlafaxine", 8, improvement_percent=Decimal(20)),
        ),
        history=ClinicalHistory(
            bipolar_history=False,
            psychotic_features=False,
            substance_use=SubstanceUse.NONE,
            suicidal_ideation=False,
        ),
        treatment_plan=TreatmentPlan(
            treatment=Treatment.ESKETAMINE, sessions=8, start=date(2026, 12, 1)
        ),
    )
    return replace(case, **overrides)


@pytest.fixture
def make_case() -> CaseBuilder:
    """The builder: ``make_case(plan=None)`` is the ready case without a plan."""
    return build_case


@pytest.fixture
def make_plan() -> Callable[..., Plan]:
    """The ready case's plan with changes: ``make_plan(plan_type=PlanType.HMO)``."""
    return ready_plan


@pytest.fixture
def make_trial() -> Callable[..., TreatmentTrial]:
    """An adequate failed trial in the current episode: ``make_trial("sertraline", 12)``."""
    return trial
