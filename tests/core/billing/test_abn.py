"""The Advance Beneficiary Notice (form CMS-R-131) filled from a case, and the GA/GZ modifier it
puts on the Original Medicare claim lines it covers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.billing import compose as compose_claim
from ketacover.core.billing.abn import abn_applies, compose
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.model import AbnOption, AdvanceNotice, Case, PayerCategory
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
FIRST = date(2026, 11, 16)
SECOND = date(2026, 11, 19)


def iv_medicare() -> Case:
    return load_case(EXAMPLES / "medicare-iv-ketamine.yaml")


def modifiers(case: Case, on: date) -> dict[str, tuple[str, ...]]:
    return {line.code: line.modifiers for line in compose_claim(case, on=on).lines}


def test_the_notice_is_filled_from_the_case_with_the_claims_own_lines_and_charges():
    case = iv_medicare()
    notice = compose(case)
    assert notice.notifier == "Desert Example Infusion Center"
    assert notice.notifier_address == ("900 Example Canyon Drive", "Tucson, AZ 85705-1122")
    assert notice.notifier_phone == "520-555-0290"
    assert notice.patient_name == "Walter Pinecrest"
    assert notice.identification == "case-0012"
    assert "XKC000998877" not in notice.identification
    assert [(item.code, item.units, item.charge) for item in notice.items] == [
        ("J3490", 1, Decimal("40.00")),
        ("96365", 1, Decimal("360.00")),
    ]
    claim = compose_claim(case, on=SECOND)
    assert notice.per_session == claim.total == Decimal("400.00")
    assert (notice.sessions, notice.course) == (6, Decimal("2400.00"))
    assert "not reasonable and necessary" in notice.reason
    assert "starting November 16, 2026" in notice.additional[0]


def test_the_office_visit_is_not_on_the_notice():
    notice = compose(iv_medicare())
    assert "99214" not in [item.code for item in notice.items]


def test_a_longer_infusion_adds_its_further_hour_to_the_estimate():
    case = iv_medicare()
    assert case.treatment_plan is not None
    case = replace(case, treatment_plan=replace(case.treatment_plan, infusion_minutes=100))
    notice = compose(case)
    assert [item.code for item in notice.items] == ["J3490", "96365", "96366"]
    assert notice.per_session == Decimal("550.00")


def test_every_missing_fact_is_named():
    case = iv_medicare()
    assert case.clinic is not None
    assert case.treatment_plan is not None
    case = replace(
        case,
        clinic=replace(case.clinic, phone=None, address=None),
        treatment_plan=replace(case.treatment_plan, dose_mg=None, ndc=None),
    )
    with pytest.raises(MissingFactsError) as raised:
        compose(case)
    paths = [item.split(":")[0] for item in raised.value.missing]
    assert paths == ["clinic.address", "clinic.phone", "treatment_plan.dose_mg"]


def test_a_fee_schedule_without_the_infusion_code_is_named_by_code():
    case = iv_medicare()
    assert case.clinic is not None
    fees = tuple(fee for fee in case.clinic.fee_schedule if fee.code != "96365")
    with pytest.raises(MissingFactsError, match="96365"):
        compose(replace(case, clinic=replace(case.clinic, fee_schedule=fees)))


@pytest.mark.parametrize(
    ("example", "category", "applies"),
    [
        ("medicare-iv-ketamine", None, True),
        ("medicare-esketamine", None, False),
        ("medicare-iv-ketamine", PayerCategory.MEDICARE_ADVANTAGE, False),
        ("crps-iv-ketamine-ppo", None, False),
    ],
)
def test_the_notice_is_for_original_medicare_and_ketamine_only(example, category, applies):
    case = load_case(EXAMPLES / f"{example}.yaml")
    if category is not None:
        assert case.plan is not None
        case = replace(case, plan=replace(case.plan, category=category))
    assert abn_applies(case) is applies
    if not applies:
        with pytest.raises(KetacoverError, match="ABN is not written"):
            compose(case)


def test_with_a_signed_notice_the_ketamine_lines_carry_ga_and_the_visit_does_not():
    lines = modifiers(iv_medicare(), FIRST)
    assert lines == {"J3490": ("GA",), "99214": ("25",), "96365": ("GA",)}


def test_without_a_notice_the_ketamine_lines_carry_gz():
    lines = modifiers(replace(iv_medicare(), abn=None), SECOND)
    assert lines == {"J3490": ("GZ",), "96365": ("GZ",)}


def test_a_notice_signed_after_the_date_of_service_does_not_cover_it():
    case = replace(iv_medicare(), abn=AdvanceNotice(signed=SECOND, option=AbnOption.BILL_MEDICARE))
    assert modifiers(case, FIRST)["96365"] == ("GZ",)
    assert modifiers(case, SECOND)["96365"] == ("GA",)


def test_option_two_leaves_the_ketamine_lines_off_the_medicare_claim():
    case = replace(iv_medicare(), abn=AdvanceNotice(signed=FIRST, option=AbnOption.DO_NOT_BILL))
    claim = compose_claim(case, on=FIRST)
    assert [line.code for line in claim.lines] == ["99214"]
    assert any("option 2" in note for note in claim.notes)


def test_a_medicare_advantage_claim_carries_no_liability_modifier():
    case = iv_medicare()
    assert case.plan is not None
    case = replace(
        case, plan=replace(case.plan, category=PayerCategory.MEDICARE_ADVANTAGE), abn=None
    )
    assert modifiers(case, SECOND) == {"J3490": (), "96365": ()}


def test_esketamine_under_original_medicare_carries_no_liability_modifier():
    case = load_case(EXAMPLES / "medicare-esketamine.yaml")
    claim = compose_claim(case, on=case.sessions[0].on)
    assert all(not {"GA", "GZ"} & set(line.modifiers) for line in claim.lines)
