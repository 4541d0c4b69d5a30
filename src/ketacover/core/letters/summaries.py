"""The enclosures of a prior-authorization packet: the treatment-history summary, the clinical
summary and the evidence list.

The history is judged against the plan's own criteria (``plan.criteria``, in its words), else its
criteria pack (``plan.criteria_pack``, else ``generic_commercial``), as the coverage engine picks
them (:mod:`ketacover.core.letters.criteria`);
evidence comes from :mod:`ketacover.core.evidence` (the evidence library).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.errors import KetacoverError
from ketacover.core.evidence import Condition, condition_of
from ketacover.core.history import CriterionStatus
from ketacover.core.letters import clinical, parts
from ketacover.core.letters.criteria import plan_criteria
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import long_date
from ketacover.core.model import Case, Urgency

_STATUS_WORDS: Final = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.NOT_DOCUMENTED: "not documented",
}
_DEPRESSION: Final = (Condition.DEPRESSION, Condition.SUICIDAL_IDEATION)


def compose_treatment_history(case: Case, today: date, options: Options) -> Letter:
    """Every treatment tried, with the plan's failed-treatment criteria judged against it."""
    kind = "treatment-history"
    parts.require(kind, [(bool(case.treatment_history), "treatment_history: treatments tried")])
    table = parts.failed_treatment_table(case, today)
    others = parts.other_treatments(case)
    body: list[Block] = []
    if table.rows:
        body += [Heading("Medication trials"), table]
    if others:
        body += [Heading("Psychotherapy, TMS, ECT and other treatments"), Bullets(tuple(others))]
    if condition_of(case) in _DEPRESSION:
        body += _criteria(case, today)
    return _summary(case, today, kind, "Treatment-history summary", body)


def _criteria(case: Case, today: date) -> list[Block]:
    judged = plan_criteria(case, today)
    blocks: list[Block] = [Heading("The plan's criteria" if judged.own else "Criteria")]
    blocks.append(Paragraph(judged.intro))
    blocks.append(
        Table(columns=("Criterion", "Status", "Finding"), rows=judged.rows, widths=(3, 2, 8))
    )
    return blocks


def compose_clinical_summary(case: Case, today: date, options: Options) -> Letter:
    """Diagnoses, scores over time, history flags, the treatment plan and urgency on one page."""
    kind = "clinical-summary"
    parts.require(kind, [(bool(case.diagnoses), "diagnoses: at least one ICD-10-CM diagnosis")])
    body: list[Block] = [Heading("Diagnoses"), parts.diagnosis_table(case)]
    if case.scores:
        body += [Heading("Rating scales"), parts.scores_table(case)]
        changes = clinical.score_changes(case)
        if changes:
            body += [
                Paragraph("Change from the first to the latest score:"),
                Bullets(tuple(changes)),
            ]
    body += [Heading("History"), Bullets(tuple(clinical.history_flags(case)))]
    if case.history.episode_start is not None:
        body.append(Paragraph(f"Current episode began on {long_date(case.history.episode_start)}."))
    if case.treatment_plan is not None:
        plan_text = [f"Requested: {parts.request_summary(case)}."]
        course = clinical.course_sentence(case)
        if course:
            plan_text.append(course)
        rows = tuple(parts.service_lines(case, case.treatment_plan.start or today))
        body += [
            Heading("Treatment plan"),
            Paragraph(" ".join(plan_text)),
            Table(columns=("Code", "Service", "Units per session"), rows=rows, widths=(2, 7, 3)),
        ]
    urgent = case.urgency is Urgency.URGENT
    body += [
        Heading("Urgency"),
        Paragraph(
            "Urgent: waiting for a standard decision could seriously jeopardize the patient's "
            "life or health; an expedited review is requested."
            if urgent
            else "Standard: no urgent circumstances are documented."
        ),
    ]
    return _summary(case, today, kind, "Clinical summary", body)


class NoEvidenceError(KetacoverError):
    """The evidence library holds nothing for the case's diagnosis and treatment."""


def compose_evidence_list(case: Case, today: date, options: Options) -> Letter:
    """The studies and guidelines chosen for the diagnosis and treatment, with key findings."""
    kind = "evidence-list"
    plan = case.treatment_plan
    parts.require(
        kind,
        [
            (bool(case.diagnoses), "diagnoses: the evidence is chosen for the diagnosis"),
            (plan is not None, "treatment_plan: the evidence is chosen for the treatment"),
        ],
    )
    assert plan is not None  # required above
    condition, citations = clinical.evidence_for(case)
    if not citations:
        raise NoEvidenceError(
            f"the evidence library has no citations for treatment {plan.treatment.value} with "
            f"condition {condition} (from the diagnoses' ICD-10-CM codes)"
        )
    intro = (
        f"Published studies and guidelines on {plan.treatment.label} for "
        f"{clinical.CONDITION_WORDS[condition]}, numbered as cited; each line gives the key "
        "finding where one is stated, otherwise the title."
    )
    body: list[Block] = [Paragraph(intro), Bullets(clinical.evidence_items(citations))]
    formatted = tuple(item.formatted() for item in citations)
    return _summary(case, today, kind, "Evidence list", body, formatted)


def _summary(
    case: Case,
    today: date,
    kind: str,
    title: str,
    body: list[Block],
    citations: tuple[str, ...] = (),
) -> Letter:
    return Letter(
        kind=kind,
        title=title,
        date=today,
        subject=f"{title}: {case.patient.full_name}",
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=parts.clinic_sender(case),
        references=parts.references(case),
        citations=citations,
    )
