import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import peer_to_peer
from ketacover.core.letters.catalog import Options, compose
from ketacover.core.letters.letter import Blank, Letter, Table
from ketacover.core.model import (
    Case,
    ClinicalHistory,
    DenialReason,
    Diagnosis,
    PayerCategory,
    SubstanceUse,
    Treatment,
    TreatmentPlan,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)


def example() -> Case:
    return load_case(EXAMPLES / "denial-appeal-running.yaml")


def matches_golden(kind: str, name: str, letter: Letter) -> None:
    path = GOLDEN / kind / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def criteria_rows(letter: Letter) -> dict[str, str]:
    table = next(b for b in letter.body if isinstance(b, Table) and b.columns[0] == "Criterion")
    return {row[0]: row[1] for row in table.rows}


@pytest.mark.parametrize("denial_id", ["denial-1"])
def test_the_example_sheets_match_their_golden_text(denial_id):
    letter = compose("peer-to-peer", example(), TODAY, Options(denial_id=denial_id))
    matches_golden("peer-to-peer", f"denial-appeal-running.{denial_id}", letter)
    text = letter.text()
    assert "Reason: experimental or investigational (recorded on the denial)." in text
    assert "Only the treating clinician can request a peer-to-peer review" in text
    assert "Ask for a physician reviewer." in text
    assert "ask the plan" in text
    assert "business days" not in text
    for drug in ("sertraline", "duloxetine", "bupropion XL", "nortriptyline", "lithium"):
        assert drug in text


def test_the_sheet_gives_the_written_appeal_date_that_still_stands():
    text = peer_to_peer.compose(example(), TODAY, Options(denial_id="denial-1")).text()
    assert "the written appeal is still due by May 3, 2027" in text


def test_without_a_choice_the_sheet_is_about_the_newest_prior_authorization_denial():
    letter = peer_to_peer.compose(example(), TODAY, Options())
    assert "Peer-to-peer call about the denial dated October 30, 2026" in letter.text()
    assert "asked for 6 sessions of IV ketamine infusion over 3 weeks" in letter.text()


def test_an_employer_plan_sheet_asks_for_a_reviewer_in_the_field():
    text = peer_to_peer.compose(example(), TODAY, Options()).text()
    assert "trained and experienced in psychiatry (29 CFR 2560.503-1(h)(3)(iii))" in text


def test_a_claim_denial_gets_no_sheet_and_is_sent_to_the_written_appeal():
    with pytest.raises(KetacoverError, match=r"claim denial.*written appeal"):
        peer_to_peer.compose(example(), TODAY, Options(denial_id="denial-2"))


def test_original_medicare_has_no_peer_to_peer_and_the_sheet_says_so():
    case = example()
    plan = replace(case.plan, category=PayerCategory.MEDICARE)
    with pytest.raises(KetacoverError, match="Original Medicare has no peer-to-peer review"):
        peer_to_peer.compose(replace(case, plan=plan), TODAY, Options(denial_id="denial-1"))


def test_the_criteria_table_says_met_not_met_and_not_documented():
    letter = peer_to_peer.compose(example(), TODAY, Options())
    assert criteria_rows(letter) == {
        "Failed antidepressant trials": "met",
        "Age 18 or older": "met",
        "No bipolar disorder or mania": "met",
        "No psychotic features": "met",
        "No active substance use disorder": "met",
    }
    case = replace(
        example(),
        history=ClinicalHistory(bipolar_history=True, substance_use=SubstanceUse.ACTIVE),
        treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8),
        clinic=replace(example().clinic, rems_certified=None),
    )
    rows = criteria_rows(peer_to_peer.compose(case, TODAY, Options()))
    assert rows["No bipolar disorder or mania"] == "not met"
    assert rows["No psychotic features"] == "not documented"
    assert rows["No active substance use disorder"] == "not met"
    assert rows["REMS-certified setting"] == "not documented"
    certified = replace(case, clinic=replace(case.clinic, rems_certified=False))
    assert (
        criteria_rows(peer_to_peer.compose(certified, TODAY, Options()))["REMS-certified setting"]
        == "not met"
    )


def test_the_sheet_has_blanks_for_the_call_record():
    letter = peer_to_peer.compose(example(), TODAY, Options())
    labels = [b.label for b in letter.body if isinstance(b, Blank)]
    assert labels == [
        "Date and time of the call",
        "Reviewer's name and specialty",
        "Reference number",
        "Outcome and next step",
    ]
    assert letter.signature is None
    assert letter.recipient is None


@pytest.mark.parametrize(
    ("reason", "point"),
    [
        (DenialReason.NOT_MEDICALLY_NECESSARY, "Ask which criterion the reviewer finds unmet"),
        (DenialReason.MISSING_DOCUMENTATION, "Ask exactly which records"),
        (DenialReason.NO_PRIOR_AUTHORIZATION, "retro-authorization"),
        (DenialReason.OUT_OF_NETWORK, "network-gap exception"),
        (DenialReason.FREQUENCY_LIMIT, "additional sessions"),
        (DenialReason.CODING_ERROR, "corrected claim"),
        (DenialReason.OTHER, "Ask which criterion the reviewer finds unmet"),
    ],
)
def test_talking_points_follow_the_denial_reason(reason, point):
    case = example()
    case = replace(case, denials=(replace(case.denials[0], reason=reason),))
    assert point in peer_to_peer.compose(case, TODAY, Options()).text()


def test_an_esketamine_sheet_does_not_call_the_use_off_label():
    case = replace(
        example(),
        treatment_plan=TreatmentPlan(treatment=Treatment.ESKETAMINE, sessions=8),
        plan=replace(example().plan, category=PayerCategory.MEDICARE_ADVANTAGE),
    )
    text = peer_to_peer.compose(case, TODAY, Options(denial_id="denial-1")).text()
    assert "off-label" not in text.split("Talking points")[1].split("Evidence to cite")[0]
    assert "eligible for external review" not in text.split("Talking points")[1]
    assert "Esketamine (Spravato) with prior authorization" in text


def test_a_ptsd_sheet_warns_of_the_counterpoint_a_reviewer_may_raise():
    case = replace(
        example(), diagnoses=(Diagnosis(code="F43.12", primary=True),), history=ClinicalHistory()
    )
    text = peer_to_peer.compose(case, TODAY, Options()).text()
    assert "A reviewer may raise Abdallah" in text
    assert "Feder et al., 2014" in text


def test_a_suicidal_case_is_told_to_ask_for_an_expedited_decision():
    case = replace(example(), history=replace(example().history, suicidal_ideation=True))
    assert "ask for an expedited decision" in peer_to_peer.compose(case, TODAY, Options()).text()


def test_without_a_window_or_a_treatment_plan_the_sheet_still_stands():
    plan = replace(
        example().plan,
        category=PayerCategory.TRICARE,
        phone_behavioral_health=None,
        phone_medical=None,
    )
    case = replace(example(), plan=plan, treatment_plan=None, scores=(), treatment_history=())
    text = peer_to_peer.compose(case, TODAY, Options()).text()
    assert "the written deadline on the notice still stands" in text
    assert "What the coverage assessment found" not in text
    assert "Plan phone numbers" not in text


def test_a_sheet_needs_the_prescriber():
    with pytest.raises(MissingFactsError) as raised:
        peer_to_peer.compose(replace(example(), prescriber=None), TODAY, Options())
    assert raised.value.missing[0].startswith("prescriber: ")
