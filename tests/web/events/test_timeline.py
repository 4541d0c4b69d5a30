from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ketacover.core.model import (
    Appeal,
    AppealOutcome,
    Call,
    CallAnswer,
    Case,
    Claim,
    Decision,
    Denial,
    DenialReason,
    Patient,
    PriorAuthorization,
    Session,
    Treatment,
)
from ketacover.web.events.timeline import timeline

ZONE = ZoneInfo("America/New_York")


@dataclass
class Doc:
    created_at: datetime
    title: str
    version: int
    fmt: str


def _case() -> Case:
    patient = Patient(given_name="Ada", family_name="Example", date_of_birth=date(1980, 1, 2))
    pa = PriorAuthorization(
        id="pa-1",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 10, 1),
        reference="R-1",
        decision=Decision.APPROVED,
        decided=date(2026, 10, 5),
        authorization_number="A-1",
        sessions_approved=8,
    )
    return Case(
        id="c-1",
        patient=patient,
        calls=(
            Call(
                at=datetime(2026, 10, 6, 3, 30, tzinfo=UTC),
                party="BH line",
                reference="REF-1",
                answers=(CallAnswer(question="q", answer="a"),),
            ),
        ),
        prior_authorizations=(
            pa,
            replace(
                pa, id="pa-2", submitted=date(2026, 10, 2), decision=Decision.PENDING, decided=None
            ),
        ),
        sessions=(
            Session(
                on=date(2026, 10, 7),
                treatment=Treatment.ESKETAMINE,
                minutes=120,
                dose_mg=Decimal("56"),
                authorization_id="pa-1",
            ),
        ),
        denials=(
            Denial(
                id="denial-1",
                notice_date=date(2026, 10, 8),
                reason=DenialReason.FREQUENCY_LIMIT,
                pre_service=False,
            ),
        ),
        appeals=(
            Appeal(
                denial_id="denial-1",
                submitted=date(2026, 10, 9),
                expedited=True,
                outcome=AppealOutcome.OVERTURNED,
                decided=date(2026, 10, 10),
            ),
        ),
        claims=(
            Claim(
                service_from=date(2026, 10, 7),
                submitted=date(2026, 10, 11),
                billed=Decimal("1050.00"),
                paid=Decimal("10.00"),
            ),
        ),
    )


def test_every_event_is_listed_newest_first_with_a_short_description():
    entries = timeline(
        _case(), [Doc(datetime(2026, 10, 12, 14, 0, tzinfo=UTC), "Letter", 2, "pdf")], ZONE
    )
    assert [(e.on.isoformat(), e.kind) for e in entries] == [
        ("2026-10-12", "document"),
        ("2026-10-11", "claim"),
        ("2026-10-10", "appeal_decision"),
        ("2026-10-09", "appeal"),
        ("2026-10-08", "denial"),
        ("2026-10-07", "session"),
        ("2026-10-05", "call"),
        ("2026-10-05", "decision"),
        ("2026-10-02", "prior_authorization"),
        ("2026-10-01", "prior_authorization"),
    ]
    texts = [e.text for e in entries]
    assert texts[0] == "Document generated: Letter (PDF, version 2)"
    assert texts[1] == "Claim for $1050.00: submitted, paid $10.00"
    assert texts[2] == "Internal appeal of denial-1: overturned"
    assert texts[3] == "Internal appeal of denial-1 filed, expedited"
    assert texts[4] == "Denial denial-1 of the claim (initial): frequency or benefit limit"
    assert (
        texts[5]
        == "Session: esketamine nasal spray (Spravato), 120 minutes, 56 mg, counted against pa-1"
    )
    assert texts[6] == "Call by phone with BH line, reference REF-1, 1 answer"
    assert texts[7] == "Prior authorization pa-1 approved, authorization A-1, 8 sessions"
    assert texts[8].startswith("Prior authorization pa-2 for esketamine")


def test_a_call_is_dated_in_the_clinic_time_zone():
    entry = next(e for e in timeline(_case(), [], ZONE) if e.kind == "call")
    assert entry.on == date(2026, 10, 5)
    assert entry.at is not None
    assert entry.at.hour == 23


def test_an_empty_case_has_an_empty_timeline():
    case = replace(
        _case(), calls=(), prior_authorizations=(), sessions=(), denials=(), appeals=(), claims=()
    )
    assert timeline(case, [], ZONE) == []
