"""The questions of the benefits call script, each with the answer the case already holds.

Asked per treatment (the planned one, and the other prior-authorization pathway when the coverage
assessment does not find it unlikely): coverage for the diagnosis and codes, prior authorization
and its decision clock (:func:`ketacover.core.deadlines.pa_decision_due`, facts.md sections 4 and
5), the network (out-of-network benefits, or a single-case agreement on an HMO or EPO), appeals
and the rules that govern the plan. Codes come from facts.md sections 1 and 2; the S0013 to J0013
question follows facts.md section 1 [PV].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketacover.core.codes import procedures
from ketacover.core.coverage import Assessment, PathwayId, Verdict
from ketacover.core.deadlines import pa_decision_due
from ketacover.core.letters import parts
from ketacover.core.letters.text import join_words, long_date, money
from ketacover.core.model import (
    Case,
    CostShare,
    Decision,
    PayerCategory,
    Plan,
    PlanType,
    Treatment,
    Urgency,
)

_NETWORK_ONLY = frozenset({PlanType.HMO, PlanType.EPO})
_EMPLOYER = frozenset(
    {PayerCategory.COMMERCIAL_FULLY_INSURED, PayerCategory.COMMERCIAL_SELF_FUNDED}
)
_ACA = frozenset(
    {*_EMPLOYER, PayerCategory.MARKETPLACE_QHP, PayerCategory.INDIVIDUAL, PayerCategory.OTHER}
)
_ESKETAMINE_AUTHORIZED = frozenset(
    {Decision.APPROVED, Decision.PARTIALLY_APPROVED, Decision.PENDING}
)


@dataclass(frozen=True, slots=True)
class Question:
    """One question for the call, or, when the case already has the answer, that answer."""

    text: str
    known: str | None = None
    """The answer on file: the question is not asked, the answer is confirmed."""


def questions(case: Case, today: date, assessment: Assessment) -> list[Question]:
    """Every question of the script, in order, with the answers the case already holds.

    ``assessment`` is the case's coverage assessment on ``today``: it decides whether the other
    prior-authorization pathway is worth asking about.
    """
    plan, treatment = case.plan, case.treatment_plan
    assert plan is not None
    assert treatment is not None
    found: list[Question] = []
    for therapy in _treatments(case, assessment):
        found += _coverage(case, therapy, today)
    found += _prior_authorization(case, plan, today)
    if plan.plan_type is None and plan.category is not PayerCategory.MEDICARE:
        found.append(Question("What is the plan type: PPO, HMO, EPO or POS?"))
    if plan.plan_type in _NETWORK_ONLY:
        found += _single_case_agreement(case, plan)
    else:
        found += _out_of_network(case, plan)
    found += _appeals(plan)
    found += _governing_rules(plan)
    return found


def _treatments(case: Case, assessment: Assessment) -> list[Treatment]:
    """The planned treatment, then the other prior-authorization pathway if it is not unlikely."""
    planned = case.treatment_plan
    assert planned is not None
    other = (
        (Treatment.ESKETAMINE, PathwayId.ESKETAMINE_PA)
        if planned.treatment is not Treatment.ESKETAMINE
        else (Treatment.IV_KETAMINE, PathwayId.IV_KETAMINE_PA)
    )
    verdict = assessment.pathway(other[1]).verdict
    if verdict is Verdict.UNLIKELY:
        return [planned.treatment]
    return [planned.treatment, other[0]]


def service_date(case: Case, today: date) -> date:
    """The date the codes are quoted for: the planned start, or ``today`` if that is later."""
    start = case.treatment_plan.start if case.treatment_plan is not None else None
    return max(today, start) if start is not None else today


def _coverage(case: Case, therapy: Treatment, today: date) -> list[Question]:
    plan = case.plan
    assert plan is not None
    dx = join_words([d.code for d in sorted(case.diagnoses, key=lambda d: not d.primary)])
    codes = join_words(_codes(case, therapy, today))
    answer: bool | None = None
    if therapy is Treatment.ESKETAMINE:
        answer = plan.esketamine_covered
    elif therapy is Treatment.IV_KETAMINE:
        answer = plan.ketamine_infusion_covered
    found = [
        Question(
            f"Is {therapy.label} covered for diagnosis {dx}, billed as {codes}?",
            known=None
            if answer is None
            else f"the plan said {therapy.label} is {'' if answer else 'not '}covered "
            "for this diagnosis.",
        )
    ]
    if case.treatment_plan is not None and therapy is case.treatment_plan.treatment:
        found.append(
            Question(
                f"Which medical-necessity criteria apply to {therapy.label}? What are the number "
                "and title of the policy that sets them?"
            )
        )
    if therapy is Treatment.ESKETAMINE:
        found += _esketamine_codes(case, today)
    return found


def _codes(case: Case, therapy: Treatment, today: date) -> list[str]:
    """The codes a session of ``therapy`` is billed with (facts.md section 1)."""
    on = service_date(case, today)
    plan = case.plan
    if therapy is Treatment.ESKETAMINE:
        if plan is not None and plan.category is PayerCategory.MEDICARE:
            return ["G2082", "G2083"]
        return [procedures.esketamine_drug_code(on)]
    if therapy is Treatment.IM_KETAMINE:
        return ["J3490", "96372"]
    minutes = case.treatment_plan.infusion_minutes if case.treatment_plan is not None else None
    if case.treatment_plan is None or case.treatment_plan.treatment is not therapy or not minutes:
        return ["J3490", "96365"]
    return ["J3490", *(code for code, _ in procedures.infusion_units(minutes))]


def _esketamine_codes(case: Case, today: date) -> list[Question]:
    plan = case.plan
    assert plan is not None
    found: list[Question] = []
    if plan.category is PayerCategory.MEDICARE:
        found.append(
            Question(
                "Which codes does Medicare want for esketamine sessions?",
                known="Original Medicare bills esketamine sessions as G2082 (up to 56 mg) or "
                "G2083 (more than 56 mg), which include the drug.",
            )
        )
    else:
        found.append(
            Question(
                f"Which codes does the plan want for esketamine: "
                f"{procedures.esketamine_drug_code(service_date(case, today))} per 1 mg, or "
                "G2082/G2083 (some commercial plans take these)?"
            )
        )
    for pa in case.prior_authorizations:
        if pa.treatment is Treatment.ESKETAMINE and pa.decision in _ESKETAMINE_AUTHORIZED:
            which = (
                pa.authorization_number or pa.reference or f"submitted {long_date(pa.submitted)}"
            )
            found.append(
                Question(
                    f"Which code does the authorization {which} reference: S0013 or J0013? "
                    "J0013 replaced S0013 on January 1, 2026, and the switch left some "
                    "authorizations and claims on different codes."
                )
            )
    return found


def _prior_authorization(case: Case, plan: Plan, today: date) -> list[Question]:
    treatment = case.treatment_plan
    assert treatment is not None
    required = plan.prior_authorization_required
    found = [
        Question(
            f"Is prior authorization required for {treatment.treatment.label}?",
            known=None
            if required is None
            else f"prior authorization is {'' if required else 'not '}required.",
        )
    ]
    if required is False:
        return found
    urgent = case.urgency is Urgency.URGENT or case.history.suicidal_ideation is True
    how = "How is the request submitted: portal, fax (which number) or phone? Is there a form?" + (
        " This request is urgent: how is expedited review asked for?" if urgent else ""
    )
    found.append(
        Question(
            how,
            known=f"prior-authorization requests go by fax to {plan.prior_authorization_fax}."
            if plan.prior_authorization_fax
            else None,
        )
    )
    timing = "How long does a standard decision take, and how long an urgent (expedited) one?"
    standard = pa_decision_due(plan.category, Urgency.STANDARD, treatment.treatment, today)
    expedited = pa_decision_due(plan.category, Urgency.URGENT, treatment.treatment, today)
    if standard is not None and expedited is not None:
        timing += (
            f" For comparison, the rules for this kind of plan give {standard.clock} for a "
            f"standard request and {expedited.clock} for an urgent one."
        )
    found.append(Question(timing))
    return found


def _out_of_network(case: Case, plan: Plan) -> list[Question]:
    pays = plan.out_of_network_benefits
    found = [
        Question(
            "Does the plan pay anything for out-of-network providers for this treatment?",
            known=None
            if pays is None
            else "the plan pays out of network."
            if pays
            else "the plan has no out-of-network benefits.",
        )
    ]
    if pays is False:
        return found
    share = plan.out_of_network or CostShare()
    found += [
        Question(
            "What is the out-of-network deductible, and how much of it is met this plan year?",
            known=None
            if share.deductible is None
            else f"out-of-network deductible {money(share.deductible)}, "
            f"{money(share.deductible_met)} met.",
        ),
        Question(
            "What is the out-of-network coinsurance after the deductible?",
            known=None
            if share.coinsurance_percent is None
            else f"out-of-network coinsurance {share.coinsurance_percent.normalize():f}%.",
        ),
        Question(
            "What is the out-of-network out-of-pocket maximum, and how much of it is met?",
            known=None
            if share.out_of_pocket_max is None
            else f"out-of-network out-of-pocket maximum {money(share.out_of_pocket_max)}, "
            f"{money(share.out_of_pocket_met)} met.",
        ),
        Question(
            "How does the plan set the allowed amount for out-of-network claims, and what is it "
            "for these codes?"
        ),
        Question(
            "Where does the member send an out-of-network claim with a superbill, and is there "
            "a claim form to use?"
        ),
    ]
    return found


def _single_case_agreement(case: Case, plan: Plan) -> list[Question]:
    clinic = case.clinic
    who = "the treating clinic" if clinic is None else clinic.name
    found: list[Question] = []
    if plan.out_of_network_benefits is not None:
        found.append(
            Question(
                "Does the plan pay anything out of network?",
                known="the plan pays out of network."
                if plan.out_of_network_benefits
                else "the plan has no out-of-network benefits.",
            )
        )
    found.append(
        Question(
            f"If no in-network provider offers this treatment, would the plan consider a "
            f"single-case agreement with {who}? Whom should the clinic contact about it?"
        )
    )
    return found


def _appeals(plan: Plan) -> list[Question]:
    where = [*parts.address_lines(plan.appeals_address)]
    if plan.appeals_fax:
        where.append(f"fax {plan.appeals_fax}")
    return [
        Question(
            "How long does the member have to file an internal appeal after a denial?",
            known=None
            if plan.appeal_window_days is None
            else f"the plan documents give {plan.appeal_window_days} days to file an appeal.",
        ),
        Question(
            "Where are appeals sent (mailing address and fax number)?",
            known=f"appeals go to {', '.join(where)}." if where else None,
        ),
    ]


def _governing_rules(plan: Plan) -> list[Question]:
    found: list[Question] = []
    if plan.category in _EMPLOYER:
        funding = (
            "fully insured (ERISA plus state insurance law)"
            if plan.category is PayerCategory.COMMERCIAL_FULLY_INSURED
            else "self-funded (governed by ERISA)"
        )
        found.append(
            Question("Is the plan fully insured or self-funded?", f"the plan is {funding}.")
        )
    elif plan.category is PayerCategory.OTHER:
        found.append(
            Question(
                "Is the plan fully insured or self-funded? This decides whether state insurance "
                "rules or ERISA govern its appeals."
            )
        )
    if plan.category in _ACA:
        grandfathered = plan.grandfathered
        found.append(
            Question(
                "Is the plan grandfathered under the Affordable Care Act? Non-grandfathered "
                "plans must offer external review.",
                known=None
                if grandfathered is None
                else "the plan is grandfathered under the Affordable Care Act."
                if grandfathered
                else "the plan is not grandfathered, so the ACA external review rules apply.",
            )
        )
    return found
