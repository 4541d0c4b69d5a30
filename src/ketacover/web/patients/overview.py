"""What the patient's own page says about their case, in their language: where it stands, the
next step, what they may pay, the dates that matter to them, and the documents they may use.

Everything here is read from the same core the clinic's page uses (the stage from the case's
events, the deadlines, the cost comparison, the coverage assessment and the patient documents);
only the words differ. The clinic's work (billing codes, monitoring forms, follow-up calls, rule
ids, the regulations behind a date) stays on the clinic's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from django.utils import dateformat
from django.utils.translation import gettext as _

from ketacover.core.costs import PathwayCost, case_costs
from ketacover.core.coverage import PathwayId, Verdict, assess
from ketacover.core.deadlines import Deadline, DeadlineKind, case_deadlines
from ketacover.core.errors import KetacoverError
from ketacover.core.letters.denials import classify
from ketacover.core.letters.language import Language
from ketacover.core.letters.patient_documents import PatientDocument, patient_documents
from ketacover.core.letters.text import long_date, money
from ketacover.core.model import (
    Case,
    Decision,
    Denial,
    DenialLevel,
    DenialReason,
    PriorAuthorization,
    Treatment,
)
from ketacover.core.navigator import words
from ketacover.core.stage import Stage, stage_of

SHOWN_DEADLINES: Final = frozenset(
    {
        DeadlineKind.PA_DECISION,
        DeadlineKind.APPEAL_FILING,
        DeadlineKind.APPEAL_DECISION,
        DeadlineKind.EXTERNAL_REVIEW_FILING,
        DeadlineKind.EXTERNAL_REVIEW_DECISION,
        DeadlineKind.GOOD_FAITH_ESTIMATE,
        DeadlineKind.GOOD_FAITH_DISPUTE,
    }
)
"""The dates a patient acts on or waits for; follow-up calls, monitoring forms, re-authorization
and peer-to-peer requests are the clinic's work."""

FILED_BY_PATIENT: Final = frozenset(
    {
        DeadlineKind.APPEAL_FILING,
        DeadlineKind.EXTERNAL_REVIEW_FILING,
        DeadlineKind.GOOD_FAITH_DISPUTE,
    }
)

_RANK: Final = {Verdict.LIKELY: 0, Verdict.POSSIBLE: 1, Verdict.UNKNOWN: 2, Verdict.UNLIKELY: 3}
_TREATMENT_WAY: Final = {
    Treatment.ESKETAMINE: PathwayId.ESKETAMINE_PA,
    Treatment.IV_KETAMINE: PathwayId.IV_KETAMINE_PA,
}


@dataclass(frozen=True, slots=True)
class Status:
    """Where the case stands, in a few words and a sentence."""

    stage: Stage
    title: str
    detail: str
    tone: str
    """``ok``, ``wait``, ``act`` or ``bad``: how the heading is drawn."""


@dataclass(frozen=True, slots=True)
class DateLine:
    """One date that matters to the patient."""

    what: str
    day: str
    """The date with its weekday, e.g. ``Tuesday, March 2, 2027``."""
    file_by: str | None
    """The earlier day to send by, when the last day falls on a weekend or holiday."""
    days_left: str
    mine: bool
    """Whether the patient (rather than the plan) acts by this date."""


@dataclass(frozen=True, slots=True)
class Money:
    """What the patient may pay along the way the case is on."""

    way: str
    sessions: int
    up_front: str | None
    back: str | None
    net: str | None
    per_session: str | None
    chances: str | None
    """The way's chances in words; None once the plan approved it."""
    others: tuple[tuple[str, str], ...]
    """Other ways and what each costs in the end."""


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the patient's page shows about the case."""

    name: str
    payer: str | None
    status: Status
    next_step: str
    why: str | None
    money: Money | None
    dates: tuple[DateLine, ...]
    documents: tuple[PatientDocument, ...]


def language_of(code: str | None) -> Language:
    """The core's language for a Django language code."""
    return Language.ES if (code or "").startswith("es") else Language.EN


def day_words(day: date, language: Language) -> str:
    """``Tuesday, March 2, 2027`` (``martes, 2 de marzo de 2027``): the weekday in the active
    language and the date as letters write it."""
    return f"{dateformat.format(day, 'l')}, {long_date(day, language)}"


def _days_left(due: date, today: date) -> str:
    days = (due - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return _("in %(days)d days") % {"days": days}


def _latest_pa(case: Case) -> PriorAuthorization | None:
    found = sorted(case.prior_authorizations, key=lambda pa: pa.decided or pa.submitted)
    return found[-1] if found else None


def _latest_denial(case: Case) -> Denial | None:
    return max(case.denials, key=lambda d: d.notice_date, default=None)


def _treatment(treatment: Treatment | None) -> str:
    if treatment is Treatment.ESKETAMINE:
        return _("Spravato (esketamine)")
    if treatment is Treatment.IV_KETAMINE:
        return _("IV ketamine")
    if treatment is Treatment.IM_KETAMINE:
        return _("ketamine by injection")
    return _("the treatment")


def _approved(case: Case, language: Language) -> str:
    pa = _latest_pa(case)
    treatment = _treatment(pa.treatment if pa else None)
    parts = [_("Your plan approved %(treatment)s.") % {"treatment": treatment}]
    if pa is not None and pa.decision is Decision.PARTIALLY_APPROVED:
        parts = [
            _("Your plan approved part of the request for %(treatment)s.")
            % {"treatment": treatment}
        ]
    if pa is not None and pa.sessions_approved:
        parts.append(_("Sessions approved: %(count)d.") % {"count": pa.sessions_approved})
    if pa is not None and pa.valid_through is not None:
        parts.append(
            _("The approval lasts through %(day)s.")
            % {"day": day_words(pa.valid_through, language)}
        )
    return " ".join(parts)


def _status(case: Case, stage: Stage, way: PathwayId | None, language: Language) -> Status:
    payer = case.plan.payer if case.plan is not None else _("your plan")
    if stage is Stage.APPROVED:
        return Status(stage, _("Approved"), _approved(case, language), "ok")
    if stage is Stage.PAID:
        return Status(
            stage, _("Paid"), _("%(payer)s paid a claim for your care.") % {"payer": payer}, "ok"
        )
    if stage is Stage.DENIED:
        denial = _latest_denial(case)
        detail = _("%(payer)s said no.") % {"payer": payer}
        if denial is not None:
            detail = _("%(payer)s said no in a letter dated %(day)s.") % {
                "payer": payer,
                "day": long_date(denial.notice_date, language),
            }
        return Status(stage, _("Your plan said no"), detail, "bad")
    if stage is Stage.APPEAL:
        return Status(
            stage,
            _("Your appeal is with your plan"),
            _("%(payer)s is looking at the appeal again.") % {"payer": payer},
            "wait",
        )
    if stage is Stage.EXTERNAL_REVIEW:
        return Status(
            stage,
            _("An outside reviewer is looking at your case"),
            _(
                "A reviewer who does not work for %(payer)s decides, and the plan must follow "
                "the decision."
            )
            % {"payer": payer},
            "wait",
        )
    if stage is Stage.PA_PENDING:
        return Status(
            stage,
            _("Waiting for your plan's answer"),
            _("Your clinic asked %(payer)s to approve the treatment before it starts.")
            % {"payer": payer},
            "wait",
        )
    if stage is Stage.READY and way in ASKS_THE_PLAN_FIRST:
        return Status(
            stage,
            _("Ready to ask your plan"),
            _("Your clinic has what it needs to ask %(payer)s to pay.") % {"payer": payer},
            "wait",
        )
    if stage in (Stage.READY, Stage.READY_TO_BILL):
        return Status(
            stage, _("Ready to start"), _("Your clinic has the details it needs."), "wait"
        )
    return Status(
        stage,
        _("Getting started"),
        _("Your clinic is still gathering the details your plan needs."),
        "wait",
    )


def _find(
    deadlines: tuple[Deadline, ...], kind: DeadlineKind, today: date, ref: str | None = None
) -> Deadline | None:
    """The first deadline of ``kind`` still ahead (of the event ``ref``, when given)."""
    for deadline in _kept(deadlines):
        if deadline.kind is kind and deadline.due >= today and ref in (None, deadline.ref):
            return deadline
    return None


def _kept(deadlines: tuple[Deadline, ...]) -> list[Deadline]:
    """One deadline per kind and event: the date printed on the notice when there is one (it
    wins over the computed one), else the earliest; in date order."""
    chosen: dict[tuple[DeadlineKind, str | None], Deadline] = {}
    for deadline in deadlines:
        key = (deadline.kind, deadline.ref)
        held = chosen.get(key)
        if held is None or (deadline.from_notice and not held.from_notice):
            chosen[key] = deadline
    return sorted(chosen.values(), key=lambda d: d.due)


def _by(deadline: Deadline, language: Language) -> str:
    return day_words(deadline.file_by or deadline.due, language)


def _next_step(
    case: Case,
    stage: Stage,
    way: PathwayId | None,
    deadlines: tuple[Deadline, ...],
    today: date,
    language: Language,
) -> str:
    if stage is Stage.DENIED:
        denial = _latest_denial(case)
        if denial is not None and classify(denial).reason is DenialReason.CODING_ERROR:
            return _(
                "Your clinic will correct the bill and send it again. You do not need to "
                "appeal. Ask your clinic if you have questions."
            )
        final = denial is not None and denial.level is DenialLevel.FINAL_INTERNAL
        kind = DeadlineKind.EXTERNAL_REVIEW_FILING if final else DeadlineKind.APPEAL_FILING
        due = _find(deadlines, kind, today, denial.id if denial is not None else None)
        if final:
            text = _("You can ask for an outside review. Your request is ready below.")
        else:
            text = _(
                "You can appeal: ask your plan to look again. Your appeal letter is ready "
                "below, or your clinic can appeal for you."
            )
        if due is not None:
            text += " " + _("Send it by %(day)s.") % {"day": _by(due, language)}
        return text
    if stage is Stage.APPROVED:
        return _(
            "Book your treatment sessions with your clinic. After each visit, your plan mails "
            "an explanation of benefits (EOB): upload it here so your clinic can check it."
        )
    if stage is Stage.PAID:
        return _(
            "Compare the explanation of benefits (EOB) from your plan with your clinic's bill, "
            "and upload it here so your clinic can check what was paid."
        )
    if stage in (Stage.APPEAL, Stage.EXTERNAL_REVIEW, Stage.PA_PENDING):
        kind = {
            Stage.APPEAL: DeadlineKind.APPEAL_DECISION,
            Stage.EXTERNAL_REVIEW: DeadlineKind.EXTERNAL_REVIEW_DECISION,
            Stage.PA_PENDING: DeadlineKind.PA_DECISION,
        }[stage]
        due = _find(deadlines, kind, today)
        late = [d for d in deadlines if d.kind is kind and d.due < today]
        text = _("Nothing to do for now: wait for the answer.")
        if due is not None:
            text += " " + _("It is due by %(day)s.") % {"day": day_words(due.due, language)}
        elif late:
            text = _("The answer was due by %(day)s. Your clinic can call to ask about it.") % {
                "day": day_words(late[-1].due, language)
            }
        return text + " " + _("If a letter comes from your plan, upload it here.")
    if stage is Stage.READY_TO_BILL:
        return _(
            "Medicare does not approve this treatment ahead of time: your clinic sends Medicare "
            "the bill after each session. You do not need to do anything now. If a letter comes "
            "from Medicare, upload it here."
        )
    if stage is Stage.READY and way in WAY_STEPS:
        return str(WAY_STEPS[way]())
    if stage is Stage.READY:
        return _(
            "Your clinic will send the request to your plan. You do not need to do anything "
            "now. If a letter comes from your plan, upload it here."
        )
    return _(
        "Call your plan to ask what it covers: the call script below has the questions. Your "
        "clinic adds the rest."
    )


def _dates(
    case: Case, deadlines: tuple[Deadline, ...], today: date, language: Language
) -> list[DateLine]:
    notices = {denial.id: denial.notice_date for denial in case.denials}
    shown = []
    for deadline in _kept(deadlines):
        if deadline.kind not in SHOWN_DEADLINES or deadline.due < today:
            continue
        file_by = deadline.file_by if deadline.kind in FILED_BY_PATIENT else None
        what = words.DEADLINES[deadline.kind].format(language)
        if deadline.ref in notices:
            what += " " + _("(the letter dated %(day)s)") % {
                "day": long_date(notices[deadline.ref], language)
            }
        if deadline.from_notice:
            what += ", " + words.FROM_NOTICE.format(language)
        shown.append(
            DateLine(
                what=what,
                day=day_words(deadline.due, language),
                file_by=day_words(file_by, language) if file_by is not None else None,
                days_left=_days_left(deadline.due, today),
                mine=deadline.kind in FILED_BY_PATIENT,
            )
        )
    return shown


def _main_way(case: Case, stage: Stage, today: date) -> tuple[PathwayId | None, Verdict | None]:
    """The way the case is on: the approved treatment's once the plan approved it, else the way
    the assessment rates best."""
    pa = _latest_pa(case)
    if stage in (Stage.APPROVED, Stage.PAID) and pa is not None:
        way = _TREATMENT_WAY.get(pa.treatment)
        if way is not None:
            return way, None
    try:
        assessment = assess(case, today)
    except KetacoverError:
        return None, None
    ranked = sorted(assessment.pathways, key=lambda p: _RANK[p.verdict])
    planned = case.treatment_plan.treatment if case.treatment_plan is not None else None
    preferred = _TREATMENT_WAY.get(planned) if planned is not None else None
    for item in ranked:
        if item.pathway is preferred and item.verdict is not Verdict.UNLIKELY:
            return item.pathway, item.verdict
    return (ranked[0].pathway, ranked[0].verdict) if ranked else (None, None)


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else money(amount)


def _money(
    case: Case, way: PathwayId | None, verdict: Verdict | None, language: Language
) -> Money | None:
    if case.treatment_plan is None:
        return None
    try:
        costs = case_costs(case)
    except KetacoverError:
        return None
    priced = {cost.pathway: cost for cost in costs.pathways}
    main: PathwayCost | None = priced.get(way) if way is not None else None
    if main is None or main.net is None:
        known = [c for c in costs.pathways if c.net is not None]
        if not known:
            return None
        main = min(known, key=lambda c: c.net or Decimal(0))
        verdict = None if main.pathway is way else verdict
    others = tuple(
        (words.PATHWAYS[c.pathway].format(language), money(c.net))
        for c in costs.pathways
        if c.pathway is not main.pathway and c.net is not None
    )
    return Money(
        way=words.PATHWAYS[main.pathway].format(language),
        sessions=case.treatment_plan.sessions,
        up_front=_text(main.up_front),
        back=_text(main.reimbursement) if main.reimbursement else None,
        net=_text(main.net),
        per_session=_text(main.per_session_net),
        chances=None if verdict is None else words.VERDICTS[verdict].format(language),
        others=others,
    )


def _why(case: Case, stage: Stage) -> str | None:
    if stage is not Stage.DENIED:
        return None
    denial = _latest_denial(case)
    if denial is None:
        return None
    reason = classify(denial).reason
    return REASONS.get(reason, REASONS[DenialReason.OTHER])()


ASKS_THE_PLAN_FIRST: Final = frozenset({PathwayId.ESKETAMINE_PA, PathwayId.IV_KETAMINE_PA})
"""The ways where the plan approves the treatment before it starts."""

WAY_STEPS: Final = {
    PathwayId.OON_REIMBURSEMENT: lambda: _(
        "Pay the clinic for each session and keep the receipts. Your clinic gives you a "
        "superbill: send it to your plan to get money back."
    ),
    PathwayId.HYBRID_BILLING: lambda: _(
        "Your plan pays the doctor visits and you pay for the ketamine. Ask your clinic for a "
        "superbill for the part you pay."
    ),
    PathwayId.SELF_PAY: lambda: _(
        "You pay the clinic yourself. If you have an HSA or FSA, ask your clinic for the "
        "letter for it and pay from that account. Ask about a payment plan too."
    ),
}
"""The next step on a way that does not wait for the plan's approval."""

REASONS: Final = {
    DenialReason.NOT_MEDICALLY_NECESSARY: lambda: _(
        "The plan says the treatment is not medically necessary for you. An appeal with your "
        "records and your prescriber's letter answers that."
    ),
    DenialReason.EXPERIMENTAL_INVESTIGATIONAL: lambda: _(
        "The plan calls the treatment experimental. An appeal can show the studies and "
        "guidelines that support it."
    ),
    DenialReason.MISSING_DOCUMENTATION: lambda: _(
        "The plan says papers were missing. Sending them is often enough."
    ),
    DenialReason.NO_PRIOR_AUTHORIZATION: lambda: _(
        "The plan says it was not asked to approve the treatment first."
    ),
    DenialReason.OUT_OF_NETWORK: lambda: _("The plan says the clinic is not in its network."),
    DenialReason.FREQUENCY_LIMIT: lambda: _(
        "The plan says you reached the number of sessions it allows."
    ),
    DenialReason.CODING_ERROR: lambda: _("The plan found a mistake in how the bill was written."),
    DenialReason.BENEFIT_EXCLUSION: lambda: _("The plan says it does not cover this treatment."),
    DenialReason.OTHER: lambda: _("The letter from your plan gives the reason."),
}
"""Why the plan said no, by the denial's reason, in a patient's words."""


def overview(case: Case, today: date, language: Language) -> Overview:
    """The patient's page for ``case`` on ``today`` in ``language``."""
    stage = stage_of(case)
    deadlines = case_deadlines(case, today)
    way, verdict = _main_way(case, stage, today)
    documents = tuple(patient_documents(case, today, language=language))
    return Overview(
        name=case.patient.given_name,
        payer=case.plan.payer if case.plan is not None else None,
        status=_status(case, stage, way, language),
        next_step=_next_step(case, stage, way, deadlines, today, language),
        why=_why(case, stage),
        money=_money(case, way, verdict, language),
        dates=tuple(_dates(case, deadlines, today, language)),
        documents=documents,
    )
