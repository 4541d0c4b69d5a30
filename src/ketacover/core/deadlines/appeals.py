"""Filing windows for the appeal that follows a denial, by payer category (sourcebook appeals.toml).

- **Employer plans** (ERISA, 29 CFR 2560.503-1(h)(3)(i)) and **individual and Marketplace
  coverage** (45 CFR 147.136 applies the same rule): at least 180 days after the denial notice is
  received. The window for a second internal level is not in ketacover's sources; it is computed
  the same way but marked unverified. After the final internal denial the next step is external
  review (see :mod:`ketacover.core.deadlines.external_review`), not another appeal.
- **Original Medicare**: a redetermination within 120 days of receiving the initial
  determination, then a reconsideration within 180 days of receiving the redetermination;
  notices are presumed received 5 days after their date.
- **Medicare Advantage**: a reconsideration within 65 calendar days of the notice (60 days for
  notices before 2025-01-01) (partly verified). A plan that upholds its denial sends the case on to
  the independent review entity itself, so there is no later filing window.
- **Medicaid managed care**: a plan appeal within 60 calendar days of the notice (partly verified);
  the state fair hearing after it has a window each state sets.
- **Medicaid fee-for-service, TRICARE, other**: no window in ketacover's sources.

Clocks that run from receipt count from ``denial.received``; when it is missing they count from
the notice date, the earliest the notice can have arrived, and say so. None of these windows moves
off a weekend or holiday: the sources list gives that rule for external review only.

A deadline printed on the notice wins (see :mod:`ketacover.core.deadlines.filing`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from ketacover.core.deadlines import authorities as auth
from ketacover.core.deadlines.business_days import add_calendar_days
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.filing import FilingWindow, filing_window
from ketacover.core.model import Denial, DenialLevel, PayerCategory
from ketacover.core.sources import Source

EMPLOYER_AND_INDIVIDUAL: Final = frozenset(
    {
        PayerCategory.COMMERCIAL_FULLY_INSURED,
        PayerCategory.COMMERCIAL_SELF_FUNDED,
        PayerCategory.INDIVIDUAL,
        PayerCategory.MARKETPLACE_QHP,
    }
)
"""Plans on the ERISA / ACA internal-appeal and external-review rules."""

MEDICARE_RECEIPT_PRESUMED_AFTER: Final = timedelta(days=5)
"""Medicare notices are presumed received 5 days after the date printed on them."""

MA_65_DAY_WINDOW_FROM: Final = date(2025, 1, 1)
"""Medicare Advantage reconsideration window: 65 days from this date, 60 days before it (partly
verified)."""


def appeal_filing_window(denial: Denial, category: PayerCategory | None) -> FilingWindow | None:
    """The last day to file the appeal that follows ``denial``, or ``None``.

    ``category`` is ``None`` when the plan is not known: only a date printed on the notice can then
    be given. ``None`` comes back when there is neither a printed date nor a rule (see
    :func:`why_no_appeal_window`), and for a final internal denial on an employer, individual or
    Marketplace plan, whose next step is external review.
    """
    if category in EMPLOYER_AND_INDIVIDUAL and denial.level is DenialLevel.FINAL_INTERNAL:
        return None
    computed = None if category is None else computed_appeal_filing(denial, category)
    return filing_window(denial, computed, DeadlineKind.APPEAL_FILING, "an appeal")


def computed_appeal_filing(denial: Denial, category: PayerCategory) -> Deadline | None:
    """The filing deadline the rules give, ignoring any date printed on the notice."""
    initial = denial.level is DenialLevel.INITIAL
    if category in EMPLOYER_AND_INDIVIDUAL:
        return None if denial.level is DenialLevel.FINAL_INTERNAL else _internal(denial, category)
    if category is PayerCategory.MEDICARE:
        return _medicare(denial, redetermination=initial)
    if category is PayerCategory.MEDICARE_ADVANTAGE and initial:
        return _medicare_advantage(denial)
    if category is PayerCategory.MEDICAID_MANAGED_CARE and initial:
        return _from_notice_days(
            denial,
            "medicaid_mc.appeal_filing",
            60,
            "Medicaid managed care enrollees file a plan appeal within 60 calendar days of the "
            "denial notice; the plan appeal must come before a state fair hearing.",
            auth.MEDICAID_MC_APPEAL_FILING,
        )
    return None


def why_no_appeal_window(denial: Denial, category: PayerCategory | None) -> str | None:
    """Why no filing deadline can be given for the step after ``denial``, and what to do instead;
    ``None`` when a deadline can be given."""
    if appeal_filing_window(denial, category) is not None:
        return None
    if category is None:
        return (
            "The plan is not known; add it to the case (or ask the plan for the appeal deadline)."
        )
    if category in EMPLOYER_AND_INDIVIDUAL:
        return (
            "This is the final internal decision; the next step is external review, not another "
            "internal appeal."
        )
    if category is PayerCategory.MEDICARE_ADVANTAGE:
        return (
            "When a Medicare Advantage plan upholds its denial on reconsideration, it sends the "
            "case to the independent review entity itself; nothing needs to be filed."
        )
    if category is PayerCategory.MEDICAID_MANAGED_CARE:
        return (
            "After the plan appeal comes the state fair hearing, whose filing window the state "
            "sets (90 to 120 days); ask the state Medicaid agency or check the notice."
        )
    return (
        "ketacover's sources give no appeal filing window for this kind of plan; ask the plan or "
        "program for the appeal deadline and check the notice."
    )


def _internal(denial: Denial, category: PayerCategory) -> Deadline:
    start, start_note = _receipt_or_notice(denial)
    due = add_calendar_days(start, 180)
    individual = category in (PayerCategory.INDIVIDUAL, PayerCategory.MARKETPLACE_QHP)
    prefix = "aca" if individual else "erisa"
    who = "Individual and Marketplace plans" if individual else "Employer plans"
    source = auth.ACA_INDIVIDUAL_AS_GROUP if individual else auth.ERISA_APPEAL_FILING
    if denial.level is DenialLevel.INITIAL:
        rule_id = f"{prefix}.appeal_filing"
        rule = f"{who} must allow at least 180 days after a denial notice is received to appeal."
    else:
        rule_id = f"{prefix}.second_level_appeal_filing"
        rule = (
            "ketacover's sources do not confirm the filing window for a second internal appeal "
            "(unverified); this uses the first level's minimum of 180 days after receipt, so check "
            "the notice."
        )
        source = replace(source, confidence=auth.U)
    explain = f"{rule} {start_note} The last day to file is {due.isoformat()}."
    if denial.urgent:
        explain += (
            " Because the care is urgent, an expedited external review can be asked for at the "
            "same time as an expedited internal appeal."
        )
    return Deadline(
        kind=DeadlineKind.APPEAL_FILING,
        due=due,
        rule_id=rule_id,
        explain=explain,
        clock="180 calendar days from receipt of the denial notice",
        source=source,
        starts=start,
        ref=denial.id,
    )


def _medicare(denial: Denial, *, redetermination: bool) -> Deadline:
    presumed = denial.notice_date + MEDICARE_RECEIPT_PRESUMED_AFTER
    start = presumed if denial.received is None else denial.received
    if redetermination:
        rule_id, days, source = (
            "medicare.redetermination_filing",
            120,
            auth.MEDICARE_REDETERMINATION,
        )
        step = "a redetermination (the first Medicare appeal level) within 120 days of receiving "
        step += "the initial determination"
    else:
        rule_id, days, source = (
            "medicare.reconsideration_filing",
            180,
            auth.MEDICARE_RECONSIDERATION,
        )
        step = "a reconsideration by the qualified independent contractor within 180 days of "
        step += "receiving the redetermination"
    due = add_calendar_days(start, days)
    if denial.received is None:
        received = (
            f"Medicare presumes a notice is received 5 days after its date, so the notice dated "
            f"{denial.notice_date.isoformat()} counts as received on {presumed.isoformat()}."
        )
    else:
        received = f"The notice was received on {start.isoformat()}."
        if start > presumed:
            safer = add_calendar_days(presumed, days)
            received += (
                f" Medicare presumes receipt on {presumed.isoformat()} (5 days after the notice "
                f"date); counting from that day gives {safer.isoformat()}, the safer date."
            )
    return Deadline(
        kind=DeadlineKind.APPEAL_FILING,
        due=due,
        rule_id=rule_id,
        explain=f"Ask for {step}. {received} The last day to file is {due.isoformat()}.",
        clock=f"{days} calendar days from receipt of the notice (presumed 5 days after its date)",
        source=source,
        starts=start,
        ref=denial.id,
    )


def _medicare_advantage(denial: Denial) -> Deadline:
    if denial.notice_date >= MA_65_DAY_WINDOW_FROM:
        return _from_notice_days(
            denial,
            "ma.reconsideration_filing",
            65,
            "Medicare Advantage members ask the plan for a reconsideration within 65 calendar days "
            "of the denial notice (60 days until 2025; an older CMS page still says 60).",
            auth.MA_RECONSIDERATION_FILING,
        )
    return _from_notice_days(
        denial,
        "ma.reconsideration_filing_before_2025",
        60,
        "Before 2025, Medicare Advantage members asked for a reconsideration within 60 calendar "
        "days of the denial notice.",
        auth.MA_RECONSIDERATION_FILING,
    )


def _from_notice_days(
    denial: Denial, rule_id: str, days: int, rule: str, source: Source
) -> Deadline:
    due = add_calendar_days(denial.notice_date, days)
    return Deadline(
        kind=DeadlineKind.APPEAL_FILING,
        due=due,
        rule_id=rule_id,
        explain=f"{rule} The notice is dated {denial.notice_date.isoformat()}, so the last day "
        f"to file is {due.isoformat()}.",
        clock=f"{days} calendar days from the date of the notice",
        source=source,
        starts=denial.notice_date,
        ref=denial.id,
    )


def _receipt_or_notice(denial: Denial) -> tuple[date, str]:
    """The day a receipt clock starts, and a sentence saying which day that is and why."""
    if denial.received is not None:
        return denial.received, f"The notice was received on {denial.received.isoformat()}."
    return denial.notice_date, (
        f"The day the notice arrived is not recorded, so this counts from the notice date "
        f"({denial.notice_date.isoformat()}), the earliest it can have arrived; record the day "
        "it arrived for the full window."
    )
