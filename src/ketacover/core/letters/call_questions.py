"""The questions of the benefits call script, each with the answer the case already holds.

Asked per treatment (the planned one, and the other prior-authorization pathway when the coverage
assessment does not find it unlikely): coverage for the diagnosis and codes, prior authorization
and its decision clock (:func:`ketacover.core.deadlines.pa_decision_due`, sourcebook appeals.toml
and 5), the network (out-of-network benefits, or a single-case agreement on an HMO or EPO), appeals
and the rules that govern the plan. Codes come from sourcebook codes.toml; the S0013 to J0013
question follows sourcebook codes.toml (partly verified). The wording, in English and Spanish, is in
:mod:`ketacover.core.letters.call_phrases`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketacover.core.codes import procedures
from ketacover.core.coverage import Assessment, PathwayId, Verdict
from ketacover.core.deadlines import pa_decision_due
from ketacover.core.letters import call_phrases as say
from ketacover.core.letters import parts
from ketacover.core.letters.language import Language
from ketacover.core.letters.terms import decision_clock, treatment_name
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


def questions(
    case: Case, today: date, assessment: Assessment, *, language: Language = Language.EN
) -> list[Question]:
    """Every question of the script, in order, with the answers the case already holds.

    ``assessment`` is the case's coverage assessment on ``today``: it decides whether the other
    prior-authorization pathway is worth asking about. The questions come in ``language``; the
    same case gives the same questions, in the same order, in every language.
    """
    plan, treatment = case.plan, case.treatment_plan
    assert plan is not None
    assert treatment is not None
    lang = language
    found: list[Question] = []
    for therapy in _treatments(case, assessment):
        found += _coverage(case, therapy, today, lang)
    found += _prior_authorization(case, plan, today, lang)
    if plan.plan_type is None and plan.category is not PayerCategory.MEDICARE:
        found.append(Question(say.PLAN_TYPE.format(lang)))
    if plan.category is PayerCategory.MEDICARE:
        pass  # the clinic files the claim: no out-of-network superbill (SSA section 1848(g)(4))
    elif plan.plan_type in _NETWORK_ONLY:
        found += _single_case_agreement(case, plan, lang)
    else:
        found += _out_of_network(plan, lang)
    found += _appeals(plan, lang)
    found += _governing_rules(plan, lang)
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


def _coverage(case: Case, therapy: Treatment, today: date, lang: Language) -> list[Question]:
    plan = case.plan
    assert plan is not None
    ordered = sorted(case.diagnoses, key=lambda d: not d.primary)
    dx = join_words([d.code for d in ordered], language=lang)
    codes = join_words(_codes(case, therapy, today), language=lang)
    name = treatment_name(therapy, lang)
    answer: bool | None = None
    if therapy is Treatment.ESKETAMINE:
        answer = plan.esketamine_covered
    elif therapy is Treatment.IV_KETAMINE:
        answer = plan.ketamine_infusion_covered
    known = None
    if answer is not None:
        known = (say.KNOWN_COVERED if answer else say.KNOWN_NOT_COVERED).format(
            lang, treatment=name
        )
    found = [
        Question(say.COVERED.format(lang, treatment=name, diagnoses=dx, codes=codes), known=known)
    ]
    if case.treatment_plan is not None and therapy is case.treatment_plan.treatment:
        found.append(Question(say.CRITERIA.format(lang, treatment=name)))
    if therapy is Treatment.ESKETAMINE:
        found += _esketamine_codes(case, today, lang)
    return found


def _codes(case: Case, therapy: Treatment, today: date) -> list[str]:
    """The codes a session of ``therapy`` is billed with (sourcebook codes.toml)."""
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


def _esketamine_codes(case: Case, today: date, lang: Language) -> list[Question]:
    plan = case.plan
    assert plan is not None
    found: list[Question] = []
    if plan.category is PayerCategory.MEDICARE:
        found.append(
            Question(say.MEDICARE_CODES.format(lang), known=say.KNOWN_MEDICARE_CODES.format(lang))
        )
    else:
        code = procedures.esketamine_drug_code(service_date(case, today))
        found.append(Question(say.ESKETAMINE_CODES.format(lang, code=code)))
    for pa in case.prior_authorizations:
        if pa.treatment is Treatment.ESKETAMINE and pa.decision in _ESKETAMINE_AUTHORIZED:
            which = (
                pa.authorization_number
                or pa.reference
                or say.AUTHORIZATION_SUBMITTED.format(lang, date=long_date(pa.submitted, lang))
            )
            found.append(Question(say.AUTHORIZATION_CODE.format(lang, which=which)))
    return found


def _prior_authorization(case: Case, plan: Plan, today: date, lang: Language) -> list[Question]:
    """Whether, how and how fast to ask for prior authorization; nothing for Original Medicare,
    which has none for these services (sourcebook cms-prior-authorization-programs)."""
    treatment = case.treatment_plan
    assert treatment is not None
    if plan.category is PayerCategory.MEDICARE:
        return []
    required = plan.prior_authorization_required
    known = None
    if required is not None:
        known = (say.KNOWN_PA_REQUIRED if required else say.KNOWN_PA_NOT_REQUIRED).format(lang)
    name = treatment_name(treatment.treatment, lang)
    found = [Question(say.PA_REQUIRED.format(lang, treatment=name), known=known)]
    if required is False:
        return found
    urgent = case.urgency is Urgency.URGENT or case.history.suicidal_ideation is True
    how = say.HOW_SUBMITTED.format(lang) + (say.HOW_EXPEDITED.format(lang) if urgent else "")
    fax = plan.prior_authorization_fax
    found.append(Question(how, known=say.KNOWN_PA_FAX.format(lang, fax=fax) if fax else None))
    timing = say.TIMING.format(lang)
    standard = pa_decision_due(plan.category, Urgency.STANDARD, treatment.treatment, today)
    expedited = pa_decision_due(plan.category, Urgency.URGENT, treatment.treatment, today)
    if standard is not None and expedited is not None:
        timing += say.TIMING_RULES.format(
            lang,
            standard=decision_clock(standard, lang),
            expedited=decision_clock(expedited, lang),
        )
    found.append(Question(timing))
    return found


def _network_answer(pays: bool | None, lang: Language) -> str | None:
    if pays is None:
        return None
    return (say.KNOWN_OON_PAYS if pays else say.KNOWN_NO_OON).format(lang)


def _out_of_network(plan: Plan, lang: Language) -> list[Question]:
    pays = plan.out_of_network_benefits
    found = [Question(say.OON_PAYS.format(lang), known=_network_answer(pays, lang))]
    if pays is False:
        return found
    share = plan.out_of_network or CostShare()
    deductible = coinsurance = out_of_pocket = None
    if share.deductible is not None:
        deductible = say.KNOWN_OON_DEDUCTIBLE.format(
            lang, deductible=money(share.deductible), met=money(share.deductible_met)
        )
    if share.coinsurance_percent is not None:
        percent = f"{share.coinsurance_percent.normalize():f}"
        coinsurance = say.KNOWN_OON_COINSURANCE.format(lang, percent=percent)
    if share.out_of_pocket_max is not None:
        out_of_pocket = say.KNOWN_OON_OUT_OF_POCKET.format(
            lang, maximum=money(share.out_of_pocket_max), met=money(share.out_of_pocket_met)
        )
    found += [
        Question(say.OON_DEDUCTIBLE.format(lang), known=deductible),
        Question(say.OON_COINSURANCE.format(lang), known=coinsurance),
        Question(say.OON_OUT_OF_POCKET.format(lang), known=out_of_pocket),
        Question(say.ALLOWED_AMOUNT.format(lang)),
        Question(say.CLAIM_WHERE.format(lang)),
    ]
    return found


def _single_case_agreement(case: Case, plan: Plan, lang: Language) -> list[Question]:
    clinic = case.clinic
    who = say.TREATING_CLINIC.format(lang) if clinic is None else clinic.name
    found: list[Question] = []
    if plan.out_of_network_benefits is not None:
        found.append(
            Question(
                say.OON_PAYS_ANYTHING.format(lang),
                known=_network_answer(plan.out_of_network_benefits, lang),
            )
        )
    found.append(Question(say.SINGLE_CASE_AGREEMENT.format(lang, who=who)))
    return found


def _appeals(plan: Plan, lang: Language) -> list[Question]:
    where = [*parts.address_lines(plan.appeals_address)]
    if plan.appeals_fax:
        where.append(say.FAX_NUMBER.format(lang, fax=plan.appeals_fax))
    days = plan.appeal_window_days
    return [
        Question(
            say.APPEAL_WINDOW.format(lang),
            known=None if days is None else say.KNOWN_APPEAL_WINDOW.format(lang, days=days),
        ),
        Question(
            say.APPEAL_WHERE.format(lang),
            known=say.KNOWN_APPEAL_WHERE.format(lang, where=", ".join(where)) if where else None,
        ),
    ]


def _governing_rules(plan: Plan, lang: Language) -> list[Question]:
    found: list[Question] = []
    if plan.category in _EMPLOYER:
        funding = (
            say.KNOWN_FULLY_INSURED
            if plan.category is PayerCategory.COMMERCIAL_FULLY_INSURED
            else say.KNOWN_SELF_FUNDED
        )
        found.append(Question(say.FUNDING.format(lang), funding.format(lang)))
    elif plan.category is PayerCategory.OTHER:
        found.append(Question(say.FUNDING_DECIDES.format(lang)))
    if plan.category in _ACA:
        grandfathered = plan.grandfathered
        known = None
        if grandfathered is not None:
            known = (
                say.KNOWN_GRANDFATHERED if grandfathered else say.KNOWN_NOT_GRANDFATHERED
            ).format(lang)
        found.append(Question(say.GRANDFATHERED.format(lang), known=known))
    return found
