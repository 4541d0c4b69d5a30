"""Everyday words to ICD-10-CM: the code says what the person said and no more."""

from __future__ import annotations

import pytest

from ketacover.core.codes import icd10cm
from ketacover.core.navigator.answers import Answers, Condition, Severity
from ketacover.core.navigator.conditions import CODES, depression_code, diagnosis_codes

S = Severity


@pytest.mark.parametrize(
    ("recurrent", "severity", "psychotic", "code"),
    [
        (True, S.MILD, None, "F33.0"),
        (True, S.MODERATE, False, "F33.1"),
        (True, S.SEVERE, False, "F33.2"),
        (True, S.SEVERE, True, "F33.3"),
        (True, None, True, "F33.3"),
        (True, S.SEVERE, None, "F33.9"),
        (True, None, None, "F33.9"),
        (False, S.MILD, False, "F32.0"),
        (False, S.MODERATE, None, "F32.1"),
        (False, S.SEVERE, False, "F32.2"),
        (False, S.SEVERE, True, "F32.3"),
        (False, None, False, "F32.9"),
        (None, S.SEVERE, False, "F32.A"),
    ],
)
def test_depression_is_coded_from_its_answers(recurrent, severity, psychotic, code):
    assert depression_code(recurrent=recurrent, severity=severity, psychotic=psychotic) == code


def test_every_code_the_navigator_can_give_is_valid_and_billable():
    codes = set(CODES.values())
    for recurrent in (True, False, None):
        for severity in (*Severity, None):
            for psychotic in (True, False, None):
                codes.add(
                    depression_code(recurrent=recurrent, severity=severity, psychotic=psychotic)
                )
    for code in codes:
        assert icd10cm.is_valid(code), code
        assert icd10cm.is_billable(code), code


def test_depression_comes_first_and_something_else_gets_no_code():
    answers = Answers(
        conditions=frozenset({Condition.ANXIETY, Condition.OTHER, Condition.DEPRESSION}),
        recurrent=True,
        severity=S.MODERATE,
    )
    assert diagnosis_codes(answers) == ("F33.1", "F41.1")


def test_no_condition_gives_no_code():
    assert diagnosis_codes(Answers(conditions=frozenset({Condition.OTHER}))) == ()
