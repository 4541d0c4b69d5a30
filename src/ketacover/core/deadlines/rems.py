"""The esketamine REMS Patient Monitoring Form: due within 7 days of every outpatient session.

Spravato (esketamine nasal spray) is given only in REMS-certified settings. After every
outpatient session the setting completes a Patient Monitoring Form and submits it **within 7
days**; the form records blood pressure before the dose, about 40 minutes after and before
discharge, sedation, dissociation and respiratory status, and the total session minutes.
Patients are monitored for **at least 2 hours** (FDA REMS page, accessdata REMS=386; J&J Medical
Connect; REMS form instructions; sourcebook esketamine.toml, all (verified)).

Inpatient and emergency settings file no monitoring forms (sourcebook esketamine.toml); the sessions
ketacover logs are the clinic's outpatient sessions, so every esketamine session without a
submission date gets a deadline. The 7 days are counted as calendar days from the session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ketacover.core.deadlines.business_days import add_calendar_days
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.model import Session, Treatment
from ketacover.core.sourcebook import cite

FORM_DAYS: Final = 7
"""The monitoring form is submitted within this many days of the session (sourcebook
esketamine.toml)."""

MONITORING_MINUTES: Final = 120
"""The least monitoring after an esketamine dose: 2 hours (FDA REMS page; sourcebook
esketamine.toml)."""

REMS_MONITORING_SOURCE: Final = cite("spravato-rems")
"""Where the 7-day monitoring-form rule and the 2-hour monitoring come from (sourcebook
esketamine.toml)."""


def session_ref(session: Session) -> str:
    """The id a session's deadline carries: ``session-`` and its date (sessions have no id)."""
    return f"session-{session.on.isoformat()}"


def monitoring_form_due(session: Session) -> Deadline | None:
    """The REMS monitoring-form deadline of ``session``: 7 days after it; ``None`` for a session
    that is not esketamine or whose form has been submitted."""
    if session.treatment is not Treatment.ESKETAMINE or session.rems_form_submitted is not None:
        return None
    due = add_calendar_days(session.on, FORM_DAYS)
    return Deadline(
        kind=DeadlineKind.REMS_MONITORING_FORM,
        due=due,
        rule_id="rems.monitoring_form",
        explain=f"Submit the SPRAVATO REMS Patient Monitoring Form for the esketamine session of "
        f"{session.on.isoformat()} by {due.isoformat()}: it is due within {FORM_DAYS} days of "
        "every outpatient session, with the blood pressure before the dose, about 40 minutes "
        "after and before discharge, sedation, dissociation and respiratory status, and the "
        "total session minutes.",
        clock=f"within {FORM_DAYS} calendar days of the session",
        source=REMS_MONITORING_SOURCE,
        starts=session.on,
        ref=session_ref(session),
    )


def monitoring_forms_due(sessions: Iterable[Session]) -> tuple[Deadline, ...]:
    """The monitoring-form deadline of every esketamine session whose form is not submitted."""
    return tuple(
        deadline for session in sessions if (deadline := monitoring_form_due(session)) is not None
    )


def monitoring_too_short(session: Session) -> bool:
    """Whether an esketamine session records fewer than the 2 hours of monitoring the REMS asks
    for (``False`` when the minutes are not recorded)."""
    return (
        session.treatment is Treatment.ESKETAMINE
        and session.monitoring_minutes is not None
        and session.monitoring_minutes < MONITORING_MINUTES
    )
