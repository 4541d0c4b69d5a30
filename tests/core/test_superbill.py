from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.model import (
    Address,
    Case,
    Claim,
    ClaimStatus,
    Clinic,
    Clinician,
    Diagnosis,
    EsketamineSupply,
    Fee,
    Patient,
    PayerCategory,
    Plan,
    PlanType,
    Session,
    Treatment,
    TreatmentPlan,
)
from ketacover.core.superbill import PaymentSource, itemize

ADDRESS = Address(line1="1 Example Way", city="Springfield", state="IL", postal_code="62701")
FEES = tuple(
    Fee(code=code, charge=Decimal(charge))
    for code, charge in (
        ("J3490", "40.00"),
        ("96365", "460.00"),
        ("96366", "150.00"),
        ("96374", "120.00"),
        ("96372", "60.00"),
        ("J0013", "16.00"),
        ("S0013", "16.00"),
        ("G2082", "780.00"),
        ("G2083", "1050.00"),
    )
)
CLINIC = Clinic(
    name="Example Clinic", npi="1234567893", tin="00-0000001", address=ADDRESS, fee_schedule=FEES
)


def iv_case(*sessions: Session, **changes: object) -> Case:
    """A synthetic IV ketamine case with an NDC and strength on file."""
    case = Case(
        id="case-superbill",
        patient=Patient(
            given_name="Alex", family_name="Sample", date_of_birth=date(1980, 1, 2), address=ADDRESS
        ),
        plan=Plan(
            payer="Example Health",
            category=PayerCategory.COMMERCIAL_FULLY_INSURED,
            plan_type=PlanType.PPO,
            member_id="XKC000000001",
            group_number="GRP1",
            esketamine_supply=EsketamineSupply.BUY_AND_BILL,
        ),
        clinic=CLINIC,
        prescriber=Clinician(name="Dana Doe", credentials="MD", npi="1234567893"),
        diagnoses=(Diagnosis(code="F33.2", primary=True),),
        treatment_plan=TreatmentPlan(
            treatment=Treatment.IV_KETAMINE,
            sessions=6,
            price_per_session=Decimal("450.00"),
            ndc="00000-0000-00",
            strength="50 mg/mL",
        ),
        sessions=sessions,
    )
    return replace(case, **changes)  # type: ignore[arg-type]


def infusion(on: date, minutes: int = 40, **changes: object) -> Session:
    session = Session(
        on=on,
        treatment=Treatment.IV_KETAMINE,
        minutes=minutes,
        dose_mg=Decimal("35"),
        charge=Decimal("500.00"),
    )
    return replace(session, **changes)  # type: ignore[arg-type]


def esketamine(on: date, dose: str = "84") -> Session:
    return Session(
        on=on, treatment=Treatment.ESKETAMINE, dose_mg=Decimal(dose), charge=Decimal("1050.00")
    )


def codes(case: Case) -> list[tuple[str, int]]:
    return [(line.code, line.units) for line in itemize(case).lines]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (40, [("J3490", 1), ("96365", 1)]),
        (90, [("J3490", 1), ("96365", 1)]),
        (91, [("J3490", 1), ("96365", 1), ("96366", 1)]),
        (150, [("J3490", 1), ("96365", 1), ("96366", 1)]),
        (151, [("J3490", 1), ("96365", 1), ("96366", 2)]),
        (240, [("J3490", 1), ("96365", 1), ("96366", 3)]),
        (15, [("J3490", 1), ("96374", 1)]),
    ],
)
def test_it_counts_infusion_units_from_the_session_minutes(minutes, expected):
    assert codes(iv_case(infusion(date(2026, 11, 2), minutes))) == expected


def test_the_ketamine_line_carries_the_ndc_strength_and_dose_and_every_line_is_office_pos():
    bill = itemize(iv_case(infusion(date(2026, 11, 2), dose_mg=Decimal("52.5"))))
    drug = bill.lines[0]
    assert drug.detail == "ketamine 50 mg/mL, 52.5 mg given (1.05 mL), NDC 00000-0000-00"
    assert {line.place_of_service for line in bill.lines} == {"11"}
    assert bill.lines[1].detail == "40 minutes of infusion"
    assert any("J3490 (unclassified drug)" in note for note in bill.notes)


@pytest.mark.parametrize(
    ("on", "code"),
    [(date(2025, 12, 31), "S0013"), (date(2026, 1, 1), "J0013"), (date(2026, 11, 2), "J0013")],
)
def test_esketamine_is_billed_per_mg_with_the_code_in_effect_on_the_date_of_service(on, code):
    bill = itemize(iv_case(esketamine(on, "56")))
    assert [(line.code, line.units) for line in bill.lines] == [(code, 56)]
    assert any(note.startswith("S0013 is used") for note in bill.notes) is (code == "S0013")


@pytest.mark.parametrize(("dose", "code"), [("56", "G2082"), ("84", "G2083")])
def test_medicare_bills_the_bundled_g_code_without_a_drug_code_or_modifier(dose, code):
    medicare = Plan(payer="Medicare", category=PayerCategory.MEDICARE, member_id="1EG4TE5MK72")
    bill = itemize(iv_case(esketamine(date(2026, 11, 2), dose), plan=medicare))
    assert [(line.code, line.units, line.modifiers) for line in bill.lines] == [(code, 1, ())]
    assert any("modifier KX" in note and "partly verified" in note for note in bill.notes)


def test_an_esketamine_dose_in_fractions_of_a_mg_is_refused_for_per_mg_codes():
    with pytest.raises(KetacoverError, match=r"sessions\[0\]\.dose_mg"):
        itemize(iv_case(esketamine(date(2026, 11, 2), "56.5")))


def test_im_ketamine_adds_the_unverified_injection_code_and_says_so():
    session = Session(
        on=date(2026, 11, 2),
        treatment=Treatment.IM_KETAMINE,
        dose_mg=Decimal("50"),
        charge=Decimal("300"),
    )
    bill = itemize(iv_case(session))
    assert [(line.code, line.units) for line in bill.lines] == [("J3490", 1), ("96372", 1)]
    assert any("96372" in note and "unverified" in note for note in bill.notes)


def test_every_line_is_charged_from_the_fee_schedule_and_a_date_costs_their_sum():
    case = iv_case(
        infusion(date(2026, 11, 2), 120, amount_paid=Decimal("100.005")),
        infusion(date(2026, 11, 4)),
    )
    bill = itemize(case)
    first = bill.sessions[0]
    assert [line.charge for line in first.lines] == [
        Decimal("40.00"),
        Decimal("460.00"),
        Decimal("150.00"),
    ]
    assert first.charge == Decimal("650.00")
    assert bill.totals.charges == Decimal("1150.00")
    assert bill.totals.paid == Decimal("100.01")
    assert bill.totals.balance == Decimal("1049.99")
    assert [(p.source, p.amount) for p in bill.payments] == [
        (PaymentSource.PATIENT, Decimal("100.01"))
    ]
    assert any("fee schedule" in note for note in bill.notes)


@given(
    paid=st.lists(
        st.decimals(min_value=0, max_value=999, places=3, allow_nan=False), min_size=1, max_size=8
    ),
)
def test_the_balance_is_always_charges_less_payments_to_the_cent(paid):
    sessions = [
        infusion(date(2026, 11, 1 + i), amount_paid=amount) for i, amount in enumerate(paid)
    ]
    bill = itemize(iv_case(*sessions))
    assert bill.totals.charges == sum(s.charge for s in bill.sessions)
    assert bill.totals.balance == bill.totals.charges - bill.totals.paid
    assert all(value.as_tuple().exponent == -2 for value in vars_of(bill.totals))


def vars_of(totals: object) -> list[Decimal]:
    return [totals.charges, totals.paid, totals.balance]  # type: ignore[attr-defined]


def test_plan_payments_count_only_claims_wholly_inside_the_statement():
    claims = (
        Claim(
            claim_number="C-1",
            service_from=date(2026, 11, 2),
            service_to=date(2026, 11, 4),
            status=ClaimStatus.PAID,
            billed=Decimal("1000"),
            paid=Decimal("612.40"),
        ),
        Claim(service_from=date(2026, 11, 6), billed=Decimal("500"), paid=Decimal("0.00")),
        Claim(service_from=date(2026, 11, 6), billed=Decimal("500")),
    )
    sessions = (
        infusion(date(2026, 11, 2)),
        infusion(date(2026, 11, 4)),
        infusion(date(2026, 11, 6)),
    )
    course = itemize(iv_case(*sessions, claims=claims))
    assert [(p.source, p.reference, p.amount) for p in course.payments] == [
        (PaymentSource.PLAN, "C-1", Decimal("612.40"))
    ]
    assert course.totals.balance == Decimal("887.60")
    one = itemize(iv_case(*sessions, claims=claims), on=date(2026, 11, 2))
    assert one.payments == ()
    assert any("claim C-1 also covers" in note for note in one.notes)
    unnumbered = (replace(claims[0], claim_number=None),)
    one = itemize(iv_case(*sessions, claims=unnumbered), on=date(2026, 11, 4))
    assert any("payment on a claim also covers" in note for note in one.notes)


def test_one_date_gives_only_that_dates_sessions():
    case = iv_case(infusion(date(2026, 11, 4)), infusion(date(2026, 11, 2)))
    assert [s.on for s in itemize(case).sessions] == [date(2026, 11, 2), date(2026, 11, 4)]
    assert [s.on for s in itemize(case, on=date(2026, 11, 4)).sessions] == [date(2026, 11, 4)]
    with pytest.raises(MissingFactsError, match="no session given on 2026-11-05"):
        itemize(case, on=date(2026, 11, 5))


def test_a_planned_course_with_no_session_given_is_not_billed():
    with pytest.raises(MissingFactsError) as raised:
        itemize(iv_case())
    assert raised.value.missing == ["sessions: no sessions given yet"]


TREATMENT = TreatmentPlan(
    treatment=Treatment.IV_KETAMINE, sessions=6, ndc="00000-0000-00", strength="50 mg/mL"
)


@pytest.mark.parametrize(
    ("changes", "session_changes", "fact"),
    [
        ({"clinic": None}, {}, "clinic"),
        ({"clinic": replace(CLINIC, npi=None)}, {}, "clinic.npi"),
        ({"clinic": replace(CLINIC, tin=None)}, {}, "clinic.tin"),
        ({"clinic": replace(CLINIC, address=None)}, {}, "clinic.address"),
        ({"prescriber": None}, {}, "prescriber"),
        ({"prescriber": Clinician(name="Dana Doe")}, {}, "prescriber.npi"),
        ({"diagnoses": ()}, {}, "diagnoses"),
        ({"plan": Plan(payer="X", category=PayerCategory.OTHER)}, {}, "plan.member_id"),
        ({"treatment_plan": replace(TREATMENT, ndc=None)}, {}, "treatment_plan.ndc"),
        ({"treatment_plan": replace(TREATMENT, strength=None)}, {}, "treatment_plan.strength"),
        ({"treatment_plan": None}, {}, "treatment_plan.ndc"),
        ({}, {"minutes": None}, "sessions[0].minutes"),
        ({}, {"dose_mg": None}, "sessions[0].dose_mg"),
        ({"clinic": replace(CLINIC, fee_schedule=())}, {}, "clinic.fee_schedule"),
    ],
)
def test_a_missing_required_fact_is_named(changes, session_changes, fact):
    case = iv_case(infusion(date(2026, 11, 2), **session_changes), **changes)
    with pytest.raises(MissingFactsError) as raised:
        itemize(case)
    assert fact in [why.split(":")[0] for why in raised.value.missing]


def test_every_missing_fact_is_listed_once():
    case = iv_case(
        infusion(date(2026, 11, 2)), infusion(date(2026, 11, 3)), treatment_plan=None, clinic=None
    )
    with pytest.raises(MissingFactsError) as raised:
        itemize(case)
    assert [why.split(":")[0] for why in raised.value.missing] == [
        "clinic",
        "treatment_plan.ndc",
        "treatment_plan.strength",
        "clinic.fee_schedule",
    ]


def test_pointers_put_the_primary_diagnosis_first_and_stop_at_four():
    diagnoses = (
        Diagnosis(code="F41.1"),
        Diagnosis(code="F43.10"),
        Diagnosis(code="r45851"),
        Diagnosis(code="F33.2", primary=True),
        Diagnosis(code="G89.4"),
    )
    bill = itemize(iv_case(infusion(date(2026, 11, 2)), diagnoses=diagnoses))
    assert [(d.pointer, d.code) for d in bill.diagnoses] == [
        ("A", "F33.2"),
        ("B", "F41.1"),
        ("C", "F43.10"),
        ("D", "R45.851"),
    ]
    assert {line.pointers for line in bill.lines} == {"ABCD"}
    assert any("1 further diagnosis is not listed" in note for note in bill.notes)
    six = (*diagnoses, Diagnosis(code="F43.12"))
    bill = itemize(iv_case(infusion(date(2026, 11, 2)), diagnoses=six))
    assert any("2 further diagnoses are not listed" in note for note in bill.notes)


def test_the_header_carries_provider_patient_and_insurance_facts():
    bill = itemize(iv_case(infusion(date(2026, 11, 2))))
    assert (bill.provider.npi, bill.provider.tin, bill.provider.clinician_npi) == (
        "1234567893",
        "00-0000001",
        "1234567893",
    )
    assert bill.patient.name == "Alex Sample"
    assert bill.insurance is not None
    assert (bill.insurance.member_id, bill.insurance.group_number) == ("XKC000000001", "GRP1")
    assert (bill.first_date, bill.last_date) == (date(2026, 11, 2), date(2026, 11, 2))
    assert itemize(iv_case(infusion(date(2026, 11, 2)), plan=None)).insurance is None
