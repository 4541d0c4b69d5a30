"""The prior-authorization cover sheet: the first page of the packet a clinic faxes or uploads.

It says who the request is for and from, how urgent it is and by when the plan must decide (the
clock from :func:`ketacover.core.deadlines.pa_decision_due`, sourcebook appeals.toml), what is
requested (treatment, codes and units by sourcebook codes.toml, sessions and dates), the diagnosis
codes and the member ID, and what is enclosed. Pages are numbered by the packet renderer, so the
sheet gives no page count.

``Options.variant`` ``with-clinical-notes`` adds the clinical notes to the enclosures, when the
packet carries them as attachments.

Once the plan has approved the planned treatment, the sheet goes with a continuation
(re-authorization) request (:mod:`.authorization`): it names the authorization being continued,
asks for the continued sessions and dates, and encloses the continuation request instead of the
letter of medical necessity.
"""

from __future__ import annotations

from datetime import date

from ketacover.core.deadlines import Deadline, pa_decision_due
from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import parts
from ketacover.core.letters.authorization import (
    Continuation,
    Period,
    approval_checks,
    continuation,
    requested_period,
)
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.letter import Block, Heading, Letter, Paragraph, Party, Table
from ketacover.core.letters.readiness import (
    require_prior_authorization_payer,
    require_request_ready,
)
from ketacover.core.letters.text import long_date, plural
from ketacover.core.model import Case, Decision, PriorAuthorization, Urgency
from ketacover.core.sources import Confidence

DOCUMENT = "pa-cover-sheet"
WITH_NOTES = "with-clinical-notes"
ENCLOSURES = (
    "Letter of medical necessity",
    "Treatment-history summary",
    "Clinical summary",
    "Evidence list",
)
CONTINUATION_ENCLOSURES = ("Continuation request (re-authorization)",)
CONFIDENTIAL = (
    "Confidential: this transmission contains protected health information about the patient "
    "named above and is meant only for the addressee. If you received it in error, tell the "
    "sender at the phone number above and destroy every copy."
)


def compose(case: Case, today: date, options: Options) -> Letter:
    """The cover sheet for the case's prior-authorization request; none while an exclusion or an
    unmet criterion caps the planned treatment (:mod:`.readiness`), since it would list a letter
    that is not written."""
    require_prior_authorization_payer(case, "prior-authorization cover sheet")
    require_request_ready(case, today, "prior-authorization cover sheet")
    notes = _with_notes(options.variant)
    clinic, plan = case.clinic, case.treatment_plan
    parts.require(
        DOCUMENT,
        [
            *parts.identity_checks(case),
            *parts.signer_checks(case),
            (plan is not None, "treatment_plan: what is requested"),
            (bool(case.diagnoses), "diagnoses: the diagnosis codes of the request"),
            (clinic is not None, "clinic: who the request comes from"),
            (
                clinic is not None and bool(clinic.phone),
                "clinic.phone: the plan's reviewer needs a number to call back",
            ),
        ],
    )
    assert plan is not None
    renewal = _continuation(case, today)
    pending = _pending_request(case)
    submitted = pending.submitted if pending is not None else today
    urgent = _urgent(case, pending)
    urgency_word = "URGENT: expedited" if urgent else "Standard"
    what = "continuation request (re-authorization)" if renewal else "prior-authorization request"
    enclosures = CONTINUATION_ENCLOSURES if renewal else ENCLOSURES
    number = renewal[0].approval.authorization_number if renewal else None
    return Letter(
        kind=DOCUMENT,
        title=f"{what[0].upper()}{what[1:]}: cover sheet",
        date=today,
        subject=f"{urgency_word} {what} for {plan.treatment.label}",
        body=_body(case, today, submitted, urgent, renewal),
        running_header=parts.running_header(case),
        sender=_sender(case),
        recipient=parts.plan_recipient(case, "Prior-authorization department"),
        references=parts.references(
            case,
            ("Current authorization", number),
            ("Plan reference", pending.reference if pending is not None else None),
        ),
        enclosures=(*enclosures, "Clinical notes") if notes else enclosures,
        notice=CONFIDENTIAL,
    )


def _continuation(case: Case, today: date) -> tuple[Continuation, Period] | None:
    """The approval a continuation request extends and the period it asks for, or ``None`` for
    an initial request; :class:`MissingFactsError` when the approval lacks what the sheet
    states."""
    found = continuation(case, today)
    if found is None:
        return None
    missing = [why for present, why in approval_checks(found) if not present]
    try:
        period = requested_period(case, found, today, DOCUMENT)
    except MissingFactsError as error:
        missing += [why for why in error.missing if why not in missing]
    if missing:
        raise MissingFactsError(DOCUMENT, missing)
    return found, period


def _with_notes(variant: str | None) -> bool:
    if variant is None:
        return False
    if variant == WITH_NOTES:
        return True
    raise KetacoverError(
        f"cover sheet variant {variant!r} is not understood; use {WITH_NOTES} when clinical "
        "notes are attached, or no variant"
    )


def _pending_request(case: Case) -> PriorAuthorization | None:
    """The latest pending request for the planned treatment: the sheet goes with it."""
    plan = case.treatment_plan
    assert plan is not None
    pending = [
        pa
        for pa in case.prior_authorizations
        if pa.decision is Decision.PENDING and pa.treatment is plan.treatment
    ]
    return max(pending, key=lambda pa: pa.submitted) if pending else None


def _urgent(case: Case, pending: PriorAuthorization | None) -> bool:
    """Urgent as the assessment judges it (urgency or current suicidal ideation), or as sent."""
    return (
        case.urgency is Urgency.URGENT
        or case.history.suicidal_ideation is True
        or (pending is not None and pending.urgency is Urgency.URGENT)
    )


def _sender(case: Case) -> Party:
    clinic, prescriber = case.clinic, case.prescriber
    assert clinic is not None
    assert prescriber is not None
    lines = list(parts.address_lines(clinic.address))
    contact = f"Phone {clinic.phone}"
    if clinic.fax:
        contact += f" · Fax {clinic.fax}"
    lines.append(contact)
    who = ", ".join(p for p in (prescriber.name, prescriber.credentials) if p)
    lines.append(f"Prescriber: {who}, NPI {prescriber.npi}")
    return Party(name=clinic.name, lines=tuple(lines))


def _body(
    case: Case,
    today: date,
    submitted: date,
    urgent: bool,
    renewal: tuple[Continuation, Period] | None,
) -> tuple[Block, ...]:
    plan = case.treatment_plan
    assert plan is not None
    assert case.plan is not None
    urgency = Urgency.URGENT if urgent else Urgency.STANDARD
    due = pa_decision_due(case.plan.category, urgency, plan.treatment, submitted)
    on = max(today, plan.start) if plan.start is not None else today
    if renewal is not None:
        on = renewal[1].start
    blocks: list[Block] = [
        Heading("Urgency"),
        Paragraph(_urgency_text(urgent)),
    ]
    if due is not None:
        blocks.append(Paragraph(_clock_text(due, submitted)))
    blocks += [
        Heading("Requested"),
        Paragraph(_request_text(case) if renewal is None else _continued_text(case, *renewal)),
        Table(
            columns=("Code", "Description", "Units per session"),
            rows=tuple(parts.service_lines(case, on)),
            widths=(2, 6, 2),
        ),
        Heading("Diagnoses"),
        parts.diagnosis_table(case),
    ]
    return tuple(blocks)


def _urgency_text(urgent: bool) -> str:
    if urgent:
        return (
            "URGENT: expedited review requested. The prescriber judges that waiting for a "
            "standard decision could seriously jeopardize the patient's life or health."
        )
    return "Standard review requested."


def _clock_text(due: Deadline, submitted: date) -> str:
    verified = due.source.confidence is Confidence.VERIFIED
    verb = "is due" if verified else "is expected"
    rule = f" Rule: {due.source.citation}." if verified else ""
    if due.hours is not None:
        return (
            f"Submitted on {long_date(submitted)}; the plan's decision {verb} within {due.hours} "
            f"hours of the plan's receipt of this request.{rule}"
        )
    return (
        f"Counted from submission on {long_date(submitted)}, the plan's decision {verb} by "
        f"{long_date(due.due)}. Clock: {due.clock}.{rule}"
    )


def _request_text(case: Case) -> str:
    plan = case.treatment_plan
    assert plan is not None
    text = parts.request_summary(case)
    if plan.start is not None:
        text += f", starting {long_date(plan.start)}"
    if plan.weeks is not None:
        text += f", over {plural(plan.weeks, 'week')}"
    return text[0].upper() + text[1:] + "."


def _continued_text(case: Case, found: Continuation, period: Period) -> str:
    """``4 sessions of ..., from ... through ..., continuing authorization ... (8 sessions,
    ... to ...).``"""
    plan = case.treatment_plan
    assert plan is not None
    pa = found.approval
    assert pa.valid_from is not None
    assert pa.valid_through is not None
    text = (
        f"{plural(period.sessions, 'session')} of {plan.treatment.label}, from "
        f"{long_date(period.start)} through {long_date(period.end)}, continuing authorization "
        f"{pa.authorization_number} ({plural(pa.sessions_approved or 0, 'session')}, "
        f"{long_date(pa.valid_from)} to {long_date(pa.valid_through)})."
    )
    if (period.start - pa.valid_through).days == 1:
        text += (
            f" The current authorization ends on {long_date(pa.valid_through)}; a decision by then "
            "keeps the treatment from being interrupted."
        )
    return text[0].upper() + text[1:]
