"""From answers to cases: one reading per way the unknowns can go, and nothing guessed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ketacover.core.model import (
    DenialLevel,
    NetworkStatus,
    Outcome,
    PayerCategory,
    Treatment,
    TrialKind,
    Urgency,
)
from ketacover.core.navigator.answers import (
    AgeGroup,
    Answers,
    Condition,
    Coverage,
    DenialLevelAnswer,
    Medication,
    PlanKind,
)
from ketacover.core.navigator.readings import (
    MATCHED_NOTE,
    TYPICAL_SESSIONS,
    build_case,
    latest_birth_date,
    readings,
)

TODAY = date(2026, 11, 23)


def test_known_answers_give_one_reading_that_assumes_nothing():
    found = readings(
        Answers(
            age=AgeGroup.ADULT, coverage=Coverage.MEDICARE, plan_kind=PlanKind.MEDICARE_ADVANTAGE
        ),
        TODAY,
    )
    assert len(found) == 1
    assert not found[0].assumes
    assert found[0].case.plan is not None
    assert found[0].case.plan.category is PayerCategory.MEDICARE_ADVANTAGE


def test_an_unknown_kind_of_plan_and_age_give_a_reading_for_each():
    found = readings(Answers(coverage=Coverage.MEDICAID), TODAY)
    assert [(r.kind, r.age) for r in found] == [
        (PlanKind.MEDICAID_FEE_FOR_SERVICE, AgeGroup.ADULT),
        (PlanKind.MEDICAID_FEE_FOR_SERVICE, AgeGroup.MINOR),
        (PlanKind.MEDICAID_MANAGED_CARE, AgeGroup.ADULT),
        (PlanKind.MEDICAID_MANAGED_CARE, AgeGroup.MINOR),
    ]
    assert all(r.assumes for r in found)
    assert {r.case.plan.category for r in found if r.case.plan} == {
        PayerCategory.MEDICAID,
        PayerCategory.MEDICAID_MANAGED_CARE,
    }


def test_the_age_group_gives_the_latest_birth_date_in_it():
    adult = build_case(Answers(age=AgeGroup.ADULT), TODAY)
    minor = build_case(Answers(age=AgeGroup.MINOR), TODAY)
    assert adult.patient.age_on(TODAY) == 18
    assert minor.patient.age_on(TODAY) == 17
    assert latest_birth_date(date(2028, 2, 29), 18) == date(2010, 2, 28)


def test_a_date_of_birth_settles_the_age():
    answers = Answers(date_of_birth=date(1990, 1, 2))
    found = readings(answers, TODAY)
    assert len(found) == 1
    assert found[0].case.patient.date_of_birth == date(1990, 1, 2)


def test_tricare_other_and_unknown_coverage():
    assert (
        build_case(Answers(coverage=Coverage.TRICARE), TODAY).plan.category is PayerCategory.TRICARE
    )
    assert build_case(Answers(coverage=Coverage.OTHER), TODAY).plan.category is PayerCategory.OTHER
    assert build_case(Answers(), TODAY).plan is None
    assert len(readings(Answers(coverage=Coverage.TRICARE, age=AgeGroup.ADULT), TODAY)) == 1


def test_the_case_carries_what_was_said_and_only_that():
    answers = Answers(
        age=AgeGroup.ADULT,
        coverage=Coverage.EMPLOYER,
        plan_kind=PlanKind.FULLY_INSURED,
        insurer="Example Health",
        deductible=Decimal("1000.00"),
        conditions=frozenset({Condition.DEPRESSION}),
        recurrent=True,
        medications=(Medication("Zoloft", Outcome.NO_RESPONSE, 8),),
        therapy=True,
        tms=False,
        ect=True,
        suicidal=True,
        treatment=Treatment.ESKETAMINE,
        clinic_in_network=True,
        clinic_rems=False,
    )
    case = build_case(answers, TODAY)
    assert case.plan.payer == "Example Health"
    assert case.plan.in_network.deductible == Decimal("1000.00")
    assert case.plan.in_network.coinsurance_percent is None
    assert [d.code for d in case.diagnoses] == ["F33.9"]
    assert case.diagnoses[0].primary
    assert case.diagnoses[0].note == MATCHED_NOTE
    kinds = [(t.kind, t.name) for t in case.treatment_history]
    assert kinds == [
        (TrialKind.MEDICATION, "Zoloft"),
        (TrialKind.PSYCHOTHERAPY, "psychotherapy"),
        (TrialKind.ECT, "ECT"),
    ]
    assert case.treatment_history[0].weeks == 8
    assert case.treatment_history[0].dose is None
    assert case.urgency is Urgency.URGENT
    assert case.history.suicidal_ideation is True
    assert case.treatment_plan.sessions == TYPICAL_SESSIONS[Treatment.ESKETAMINE]
    assert "assumed" in case.notes
    assert case.clinic.network_status is NetworkStatus.IN_NETWORK
    assert case.clinic.rems_certified is False
    assert case.patient.given_name == ""


def test_a_clinic_is_left_out_of_documents_until_it_has_a_name():
    answers = Answers(clinic_in_network=False, treatment=Treatment.IV_KETAMINE)
    assert build_case(answers, TODAY).clinic.network_status is NetworkStatus.OUT_OF_NETWORK
    assert build_case(answers, TODAY, for_documents=True).clinic is None
    named = Answers(clinic_name="Maple Infusions")
    assert build_case(named, TODAY, for_documents=True).clinic.name == "Maple Infusions"
    assert build_case(Answers(clinic_rems=True), TODAY).clinic is None


def test_a_denial_needs_its_date_and_unknown_details_take_the_model_defaults():
    undated = Answers(denial=True)
    assert build_case(undated, TODAY).denials == ()
    dated = Answers(denial=True, denial_date=date(2026, 11, 2))
    case = build_case(dated, TODAY)
    assert case.denials[0].level is DenialLevel.INITIAL
    assert case.denials[0].pre_service is True
    assert "taken as a request" in case.notes
    assert "first decision" in case.notes
    final = Answers(
        denial=True,
        denial_date=date(2026, 11, 2),
        denial_pre_service=False,
        denial_level=DenialLevelAnswer.APPEAL_FINAL,
    )
    denial = build_case(final, TODAY).denials[0]
    assert denial.level is DenialLevel.FINAL_INTERNAL
    assert denial.pre_service is False


def test_a_full_address_goes_on_the_patient():
    answers = Answers(street="1 Elm Street", city="Columbus", state="OH", postal_code="43004")
    assert build_case(answers, TODAY).patient.address.city == "Columbus"
    assert build_case(Answers(street="1 Elm Street"), TODAY).patient.address is None
