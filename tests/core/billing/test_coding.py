"""Session coding, table by table: each row is one session and the lines it must bill."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.billing import code_session, regime
from ketacover.core.errors import InvalidCodeError
from ketacover.core.model import (
    EsketamineSupply,
    PayerCategory,
    Plan,
    ProlongedServiceCode,
    Session,
    Treatment,
    TreatmentPlan,
)

AFTER = date(2026, 3, 2)
BEFORE = date(2025, 12, 31)
KETAMINE = TreatmentPlan(
    treatment=Treatment.IV_KETAMINE, sessions=6, ndc="12345-6789-01", strength="50 mg/mL"
)


def plan(category=PayerCategory.COMMERCIAL_FULLY_INSURED, **fields) -> Plan:
    fields.setdefault("esketamine_supply", EsketamineSupply.BUY_AND_BILL)
    return Plan(payer="Example Health", category=category, member_id="X1", **fields)


def lines(session: Session, on_plan: Plan | None = None, treatment_plan=KETAMINE):
    coding = code_session(
        session, "sessions[0]", regime=regime(on_plan or plan()), plan=treatment_plan
    )
    assert not coding.missing, coding.missing
    return [(line.code, line.units, line.modifiers) for line in coding.lines]


def esketamine(mg: int, on: date = AFTER, **fields) -> Session:
    return Session(
        on=on, treatment=Treatment.ESKETAMINE, dose_mg=Decimal(mg), minutes=120, **fields
    )


def infusion(minutes: int, **fields) -> Session:
    return Session(
        on=AFTER, treatment=Treatment.IV_KETAMINE, dose_mg=Decimal(35), minutes=minutes, **fields
    )


@pytest.mark.parametrize(
    ("mg", "on", "expected"),
    [
        (56, AFTER, [("J0013", 56, ())]),
        (84, AFTER, [("J0013", 84, ())]),
        (56, BEFORE, [("S0013", 56, ())]),
        (84, date(2026, 1, 1), [("J0013", 84, ())]),
        (84, date(2025, 1, 15), [("S0013", 84, ())]),
    ],
)
def test_buy_and_bill_esketamine_bills_the_drug_per_mg_with_the_code_of_the_date(mg, on, expected):
    assert lines(esketamine(mg, on)) == expected


@pytest.mark.parametrize(
    ("mg", "category", "expected"),
    [
        (56, PayerCategory.MEDICARE, "G2082"),
        (84, PayerCategory.MEDICARE, "G2083"),
        (56, PayerCategory.MEDICARE_ADVANTAGE, "G2082"),
        (84, PayerCategory.MEDICARE_ADVANTAGE, "G2083"),
    ],
)
def test_medicare_bills_the_bundled_g_code_and_never_j0013(mg, category, expected):
    assert lines(esketamine(mg), plan(category)) == [(expected, 1, ())]


def test_a_medicare_advantage_plan_that_says_so_takes_the_drug_and_visit_codes():
    advantage = plan(PayerCategory.MEDICARE_ADVANTAGE, follows_medicare_coding=False)
    assert lines(esketamine(84), advantage) == [("J0013", 84, ())]


@pytest.mark.parametrize("category", [PayerCategory.COMMERCIAL_SELF_FUNDED, PayerCategory.MEDICAID])
def test_commercial_and_medicaid_take_j0013(category):
    assert lines(esketamine(56), plan(category)) == [("J0013", 56, ())]


def test_a_specialty_pharmacy_supply_leaves_the_drug_off_and_bills_the_visit_and_staff_time():
    white_bag = plan(esketamine_supply=EsketamineSupply.SPECIALTY_PHARMACY)
    session = esketamine(84, em_code="99214", staff_minutes=40)
    assert lines(session, white_bag) == [("99214", 1, ()), ("99415", 1, ())]


def test_buy_and_bill_puts_the_drug_before_the_visit_and_staff_time():
    session = esketamine(84, em_code="99214", staff_minutes=40)
    assert lines(session) == [("J0013", 84, ()), ("99214", 1, ()), ("99415", 1, ())]


def test_an_unknown_supply_is_a_missing_fact_for_a_commercial_plan():
    coding = code_session(
        esketamine(56), "sessions[0]", regime=regime(plan(esketamine_supply=None)), plan=None
    )
    assert [m.split(":")[0] for m in coding.missing] == ["plan.esketamine_supply"]


@pytest.mark.parametrize(
    ("staff", "expected"),
    [
        (0, []),
        (29, []),
        (30, [("99415", 1, ())]),
        (74, [("99415", 1, ())]),
        (75, [("99415", 1, ()), ("99416", 1, ())]),
        (104, [("99415", 1, ()), ("99416", 1, ())]),
        (105, [("99415", 1, ()), ("99416", 2, ())]),
    ],
)
def test_staff_time_bills_99415_and_99416_from_each_threshold(staff, expected):
    white_bag = plan(esketamine_supply=EsketamineSupply.SPECIALTY_PHARMACY)
    session = esketamine(56, em_code="99214", staff_minutes=staff)
    assert lines(session, white_bag) == [("99214", 1, ()), *expected]


def test_a_two_hour_wait_with_little_active_time_bills_no_prolonged_service():
    session = esketamine(84, em_code="99214", staff_minutes=10)
    coding = code_session(session, "sessions[0]", regime=regime(plan()), plan=None)
    assert [line.code for line in coding.lines] == ["J0013", "99214"]
    assert any("120-minute wait does not count" in note for note in coding.notes)


def test_staff_time_without_a_documented_visit_bills_nothing_and_says_why():
    coding = code_session(
        esketamine(84, staff_minutes=90), "sessions[0]", regime=regime(plan()), plan=None
    )
    assert [line.code for line in coding.lines] == ["J0013"]
    assert any("add-on to an E/M" in note for note in coding.notes)


@pytest.mark.parametrize(
    ("code", "em", "minutes", "units"),
    [
        (ProlongedServiceCode.CPT_99417, "99215", 54, 0),
        (ProlongedServiceCode.CPT_99417, "99215", 55, 1),
        (ProlongedServiceCode.CPT_99417, "99215", 70, 2),
        (ProlongedServiceCode.CPT_99417, "99215", 200, 4),
        (ProlongedServiceCode.CPT_99417, "99205", 74, 0),
        (ProlongedServiceCode.CPT_99417, "99205", 75, 1),
        (ProlongedServiceCode.CPT_99417, "99214", 90, 0),
        (ProlongedServiceCode.G2212, "99215", 68, 0),
        (ProlongedServiceCode.G2212, "99215", 69, 1),
        (ProlongedServiceCode.G2212, "99205", 88, 0),
        (ProlongedServiceCode.G2212, "99205", 89, 1),
        (ProlongedServiceCode.G2212, "99205", 119, 3),
    ],
)
def test_practitioner_time_bills_its_plans_code_from_each_threshold(code, em, minutes, units):
    white_bag = plan(
        esketamine_supply=EsketamineSupply.SPECIALTY_PHARMACY, prolonged_service_code=code
    )
    session = esketamine(56, em_code=em, em_minutes=minutes, staff_minutes=45)
    got = lines(session, white_bag)
    assert got[0] == (em, 1, ())
    if units:
        assert got[1:] == [(code.value, units, ())]
    else:
        assert got[1:] == [("99415", 1, ())]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (15, [("96374", 1, ())]),
        (40, [("96365", 1, ())]),
        (90, [("96365", 1, ())]),
        (100, [("96365", 1, ()), ("96366", 1, ())]),
        (150, [("96365", 1, ()), ("96366", 1, ())]),
        (160, [("96365", 1, ()), ("96366", 2, ())]),
    ],
)
def test_infusion_minutes_decide_the_administration_codes(minutes, expected):
    assert lines(infusion(minutes)) == [("J3490", 1, ()), *expected]


def test_the_ketamine_line_carries_the_ndc_and_the_millilitres_given():
    coding = code_session(infusion(40), "sessions[0]", regime=regime(plan()), plan=KETAMINE)
    drug = coding.lines[0].drug
    assert drug is not None
    assert (drug.ndc, drug.unit, drug.quantity) == ("12345678901", "ML", Decimal("0.7"))


@pytest.mark.parametrize(
    ("therapy", "addon"),
    [(15, None), (16, "90833"), (37, "90833"), (38, "90836"), (52, "90836"), (53, "90838")],
)
def test_hybrid_psychotherapy_minutes_choose_the_add_on_at_each_boundary(therapy, addon):
    session = infusion(
        40, em_code="99214", em_separately_identifiable=True, therapy_minutes=therapy
    )
    visit = [("99214", 1, ("25",))] + ([(addon, 1, ())] if addon else [])
    assert lines(session) == [("J3490", 1, ()), *visit, ("96365", 1, ())]


def test_an_em_with_a_procedure_needs_to_say_whether_it_is_separately_identifiable():
    coding = code_session(
        infusion(40, em_code="99214"), "sessions[0]", regime=regime(plan()), plan=KETAMINE
    )
    assert [m.split(":")[0] for m in coding.missing] == ["sessions[0].em_separately_identifiable"]


def test_an_em_that_is_part_of_the_procedure_is_not_billed():
    session = infusion(40, em_code="99214", em_separately_identifiable=False)
    assert lines(session) == [("J3490", 1, ()), ("96365", 1, ())]


def test_a_medicare_em_beside_the_g_code_carries_modifier_25():
    session = esketamine(84, em_code="99214", em_separately_identifiable=True, staff_minutes=90)
    assert lines(session, plan(PayerCategory.MEDICARE)) == [
        ("G2083", 1, ()),
        ("99214", 1, ("25",)),
    ]


@pytest.mark.parametrize("mg", [0, 30, 100])
def test_an_esketamine_dose_not_made_of_28_mg_devices_is_refused_naming_the_field(mg):
    with pytest.raises(InvalidCodeError, match=r"sessions\[0\]\.dose_mg"):
        lines(esketamine(mg))


def test_missing_ndc_strength_and_minutes_are_each_named():
    session = Session(on=AFTER, treatment=Treatment.IV_KETAMINE, dose_mg=Decimal(35))
    bare = TreatmentPlan(treatment=Treatment.IV_KETAMINE, sessions=6)
    coding = code_session(session, "sessions[3]", regime=regime(plan()), plan=bare)
    paths = [m.split(":")[0] for m in coding.missing]
    assert paths == ["treatment_plan.ndc", "treatment_plan.strength", "sessions[3].minutes"]
