"""No document argues against the facts: for every exclusion and for unmet criteria, the
assessment never suggests submitting and the request documents are refused, saying why and what
would change it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.coverage import ChecklistStatus, PathwayId, Verdict, assess
from ketacover.core.letters import catalog
from ketacover.core.letters.readiness import RequestBlockedError, blocking_reasons
from ketacover.core.model import Case, Diagnosis, SubstanceUse
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)


def ready() -> Case:
    return load_case(ROOT / "examples" / "esketamine-ready-ppo.yaml")


def aged_17(case: Case) -> Case:
    born = date(TODAY.year - 17, TODAY.month, TODAY.day)
    return replace(case, patient=replace(case.patient, date_of_birth=born))


def bipolar(case: Case) -> Case:
    return replace(case, diagnoses=(*case.diagnoses, Diagnosis(code="F31.4")))


def psychotic(case: Case) -> Case:
    return replace(case, diagnoses=(Diagnosis(code="F33.3", primary=True),))


def alcohol_dependence(case: Case) -> Case:
    return replace(case, diagnoses=(*case.diagnoses, Diagnosis(code="F10.20")))


def substance_flag(case: Case) -> Case:
    return replace(case, history=replace(case.history, substance_use=SubstanceUse.ACTIVE))


def uncertified(case: Case) -> Case:
    assert case.clinic is not None
    return replace(case, clinic=replace(case.clinic, rems_certified=False))


def one_trial(case: Case) -> Case:
    return replace(case, treatment_history=case.treatment_history[:1])


EXCLUSIONS: dict[str, tuple[Callable[[Case], Case], str]] = {
    "age under 18": (aged_17, "18"),
    "bipolar disorder (F31.4)": (bipolar, "bipolar"),
    "psychotic features (F33.3)": (psychotic, "psychotic"),
    "active alcohol dependence (F10.20)": (alcohol_dependence, "substance use"),
    "active substance use recorded": (substance_flag, "substance use"),
    "clinic not REMS-certified": (uncertified, "REMS"),
    "criteria not met (one trial)": (one_trial, "trial"),
}
REQUESTS = ("medical-necessity", "pa-cover-sheet")


@pytest.mark.parametrize("exclusion", sorted(EXCLUSIONS))
def test_an_exclusion_makes_esketamine_unlikely_with_no_submit_advice(exclusion):
    change, _ = EXCLUSIONS[exclusion]
    found = assess(change(ready()), TODAY).pathway(PathwayId.ESKETAMINE_PA)
    assert found.verdict is Verdict.UNLIKELY
    assert found.blocked_by
    words = " ".join([r.explain for r in found.reasons] + [a.text for a in found.actions]).lower()
    assert "can be submitted" not in words
    assert "submit the prior-authorization request" not in words
    assert "submit once" not in words


@pytest.mark.parametrize("exclusion", sorted(EXCLUSIONS))
def test_an_exclusion_gets_no_request_document_but_a_reason_and_what_would_change_it(exclusion):
    change, says = EXCLUSIONS[exclusion]
    case = change(ready())
    for kind in REQUESTS:
        with pytest.raises(RequestBlockedError) as raised:
            catalog.compose(kind, case, TODAY)
        assert says.lower() in str(raised.value).lower()
        assert "What would change it:" in str(raised.value)
        assert "esketamine." not in str(raised.value)
    with pytest.raises(RequestBlockedError):
        catalog.prior_authorization_packet(case, TODAY)


@pytest.mark.parametrize("code", ["F31.4", "F33.3", "F10.20"])
def test_an_excluded_diagnosis_is_never_marked_done_on_the_checklist(code):
    case = replace(ready(), diagnoses=(Diagnosis(code="F33.2", primary=True), Diagnosis(code=code)))
    item = next(i for i in assess(case, TODAY).checklist if i.id == "diagnosis_codes")
    assert item.status is ChecklistStatus.EXCLUDED
    assert code in item.detail


def test_a_substance_use_disorder_in_remission_is_no_exclusion():
    case = replace(ready(), diagnoses=(*ready().diagnoses, Diagnosis(code="F10.21")))
    assert blocking_reasons(case, TODAY) == ()
    assert catalog.compose("medical-necessity", case, TODAY).kind == "medical-necessity"


def test_the_ready_case_is_not_blocked():
    assert blocking_reasons(ready(), TODAY) == ()


def test_iv_ketamine_being_off_label_does_not_block_the_exception_request():
    case = load_case(ROOT / "examples" / "denial-appeal-running.yaml")
    assert assess(case, TODAY).pathway(PathwayId.IV_KETAMINE_PA).verdict is Verdict.UNLIKELY
    assert blocking_reasons(case, TODAY) == ()
