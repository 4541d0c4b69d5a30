"""The last day to ask for a peer-to-peer call about a denial, when the notice or the plan states
one.

A peer-to-peer call (the treating clinician talking to the plan's reviewer) is not a formal appeal
and does not stop the appeal clock. Plans that offer it usually allow it only for a short time
after the denial; no regulation sets that window, so ketacover computes none of its own: it tracks
the window recorded on the denial, a printed last day (``peer_to_peer_deadline``) or a number of
days from the notice date (``peer_to_peer_window_days``), the printed day winning. Once a call is
scheduled (``peer_to_peer``) the request is made and the deadline is no longer shown.
"""

from __future__ import annotations

from ketacover.core.deadlines.business_days import add_calendar_days
from ketacover.core.deadlines.deadline import Deadline, DeadlineKind
from ketacover.core.deadlines.filing import NOTICE, NOTICE_WINDOW
from ketacover.core.model import Denial


def peer_to_peer_request_due(denial: Denial) -> Deadline | None:
    """The last day to ask for a peer-to-peer call about ``denial``, or ``None`` when no window
    is recorded or a call is already scheduled."""
    if denial.peer_to_peer is not None:
        return None
    printed = denial.peer_to_peer_deadline
    days = denial.peer_to_peer_window_days
    warning = (
        " The call does not stop the appeal clock: the written appeal is still due on its own "
        "deadline."
    )
    if printed is not None:
        return Deadline(
            kind=DeadlineKind.PEER_TO_PEER_REQUEST,
            due=printed,
            rule_id="notice.peer_to_peer_request",
            explain=(
                f"The plan allows a peer-to-peer call about the denial dated "
                f"{denial.notice_date.isoformat()} to be asked for until {printed.isoformat()}; "
                "only the treating clinician can ask for it." + warning
            ),
            clock="as printed on the notice",
            source=NOTICE,
            starts=denial.notice_date,
            ref=denial.id,
            from_notice=True,
        )
    if days is None:
        return None
    due = add_calendar_days(denial.notice_date, days)
    return Deadline(
        kind=DeadlineKind.PEER_TO_PEER_REQUEST,
        due=due,
        rule_id="notice_window.peer_to_peer_request",
        explain=(
            f"The plan allows a peer-to-peer call to be asked for within {days} days of the "
            f"denial notice dated {denial.notice_date.isoformat()}, so the last day to ask is "
            f"{due.isoformat()}; only the treating clinician can ask for it." + warning
        ),
        clock=f"{days} calendar days from the date of the notice (as the plan states)",
        source=NOTICE_WINDOW,
        starts=denial.notice_date,
        ref=denial.id,
        from_notice=True,
    )
