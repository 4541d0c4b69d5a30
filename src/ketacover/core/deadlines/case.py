"""Every deadline a case's events give, in date order.

From the case's events:

- pending prior authorizations: the decision due date (when a clock is known) and a follow-up;
- approved prior authorizations: re-authorization reminders, unless a later request for the same
  treatment has been submitted (re-authorization is then under way);
- denials no appeal has been filed against: the appeal filing window (the notice's own date or
  window first, then the plan's stated ``appeal_window_days``, then the regime's default), for a
  final internal denial the external-review filing window, and the peer-to-peer request window
  when one is recorded and no call is scheduled;
- pending appeals and external reviews: the decision due date;
- esketamine sessions whose REMS Patient Monitoring Form is not submitted: the form's due date;
- dates of service whose claim is not sent: the plan's timely-filing limit of the earliest
  (:mod:`ketacover.core.deadlines.claims`);
- a self-pay course: the day the Good Faith Estimate must be given by, and the patient's window
  to dispute a bill $400.00 or more above it (:mod:`ketacover.core.deadlines.estimates`).

Past deadlines are returned too: the caller shows them as overdue. Without a plan on the case
only the dates that do not depend on the payer are given (follow-ups, reminders, dates printed on
notices). ``today`` decides which sessions have been given; nothing here reads the clock.

A last day on a Saturday, Sunday or federal holiday keeps its date; its explanation gets the
weekday and the "file by" day (:mod:`ketacover.core.deadlines.last_day`).
"""

from __future__ import annotations

from datetime import date

from ketacover.core.deadlines.appeal_decisions import appeal_decision_due
from ketacover.core.deadlines.appeals import appeal_filing_window
from ketacover.core.deadlines.claims import claim_filing_due
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.estimates import dispute_window, estimate_due
from ketacover.core.deadlines.external_review import external_review_filing
from ketacover.core.deadlines.last_day import with_last_day_note
from ketacover.core.deadlines.peer_to_peer import peer_to_peer_request_due
from ketacover.core.deadlines.prior_authorization import pa_decision_due_for, pa_follow_up
from ketacover.core.deadlines.reauthorization import reauthorization_reminders
from ketacover.core.deadlines.rems import monitoring_forms_due
from ketacover.core.model import (
    AppealOutcome,
    Case,
    Decision,
    Denial,
    PriorAuthorization,
    Treatment,
)

_KIND_ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}
_APPROVED = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})


def case_deadlines(case: Case, today: date) -> tuple[Deadline, ...]:
    """All deadlines of ``case``, sorted by due date (then kind and rule id)."""
    found: list[Deadline] = []
    found.extend(_prior_authorizations(case, today))
    found.extend(_denials(case))
    found.extend(_appeals(case))
    found.extend(monitoring_forms_due(case.sessions))
    filing = claim_filing_due(case)
    if filing is not None:
        found.append(filing)
    found.extend(d for d in (estimate_due(case), dispute_window(case)) if d is not None)
    noted = (with_last_day_note(deadline) for deadline in found)
    return tuple(sorted(noted, key=lambda d: (d.due, _KIND_ORDER[d.kind], d.rule_id, d.ref or "")))


def _prior_authorizations(case: Case, today: date) -> list[Deadline]:
    category = None if case.plan is None else case.plan.category
    found: list[Deadline] = []
    for pa in case.prior_authorizations:
        if pa.decision is Decision.PENDING:
            due = None if category is None else pa_decision_due_for(pa, category)
            if due is not None:
                found.append(due)
            found.append(pa_follow_up(pa, due))
        elif pa.decision in _APPROVED and not _superseded(pa, case.prior_authorizations):
            found.extend(reauthorization_reminders(pa, case.sessions, today))
    return found


def _superseded(pa: PriorAuthorization, requests: tuple[PriorAuthorization, ...]) -> bool:
    """Whether a later request for the same treatment has been submitted."""
    return any(
        other.id != pa.id and other.treatment is pa.treatment and other.submitted > pa.submitted
        for other in requests
    )


def _denials(case: Case) -> list[Deadline]:
    category = None if case.plan is None else case.plan.category
    plan_days = None if case.plan is None else case.plan.appeal_window_days
    appealed = {appeal.denial_id for appeal in case.appeals}
    found: list[Deadline] = []
    for denial in case.denials:
        if denial.id in appealed:
            continue
        peer = peer_to_peer_request_due(denial)
        if peer is not None:
            found.append(peer)
        appeal = appeal_filing_window(denial, category, plan_window_days=plan_days)
        if appeal is not None:
            found.append(appeal.deadline)
        external = external_review_filing(denial, case.plan)
        if external is not None:
            found.append(external.deadline)
    return found


def _appeals(case: Case) -> list[Deadline]:
    category = None if case.plan is None else case.plan.category
    denials = {denial.id: denial for denial in case.denials}
    found: list[Deadline] = []
    for appeal in case.appeals:
        if appeal.outcome is not AppealOutcome.PENDING:
            continue
        denial = denials.get(appeal.denial_id)
        due = appeal_decision_due(
            appeal,
            category,
            pre_service=None if denial is None else denial.pre_service,
            treatment=_treatment(case, denial),
        )
        if due is not None:
            found.append(due)
    return found


def _treatment(case: Case, denial: Denial | None) -> Treatment | None:
    """What the denied request was for: its prior authorization's treatment, else the plan's."""
    if denial is not None and denial.prior_authorization_id is not None:
        for pa in case.prior_authorizations:
            if pa.id == denial.prior_authorization_id:
                return pa.treatment
    return None if case.treatment_plan is None else case.treatment_plan.treatment
