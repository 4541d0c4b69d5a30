from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.model import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    Case,
    Claim,
    ClaimStatus,
    Decision,
    Denial,
    PriorAuthorization,
    Treatment,
)
from ketacover.core.stage import Stage, stage_of
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def bare() -> Case:
    case = example("esketamine-ready-ppo")
    return replace(case, prior_authorizations=(), denials=(), appeals=(), claims=(), sessions=())


def pa(decision: Decision, submitted: date, decided: date | None = None) -> PriorAuthorization:
    return PriorAuthorization(
        id=f"pa-{submitted}",
        treatment=Treatment.ESKETAMINE,
        submitted=submitted,
        decision=decision,
        decided=decided,
    )


def test_a_case_without_plan_or_treatment_plan_is_at_intake():
    assert stage_of(replace(bare(), plan=None)) is Stage.INTAKE
    assert stage_of(replace(bare(), treatment_plan=None)) is Stage.INTAKE


def test_a_complete_case_with_no_events_is_ready():
    assert stage_of(bare()) is Stage.READY


@pytest.mark.parametrize(
    ("decision", "stage"),
    [
        (Decision.PENDING, Stage.PA_PENDING),
        (Decision.APPROVED, Stage.APPROVED),
        (Decision.PARTIALLY_APPROVED, Stage.APPROVED),
        (Decision.DENIED, Stage.DENIED),
        (Decision.WITHDRAWN, Stage.READY),
    ],
)
def test_the_latest_prior_authorization_decides_the_stage(decision, stage):
    case = replace(bare(), prior_authorizations=(pa(decision, date(2026, 11, 1)),))
    assert stage_of(case) is stage


def test_a_denial_after_the_last_request_means_denied_and_an_appeal_means_appeal():
    denial = Denial(id="d-1", notice_date=date(2026, 11, 10))
    case = replace(bare(), prior_authorizations=(pa(Decision.PENDING, date(2026, 11, 1)),))
    assert stage_of(replace(case, denials=(denial,))) is Stage.DENIED
    appeal = Appeal(denial_id="d-1", submitted=date(2026, 11, 12))
    assert stage_of(replace(case, denials=(denial,), appeals=(appeal,))) is Stage.APPEAL
    review = replace(appeal, level=AppealLevel.EXTERNAL_REVIEW)
    assert stage_of(replace(case, denials=(denial,), appeals=(review,))) is Stage.EXTERNAL_REVIEW
    decided = replace(appeal, outcome=AppealOutcome.UPHELD)
    assert stage_of(replace(case, denials=(denial,), appeals=(decided,))) is Stage.DENIED


def test_a_new_request_after_a_denial_is_pending_again():
    denial = Denial(id="d-1", notice_date=date(2026, 10, 1))
    case = replace(
        bare(), denials=(denial,), prior_authorizations=(pa(Decision.PENDING, date(2026, 11, 1)),)
    )
    assert stage_of(case) is Stage.PA_PENDING


def test_a_paid_claim_means_paid():
    claim = Claim(service_from=date(2026, 11, 3), billed=Decimal("500"), status=ClaimStatus.PAID)
    assert stage_of(replace(bare(), claims=(claim,))) is Stage.PAID


def test_the_examples_land_in_the_stages_their_stories_tell():
    assert stage_of(example("medicare-advantage-pa-pending")) is Stage.PA_PENDING
    assert stage_of(example("approved-pa-reauth")) is Stage.APPROVED
    assert stage_of(example("denial-appeal-running")) is Stage.DENIED


def test_every_stage_has_a_label():
    assert Stage.PA_PENDING.label == "PA pending"
    assert Stage.EXTERNAL_REVIEW.label == "External review"
    assert all(stage.label for stage in Stage)


def test_original_medicare_with_its_facts_in_is_ready_to_bill():
    case = replace(
        example("medicare-iv-ketamine"), prior_authorizations=(), denials=(), appeals=(), claims=()
    )
    assert stage_of(case) is Stage.READY_TO_BILL
    assert Stage.READY_TO_BILL.label == "Ready to bill"


def test_a_commercial_case_with_its_facts_in_is_ready_to_submit():
    assert stage_of(bare()) is Stage.READY
    assert Stage.READY.label == "Ready to submit"
