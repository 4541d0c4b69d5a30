"""Conditions in everyday words, matched to ICD-10-CM codes behind the scenes.

A person rarely knows their diagnosis code; plans decide by it. The navigator asks in plain words
and picks the code that says no more than the person said, from the ICD-10-CM code set
(sourcebook codes.toml):

- depression: F33.x when it has come back after better times (recurrent), F32.x for a first
  episode, with the severity the clinician gave (.0 mild, .1 moderate, .2 severe without
  psychotic features, .3 severe with psychotic features); F33.9 / F32.9 when the severity (or,
  for a severe episode, whether there were psychotic features) is not known; F32.A
  ("depression, unspecified") when not even that is known (verified)
- PTSD: F43.10 (unspecified) (verified); generalized anxiety: F41.1 (verified)
- CRPS: G90.50 (type I, unspecified) (partly verified); chronic pain syndrome: G89.4 (verified);
  fibromyalgia: M79.7 (partly verified)

Bipolar disorder gets no code here (the F31.3x descriptors were not confirmed in a source); the
navigator records it as history instead, which is what esketamine criteria exclude on. Every
code is marked in the case as matched from the person's words, for the prescriber to confirm.

>>> depression_code(recurrent=True, severity=Severity.SEVERE, psychotic=False)
'F33.2'
>>> depression_code(recurrent=None, severity=None, psychotic=None)
'F32.A'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ketacover.core.navigator.answers import Answers, Condition, Severity

_LEVEL: Final = {Severity.MILD: "0", Severity.MODERATE: "1"}

CODES: Final = {
    Condition.PTSD: "F43.10",
    Condition.ANXIETY: "F41.1",
    Condition.CRPS: "G90.50",
    Condition.CHRONIC_PAIN: "G89.4",
    Condition.FIBROMYALGIA: "M79.7",
}
"""The code for each condition other than depression (which depends on more answers)."""

ORDER: Final = (
    Condition.DEPRESSION,
    Condition.PTSD,
    Condition.CRPS,
    Condition.CHRONIC_PAIN,
    Condition.FIBROMYALGIA,
    Condition.ANXIETY,
    Condition.OTHER,
)
"""The order conditions are listed and coded in: the first coded one is the primary."""


def depression_code(
    *, recurrent: bool | None, severity: Severity | None, psychotic: bool | None
) -> str:
    """The depression code that says what the answers say and no more."""
    if recurrent is None:
        return "F32.A"
    category = "F33" if recurrent else "F32"
    if psychotic is True:
        return f"{category}.3"
    if severity in _LEVEL:
        return f"{category}.{_LEVEL[severity]}"
    if severity is Severity.SEVERE and psychotic is False:
        return f"{category}.2"
    return f"{category}.9"


def diagnosis_codes(answers: Answers) -> tuple[str, ...]:
    """The ICD-10-CM codes the answers point to, primary first, without repeats."""
    found: list[str] = []
    for condition in _ordered(answers.conditions):
        if condition is Condition.DEPRESSION:
            code = depression_code(
                recurrent=answers.recurrent, severity=answers.severity, psychotic=answers.psychotic
            )
        elif condition in CODES:
            code = CODES[condition]
        else:
            continue
        if code not in found:
            found.append(code)
    return tuple(found)


def _ordered(conditions: Iterable[Condition]) -> list[Condition]:
    chosen = set(conditions)
    return [condition for condition in ORDER if condition in chosen]
