"""The peer-to-peer preparation sheet: what the prescriber needs for the call with the plan's
reviewer, on one or two pages.

The denial and its classified reason; the plan's criteria against the patient's facts (met, not
met, not documented), from :func:`ketacover.core.history.judge` with the plan's criteria pack and
the history flags payers exclude on (sourcebook esketamine.toml); what the coverage assessment
found; talking points from the case and the facts; the evidence in short form; and the practical
facts of sourcebook appeals.toml: only the clinician can request the call (partly verified), ask for
a physician reviewer, and the call does not stop the appeal clock (partly verified). How soon after
a denial a call can be asked for differs by plan and is not in ketacover's sources (unverified), so
the sheet says to ask the plan.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import carc
from ketacover.core.coverage import PathwayId, assess, load_rules
from ketacover.core.deadlines import appeal_filing_window, last_day_note
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.errors import KetacoverError
from ketacover.core.evidence import citation, condition_of
from ketacover.core.history import CriterionStatus, analyze
from ketacover.core.letters import parts
from ketacover.core.letters.appeal import denied_what
from ketacover.core.letters.appeal_erisa import field_of, is_erisa
from ketacover.core.letters.appeal_evidence import indication_blocks
from ketacover.core.letters.appeal_ketamine import ketamine_blocks
from ketacover.core.letters.appeal_reasons import evidence_bullets, evidence_for, score_changes
from ketacover.core.letters.criteria import plan_criteria
from ketacover.core.letters.denial_subject import subject_blocks
from ketacover.core.letters.denials import Classification, classify, select_denial
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Blank, Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import join_words, long_date, short_date
from ketacover.core.model import Case, Denial, DenialReason, PayerCategory, Plan, Treatment
from ketacover.core.sourcebook import cite

DOCUMENT: Final = "peer-to-peer sheet"

_STATUS: Final = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.NOT_DOCUMENTED: "not documented",
}

_R = DenialReason


def compose(case: Case, today: date, options: Options) -> Letter:
    """The preparation sheet for a peer-to-peer call about the chosen denial."""
    denial = select_denial(case, options, DOCUMENT, pre_service_only=True)
    parts.require(
        DOCUMENT,
        [
            *parts.identity_checks(case),
            (case.prescriber is not None, "prescriber: only the treating clinician makes the call"),
        ],
    )
    plan = case.plan
    assert plan is not None  # identity_checks required it
    refuse_without_call(denial, plan)
    classification = classify(denial)
    body: list[Block] = [
        Heading("The denial"),
        Bullets(tuple(_denial_lines(case, denial, classification))),
        *subject_blocks(case, denial),
        Heading("The plan's criteria against the patient's facts"),
        *_criteria(case, today),
    ]
    findings = _assessment(case, today)
    if findings:
        body += [Heading("What the coverage assessment found"), Bullets(tuple(findings))]
    body += [
        Heading("Talking points"),
        Bullets(tuple(_talking_points(case, plan, classification, today))),
    ]
    body += indication_blocks(case, denial) + ketamine_blocks(case)
    evidence = evidence_for(case)
    if evidence:
        body += [Heading("Evidence to cite"), Bullets(tuple(evidence_bullets(evidence)))]
    if condition_of(case) == "ptsd":
        counter = citation("abdallah-2022")
        body.append(Paragraph(f"A reviewer may raise {counter.short}: {counter.finding}"))
    body += [
        Heading("About the call"),
        Bullets(tuple(_call_facts(denial, plan))),
        Heading("Call record"),
        Blank("Date and time of the call"),
        Blank("Reviewer's name and specialty"),
        Blank("Reference number"),
        Blank("Outcome and next step", lines=3),
    ]
    return Letter(
        kind="peer-to-peer",
        title="Peer-to-peer preparation sheet",
        date=today,
        subject=f"Peer-to-peer call about {notice_words_short(denial)}",
        body=tuple(body),
        running_header=parts.running_header(case),
        references=parts.references(
            case,
            ("Claim number", denial.claim_number),
            ("Reference number", denial.reference),
            ("Notice date", short_date(denial.notice_date)),
            ("Prescriber", case.prescriber.name if case.prescriber else None),
        ),
        notice="Preparation notes for the prescriber: information, not legal advice.",
    )


def refuse_without_call(denial: Denial, plan: Plan) -> None:
    """Refuse a sheet where no peer-to-peer call is to be had: Original Medicare has no
    peer-to-peer step (its first appeal is a written redetermination, 42 CFR 405 subpart I), and a
    denied claim (post-service) is appealed in writing, not discussed before the service."""
    if plan.category is PayerCategory.MEDICARE:
        raise KetacoverError(
            f"denial {denial.id!r}: Original Medicare has no peer-to-peer review; the next step is "
            "a written request for redetermination (the appeal letter)"
        )
    if not denial.pre_service:
        raise KetacoverError(
            f"denial {denial.id!r} is a claim denial (after the service): a peer-to-peer call is "
            "for a prior-authorization denial; answer a claim denial with the written appeal"
        )


def notice_words_short(denial: Denial) -> str:
    """``the denial dated October 30, 2026``."""
    return f"the denial dated {long_date(denial.notice_date)}"


def _denial_lines(case: Case, denial: Denial, classification: Classification) -> list[str]:
    lines = [
        f"Denied: {denied_what(case, denial)}, notice dated {long_date(denial.notice_date)}.",
        f"Reason: {classification.words} ({classification.basis}).",
    ]
    if denial.reason_text:
        quoted = " ".join(denial.reason_text.split()).rstrip(".")
        lines.append(f'Notice wording: "{quoted}."')
    lines += [f"Reason code {carc.describe(code)}" for code in denial.carc_codes]
    return lines


def _criteria(case: Case, today: date) -> list[Block]:
    judged = plan_criteria(case, today)
    rows = list(judged.rows)
    said = {row[0].casefold() for row in rows}
    rows += [row for row in _flag_rows(case, today) if row[0].casefold() not in said]
    return [
        Paragraph(judged.intro),
        Table(columns=("Criterion", "Status", "Detail"), rows=tuple(rows), widths=(3, 2, 8)),
    ]


def _flag_rows(case: Case, today: date) -> list[tuple[str, str, str]]:
    age = case.patient.age_on(today)
    rows = [("Age 18 or older", "met" if age >= 18 else "not met", f"Age {age}.")]
    flags = case.history
    exclusions = (
        ("No bipolar disorder or mania", flags.bipolar_history, "bipolar history"),
        ("No psychotic features", flags.psychotic_features, "psychotic features"),
    )
    for label, flag, what in exclusions:
        rows.append((label, *_exclusion(flag, what)))
    use = flags.substance_use
    if use is None:
        rows.append(("No active substance use disorder", "not documented", "Not recorded."))
    else:
        status = "not met" if use.value == "active" else "met"
        rows.append(
            (
                "No active substance use disorder",
                status,
                f"Recorded: {use.value.replace('_', ' ')}.",
            )
        )
    plan = case.treatment_plan
    if plan is not None and plan.treatment is Treatment.ESKETAMINE:
        certified = case.clinic.rems_certified if case.clinic is not None else None
        rows.append(("REMS-certified setting", *_present(certified, "REMS certification")))
    return rows


def _exclusion(flag: bool | None, what: str) -> tuple[str, str]:
    if flag is None:
        return "not documented", f"No record of {what} either way."
    return ("not met", f"Recorded: {what}.") if flag else ("met", f"None recorded ({what}: no).")


def _present(flag: bool | None, what: str) -> tuple[str, str]:
    if flag is None:
        return "not documented", f"{what} not recorded."
    return ("met", f"{what} recorded.") if flag else ("not met", f"No {what}.")


def _assessment(case: Case, today: date) -> list[str]:
    plan = case.treatment_plan
    if plan is None:
        return []
    pathway = (
        PathwayId.ESKETAMINE_PA
        if plan.treatment is Treatment.ESKETAMINE
        else PathwayId.IV_KETAMINE_PA
    )
    found = assess(case, today).pathway(pathway)
    return [
        f"{found.verdict.value.capitalize()}: {pathway.label}.",
        *(r.explain for r in found.reasons),
    ]


def _talking_points(
    case: Case, plan: Plan, classification: Classification, today: date
) -> list[str]:
    points = []
    if case.diagnoses:
        codes = [d.code for d in sorted(case.diagnoses, key=lambda d: not d.primary)]
        points.append(f"Diagnoses: {join_words(codes)}.")
    pack, _ = load_rules().pack(plan.criteria_pack)
    analysis = analyze(
        case.treatment_history, episode_start=case.history.episode_start, today=today
    )
    counted = analysis.counted(pack.criteria)
    if counted:
        points.append(
            f"{len(counted)} adequate failed antidepressant trials in this episode: "
            f"{join_words([t.label() for t in counted])}."
        )
    if analysis.augmentation:
        points.append(f"Augmentation tried: {join_words(list(analysis.augmentation))}.")
    if analysis.psychotherapy:
        points.append(f"Psychotherapy tried: {join_words(list(analysis.psychotherapy))}.")
    points += [f"Scores: {line}." for line in score_changes(case)]
    if case.history.suicidal_ideation:
        points.append("Current suicidal ideation: ask for an expedited decision.")
    points += _reason_points(case, plan, classification.reason)
    if is_erisa(plan):
        points.append(
            f"Ask the reviewer's specialty: on appeal an employer plan must consult a health care "
            f"professional trained and experienced in {field_of(case)} "
            f"({cite('cfr-29-2560-503-1-h-3-iii').citation})."
        )
    return points


def _reason_points(case: Case, plan: Plan, reason: DenialReason) -> list[str]:
    if reason is _R.EXPERIMENTAL_INVESTIGATIONAL:
        points = [
            "Esketamine nasal spray, a ketamine-family drug, has been FDA-approved since March 5, "
            "2019 (suicidal ideation indication August 3, 2020; monotherapy January 21, 2025)."
        ]
        treatment = case.treatment_plan.treatment if case.treatment_plan else None
        if treatment is not Treatment.ESKETAMINE:
            points.append(
                "Off-label is not experimental: say plainly that ketamine is used off-label here."
            )
        if condition_of(case) in ("depression", "suicidal_ideation"):
            points.append(
                "ELEKT-D (Anand 2023): ketamine non-inferior to ECT, response 55.4% vs 41.2%. Do "
                "not cite KetECT as equivalence: ECT was superior on remission (63% vs 46%)."
            )
        if plan.category in EMPLOYER_AND_INDIVIDUAL and not plan.grandfathered:
            points.append(
                "Experimental or investigational determinations are eligible for external review, "
                "whose decision binds the plan."
            )
        return points
    return [_POINTS.get(reason, _POINTS[_R.NOT_MEDICALLY_NECESSARY])]


_POINTS: Final = {
    _R.NOT_MEDICALLY_NECESSARY: (
        "Ask which criterion the reviewer finds unmet, and point to the record that meets it."
    ),
    _R.MISSING_DOCUMENTATION: (
        "Ask exactly which records the reviewer needs, and offer to send them."
    ),
    _R.NO_PRIOR_AUTHORIZATION: (
        "Ask the reviewer to review the services for medical necessity as a retro-authorization."
    ),
    _R.OUT_OF_NETWORK: (
        "Ask about a network-gap exception or a single-case agreement, and ask the reviewer to "
        "name an in-network provider who offers this treatment."
    ),
    _R.FREQUENCY_LIMIT: "Point to the response in the scores and ask for the additional sessions.",
    _R.CODING_ERROR: (
        "A billing error (reason code 16) is fixed with a corrected claim, not argued on a call."
    ),
}


def _call_facts(denial: Denial, plan: Plan) -> list[str]:
    window = appeal_filing_window(denial, plan.category, plan_window_days=plan.appeal_window_days)
    if window is not None:
        clock = (
            "A peer-to-peer call is not a formal appeal and does not stop the appeal clock: the "
            f"written appeal is still due by {long_date(window.deadline.due)}."
        )
        note = last_day_note(window.deadline)
        if note is not None:
            clock += f" {note}"
    else:
        clock = (
            "A peer-to-peer call is not a formal appeal and does not stop the appeal clock: the "
            "written deadline on the notice still stands."
        )
    facts = [
        "Only the treating clinician can request a peer-to-peer review, not the patient.",
        "Ask for a physician reviewer.",
        clock,
        "How soon after a denial a call can be requested differs by plan: ask the plan.",
    ]
    phones = [
        f"behavioral health {plan.phone_behavioral_health}" if plan.phone_behavioral_health else "",
        f"medical {plan.phone_medical}" if plan.phone_medical else "",
    ]
    if any(phones):
        facts.append(f"Plan phone numbers: {join_words([p for p in phones if p])}.")
    return facts
