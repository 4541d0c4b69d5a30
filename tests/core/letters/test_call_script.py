"""The benefits call script: golden text for every example, and what it asks or takes as known.

Regenerate the golden files after a deliberate change with ``KETACOVER_UPDATE_GOLDEN=1``.
"""

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.coverage import assess
from ketacover.core.errors import MissingFactsError
from ketacover.core.letters.call_script import questions
from ketacover.core.letters.catalog import compose
from ketacover.core.letters.letter import Blank, Bullets, Letter, Paragraph
from ketacover.core.model import (
    Address,
    Case,
    CostShare,
    Diagnosis,
    PayerCategory,
    Plan,
    Treatment,
    TreatmentPlan,
    Urgency,
)
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden" / "call-script"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


def example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def script(case: Case) -> Letter:
    return compose("call-script", case, TODAY)


def asked(case: Case) -> list[str]:
    return [q.text for q in questions(case, TODAY, assess(case, TODAY)) if q.known is None]


def known(case: Case) -> list[str]:
    return [q.known for q in questions(case, TODAY, assess(case, TODAY)) if q.known is not None]


def with_plan(name: str, **changes: object) -> Case:
    case = example(name)
    assert case.plan is not None
    return replace(case, plan=replace(case.plan, **changes))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_the_call_script_matches_its_golden_text(name):
    letter = script(example(name))
    path = GOLDEN / f"{name}.txt"
    text = letter.text() + "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_every_script_has_the_identifiers_codes_and_call_record_blanks(name):
    case = example(name)
    letter = script(case)
    text = letter.text()
    assert case.plan is not None
    assert case.plan.member_id in text
    assert case.patient.full_name in text
    for diagnosis in case.diagnoses:
        assert diagnosis.code in text
    blanks = [block.label for block in letter.body if isinstance(block, Blank)]
    assert blanks[-4:] == [
        "Date and time of the call",
        "Number called",
        "Representative's name or ID",
        "Call reference number",
    ]
    assert blanks.count("Answer") == len(asked(case))
    assert "call log (calls)" in text
    assert "[" + "insert" not in text.lower()
    assert "TODO" not in text


def test_answers_on_file_become_already_known_lines_instead_of_questions():
    case = example("denial-appeal-running")
    letter = script(case)
    lines = next(
        block.items
        for block in letter.body
        if isinstance(block, Bullets) and block.items[0].startswith("Already known")
    )
    assert "Already known: prior authorization is required." in lines
    assert "Already known: out-of-network coinsurance 40%." in lines
    assert "Already known: out-of-network deductible $4,000.00, $0.00 met." in lines
    assert not any("Is prior authorization required" in q for q in asked(case))
    assert not any("out-of-network coinsurance" in q for q in asked(case))


def test_unknown_plan_facts_are_asked():
    case = with_plan(
        "denial-appeal-running",
        prior_authorization_required=None,
        out_of_network_benefits=None,
        out_of_network=None,
        ketamine_infusion_covered=None,
        grandfathered=None,
        prior_authorization_fax="866-555-0199",
        appeal_window_days=180,
        appeals_address=Address(line1="PO Box 1", city="Denver", state="CO", postal_code="80201"),
        appeals_fax="866-555-0198",
    )
    questions_asked = asked(case)
    for text in (
        "Is IV ketamine infusion covered for diagnosis F33.2, billed as J3490 and 96365?",
        "Is prior authorization required for IV ketamine infusion?",
        "Does the plan pay anything for out-of-network providers for this treatment?",
        "What is the out-of-network deductible, and how much of it is met this plan year?",
        "What is the out-of-network coinsurance after the deductible?",
        "Is the plan grandfathered under the Affordable Care Act? Non-grandfathered plans must "
        "offer external review.",
    ):
        assert text in questions_asked
    on_file = known(case)
    assert "prior-authorization requests go by fax to 866-555-0199." in on_file
    assert "the plan documents give 180 days to file an appeal." in on_file
    assert "appeals go to PO Box 1, Denver, CO 80201, fax 866-555-0198." in on_file


def test_a_plan_known_to_pay_nothing_out_of_network_is_not_asked_about_its_deductible():
    case = with_plan("ptsd-iv-ketamine-self-pay-hsa", out_of_network_benefits=False)
    assert "the plan has no out-of-network benefits." in known(case)
    assert not any("deductible" in q for q in asked(case))


def test_prior_authorization_known_not_required_drops_the_submission_questions():
    case = with_plan("crps-iv-ketamine-ppo", prior_authorization_required=False)
    assert "prior authorization is not required." in known(case)
    assert not any("submitted" in q or "decision take" in q for q in asked(case))


def test_hmo_and_epo_plans_get_a_single_case_agreement_question_not_oon_benefits():
    hmo = example("hmo-no-oon-benefits")
    assert any(
        "single-case agreement with Lakeside Sample Ketamine Clinic" in q for q in asked(hmo)
    )
    assert not any("out-of-network deductible" in q for q in asked(hmo))
    unknown = with_plan("suicidal-ideation-expedited", out_of_network_benefits=None)
    unknown = replace(unknown, clinic=None)
    assert any("single-case agreement with the treating clinic" in q for q in asked(unknown))
    assert not any("pays out of network" in k or "no out-of-network" in k for k in known(unknown))
    paying = with_plan("suicidal-ideation-expedited", out_of_network_benefits=True)
    assert "the plan pays out of network." in known(paying)


def test_an_unknown_plan_type_is_asked_and_gets_the_out_of_network_questions():
    case = with_plan("crps-iv-ketamine-ppo", plan_type=None, out_of_network=CostShare())
    assert "What is the plan type: PPO, HMO, EPO or POS?" in asked(case)
    assert any("out-of-network deductible" in q for q in asked(case))


def test_an_urgent_case_asks_how_to_request_expedited_review():
    case = replace(example("crps-iv-ketamine-ppo"), urgency=Urgency.URGENT)
    assert any("This request is urgent" in q for q in asked(case))


def test_esketamine_scripts_ask_which_code_and_which_code_the_authorization_references():
    reauth = asked(example("approved-pa-reauth"))
    assert any(q.startswith("Which codes does the plan want for esketamine: J0013") for q in reauth)
    assert any("authorization AUTH-55012-A reference: S0013 or J0013" in q for q in reauth)
    pending = asked(example("medicare-advantage-pa-pending"))
    assert any("authorization EXA-PA-2026-118842 reference" in q for q in pending)
    medicare = example("medicare-esketamine")
    assert any(
        k.startswith("Original Medicare bills esketamine sessions as G2082")
        for k in known(medicare)
    )
    assert "billed as G2082 and G2083" in " ".join(asked(medicare))
    assert "What is the plan type: PPO, HMO, EPO or POS?" not in asked(medicare)


def test_an_authorization_without_numbers_is_named_by_its_submission_date():
    case = example("approved-pa-reauth")
    pa = replace(case.prior_authorizations[0], authorization_number=None, reference=None)
    case = replace(case, prior_authorizations=(pa,))
    assert any("authorization submitted October 27, 2026 reference" in q for q in asked(case))


def test_the_other_pathway_is_asked_about_only_when_the_assessment_keeps_it_open():
    open_case = asked(example("denial-appeal-running"))
    assert "Is esketamine nasal spray (Spravato) covered for diagnosis F33.2, billed as J0013?" in (
        open_case
    )
    closed = asked(example("hmo-no-oon-benefits"))
    assert not any("esketamine" in q for q in closed)
    crps = example("crps-iv-ketamine-ppo")
    assert crps.treatment_plan is not None
    esketamine_plan = replace(
        crps.treatment_plan, treatment=Treatment.ESKETAMINE, dose_mg=84, infusion_minutes=None
    )
    case = replace(crps, treatment_plan=esketamine_plan)
    assert "Is IV ketamine infusion covered for diagnosis G90.522, billed as J3490 and 96365?" in (
        asked(case)
    )


def test_im_ketamine_quotes_the_injection_codes():
    case = example("crps-iv-ketamine-ppo")
    assert case.treatment_plan is not None
    im = replace(case.treatment_plan, treatment=Treatment.IM_KETAMINE, infusion_minutes=None)
    texts = asked(replace(case, treatment_plan=im))
    assert "Is IM ketamine injection covered for diagnosis G90.522, billed as J3490 and 96372?" in (
        texts
    )


def test_the_script_sends_the_caller_to_the_right_line():
    def whom(case: Case) -> str:
        letter = script(case)
        index = next(
            i for i, b in enumerate(letter.body) if getattr(b, "text", "") == "Whom to call"
        )
        block = letter.body[index + 1]
        assert isinstance(block, Paragraph)
        return block.text

    assert whom(example("crps-iv-ketamine-ppo")).startswith(
        "Start with the medical benefits line at 888-555-0121: the primary diagnosis is not a "
        "mental-health diagnosis."
    )
    assert whom(example("esketamine-ready-ppo")).startswith(
        "Start with the behavioral-health line at 800-555-0110"
    )
    medicare = whom(example("medicare-esketamine"))
    assert medicare.startswith("Call the medical benefits line at 800-555-0140 (no behavioral")
    only_bh = with_plan("esketamine-ready-ppo", phone_medical=None)
    assert "other benefit" not in whom(only_bh)
    none = with_plan("esketamine-ready-ppo", phone_medical=None, phone_behavioral_health=None)
    assert whom(none).startswith("The plan's phone numbers are not in the case")


def test_funding_is_asked_only_where_it_is_unknown_and_matters():
    other = with_plan("crps-iv-ketamine-ppo", category=PayerCategory.OTHER)
    assert any(q.startswith("Is the plan fully insured or self-funded?") for q in asked(other))
    self_funded = example("esketamine-ready-ppo")
    assert "the plan is self-funded (governed by ERISA)." in known(self_funded)
    grandfathered = with_plan("crps-iv-ketamine-ppo", grandfathered=True)
    assert "the plan is grandfathered under the Affordable Care Act." in known(grandfathered)
    medicaid = with_plan("crps-iv-ketamine-ppo", category=PayerCategory.MEDICAID)
    texts = asked(medicaid) + known(medicaid)
    assert not any("grandfathered" in t or "self-funded" in t for t in texts)


def test_have_ready_lists_only_the_identifiers_on_file():
    case = example("medicare-esketamine")
    assert case.clinic is not None
    bare = replace(case, clinic=replace(case.clinic, npi=None, tin=None), prescriber=None)
    text = script(bare).text()
    assert "Harbor Ashdown Behavioral Health:" not in text
    assert "Prescriber " not in text
    assert "Group number" not in text


@pytest.mark.parametrize(
    ("change", "fact"),
    [
        ({"plan": None}, "plan"),
        ({"treatment_plan": None}, "treatment_plan"),
        ({"diagnoses": ()}, "diagnoses"),
    ],
)
def test_a_missing_required_fact_is_named(change, fact):
    with pytest.raises(MissingFactsError) as raised:
        script(replace(example("crps-iv-ketamine-ppo"), **change))
    assert fact in [why.split(":")[0] for why in raised.value.missing]


def test_a_case_with_only_secondary_diagnoses_still_picks_a_line():
    case = replace(example("crps-iv-ketamine-ppo"), diagnoses=(Diagnosis(code="F33.2"),))
    assert "behavioral-health line" in script(case).text()


def test_a_plan_without_a_treatment_plan_price_still_reads():
    case = example("crps-iv-ketamine-ppo")
    plan = TreatmentPlan(treatment=Treatment.IV_KETAMINE, sessions=10)
    text = script(replace(case, treatment_plan=plan)).text()
    assert "The planned treatment: 10 sessions of IV ketamine infusion." in text


def test_a_plan_with_nothing_on_file_has_no_already_known_section():
    case = example("crps-iv-ketamine-ppo")
    assert case.plan is not None
    bare = Plan(payer=case.plan.payer, category=PayerCategory.OTHER, member_id="XKC000000009")
    letter = script(replace(case, plan=bare, clinic=None))
    assert "Confirm what is already known" not in letter.text()
    assert "Already known" not in letter.text()
