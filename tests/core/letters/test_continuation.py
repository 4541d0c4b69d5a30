"""The continuation (re-authorization) request: golden text for the approved example, the
authorization and sessions it states, the response it measures, the schedule and dates it asks
for, and the facts it needs, each named on its own line.

Regenerate the golden file after a deliberate change with ``KETACOVER_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import catalog
from ketacover.core.letters.catalog import Options
from ketacover.core.letters.readiness import RequestBlockedError, request_kind
from ketacover.core.model import (
    Case,
    Decision,
    Diagnosis,
    PriorAuthorization,
    Scale,
    ScaleScore,
    Session,
    Treatment,
    Urgency,
)
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).parent / "golden" / "continuation"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 23)
APPROVED = "approved-pa-reauth"


def example(name: str = APPROVED) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


def text(case: Case, today: date = TODAY) -> str:
    return catalog.compose("continuation", case, today).text()


def with_approval(case: Case, **changes: object) -> Case:
    """``case`` with its approval changed."""
    approval = replace(case.prior_authorizations[0], **changes)
    return replace(case, prior_authorizations=(approval, *case.prior_authorizations[1:]))


def missing(case: Case, today: date = TODAY) -> list[str]:
    with pytest.raises(MissingFactsError) as raised:
        catalog.compose("continuation", case, today)
    return raised.value.missing


def test_the_approved_example_matches_its_golden_text():
    written = text(example()) + "\n"
    path = GOLDEN / f"{APPROVED}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(written, encoding="utf-8")
    assert written == path.read_text(encoding="utf-8")


def test_it_states_the_authorization_its_dates_and_the_sessions_used_of_those_approved():
    written = text(example())
    assert "Current authorization: AUTH-55012-A" in written
    assert "8 sessions from November 2, 2026 through November 29, 2026" in written
    assert "Used as of November 23, 2026: 6 sessions; 2 approved sessions remaining." in written
    for day in ("11/03/2026", "11/06/2026", "11/10/2026", "11/13/2026", "11/17/2026"):
        assert f"{day} | " in written


def test_it_measures_the_response_from_the_baseline_with_dates_and_percent():
    written = text(example())
    assert "PHQ-9 | 21 on 10/26/2026 | 11 on 11/20/2026 | 10 points lower (48%) | not yet" in (
        written
    )
    assert "MADRS | 33 on 10/26/2026 | 17 on 11/20/2026 | 16 points lower (48%) | not yet" in (
        written
    )
    assert "PHQ-9 below 5 or MADRS 12 or less" in written
    assert "improvement short of response on PHQ-9 and MADRS" in written
    assert "in week 3 of the induction phase" in written


def test_a_drop_of_half_or_more_is_a_response_and_a_low_total_is_remission():
    case = example()
    scores = (
        *case.scores[:3],
        ScaleScore(scale=Scale.PHQ9, score=4, on=date(2026, 11, 20)),
        ScaleScore(scale=Scale.MADRS, score=16, on=date(2026, 11, 20)),
    )
    written = text(replace(case, scores=scores))
    rows = written.splitlines()
    assert "PHQ-9 | 21 on 10/26/2026 | 4 on 11/20/2026 | 17 points lower (81%) | met | met" in rows
    madrs = "MADRS | 33 on 10/26/2026 | 16 on 11/20/2026 | 17 points lower (52%) | met | not yet"
    assert madrs in rows
    assert "show remission on PHQ-9; response on MADRS [1], [2]." in written


def test_it_asks_for_the_labeled_maintenance_from_the_day_after_the_authorization_ends():
    written = text(example())
    assert "I ask for 4 sessions from November 30, 2026 through December 27, 2026" in written
    assert "Weeks 5 to 8 of treatment (December 1, 2026 to December 27, 2026): once weekly" in (
        written
    )
    assert "the label's maintenance phase: 4 sessions" in written
    assert "The current authorization ends on November 29, 2026" in written
    assert "spravatohcp.com/trd/dosing-and-administration" in written


def test_weeks_from_nine_on_are_asked_once_weekly_or_every_two_weeks_at_most_once_weekly():
    case = with_approval(
        example(),
        valid_from=date(2026, 11, 2),
        valid_through=date(2026, 12, 27),
        sessions_approved=12,
    )
    written = text(case, date(2026, 12, 20))
    assert "from December 28, 2026 through February 21, 2027" in written
    assert "Week 8" not in written  # begun under the current authorization
    assert (
        "Weeks 9 to 16 of treatment (December 29, 2026 to February 21, 2027): once weekly or "
        "every 2 weeks" in written
    )
    assert "up to 8 sessions" in written
    assert "I ask for 8 sessions" in written


def test_a_lapsed_authorization_is_continued_from_today():
    written = text(example(), date(2026, 12, 3))
    assert "from December 3, 2026 through December 30, 2026" in written
    assert "a decision by then" not in written


def test_a_treatment_plan_after_the_authorization_is_the_course_asked_for():
    case = example()
    plan = replace(case.treatment_plan, start=date(2026, 12, 1), weeks=12, sessions=10)
    written = text(replace(case, treatment_plan=plan))
    assert "I ask for 10 sessions from December 1, 2026 through February 22, 2027" in written
    assert "This is the course on the treatment plan." in written


def test_a_session_naming_no_authorization_counts_when_it_falls_in_the_approved_dates():
    case = example()
    extra = Session(on=date(2026, 11, 23), treatment=Treatment.ESKETAMINE, dose_mg=Decimal(84))
    other = Session(on=date(2026, 11, 22), treatment=Treatment.IV_KETAMINE)
    written = text(replace(case, sessions=(*case.sessions, extra, other)))
    assert "Used as of November 23, 2026: 7 sessions; 1 approved session remaining." in written


def test_sessions_beyond_the_approved_count_are_never_written_as_more_of_fewer():
    case = example()
    more = tuple(
        Session(on=date(2026, 11, 21) + timedelta(days=n), treatment=Treatment.ESKETAMINE)
        for n in range(3)
    )
    written = text(replace(case, sessions=(*case.sessions, *more)), date(2026, 11, 24))
    assert "9 sessions; it approved 8" in written
    counts = re.findall(r"\b(\d+) of (\d+)\b", written)
    assert all(int(n) <= int(m) for n, m in counts)


def test_sessions_recorded_ahead_are_listed_as_scheduled():
    case = example()
    ahead = Session(on=date(2026, 11, 24), treatment=Treatment.ESKETAMINE, authorization_id="pa-1")
    written = text(replace(case, sessions=(*case.sessions, ahead)))
    assert "Scheduled under it: November 24, 2026." in written
    assert "6 sessions; 2 approved sessions remaining" in written


def test_a_pending_re_authorization_request_is_the_plan_reference():
    case = example()
    pending = PriorAuthorization(
        id="pa-2",
        treatment=Treatment.ESKETAMINE,
        submitted=date(2026, 11, 20),
        reference="OEI-PA-2026-40001",
    )
    written = text(replace(case, prior_authorizations=(*case.prior_authorizations, pending)))
    assert "Plan reference: OEI-PA-2026-40001" in written


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"authorization_number": None},
            "prior_authorizations[pa-1].authorization_number: the number of the authorization "
            "being continued",
        ),
        (
            {"valid_through": None},
            "prior_authorizations[pa-1].valid_through: the last day the current authorization "
            "covers",
        ),
        (
            {"sessions_approved": None},
            "prior_authorizations[pa-1].sessions_approved: the sessions the current "
            "authorization approved",
        ),
    ],
)
def test_a_missing_fact_of_the_authorization_is_named(changes, expected):
    assert expected in missing(with_approval(example(), **changes))


def test_no_authorization_number_and_no_scores_are_named_one_per_line():
    case = replace(with_approval(example(), authorization_number=None), scores=())
    found = missing(case)
    assert [line.split(":")[0] for line in found] == [
        "prior_authorizations[pa-1].authorization_number",
        "scores",
    ]


def test_a_case_without_an_approval_is_pointed_to_the_initial_request():
    found = missing(example("esketamine-ready-ppo"))
    assert len(found) == 1
    assert found[0].startswith("prior_authorizations:")
    assert "letter of medical necessity" in found[0]


def test_iv_ketamine_has_no_labeled_schedule_so_the_next_course_comes_from_the_plan():
    case = iv_approved()
    found = missing(replace(case, treatment_plan=replace(case.treatment_plan, start=None)))
    fields = [line.split(":")[0] for line in found]
    assert fields == ["treatment_plan.start", "treatment_plan.weeks"]
    written = text(case, date(2026, 12, 22))
    assert "I ask for 4 sessions from January 4, 2027 through February 28, 2027" in written
    assert "off-label" in written
    assert "HMO-AUTH-1" in written
    assert "Weeks" not in written


def iv_approved() -> Case:
    """The IV ketamine example, approved for 6 infusions in December and continuing in January."""
    case = example("hmo-no-oon-benefits")
    approval = PriorAuthorization(
        id="pa-9",
        treatment=Treatment.IV_KETAMINE,
        submitted=date(2026, 11, 20),
        decision=Decision.APPROVED,
        decided=date(2026, 11, 25),
        authorization_number="HMO-AUTH-1",
        sessions_approved=6,
        valid_from=date(2026, 12, 1),
        valid_through=date(2026, 12, 21),
    )
    given = tuple(
        Session(on=date(2026, 12, 1) + timedelta(days=3 * n), treatment=Treatment.IV_KETAMINE)
        for n in range(6)
    )
    scores = (*case.scores, ScaleScore(scale=Scale.PHQ9, score=9, on=date(2026, 12, 18)))
    plan = replace(case.treatment_plan, start=date(2027, 1, 4), weeks=8, sessions=4)
    return replace(
        case,
        prior_authorizations=(approval,),
        sessions=given,
        scores=scores,
        treatment_plan=plan,
    )


def test_an_approval_for_another_treatment_leaves_the_request_an_initial_one():
    case = example()
    other = with_approval(case, treatment=Treatment.IV_KETAMINE)
    assert request_kind(other) == "medical-necessity"
    assert request_kind(case) == "continuation"


def test_a_denied_or_pending_request_is_not_an_approval_to_continue():
    for decision in (Decision.DENIED, Decision.PENDING, Decision.WITHDRAWN):
        assert request_kind(with_approval(example(), decision=decision)) == "medical-necessity"
    assert request_kind(with_approval(example(), decision=Decision.PARTIALLY_APPROVED)) == (
        "continuation"
    )


def test_an_exclusion_found_since_the_approval_stops_the_continuation_too():
    case = example()
    bipolar = replace(case, diagnoses=(*case.diagnoses, Diagnosis(code="F31.4")))
    with pytest.raises(RequestBlockedError, match="continuation request is not written"):
        catalog.compose("continuation", bipolar, TODAY)


def test_an_urgent_case_asks_for_an_expedited_decision():
    written = text(replace(example(), urgency=Urgency.URGENT))
    assert "Please decide this request as expedited (urgent)." in written


def test_the_continuation_request_has_no_variants():
    with pytest.raises(KetacoverError, match="no variant"):
        catalog.compose("continuation", example(), TODAY, Options(variant="esketamine"))


def test_the_cover_sheet_of_an_approved_treatment_sends_the_continuation_request():
    sheet = catalog.compose("pa-cover-sheet", example(), TODAY)
    written = sheet.text()
    assert sheet.title == "Continuation request (re-authorization): cover sheet"
    assert "Current authorization: AUTH-55012-A" in written
    assert (
        "4 sessions of esketamine nasal spray (Spravato), from November 30, 2026 through "
        "December 27, 2026, continuing authorization AUTH-55012-A (8 sessions, November 2, 2026 "
        "to November 29, 2026)." in written
    )
    assert sheet.enclosures == ("Continuation request (re-authorization)",)
    assert "Letter of medical necessity" not in written


def test_the_cover_sheet_names_the_missing_authorization_number():
    case = with_approval(example(), authorization_number=None)
    with pytest.raises(MissingFactsError, match=r"authorization_number"):
        catalog.compose("pa-cover-sheet", case, TODAY)
