"""The letter of medical necessity: the prescriber asks the plan to cover the treatment.

Variants: ``trd-iv`` (IV ketamine for treatment-resistant depression), ``ptsd-iv``, ``pain-iv``
(CRPS or chronic pain) and ``esketamine``, chosen from the treatment plan and the diagnoses
(:attr:`Options.variant` overrides). Label and REMS facts come from sourcebook esketamine.toml
(approval dates 2019-03-05, 2020-08-03 and 2025-01-21; certified setting, enrollment before the
first treatment, at least 2 hours of monitoring, never for home use, monitoring form within 7 days);
codes from section 1; studies from section 9 through :mod:`ketacover.core.evidence`. IV ketamine
is said plainly to be used outside its FDA-approved labeling; its monitoring is stated in general
terms that the signing clinician attests.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.errors import KetacoverError
from ketacover.core.evidence import Condition, condition_of
from ketacover.core.letters import clinical, necessity_argument, parts
from ketacover.core.letters.criteria import plan_criteria
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.readiness import require_initial_request, require_request_ready
from ketacover.core.letters.text import join_words, long_date, plural
from ketacover.core.model import Case, Treatment, Urgency

KIND: Final = "medical-necessity"
VARIANTS: Final[dict[str, str]] = {
    "trd-iv": "IV ketamine for treatment-resistant depression",
    "ptsd-iv": "IV ketamine for posttraumatic stress disorder",
    "pain-iv": "IV ketamine for CRPS or chronic pain",
    "esketamine": "esketamine nasal spray for major depression",
}
"""The variants and what each is for."""

_IV_BY_CONDITION: Final[dict[str, str]] = {
    Condition.DEPRESSION: "trd-iv",
    Condition.SUICIDAL_IDEATION: "trd-iv",
    Condition.PTSD: "ptsd-iv",
    Condition.PAIN: "pain-iv",
}


class VariantError(KetacoverError):
    """No letter variant fits the case, or the one asked for is unknown or does not fit."""


def compose(case: Case, today: date, options: Options) -> Letter:
    """The letter of medical necessity for ``case`` as of ``today``; none while an exclusion or
    an unmet criterion caps the planned treatment, nor once the plan has approved it (the
    request is then a continuation, :mod:`.readiness`)."""
    require_initial_request(case, "letter of medical necessity")
    require_request_ready(case, today, "letter of medical necessity")
    plan = case.treatment_plan
    parts.require(
        KIND,
        [
            *parts.identity_checks(case),
            *parts.signer_checks(case),
            (bool(case.diagnoses), "diagnoses: at least one ICD-10-CM diagnosis"),
            (plan is not None, "treatment_plan: the treatment and sessions requested"),
        ],
    )
    assert plan is not None  # required above
    name = variant(case, options.variant)
    if name == "esketamine":
        _require_rems(case)
    _, citations = clinical.evidence_for(case, _condition(case, name))
    body: list[Block] = [Paragraph(_opening(case))]
    body += [Heading("Diagnoses"), parts.diagnosis_table(case)]
    if case.scores:
        body += [Heading("Rating scales"), parts.scores_table(case)]
        changes = clinical.score_changes(case)
        if changes:
            body.append(Bullets(tuple(changes)))
    body += _history(case, today)
    body += _plan_criteria(case, today, name)
    body += [Heading(f"Why {plan.treatment.label} now")]
    body += [Paragraph(text) for text in necessity_argument.reasoning(case, today, name, citations)]
    body += _plan(case, today)
    body += [Heading("Safety and monitoring"), Bullets(_safety(case, name))]
    if citations:
        body += [Heading("Evidence"), Bullets(clinical.evidence_items(citations))]
    body += [Heading("Request"), *(Paragraph(text) for text in _request(case, today))]
    return Letter(
        kind=KIND,
        title="Letter of medical necessity",
        date=today,
        subject=f"Letter of medical necessity: {plan.treatment.label} for {case.patient.full_name}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=parts.clinic_sender(case),
        recipient=parts.plan_recipient(case, "Utilization management"),
        references=parts.references(
            case, ("Prior authorization reference", clinical.pending_reference(case))
        ),
        salutation="Dear Utilization Management Reviewer:",
        closing="Sincerely,",
        signature=parts.prescriber_signature(case),
        citations=tuple(item.formatted() for item in citations),
    )


def variant(case: Case, requested: str | None = None) -> str:
    """The variant for ``case``: ``requested`` when given and fitting, else from the case."""
    plan = case.treatment_plan
    treatment = plan.treatment if plan is not None else None
    allowed = ", ".join(VARIANTS)
    if requested is not None:
        if requested not in VARIANTS:
            raise VariantError(
                f"unknown letter of medical necessity variant {requested!r}; "
                f"the variants are: {allowed}"
            )
        wanted = Treatment.ESKETAMINE if requested == "esketamine" else Treatment.IV_KETAMINE
        if treatment is not wanted:
            raise VariantError(
                f"variant {requested!r} is for {wanted.value}, but treatment_plan.treatment is "
                f"{treatment.value if treatment else 'not set'}"
            )
        return requested
    condition = condition_of(case)
    if treatment is Treatment.ESKETAMINE:
        if condition in (Condition.DEPRESSION, Condition.SUICIDAL_IDEATION):
            return "esketamine"
        raise VariantError(
            "the esketamine letter needs a major depression diagnosis (F32 or F33), as the "
            "esketamine indications are for depression; diagnoses has none"
        )
    if treatment is Treatment.IV_KETAMINE and condition in _IV_BY_CONDITION:
        return _IV_BY_CONDITION[condition]
    what = treatment.value if treatment else "no treatment"
    raise VariantError(
        f"no letter of medical necessity variant fits treatment {what} with these diagnoses; "
        f"the variants are: {allowed}"
    )


def _condition(case: Case, name: str) -> str:
    """The condition whose evidence the variant cites."""
    found = condition_of(case)
    if name in ("trd-iv", "esketamine"):
        return found if found == Condition.SUICIDAL_IDEATION else Condition.DEPRESSION
    return Condition.PTSD if name == "ptsd-iv" else Condition.PAIN


def _require_rems(case: Case) -> None:
    certified = case.clinic.rems_certified if case.clinic is not None else None
    why = "clinic.rems_certified: esketamine is given only in a REMS-certified setting"
    parts.require(KIND, [(certified is not None, why)])
    if certified is False:
        raise KetacoverError(
            "clinic.rems_certified is false: esketamine may be given only in a setting "
            "certified in the SPRAVATO REMS; the letter needs a certified setting"
        )


def _primary(case: Case) -> tuple[str, str]:
    """The primary (else first) diagnosis: its code and its description in lower case."""
    code = icd10cm.normalize(sorted(case.diagnoses, key=lambda d: not d.primary)[0].code)
    described = icd10cm.describe(code) if icd10cm.is_valid(code) else "the diagnosis coded"
    return code, described[0].lower() + described[1:]


def _opening(case: Case) -> str:
    code, described = _primary(case)
    text = (
        f"I am writing as the treating clinician of {case.patient.full_name}, born "
        f"{long_date(case.patient.date_of_birth)}, to ask {_payer(case)} to cover "
        f"{parts.request_summary(case)} for {described} ({code})."
    )
    if case.urgency is Urgency.URGENT:
        text += " The case is urgent: please review this request on the expedited timeline."
    return text


def _payer(case: Case) -> str:
    return case.plan.payer if case.plan is not None else "the plan"


def _history(case: Case, today: date) -> list[Block]:
    table = parts.failed_treatment_table(case, today)
    others = parts.other_treatments(case)
    blocks: list[Block] = []
    if table.rows:
        blocks += [Heading("Medication trials"), table]
    if others:
        blocks += [Heading("Psychotherapy, TMS, ECT and other treatments"), Bullets(tuple(others))]
    return blocks


def _plan_criteria(case: Case, today: date, name: str) -> list[Block]:
    """The plan's criteria answered one by one: always when the plan stated its own (in its
    words), and a payer pack's for the esketamine letter; never the common default's counts."""
    judged = plan_criteria(case, today)
    if not (judged.stated or (judged.own and name == "esketamine")):
        return []
    return [
        Heading("The plan's criteria"),
        Paragraph(judged.intro),
        Table(columns=("Criterion", "Status", "Finding"), rows=judged.rows, widths=(3, 2, 8)),
    ]


def _plan(case: Case, today: date) -> list[Block]:
    plan = case.treatment_plan
    assert plan is not None
    texts = [f"Requested: {parts.request_summary(case)}."]
    course = clinical.course_sentence(case)
    if course:
        texts.append(course)
    if plan.treatment is Treatment.IV_KETAMINE and plan.infusion_minutes:
        texts.append(f"Each infusion runs about {plan.infusion_minutes} minutes.")
    if plan.treatment is Treatment.ESKETAMINE and plan.dose_mg:
        texts.append(f"The planned dose is {plan.dose_mg} mg per session.")
    rows = tuple(parts.service_lines(case, plan.start or today))
    return [
        Heading("Treatment plan"),
        Paragraph(" ".join(texts)),
        Table(columns=("Code", "Service", "Units per session"), rows=rows, widths=(2, 7, 3)),
    ]


def _safety(case: Case, name: str) -> tuple[str, ...]:
    flags: list[str] = []
    if name in ("trd-iv", "esketamine"):
        flags = [
            line
            for line in clinical.history_flags(case, suicidal=False)
            if not line.endswith("not documented.")
        ]
    if name != "esketamine":
        return (
            "Each infusion is given in the clinic under clinician supervision, with the patient "
            "monitored during the infusion and until ready for discharge, under the clinic's "
            "protocol.",
            *flags,
        )
    clinic = case.clinic.name if case.clinic is not None else "The clinic"
    items = [
        f"{clinic} is certified in the SPRAVATO REMS as an outpatient healthcare setting; as the "
        "REMS requires, a prescriber is on site during dosing and monitoring, with healthcare "
        "providers to monitor and a pulse oximeter.",
        "The patient is enrolled in the REMS before the first treatment and counseled about "
        "monitoring, the risks and arranging safe transport home.",
        "Each dose is self-administered under direct observation, and the patient is monitored "
        "for at least 2 hours and until sedation, dissociation and respiratory depression resolve.",
        "Esketamine is never dispensed for home use.",
        "A REMS Patient Monitoring Form is completed after every session and submitted within "
        "7 days.",
    ]
    if case.history.suicidal_ideation or condition_of(case) == Condition.SUICIDAL_IDEATION:
        items.append(
            "As its label states, esketamine has not been shown to prevent suicide or reduce "
            "suicidal ideation, and it does not replace hospitalization when that is needed."
        )
    return (*items, *flags)


def _request(case: Case, today: date) -> list[str]:
    plan = case.treatment_plan
    assert plan is not None
    codes = [code for code, _, _ in parts.service_lines(case, plan.start or today)]
    start = f", starting {long_date(plan.start)}" if plan.start and plan.start >= today else ""
    texts = [
        f"I ask {_payer(case)} to approve {plural(plan.sessions, 'session')} of "
        f"{plan.treatment.label} ({join_words(codes)}){start}."
    ]
    if case.urgency is Urgency.URGENT:
        reason = (
            f"{case.patient.full_name} has current suicidal ideation"
            if case.history.suicidal_ideation
            else "the treating clinician judges the case urgent"
        )
        texts.append(
            f"Because {reason}, waiting for a standard decision could seriously jeopardize the "
            "patient's life or health. Please decide this request as expedited (urgent)."
        )
    phone = case.clinic.phone if case.clinic is not None else None
    contact = f" at {phone}" if phone else ""
    texts.append(
        f"Please contact me{contact} with any question; I am available for a peer-to-peer review."
    )
    return texts
