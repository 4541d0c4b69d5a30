"""The labeled esketamine schedule after the first sessions: which phase each week of treatment
falls in, how often the label doses in it, and the most sessions it gives in a stretch of dates.

The SPRAVATO prescribing information (sourcebook continuation.toml, ``spravato-trd-dosing``) sets,
for treatment-resistant depression in adults: induction in weeks 1 to 4, twice weekly; maintenance
in weeks 5 to 8, once weekly; from week 9, every 2 weeks or once weekly, individualized to the
least frequent dosing that maintains remission or response. Week 1 begins on the day of the first
session. For depressive symptoms with acute suicidal ideation or behavior the label gives 4 weeks
twice weekly and says treatment beyond 4 weeks has not been systematically evaluated
(``spravato-mdsi-dosing``).

A stretch counts the treatment weeks that *begin* within the dates asked for: the rest of a week
already under way belongs to the authorization that covered its start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source

TRD_DOSING: Final[Source] = cite("spravato-trd-dosing")
"""The label's schedule for treatment-resistant depression."""
SUICIDALITY_DOSING: Final[Source] = cite("spravato-mdsi-dosing")
"""The label's 4-week course for depressive symptoms with acute suicidal ideation or behavior."""


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of the labeled schedule: its weeks and how often it doses."""

    name: str
    """``induction`` or ``maintenance``."""
    first_week: int
    last_week: int | None
    """The phase's last week, ``None`` when it runs on."""
    frequency: str
    """As the label says it, e.g. ``once weekly or every 2 weeks``."""
    per_week: int
    """The most sessions a week the label gives in the phase."""

    def weeks_text(self) -> str:
        """``weeks 5 to 8`` or ``week 9 onward``."""
        if self.last_week is None:
            return f"week {self.first_week} onward"
        return f"weeks {self.first_week} to {self.last_week}"


INDUCTION_WEEKS: Final = 4
"""The label's induction: weeks 1 to 4."""

PHASES: Final = (
    Phase("induction", 1, INDUCTION_WEEKS, "twice weekly", 2),
    Phase("maintenance", 5, 8, "once weekly", 1),
    Phase("maintenance", 9, None, "once weekly or every 2 weeks", 1),
)
"""The labeled schedule for treatment-resistant depression, in order."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """The weeks of one phase that begin within the dates asked for."""

    phase: Phase
    first_week: int
    last_week: int
    start: date
    end: date
    sessions: int
    """The most sessions the label gives in these weeks."""

    def weeks_text(self) -> str:
        """``weeks 5 to 8`` or ``week 9``."""
        if self.first_week == self.last_week:
            return f"week {self.first_week}"
        return f"weeks {self.first_week} to {self.last_week}"


def week_of(first_session: date, day: date) -> int:
    """The week of treatment ``day`` falls in; week 1 begins on the first session."""
    return (day - first_session).days // 7 + 1


def week_start(first_session: date, week: int) -> date:
    """The first day of week ``week`` of treatment."""
    return first_session + timedelta(weeks=week - 1)


def phase_of(week: int) -> Phase:
    """The labeled phase week ``week`` of treatment belongs to."""
    for phase in PHASES:
        if week >= phase.first_week and (phase.last_week is None or week <= phase.last_week):
            return phase
    return PHASES[0]


def stretches(first_session: date, start: date, end: date) -> tuple[Stretch, ...]:
    """The labeled phases of the weeks of treatment that begin from ``start`` through ``end``."""
    first_week = max(1, week_of(first_session, start))
    if week_start(first_session, first_week) < start:
        first_week += 1
    found: list[Stretch] = []
    week = first_week
    while week_start(first_session, week) <= end:
        phase = phase_of(week)
        last = week
        while week_start(first_session, last + 1) <= end and phase_of(last + 1) is phase:
            last += 1
        found.append(
            Stretch(
                phase=phase,
                first_week=week,
                last_week=last,
                start=week_start(first_session, week),
                end=min(end, week_start(first_session, last + 1) - timedelta(days=1)),
                sessions=(last - week + 1) * phase.per_week,
            )
        )
        week = last + 1
    return tuple(found)
