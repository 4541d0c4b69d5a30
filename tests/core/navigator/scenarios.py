"""Synthetic situations the navigator tests walk through (no real person)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ketacover.core.model import DenialReason, Outcome, PlanType, Treatment
from ketacover.core.navigator.answers import (
    AgeGroup,
    Answers,
    Condition,
    Coverage,
    DenialLevelAnswer,
    Medication,
    PlanKind,
    Severity,
)

TODAY = date(2026, 11, 23)

SCENARIOS: dict[str, Answers] = {
    "nothing known": Answers(),
    "job plan, Spravato, two failed medicines": Answers(
        age=AgeGroup.ADULT,
        state="OH",
        coverage=Coverage.EMPLOYER,
        plan_type=PlanType.PPO,
        insurer="Example Health",
        conditions=frozenset({Condition.DEPRESSION}),
        recurrent=True,
        severity=Severity.SEVERE,
        psychotic=False,
        bipolar=False,
        medications=(
            Medication("Zoloft", Outcome.NO_RESPONSE, 8),
            Medication("bupropion", Outcome.ONGOING),
        ),
        therapy=True,
        treatment=Treatment.ESKETAMINE,
        price_per_session=Decimal("900"),
        clinic_rems=True,
    ),
    "Marketplace HMO, IV ketamine, denied as experimental, final": Answers(
        age=AgeGroup.ADULT,
        state="MA",
        coverage=Coverage.MARKETPLACE,
        plan_kind=PlanKind.MARKETPLACE,
        plan_type=PlanType.HMO,
        insurer="Example Health",
        out_of_network=False,
        deductible=Decimal("2000"),
        coinsurance_percent=Decimal("30"),
        out_of_pocket_max=Decimal("8000"),
        conditions=frozenset({Condition.PTSD, Condition.DEPRESSION}),
        suicidal=True,
        treatment=Treatment.IV_KETAMINE,
        sessions=6,
        price_per_session=Decimal("650"),
        clinic_in_network=False,
        denial=True,
        denial_date=date(2026, 10, 30),
        denial_reason=DenialReason.EXPERIMENTAL_INVESTIGATIONAL,
        denial_level=DenialLevelAnswer.APPEAL_FINAL,
        given_name="Robin",
        family_name="Testperson",
        date_of_birth=date(1985, 4, 12),
        member_id="XKC000123456",
        street="1 Elm Street",
        city="Springfield",
        postal_code="01101",
    ),
    "Medicare of unknown kind, CRPS, denial": Answers(
        age=AgeGroup.ADULT,
        state="FL",
        coverage=Coverage.MEDICARE,
        conditions=frozenset({Condition.CRPS}),
        treatment=Treatment.IV_KETAMINE,
        denial=True,
        denial_date=date(2026, 11, 2),
    ),
    "Medicaid, bipolar, age unknown": Answers(
        coverage=Coverage.MEDICAID,
        plan_kind=PlanKind.MEDICAID_MANAGED_CARE,
        conditions=frozenset({Condition.DEPRESSION}),
        bipolar=True,
        treatment=Treatment.ESKETAMINE,
    ),
}
