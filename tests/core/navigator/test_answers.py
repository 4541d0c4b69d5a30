"""The navigator's answers: read and written back unchanged, every bad value refused by name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.model import DenialReason, Outcome, PlanType, Treatment
from ketacover.core.navigator.answers import (
    AgeGroup,
    Answers,
    AnswersError,
    Condition,
    Coverage,
    DenialLevelAnswer,
    Medication,
    PlanKind,
    Severity,
    answers_from_data,
)

EVERYTHING = Answers(
    age=AgeGroup.ADULT,
    state="OH",
    coverage=Coverage.EMPLOYER,
    plan_kind=PlanKind.SELF_FUNDED,
    plan_type=PlanType.PPO,
    insurer="Example Health",
    out_of_network=True,
    deductible=Decimal("1500.00"),
    coinsurance_percent=Decimal("20.00"),
    out_of_pocket_max=Decimal("6000.00"),
    conditions=frozenset({Condition.DEPRESSION, Condition.ANXIETY}),
    recurrent=True,
    severity=Severity.SEVERE,
    psychotic=False,
    bipolar=False,
    suicidal=False,
    medications=(Medication("Zoloft", Outcome.NO_RESPONSE, 8), Medication("bupropion")),
    therapy=True,
    tms=False,
    ect=None,
    treatment=Treatment.IV_KETAMINE,
    sessions=6,
    price_per_session=Decimal("550.00"),
    clinic_name="Maple Infusions",
    clinic_in_network=False,
    denial=True,
    denial_date=date(2026, 11, 2),
    denial_pre_service=True,
    denial_reason=DenialReason.EXPERIMENTAL_INVESTIGATIONAL,
    denial_level=DenialLevelAnswer.FIRST,
    given_name="Robin",
    family_name="Testperson",
    date_of_birth=date(1985, 4, 12),
    member_id="XKC000123456",
    group_number="G-0042",
    street="1 Elm Street",
    city="Columbus",
    postal_code="43004",
)


def test_answers_written_as_data_read_back_equal():
    assert answers_from_data(EVERYTHING.to_data()) == EVERYTHING


def test_unknown_answers_are_left_out_of_the_data():
    assert Answers().to_data() == {}
    assert "ect" not in EVERYTHING.to_data()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"age": "elderly"}, "age"),
        ({"state": "ZZ"}, "state"),
        ({"coverage": "employer", "plan_kind": "original_medicare"}, "plan_kind"),
        ({"plan_kind": "self_funded"}, "plan_kind"),
        ({"deductible": "-5"}, "deductible"),
        ({"deductible": "lots"}, "deductible"),
        ({"coinsurance_percent": "120"}, "coinsurance_percent"),
        ({"sessions": "0"}, "sessions"),
        ({"sessions": "many"}, "sessions"),
        ({"sessions": True}, "sessions"),
        ({"therapy": "yes"}, "therapy"),
        ({"conditions": "depression"}, "conditions"),
        ({"conditions": ["sadness"]}, "conditions"),
        ({"medications": [{"outcome": "response"}]}, "medications[0]"),
        ({"medications": [{"name": "x", "dose": "5 mg"}]}, "medications[0]"),
        ({"medications": [{"name": "x", "outcome": "remission"}]}, "medications[0].outcome"),
        ({"medications": [{"name": "x", "weeks": "9999"}]}, "medications[0].weeks"),
        ({"medications": [{"name": " "}]}, "medications[0].name"),
        ({"medications": "Zoloft"}, "medications"),
        ({"medications": [{"name": f"drug {i}"} for i in range(7)]}, "medications"),
        ({"treatment": "im_ketamine"}, "treatment"),
        ({"denial_date": "2026-11-02"}, "denial"),
        ({"denial": True, "denial_date": "02/11/2026"}, "denial_date"),
        ({"postal_code": "4300"}, "postal_code"),
        ({"insurer": "x" * 101}, "insurer"),
        ({"insurer": 5}, "insurer"),
        ({"shoe_size": "9"}, "shoe_size"),
    ],
)
def test_a_bad_answer_is_refused_naming_its_field(data, field):
    with pytest.raises(AnswersError) as error:
        answers_from_data(data)
    assert str(error.value).startswith(f"{field}:")


def test_an_error_never_repeats_the_value_given():
    with pytest.raises(AnswersError) as error:
        answers_from_data({"postal_code": "SECRET-VALUE"})
    assert "SECRET" not in str(error.value)


def test_data_that_is_not_a_mapping_is_refused():
    with pytest.raises(AnswersError, match="answers:"):
        answers_from_data(["age", "adult"])


def test_an_update_replaces_answers_and_an_empty_one_forgets():
    updated = EVERYTHING.updated({"insurer": "Other Health", "group_number": "", "medications": []})
    assert updated.insurer == "Other Health"
    assert updated.group_number is None
    assert updated.medications == ()
    assert updated.member_id == EVERYTHING.member_id


def test_an_update_to_a_question_that_does_not_exist_is_refused():
    with pytest.raises(AnswersError, match=r"^colour:"):
        Answers().updated({"colour": "blue"})


def test_money_is_read_in_cents_with_dollar_signs_and_commas():
    answers = answers_from_data({"price_per_session": "$1,200.5"})
    assert answers.price_per_session == Decimal("1200.50")


def test_identity_and_address_are_known_only_when_complete():
    assert EVERYTHING.identified
    assert EVERYTHING.address_complete
    partial = EVERYTHING.updated({"street": None})
    assert not partial.address_complete
    assert not EVERYTHING.without_identity().identified
    assert EVERYTHING.without_identity().member_id is None
    assert EVERYTHING.without_identity().treatment is Treatment.IV_KETAMINE


def test_money_must_be_text_or_a_number():
    with pytest.raises(AnswersError, match=r"^deductible: must be a number"):
        answers_from_data({"deductible": [5]})
