"""The continuation (re-authorization) request: the prescriber asks the plan to extend an approved
course.

It states what a utilization reviewer checks on a continuation: the authorization being continued
(its number, dates and sessions approved), the sessions used under it (counted from the sessions
on record, :mod:`.authorization`), the response measured on the rating scales (baseline and latest
scores with their dates, the change in percent, and the published thresholds of response and
remission, :mod:`.response`), the treatment that goes on alongside (the oral antidepressant), and
what is asked for: the sessions and dates from the end of the current authorization, at the
labeled maintenance schedule for esketamine (:mod:`.maintenance`, the SPRAVATO prescribing
information) or on the treatment plan's own schedule for IV or IM ketamine.

Evidence: the SUSTAIN-1 randomized withdrawal trial (Daly et al., 2019, the evidence library)
for continuing esketamine once it works. Payers' own continuation criteria are not on record in
ketacover's criteria packs, so none are argued; the letter states the facts such criteria ask
about (documented response, ongoing oral antidepressant, no excluding history).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.evidence import Condition, citation, condition_of
from ketacover.core.letters import clinical, maintenance, parts, response
from ketacover.core.letters.authorization import (
    Continuation,
    Period,
    approval_checks,
    continuation,
    requested_period,
)
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.readiness import require_request_ready
from ketacover.core.letters.text import join_words, long_date, plural, short_date
from ketacover.core.model import Case, Session, Treatment, Urgency
from ketacover.core.sourcebook import entry

KIND: Final = "continuation"
DOCUMENT: Final = "continuation request"
TITLE: Final = "Continuation request (re-authorization)"
NO_APPROVAL: Final = (
    "prior_authorizations: an approval of the planned treatment to continue (without one, the "
    "request is an initial one: the letter of medical necessity)"
)
NO_SCORES: Final = (
    "scores: a rating scale scored before treatment and again since, to show the response"
)
RELAPSE_FINDING: Final = (
    "In a randomized withdrawal trial of adults with treatment-resistant depression in stable "
    "remission on esketamine with an oral antidepressant, continuing esketamine lowered the risk "
    "of relapse by 51% compared with switching to placebo"
)
"""SUSTAIN-1's primary result (Daly et al., JAMA Psychiatry 2019;76(9):893-903)."""


def compose(case: Case, today: date, options: Options) -> Letter:
    """The continuation request for ``case`` as of ``today``; :class:`MissingFactsError` listing
    every missing fact, one per line, and none while an exclusion or an unmet criterion caps the
    planned treatment (:mod:`.readiness`)."""
    if options.variant is not None:
        raise KetacoverError(
            f"the continuation request has no variant {options.variant!r}; give no variant"
        )
    found, period, measured = _facts(case, today)
    plan = case.treatment_plan
    assert plan is not None
    number = found.approval.authorization_number or ""
    refs = _References()
    body: list[Block] = [Paragraph(_opening(case, found))]
    body += _authorization(case, found, today)
    body += [Heading("Diagnoses"), parts.diagnosis_table(case)]
    body += _response(case, found, measured, refs)
    body += _treatment(case, today)
    body += _requested(case, found, period, today, refs)
    body += [Heading("Safety and monitoring"), Bullets(_safety(case))]
    body += [Heading("Request"), *(Paragraph(text) for text in _request(case, found, period))]
    return Letter(
        kind=KIND,
        title=TITLE,
        date=today,
        subject=(
            f"Continuation request: {plan.treatment.label} for {case.patient.full_name}, "
            f"authorization {number}"
        ),
        body=tuple(body),
        running_header=parts.running_header(case),
        sender=parts.clinic_sender(case),
        recipient=parts.plan_recipient(case, "Utilization management"),
        references=parts.references(
            case,
            ("Current authorization", number),
            ("Plan reference", found.pending.reference if found.pending else None),
        ),
        salutation="Dear Utilization Management Reviewer:",
        closing="Sincerely,",
        signature=parts.prescriber_signature(case),
        citations=tuple(refs.cited),
    )


def _facts(
    case: Case, today: date
) -> tuple[Continuation, Period, tuple[response.ScaleResponse, ...]]:
    """The approval, the period asked for and the measured response; every missing fact at once."""
    plan = case.treatment_plan
    checks: list[parts.Check] = [
        *parts.identity_checks(case),
        *parts.signer_checks(case),
        (bool(case.diagnoses), "diagnoses: at least one ICD-10-CM diagnosis"),
        (plan is not None, "treatment_plan: the treatment to continue"),
    ]
    found = continuation(case, today) if plan is not None else None
    if found is None:
        parts.require(KIND, [*checks, (False, NO_APPROVAL)])
    assert found is not None
    assert plan is not None
    require_request_ready(case, today, DOCUMENT)
    measured = response.measured(case.scores, found.first_session)
    checks += approval_checks(found)
    checks.append((bool(measured), NO_SCORES))
    if plan.treatment is Treatment.ESKETAMINE:
        certified = case.clinic.rems_certified if case.clinic is not None else None
        checks.append(
            (
                certified is not None,
                "clinic.rems_certified: esketamine is given only in a REMS-certified setting",
            )
        )
    missing = [why for present, why in checks if not present]
    period: Period | None = None
    try:
        period = requested_period(case, found, today, KIND)
    except MissingFactsError as error:
        missing += [why for why in error.missing if why not in missing]
    if missing:
        raise MissingFactsError(KIND, missing)
    assert period is not None
    return found, period, measured


class _References:
    """The works the letter cites, numbered in the order first cited."""

    def __init__(self) -> None:
        self.cited: list[str] = []

    def mark(self, reference: str) -> str:
        """``[n]`` for ``reference``, adding it on first use."""
        if reference not in self.cited:
            self.cited.append(reference)
        return f"[{self.cited.index(reference) + 1}]"

    def source(self, source_id: str) -> str:
        """``[n]`` for a document of the sources list."""
        item = entry(source_id)
        number = item.number if item.number not in item.title else ""
        text = ". ".join(p.rstrip(".") for p in (item.issuer, item.title, number) if p)
        return self.mark(f"{text}. {item.url}" if item.url else f"{text}.")


def _primary(case: Case) -> str:
    code = icd10cm.normalize(sorted(case.diagnoses, key=lambda d: not d.primary)[0].code)
    described = icd10cm.describe(code) if icd10cm.is_valid(code) else "the diagnosis coded"
    return f"{described[0].lower() + described[1:]} ({code})"


def _payer(case: Case) -> str:
    return case.plan.payer if case.plan is not None else "the plan"


def _opening(case: Case, found: Continuation) -> str:
    pa = found.approval
    assert pa.valid_from is not None
    assert pa.valid_through is not None
    text = (
        f"I am writing as the treating clinician of {case.patient.full_name}, born "
        f"{long_date(case.patient.date_of_birth)}, to ask {_payer(case)} to continue coverage of "
        f"{pa.treatment.label} for {_primary(case)}, beyond authorization "
        f"{pa.authorization_number}, which covers {plural(pa.sessions_approved or 0, 'session')} "
        f"from {long_date(pa.valid_from)} through {long_date(pa.valid_through)}."
    )
    if case.urgency is Urgency.URGENT:
        text += " The case is urgent: please review this request on the expedited timeline."
    return text


def _authorization(case: Case, found: Continuation, today: date) -> list[Block]:
    pa = found.approval
    assert pa.valid_from is not None
    assert pa.valid_through is not None
    approved = pa.sessions_approved or 0
    decided = f", approved on {long_date(pa.decided)}" if pa.decided else ""
    reference = f" (plan reference {pa.reference})" if pa.reference else ""
    lines = [
        f"Authorization number: {pa.authorization_number}{decided}{reference}.",
        f"Approved: {plural(approved, 'session')} of {pa.treatment.label} from "
        f"{long_date(pa.valid_from)} through {long_date(pa.valid_through)}.",
    ]
    used = len(found.used)
    if used > approved:
        lines.append(
            f"Given since it began, as of {long_date(today)}: {plural(used, 'session')}; it "
            f"approved {approved}."
        )
    elif used == approved:
        lines.append(f"Used as of {long_date(today)}: all {plural(approved, 'approved session')}.")
    else:
        lines.append(
            f"Used as of {long_date(today)}: {plural(used, 'session')}; "
            f"{plural(approved - used, 'approved session')} remaining."
        )
    if found.scheduled:
        dates = join_words([long_date(s.on) for s in found.scheduled])
        lines.append(f"Scheduled under it: {dates}.")
    blocks: list[Block] = [Heading("Current authorization"), Bullets(tuple(lines))]
    if found.used:
        blocks += [
            Heading("Sessions given under the authorization"),
            _sessions_table(found.used, pa.treatment),
        ]
    return blocks


def _sessions_table(sessions: tuple[Session, ...], treatment: Treatment) -> Table:
    watched = "Monitored" if treatment is Treatment.ESKETAMINE else "Minutes"
    rows = []
    for session in sessions:
        dose = f"{session.dose_mg.normalize():f} mg" if session.dose_mg is not None else ""
        minutes = session.monitoring_minutes or session.minutes
        rows.append((short_date(session.on), dose, f"{minutes} minutes" if minutes else ""))
    return Table(columns=("Date", "Dose", watched), rows=tuple(rows), widths=(2, 2, 2))


def _response(
    case: Case,
    found: Continuation,
    measured: tuple[response.ScaleResponse, ...],
    refs: _References,
) -> list[Block]:
    blocks: list[Block] = [Heading("Response to treatment"), parts.scores_table(case)]
    blocks.append(
        Table(
            columns=response.COLUMNS,
            rows=tuple(response.row(item) for item in measured),
            widths=(2, 3, 3, 3, 2, 2),
        )
    )
    texts = []
    summary = response.summary(measured)
    if summary is not None:
        cited = [refs.source("castro-2023-sustain3")]
        if any(item.scale.label == "PHQ-9" for item in measured):
            cited.append(refs.source("ncqa-hedis-drr"))
        texts.append(f"{summary[:-1]} {', '.join(cited)}.")
    latest = max(item.latest.on for item in measured)
    treatment = found.approval.treatment
    given = [s for s in case.sessions if s.treatment is treatment and s.on <= latest]
    if given:
        after = plural(len(given), "session")
        text = f"The latest scores were taken on {long_date(latest)}, after {after}"
        first = found.first_session
        if found.approval.treatment is Treatment.ESKETAMINE and first is not None:
            week = maintenance.week_of(first, latest)
            if week <= maintenance.INDUCTION_WEEKS:
                text += (
                    f", in week {week} of the induction phase (weeks 1 to 4), at whose end the "
                    "label asks that the benefit be evaluated to decide on continued treatment "
                    f"{refs.source('spravato-trd-dosing')}"
                )
        texts.append(text + ".")
    blocks += [Paragraph(text) for text in texts]
    return blocks


def _treatment(case: Case, today: date) -> list[Block]:
    lines = []
    current = clinical.current_antidepressants(clinical.history_analysis(case, today))
    if current:
        lines.append(
            f"Oral antidepressant taken alongside: {join_words(current)}, which continues."
        )
    lines += [
        line
        for line in clinical.history_flags(case, suicidal=False)
        if not line.endswith("not documented.")
    ]
    if not lines:
        return []
    heading = "Oral antidepressant and history" if current else "History"
    return [Heading(heading), Bullets(tuple(lines))]


def _requested(
    case: Case, found: Continuation, period: Period, today: date, refs: _References
) -> list[Block]:
    plan = case.treatment_plan
    assert plan is not None
    texts = [
        f"I ask for {plural(period.sessions, 'session')} from {long_date(period.start)} through "
        f"{long_date(period.end)} (about {plural(period.weeks, 'week')})."
    ]
    if period.from_plan:
        texts.append("This is the course on the treatment plan.")
    if plan.dose_mg:
        texts.append(f"The dose is {plan.dose_mg} mg per session.")
    blocks: list[Block] = [Heading("Continued treatment requested"), Paragraph(" ".join(texts))]
    if period.stretches:
        label = refs.source("spravato-trd-dosing")
        items = []
        for stretch in period.stretches:
            phase = stretch.phase
            count = plural(stretch.sessions, "session")
            if phase.last_week is None:
                how = (
                    f"{phase.frequency}, as the label gives from week {phase.first_week}, at the "
                    "least frequent dosing that keeps the response or remission: up to "
                    f"{count}"
                )
            else:
                how = f"{phase.frequency}, the label's {phase.name} phase: {count}"
            items.append(
                f"{stretch.weeks_text().capitalize()} of treatment ({long_date(stretch.start)} to "
                f"{long_date(stretch.end)}): {how} {label}."
            )
        blocks.append(Paragraph("The labeled esketamine schedule for these weeks:"))
        blocks.append(Bullets(tuple(items)))
        if condition_of(case) == Condition.SUICIDAL_IDEATION:
            blocks.append(
                Paragraph(
                    "For depressive symptoms with acute suicidal ideation or behavior, the label "
                    "gives 4 weeks twice weekly and says treatment beyond 4 weeks has not been "
                    f"systematically evaluated {refs.source('spravato-mdsi-dosing')}."
                )
            )
    rows = tuple(parts.service_lines(case, period.start))
    blocks.append(
        Table(columns=("Code", "Service", "Units per session"), rows=rows, widths=(2, 7, 3))
    )
    if plan.treatment is Treatment.ESKETAMINE:
        daly = citation("daly-2019")
        blocks += [
            Heading("Evidence for continued treatment"),
            Paragraph(f"{RELAPSE_FINDING} {refs.mark(daly.formatted())}."),
        ]
    else:
        blocks.append(
            Paragraph(
                f"{plan.treatment.label.capitalize()} is used here outside its FDA-approved "
                "labeling (off-label); the continued course follows the treatment plan."
            )
        )
    return blocks


def _safety(case: Case) -> tuple[str, ...]:
    plan = case.treatment_plan
    assert plan is not None
    if plan.treatment is not Treatment.ESKETAMINE:
        return (
            "Each session is given in the clinic under clinician supervision, with the patient "
            "monitored during it and until ready for discharge, under the clinic's protocol.",
        )
    clinic = case.clinic.name if case.clinic is not None else "The clinic"
    return (
        f"{clinic} is certified in the SPRAVATO REMS; each dose is self-administered under direct "
        "observation and the patient is monitored for at least 2 hours and until sedation, "
        "dissociation and respiratory depression resolve.",
        "A REMS Patient Monitoring Form is completed after every session and submitted within "
        "7 days.",
        "Esketamine is never dispensed for home use.",
    )


def _request(case: Case, found: Continuation, period: Period) -> list[str]:
    plan = case.treatment_plan
    assert plan is not None
    pa = found.approval
    codes = [code for code, _, _ in parts.service_lines(case, period.start)]
    texts = [
        f"I ask {_payer(case)} to authorize {plural(period.sessions, 'session')} of "
        f"{plan.treatment.label} ({join_words(codes)}) from {long_date(period.start)} through "
        f"{long_date(period.end)}, continuing authorization {pa.authorization_number}."
    ]
    ends = pa.valid_through
    if ends is not None and (period.start - ends).days == 1:
        texts.append(
            f"The current authorization ends on {long_date(ends)}; a decision by then keeps "
            "the treatment from being interrupted."
        )
    if case.urgency is Urgency.URGENT:
        texts.append(
            "Because the treating clinician judges the case urgent, waiting for a standard "
            "decision could seriously jeopardize the patient's life or health. Please decide this "
            "request as expedited (urgent)."
        )
    phone = case.clinic.phone if case.clinic is not None else None
    contact = f" at {phone}" if phone else ""
    texts.append(
        f"Please contact me{contact} with any question; I am available for a peer-to-peer review."
    )
    return texts
