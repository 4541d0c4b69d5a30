"""When a plan (or reviewer) must decide a pending appeal (sourcebook appeals.toml).

- **Employer, individual and Marketplace plans** (29 CFR 2560.503-1(i)(2)): urgent 72 hours,
  pre-service 30 days, post-service 60 days, for a plan with one level of appeal. Plans with two
  levels may split that time between them (unverified; said in the explanation).
- **Medicare Advantage reconsideration** (42 CFR 422.590): 72 hours expedited, 30 days standard
  pre-service, 60 days for a payment request; 7 days for a Part B drug, which the explanation
  mentions for esketamine because the sources do not say how plans classify it.
- **Medicaid managed care plan appeal** (42 CFR 438 subpart F) (partly verified): 72 hours
  expedited, 30 calendar days standard, either extendable by up to 14 days.
- **Original Medicare**: redetermination 60 days; reconsideration by the qualified independent
  contractor 60 days.
- **External review**: see
  :func:`ketacover.core.deadlines.external_review.external_review_decision_due`.
- A state fair hearing, and appeals to Medicaid fee-for-service, TRICARE or other plans: no clock
  in ketacover's sources (``None``).

Every clock runs from ``appeal.submitted``, the earliest day the plan can have received it.
"""

from __future__ import annotations

from datetime import date

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.appeals import EMPLOYER_AND_INDIVIDUAL
from ketacover.core.deadlines.business_days import add_calendar_days, hours_last_day
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.external_review import external_review_decision_due
from ketacover.core.model import Appeal, AppealLevel, PayerCategory, Treatment
from ketacover.core.sources import Source

_UNKNOWN_SERVICE_NOTE = (
    " Whether the denial was pre-service or post-service is not known, so this uses the shorter "
    "pre-service clock."
)


def appeal_decision_due(
    appeal: Appeal,
    category: PayerCategory | None,
    *,
    pre_service: bool | None = None,
    treatment: Treatment | None = None,
) -> Deadline | None:
    """The day a pending appeal must be decided, or ``None`` when no clock is known.

    ``pre_service`` comes from the denial appealed (``None`` when it is not known: the shorter
    pre-service clock is used and the explanation says so); ``treatment`` lets the Medicare
    Advantage explanation mention the Part B drug clock for esketamine.
    """
    level = appeal.level
    if level is AppealLevel.EXTERNAL_REVIEW:
        return external_review_decision_due(appeal)
    if level is AppealLevel.STATE_FAIR_HEARING:
        return None
    if level is AppealLevel.MEDICARE_REDETERMINATION or (
        category is PayerCategory.MEDICARE and level is AppealLevel.INTERNAL
    ):
        return _medicare(appeal, redetermination=True)
    if category is PayerCategory.MEDICARE_ADVANTAGE:
        return _medicare_advantage(appeal, pre_service, treatment)
    if level is AppealLevel.MEDICARE_RECONSIDERATION or category is PayerCategory.MEDICARE:
        return _medicare(appeal, redetermination=False)
    if category in EMPLOYER_AND_INDIVIDUAL:
        return _employer_or_individual(appeal, pre_service)
    if category is PayerCategory.MEDICAID_MANAGED_CARE:
        return _medicaid_managed_care(appeal)
    return None


def _employer_or_individual(appeal: Appeal, pre_service: bool | None) -> Deadline:
    two_levels = (
        " If the plan has two internal levels, it may split this time between them (not "
        "verified); check the plan documents."
    )
    if appeal.expedited:
        return _hours(
            appeal,
            "erisa.appeal_decision.urgent",
            "The plan must decide an urgent-care appeal within 72 hours.",
            auth.ERISA_APPEAL_URGENT,
        )
    if pre_service is False:
        return _days(
            appeal,
            "erisa.appeal_decision.post_service",
            60,
            "The plan must decide a post-service (claim) appeal within 60 days." + two_levels,
            auth.ERISA_APPEAL_POST_SERVICE,
        )
    note = _UNKNOWN_SERVICE_NOTE if pre_service is None else ""
    return _days(
        appeal,
        "erisa.appeal_decision.pre_service",
        30,
        "The plan must decide a pre-service appeal within 30 days." + note + two_levels,
        auth.ERISA_APPEAL_PRE_SERVICE,
    )


def _medicare_advantage(
    appeal: Appeal, pre_service: bool | None, treatment: Treatment | None
) -> Deadline:
    upheld = (
        " If the plan upholds the denial, it sends the case to the independent review entity "
        "itself."
    )
    if appeal.expedited:
        return _hours(
            appeal,
            "ma.reconsideration_decision.expedited",
            "A Medicare Advantage plan must decide an expedited reconsideration within 72 hours."
            + upheld,
            auth.MA_RECONSIDERATION_DECISION,
        )
    if pre_service is False:
        return _days(
            appeal,
            "ma.reconsideration_decision.payment",
            60,
            "A Medicare Advantage plan must decide a reconsideration of a payment request within "
            "60 days." + upheld,
            auth.MA_RECONSIDERATION_DECISION,
        )
    note = _UNKNOWN_SERVICE_NOTE if pre_service is None else ""
    if treatment is Treatment.ESKETAMINE:
        note += " If the plan treats the request as a Part B drug request, the clock is 7 days."
    return _days(
        appeal,
        "ma.reconsideration_decision.standard",
        30,
        "A Medicare Advantage plan must decide a standard pre-service reconsideration within 30 "
        "days." + note + upheld,
        auth.MA_RECONSIDERATION_DECISION,
    )


def _medicaid_managed_care(appeal: Appeal) -> Deadline:
    if appeal.expedited:
        return _hours(
            appeal,
            "medicaid_mc.appeal_decision.expedited",
            "A Medicaid managed care plan must decide an expedited appeal within 72 hours "
            "(extendable by up to 14 days).",
            auth.MEDICAID_MC_APPEAL_DECISION,
        )
    return _days(
        appeal,
        "medicaid_mc.appeal_decision.standard",
        30,
        "A Medicaid managed care plan must decide a standard appeal within 30 calendar days "
        "(extendable by up to 14 days). The plan appeal comes before a state fair hearing, and a "
        "plan that misses its deadline counts as exhausted.",
        auth.MEDICAID_MC_APPEAL_DECISION,
    )


def _medicare(appeal: Appeal, *, redetermination: bool) -> Deadline:
    if redetermination:
        return _days(
            appeal,
            "medicare.redetermination_decision",
            60,
            "The Medicare contractor (MAC) decides a redetermination within 60 days.",
            auth.MEDICARE_REDETERMINATION,
        )
    return _days(
        appeal,
        "medicare.reconsideration_decision",
        60,
        "The qualified independent contractor (QIC) decides a reconsideration within 60 days.",
        auth.MEDICARE_RECONSIDERATION,
    )


def _days(appeal: Appeal, rule_id: str, days: int, rule: str, source: Source) -> Deadline:
    start: date = appeal.submitted
    due = add_calendar_days(start, days)
    return Deadline(
        kind=DeadlineKind.APPEAL_DECISION,
        due=due,
        rule_id=rule_id,
        explain=f"{rule} Filed {start.isoformat()}, so the decision is due by {due.isoformat()}.",
        clock=f"{days} calendar days from receipt of the appeal (counted from filing)",
        source=source,
        starts=start,
        ref=appeal.denial_id,
    )


def _hours(appeal: Appeal, rule_id: str, rule: str, source: Source) -> Deadline:
    start = appeal.submitted
    due = hours_last_day(start, 72)
    return Deadline(
        kind=DeadlineKind.APPEAL_DECISION,
        due=due,
        rule_id=rule_id,
        explain=f"{rule} Filed {start.isoformat()}, so the decision is due by the end of "
        f"{due.isoformat()} at the latest.",
        clock="72 hours from receipt of the appeal (counted from the start of the filing day)",
        source=source,
        starts=start,
        ref=appeal.denial_id,
    )
