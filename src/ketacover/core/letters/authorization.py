"""The authorization a continuation request extends, and what the request asks for next.

When the plan has approved the planned treatment (a prior authorization for it decided
``approved`` or ``partially_approved``), the next request is a continuation (re-authorization):
payers re-authorize only with documented response and approve a period at a time (sourcebook
esketamine.toml: BCBS North Dakota; Premera 12 months at first; BCBS Massachusetts up to 28 days
at first). This module finds that approval, counts the sessions given against it and works out
the period and sessions asked for next:

- **counted sessions**: sessions of the treatment whose ``authorization_id`` is the approval's id,
  or that name no authorization and fall within its dates; those dated on or before ``today``
  are used, later ones scheduled;
- **the period asked for**: when the treatment plan starts after the approval ends, the plan is
  the next course (its start, weeks and sessions, the clinician's own schedule). Otherwise, for
  esketamine, the period begins the day after the approval ends (or today, when it has ended)
  and runs as long as the approval did, with the sessions the label gives in its weeks
  (:mod:`.maintenance`, counted from the first session of the treatment). IV and IM ketamine
  have no labeled schedule, so their next course must be on the treatment plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ketacover.core.errors import MissingFactsError
from ketacover.core.letters import maintenance
from ketacover.core.letters.parts import Check
from ketacover.core.model import Case, Decision, PriorAuthorization, Session, Treatment

APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})


@dataclass(frozen=True, slots=True)
class Continuation:
    """An approval of the planned treatment and the sessions counted against it."""

    approval: PriorAuthorization
    used: tuple[Session, ...]
    """Sessions given on or before the day of the request, oldest first."""
    scheduled: tuple[Session, ...]
    """Sessions recorded for later days within the approval."""
    first_session: date | None
    """The first session of the treatment on record (week 1 of the labeled schedule)."""
    pending: PriorAuthorization | None
    """A request for the treatment submitted after the approval and still pending (this one)."""

    @property
    def remaining(self) -> int | None:
        """Approved sessions not yet used (0 when all are), ``None`` without an approved count."""
        approved = self.approval.sessions_approved
        return None if approved is None else max(0, approved - len(self.used))


@dataclass(frozen=True, slots=True)
class Period:
    """The dates and sessions a continuation request asks for."""

    start: date
    end: date
    sessions: int
    stretches: tuple[maintenance.Stretch, ...]
    """The labeled phases of its weeks (esketamine), else empty."""
    from_plan: bool
    """Whether the treatment plan gave the period (else the label and the approval did)."""

    @property
    def weeks(self) -> int:
        """Its length in whole weeks (rounded up)."""
        return -(-((self.end - self.start).days + 1) // 7)


def approval_to_continue(case: Case) -> PriorAuthorization | None:
    """The latest approval of the planned treatment, if the plan has given one."""
    plan = case.treatment_plan
    if plan is None:
        return None
    approvals = [
        pa
        for pa in case.prior_authorizations
        if pa.decision in APPROVED and pa.treatment is plan.treatment
    ]
    if not approvals:
        return None
    return max(approvals, key=_began)


def continuation(case: Case, today: date) -> Continuation | None:
    """The approval a request for the planned treatment would continue, with its sessions;
    ``None`` when the plan has approved none (the request is then an initial one)."""
    approval = approval_to_continue(case)
    if approval is None:
        return None
    counted = sorted((s for s in case.sessions if _counts_against(s, approval)), key=lambda s: s.on)
    given = min((s.on for s in case.sessions if s.treatment is approval.treatment), default=None)
    pending = [
        pa
        for pa in case.prior_authorizations
        if pa.decision is Decision.PENDING
        and pa.treatment is approval.treatment
        and pa.submitted >= _began(approval)
    ]
    return Continuation(
        approval=approval,
        used=tuple(s for s in counted if s.on <= today),
        scheduled=tuple(s for s in counted if s.on > today),
        first_session=given,
        pending=max(pending, key=lambda pa: pa.submitted) if pending else None,
    )


def approval_checks(found: Continuation) -> list[Check]:
    """The facts of the approval a continuation request must state."""
    pa = found.approval
    where = f"prior_authorizations[{pa.id}]"
    return [
        (
            bool(pa.authorization_number),
            f"{where}.authorization_number: the number of the authorization being continued",
        ),
        (
            pa.valid_from is not None,
            f"{where}.valid_from: the first day the current authorization covers",
        ),
        (
            pa.valid_through is not None,
            f"{where}.valid_through: the last day the current authorization covers",
        ),
        (
            pa.sessions_approved is not None,
            f"{where}.sessions_approved: the sessions the current authorization approved",
        ),
    ]


def requested_period(case: Case, found: Continuation, today: date, document: str) -> Period:
    """The period and sessions asked for; :class:`MissingFactsError` naming what is lacking."""
    plan = case.treatment_plan
    assert plan is not None  # a continuation needs a treatment plan
    pa = found.approval
    ends = pa.valid_through
    if plan.start is not None and ends is not None and plan.start > ends:
        if plan.weeks is None:
            raise MissingFactsError(
                document, ["treatment_plan.weeks: the length of the continued course"]
            )
        end = plan.start + timedelta(weeks=plan.weeks) - timedelta(days=1)
        return Period(
            start=plan.start,
            end=end,
            sessions=plan.sessions,
            stretches=_stretches(plan.treatment, found, plan.start, end),
            from_plan=True,
        )
    if plan.treatment is not Treatment.ESKETAMINE:
        raise MissingFactsError(
            document,
            [
                "treatment_plan.start: the first session of the continued course, after the "
                "current authorization ends (IV and IM ketamine have no labeled schedule, so the "
                "plan gives it)",
                "treatment_plan.weeks: the length of the continued course",
            ],
        )
    if ends is None or pa.valid_from is None:
        raise MissingFactsError(
            document, [why for present, why in approval_checks(found)[1:3] if not present]
        )
    start = max(ends + timedelta(days=1), today)
    end = start + (ends - pa.valid_from)
    stretches = _stretches(plan.treatment, found, start, end)
    sessions = sum(stretch.sessions for stretch in stretches)
    if sessions == 0:
        raise MissingFactsError(
            document,
            [
                "treatment_plan.start: the first session of the continued course, after the "
                "current authorization ends",
                "treatment_plan.weeks: the length of the continued course",
            ],
        )
    return Period(start, end, sessions, stretches, from_plan=False)


def _stretches(
    treatment: Treatment, found: Continuation, start: date, end: date
) -> tuple[maintenance.Stretch, ...]:
    if treatment is not Treatment.ESKETAMINE:
        return ()
    first = found.first_session or found.approval.valid_from
    return () if first is None else maintenance.stretches(first, start, end)


def _counts_against(session: Session, pa: PriorAuthorization) -> bool:
    if session.treatment is not pa.treatment:
        return False
    if session.authorization_id is not None:
        return session.authorization_id == pa.id
    return (
        pa.valid_from is not None
        and pa.valid_through is not None
        and pa.valid_from <= session.on <= pa.valid_through
    )


def _began(pa: PriorAuthorization) -> date:
    """When an approval began: its first covered day, else its decision, else its submission."""
    return pa.valid_from or pa.decided or pa.submitted
