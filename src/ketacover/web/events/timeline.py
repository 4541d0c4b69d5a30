"""The case timeline: every event of a case in one list, newest first, each with its date and a
short description (product.md step 9, "everything in one place")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Protocol

from ketacover.core.letters.denials import REASON_WORDS
from ketacover.core.model import Case, Decision


class DocumentLike(Protocol):
    """What the timeline needs of a generated document."""

    @property
    def created_at(self) -> datetime: ...
    @property
    def title(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def fmt(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Entry:
    """One event on the timeline."""

    on: date
    """The day it happened (in the clinic's time zone for timed events)."""
    at: datetime | None
    """The moment, for events recorded with a time (calls, documents)."""
    kind: str
    """``call``, ``prior_authorization``, ``decision``, ``session``, ``denial``, ``appeal``,
    ``appeal_decision``, ``claim``, ``document``, ``rems_form`` or ``peer_to_peer``."""
    text: str


def _words(value: str) -> str:
    return value.replace("_", " ")


def _calls(case: Case, zone: tzinfo) -> list[Entry]:
    found = []
    for call in case.calls:
        with_whom = f" with {call.party}" if call.party else ""
        ref = f", reference {call.reference}" if call.reference else ""
        answers = (
            f", {len(call.answers)} answer{'s' * (len(call.answers) != 1)}" if call.answers else ""
        )
        local = call.at.astimezone(zone)
        text = f"Call by {_words(call.channel)}{with_whom}{ref}{answers}"
        found.append(Entry(local.date(), local, "call", text))
    return found


def _prior_authorizations(case: Case) -> list[Entry]:
    found = []
    for pa in case.prior_authorizations:
        ref = f", reference {pa.reference}" if pa.reference else ""
        found.append(
            Entry(
                pa.submitted,
                None,
                "prior_authorization",
                f"Prior authorization {pa.id} for {pa.treatment.label} submitted by "
                f"{_words(pa.channel)} ({pa.urgency.value}){ref}",
            )
        )
        if pa.decision is not Decision.PENDING and pa.decided is not None:
            extra = ""
            if pa.authorization_number:
                extra += f", authorization {pa.authorization_number}"
            if pa.sessions_approved:
                extra += f", {pa.sessions_approved} sessions"
            text = f"Prior authorization {pa.id} {_words(pa.decision)}{extra}"
            found.append(Entry(pa.decided, None, "decision", text))
    return found


def _care(case: Case) -> list[Entry]:
    found = []
    for s in case.sessions:
        minutes = f", {s.minutes} minutes" if s.minutes else ""
        dose = f", {s.dose_mg} mg" if s.dose_mg is not None else ""
        against = f", counted against {s.authorization_id}" if s.authorization_id else ""
        text = f"Session: {s.treatment.label}{minutes}{dose}{against}"
        found.append(Entry(s.on, None, "session", text))
        if s.rems_form_submitted is not None:
            text = f"REMS monitoring form submitted for the session of {s.on.isoformat()}"
            found.append(Entry(s.rems_form_submitted, None, "rems_form", text))
    for claim in case.claims:
        number = f" {claim.claim_number}" if claim.claim_number else ""
        paid = f", paid ${claim.paid}" if claim.paid is not None else ""
        text = f"Claim{number} for ${claim.billed}: {_words(claim.status)}{paid}"
        found.append(Entry(claim.submitted or claim.service_from, None, "claim", text))
    return found


def _denials_and_appeals(case: Case, zone: tzinfo) -> list[Entry]:
    found = []
    for d in case.denials:
        what = "prior authorization" if d.pre_service else "claim"
        why = f": {REASON_WORDS[d.reason]}" if d.reason is not None else ""
        text = f"Denial {d.id} of the {what} ({_words(d.level)}){why}"
        found.append(Entry(d.notice_date, None, "denial", text))
        if d.peer_to_peer is not None:
            local = d.peer_to_peer.astimezone(zone)
            with_whom = f" with {d.peer_to_peer_with}" if d.peer_to_peer_with else ""
            outcome = f": {d.peer_to_peer_outcome}" if d.peer_to_peer_outcome else " (scheduled)"
            text = f"Peer-to-peer call on {d.id}{with_whom}{outcome}"
            found.append(Entry(local.date(), local, "peer_to_peer", text))
    for a in case.appeals:
        fast = ", expedited" if a.expedited else ""
        text = f"{_words(a.level).capitalize()} appeal of {a.denial_id} filed{fast}"
        found.append(Entry(a.submitted, None, "appeal", text))
        if a.decided is not None:
            text = f"{_words(a.level).capitalize()} appeal of {a.denial_id}: {_words(a.outcome)}"
            found.append(Entry(a.decided, None, "appeal_decision", text))
    return found


def _documents(documents: Iterable[DocumentLike], zone: tzinfo) -> list[Entry]:
    found = []
    for doc in documents:
        local = doc.created_at.astimezone(zone)
        text = f"Document generated: {doc.title} ({doc.fmt.upper()}, version {doc.version})"
        found.append(Entry(local.date(), local, "document", text))
    return found


def timeline(case: Case, documents: Iterable[DocumentLike], zone: tzinfo) -> list[Entry]:
    """Every event of ``case`` and every generated document, newest first.

    Events recorded with a time sort by it; events with only a date come after the timed events
    of the same day, the one recorded last first.
    """
    entries = [
        *_calls(case, zone),
        *_prior_authorizations(case),
        *_care(case),
        *_denials_and_appeals(case, zone),
        *_documents(documents, zone),
    ]

    def key(pair: tuple[int, Entry]) -> tuple[date, time, int]:
        index, entry = pair
        moment = entry.at.timetz().replace(tzinfo=None) if entry.at is not None else time.min
        return entry.on, moment, index

    return [entry for _, entry in sorted(enumerate(entries), key=key, reverse=True)]
