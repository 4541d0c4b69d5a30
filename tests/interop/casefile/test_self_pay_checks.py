"""Case-file checks of a self-pay course's dates: the first session is booked before it is given,
and the new fields take dates only."""

from ketacover.interop.casefile import check_case

BASE = """\
id: case-1
patient:
  given_name: Sam
  family_name: Ashdown
  date_of_birth: 1990-01-01
treatment_plan:
  treatment: iv_ketamine
  sessions: 6
  start: 2026-12-07
  self_pay: true
"""


def found(extra: str) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check_case(BASE + extra, fmt="yaml")]


def test_a_course_scheduled_on_or_before_its_first_session_is_fine():
    assert found("  scheduled_on: 2026-12-07\n  estimate_requested_on: 2026-11-30\n") == []


def test_a_course_scheduled_after_its_first_session_is_named_by_its_field():
    problems = found("  scheduled_on: 2026-12-08\n")
    assert [path for path, _ in problems] == ["treatment_plan.scheduled_on"]
    assert "is after start (2026-12-07)" in problems[0][1]


def test_a_scheduled_day_that_is_not_a_date_is_named():
    problems = found("  scheduled_on: next week\n")
    assert [path for path, _ in problems] == ["treatment_plan.scheduled_on"]
