"""When a plan must decide a prior-authorization request, and when to check on it.

The clock depends on the payer category (sourcebook appeals.toml):

- **Medicare Advantage**: standard requests 14 calendar days under 42 CFR 422.568(b)(1), and 7
  calendar days for requests submitted from 2026-01-01 under CMS-0057-F; expedited requests 72
  hours (42 CFR 422.572). The submission date picks the standard clock.
- **Medicaid and CHIP, fee-for-service and managed care**: 7 calendar days standard, 72 hours
  expedited under CMS-0057-F, from the rating periods starting on or after 2026-01-01. Facts.md
  gives no clock before then, so earlier requests get none.
- **Employer plans, individual coverage and Marketplace QHPs**: the ERISA clocks of 29 CFR
  2560.503-1 (15 days pre-service with one 15-day extension, 72 hours urgent), which 45 CFR
  147.136 applies to individual coverage too. Marketplace QHPs are on these clocks because the
  federally-facilitated exchange QHP issuers are excluded from CMS-0057-F's clocks; that exclusion
  is only partly verified, so Marketplace deadlines carry Confidence.PARTLY_VERIFIED.
- **Original Medicare, TRICARE, other**: the sources list has no clock; :func:`pa_decision_due`
  returns ``None`` and :func:`why_no_pa_clock` says what to ask.

Medicare Advantage and esketamine. A Medicare Advantage plan decides a Part B drug request
within 72 hours (24 hours expedited) with no extension (42 CFR 422.568(b)(2), 422.572(a)(2));
whether an esketamine request (J0013, or the bundled G2082/G2083) is one is not settled, so the
deadline keeps the service clock and says to ask the plan which clock applies (see
:func:`_with_part_b_drug_clock`).

The drug exclusion. CMS-0057-F's prior-authorization provisions exclude drugs (partly verified). A
request for the esketamine drug itself is therefore probably outside the 7-day / 72-hour CMS clocks,
while a request for the Medicare G2082/G2083 service codes may fall inside them (sourcebook
codes.toml and appeals.toml). We do not drop the deadline, because a plan that does apply the clock
is then late, and an early follow-up costs little; nor do we assert it as settled. For esketamine
requests on a CMS-0057-F clock the deadline carries Confidence.PARTLY_VERIFIED and its explanation
says the drug exclusion may put the request outside the clock. IV and IM ketamine requests are
requests for an administration service (the drug is billed alongside it as J3490), so they keep the
clock's own confidence, with a shorter note that a plan handling them as drug requests may not apply
it. The MA 72-hour expedited clock (42 CFR 422.572) predates CMS-0057-F and is not affected.

Hour clocks run from the time the plan received the request when it is recorded
(``received_at``), and end exactly 72 hours later; without it they are worded as "72 hours from
receipt" from the submission date, the earliest receipt (see
:mod:`ketacover.core.deadlines.hour_clock`). Day clocks are counted from the submission date.

The follow-up date is our practice, not a rule: see :func:`follow_up_date`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Final

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.business_days import (
    add_business_days,
    add_calendar_days,
    previous_business_day_before,
)
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.hour_clock import hour_clock
from ketacover.core.model import PayerCategory, PriorAuthorization, Treatment, Urgency
from ketacover.core.sources import Confidence, Source

CMS_CLOCKS_START: Final = date(2026, 1, 1)
"""CMS-0057-F decision clocks: MA from this day; Medicaid/CHIP from rating periods starting on or
after it (sourcebook appeals.toml)."""

FOLLOW_UP_BUSINESS_DAYS: Final = 5
"""Our practice: check on a request with no decision clock 5 business days after submitting it."""

_EMPLOYER_AND_INDIVIDUAL: Final = frozenset(
    {
        PayerCategory.COMMERCIAL_FULLY_INSURED,
        PayerCategory.COMMERCIAL_SELF_FUNDED,
        PayerCategory.INDIVIDUAL,
        PayerCategory.MARKETPLACE_QHP,
    }
)
_MEDICAID: Final = frozenset({PayerCategory.MEDICAID, PayerCategory.MEDICAID_MANAGED_CARE})
_CMS_CLOCK_SOURCES: Final = (auth.CMS_0057_F, auth.MA_STANDARD_FROM_2026)


def pa_decision_due(
    category: PayerCategory,
    urgency: Urgency,
    treatment: Treatment,
    submitted: date,
    *,
    ref: str | None = None,
    received_at: datetime | None = None,
) -> Deadline | None:
    """The day by which the plan must decide a prior-authorization request, or ``None``.

    ``None`` means the sources list gives no clock for this payer category (and date); ask
    :func:`why_no_pa_clock` what to do instead. ``received_at`` (time-zone aware) is when the
    plan received the request; an hour clock then ends exactly 72 hours after it.
    """
    urgent = urgency is Urgency.URGENT
    start = _Start(submitted, received_at)
    if category is PayerCategory.MEDICARE_ADVANTAGE:
        deadline = _medicare_advantage(urgent, start)
    elif category in _MEDICAID:
        if submitted < CMS_CLOCKS_START:
            return None
        deadline = _medicaid(urgent, start)
    elif category in _EMPLOYER_AND_INDIVIDUAL:
        deadline = _employer_or_individual(category, urgent, start)
    else:
        return None
    if category is PayerCategory.MEDICARE_ADVANTAGE and treatment is Treatment.ESKETAMINE:
        deadline = _with_part_b_drug_clock(deadline, urgent)
    elif deadline.source in _CMS_CLOCK_SOURCES:
        deadline = _with_drug_exclusion(deadline, treatment)
    return replace(deadline, ref=ref)


def pa_decision_due_for(pa: PriorAuthorization, category: PayerCategory) -> Deadline | None:
    """:func:`pa_decision_due` for a recorded request."""
    return pa_decision_due(
        category, pa.urgency, pa.treatment, pa.submitted, ref=pa.id, received_at=pa.received_at
    )


def why_no_pa_clock(category: PayerCategory, submitted: date) -> str | None:
    """Why there is no decision clock for this payer and date, and what to ask; ``None`` if there
    is one."""
    if category is PayerCategory.MEDICARE:
        return (
            "ketacover's sources give no prior-authorization decision clock for Original Medicare; "
            "ask the Medicare contractor when a decision is due and record the answer."
        )
    if category is PayerCategory.TRICARE:
        return (
            "ketacover's sources give no prior-authorization decision clock for TRICARE; ask the "
            "TRICARE contractor when a decision is due and record the answer."
        )
    if category is PayerCategory.OTHER:
        return (
            "ketacover's sources give no prior-authorization decision clock for this kind of plan; "
            "ask the plan when a decision is due and record the answer."
        )
    if category in _MEDICAID and submitted < CMS_CLOCKS_START:
        return (
            "The CMS 7-day and 72-hour Medicaid clocks start with rating periods beginning on or "
            "after 2026-01-01; for this earlier request ask the state Medicaid agency or the plan "
            "when a decision is due."
        )
    return None


def follow_up_date(submitted: date, due: date | None) -> date:
    """When to check on a pending request. Our practice, not a rule.

    With a decision due date: the last business day before it, so there is still a day to push
    before the plan is late; if that day is not after the submission (short expedited clocks), the
    due date itself. Without a clock: 5 business days after submission.
    """
    if due is None:
        return add_business_days(submitted, FOLLOW_UP_BUSINESS_DAYS)
    before = previous_business_day_before(due)
    return before if before > submitted else due


def pa_follow_up(pa: PriorAuthorization, due: Deadline | None) -> Deadline:
    """A reminder to check on a pending request (see :func:`follow_up_date`)."""
    day = follow_up_date(pa.submitted, None if due is None else due.due)
    if due is None:
        explain = (
            f"Check on the {pa.treatment.label} request submitted {pa.submitted.isoformat()}: "
            f"no decision clock is known, so ketacover suggests calling the plan "
            f"{FOLLOW_UP_BUSINESS_DAYS} business days after submitting."
        )
        clock = f"{FOLLOW_UP_BUSINESS_DAYS} business days after submission (our practice)"
    else:
        explain = (
            f"Check on the {pa.treatment.label} request submitted {pa.submitted.isoformat()} "
            f"before its decision is due on {due.due.isoformat()}: ketacover suggests calling "
            f"the plan on {day.isoformat()}."
        )
        clock = "the last business day before the decision is due (our practice)"
    return Deadline(
        kind=DeadlineKind.PA_FOLLOW_UP,
        due=day,
        rule_id="practice.pa_follow_up",
        explain=explain,
        clock=clock,
        source=auth.PRACTICE,
        starts=pa.submitted,
        ref=pa.id,
    )


@dataclass(frozen=True, slots=True)
class _Start:
    """When a request was submitted, and when the plan received it if the time is recorded."""

    submitted: date
    received_at: datetime | None


def _medicare_advantage(urgent: bool, start: _Start) -> Deadline:
    submitted = start.submitted
    if urgent:
        return _hours(
            "ma.pa_decision.expedited",
            "Medicare Advantage plans must decide an expedited request within 72 hours "
            "(the plan may extend by up to 14 days).",
            start,
            auth.MA_EXPEDITED,
        )
    if submitted < CMS_CLOCKS_START:
        return _days(
            "ma.pa_decision.standard_before_2026",
            "Medicare Advantage plans must decide a standard request submitted before 2026 "
            "within 14 calendar days.",
            submitted,
            14,
            auth.MA_STANDARD_BEFORE_2026,
        )
    return _days(
        "ma.pa_decision.standard",
        "From 2026, Medicare Advantage plans must decide a standard request within 7 calendar "
        "days.",
        submitted,
        7,
        auth.MA_STANDARD_FROM_2026,
    )


def _medicaid(urgent: bool, start: _Start) -> Deadline:
    submitted = start.submitted
    scope = (
        " The clock applies from rating periods starting on or after 2026-01-01; ask the plan or "
        "the state if its current rating period began earlier."
    )
    if urgent:
        return _hours(
            "medicaid.pa_decision.expedited",
            "Under CMS-0057-F, Medicaid and CHIP programs and plans must decide an expedited "
            "request within 72 hours." + scope,
            start,
            auth.CMS_0057_F,
        )
    return _days(
        "medicaid.pa_decision.standard",
        "Under CMS-0057-F, Medicaid and CHIP programs and plans must decide a standard request "
        "within 7 calendar days." + scope,
        submitted,
        7,
        auth.CMS_0057_F,
    )


def _employer_or_individual(category: PayerCategory, urgent: bool, start: _Start) -> Deadline:
    submitted = start.submitted
    if category is PayerCategory.MARKETPLACE_QHP:
        prefix = "aca.marketplace"
        who = (
            "Marketplace plans stay on the ACA clocks (federally-facilitated exchange plans are "
            "excluded from the CMS 2026 clocks) and"
        )
        source = auth.CMS_0057_F_FFE_QHP_EXCLUSION
    elif category is PayerCategory.INDIVIDUAL:
        prefix, who, source = "aca.individual", "Individual plans", auth.ACA_INDIVIDUAL_AS_GROUP
    else:
        prefix, who, source = "erisa", "Employer plans", auth.ERISA_CLAIM_DECISION
    if urgent:
        return _hours(
            f"{prefix}.pa_decision.urgent",
            f"{who} must decide an urgent-care request within 72 hours.",
            start,
            source,
        )
    return _days(
        f"{prefix}.pa_decision.pre_service",
        f"{who} must decide a pre-service request within 15 days; one 15-day extension is allowed.",
        submitted,
        15,
        source,
    )


def _with_drug_exclusion(deadline: Deadline, treatment: Treatment) -> Deadline:
    if treatment is Treatment.ESKETAMINE:
        note = (
            " CMS-0057-F excludes drugs from its prior-authorization rules (partly verified), so "
            "a request for the esketamine drug itself may fall outside this clock"
        )
        if deadline.source == auth.MA_STANDARD_FROM_2026:
            note += "; a request for the Medicare G2082/G2083 service codes may fall inside it"
        note += ". Ask the plan which clock it applies."
        return replace(
            deadline,
            explain=deadline.explain + note,
            source=Source(
                f"{deadline.source.citation}; {auth.CMS_0057_F_DRUG_EXCLUSION.citation}",
                Confidence.PARTLY_VERIFIED,
                deadline.source.url,
                key=deadline.source.key,
            ),
        )
    note = (
        " The request includes the ketamine drug; if the plan handles it as a drug request, "
        "CMS-0057-F's drug exclusion (partly verified) may put it outside this clock."
    )
    return replace(deadline, explain=deadline.explain + note)


def _with_part_b_drug_clock(deadline: Deadline, urgent: bool) -> Deadline:
    """A Medicare Advantage esketamine request: the Part B drug clock may apply instead.

    Since 2020 an MA plan decides a pre-service request for a Part B drug within 72 hours
    (24 hours expedited), with no extension (42 CFR 422.568(b)(2), 422.572(a)(2); CMS-4180-F;
    sourcebook cms-4180-f-part-b-drug-clocks, partly verified). Whether an esketamine request is
    one is not settled: billed as J0013 the drug is a Part B drug, but Medicare's G2082/G2083
    bundle the drug with the visit and observation. So the due date stays on the service clock,
    and the explanation says to ask the plan which clock applies rather than asserting either.
    """
    hours = "24 hours" if urgent else "72 hours"
    note = (
        f" If the plan handles this as a request for a Part B drug (esketamine billed as J0013), "
        f"the Part B drug clock applies instead: a decision within {hours} of receipt, with no "
        "extension (42 CFR 422.568(b)(2) and 422.572(a)(2)). A request for the G2082/G2083 codes "
        "bundles the drug with the visit and observation, and the sources do not say whether "
        "the drug clock covers it: ask the plan which clock applies."
    )
    return replace(
        deadline,
        explain=deadline.explain + note,
        source=Source(
            f"{deadline.source.citation}; {auth.MA_PART_B_DRUG.citation}",
            Confidence.PARTLY_VERIFIED,
            deadline.source.url,
            key=deadline.source.key,
        ),
    )


def _days(rule_id: str, rule: str, submitted: date, days: int, source: Source) -> Deadline:
    due = add_calendar_days(submitted, days)
    return Deadline(
        kind=DeadlineKind.PA_DECISION,
        due=due,
        rule_id=rule_id,
        explain=f"{rule} Submitted {submitted.isoformat()}, so the decision is due by "
        f"{due.isoformat()}.",
        clock=f"{days} calendar days from receipt of the request (counted from submission)",
        source=source,
        starts=submitted,
    )


def _hours(rule_id: str, rule: str, start: _Start, source: Source) -> Deadline:
    clock = hour_clock(start.submitted, start.received_at, 72, "the request")
    return Deadline(
        kind=DeadlineKind.PA_DECISION,
        due=clock.due,
        rule_id=rule_id,
        explain=f"{rule} Submitted {start.submitted.isoformat()}. {clock.by}",
        clock=clock.clock,
        source=source,
        starts=start.submitted,
        hours=72,
        due_at=clock.due_at,
    )
