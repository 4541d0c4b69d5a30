"""The response to treatment on the rating scales: baseline, latest, change and the published
thresholds of response (50% or more lower) and remission (PHQ-9 below 5, MADRS 12 or less)."""

from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.letters import response
from ketacover.core.model import Scale, ScaleScore

FIRST_SESSION = date(2026, 11, 3)


def scored(scale: Scale, *totals: tuple[int, date]) -> list[ScaleScore]:
    return [ScaleScore(scale=scale, score=score, on=on) for score, on in totals]


def one(scale: Scale, before: int, latest: int) -> response.ScaleResponse:
    found = response.measured(
        scored(scale, (before, date(2026, 10, 26)), (latest, date(2026, 11, 20))), FIRST_SESSION
    )
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("scale", "before", "latest", "responded", "remitted"),
    [
        (Scale.PHQ9, 21, 11, False, False),
        (Scale.PHQ9, 20, 10, True, False),
        (Scale.PHQ9, 21, 5, True, False),
        (Scale.PHQ9, 21, 4, True, True),
        (Scale.PHQ9, 6, 4, False, True),
        (Scale.MADRS, 33, 17, False, False),
        (Scale.MADRS, 34, 17, True, False),
        (Scale.MADRS, 30, 12, True, True),
        (Scale.MADRS, 30, 13, True, False),
    ],
)
def test_response_is_half_or_more_lower_and_remission_is_below_the_scales_threshold(
    scale, before, latest, responded, remitted
):
    found = one(scale, before, latest)
    assert (found.responded, found.remitted) == (responded, remitted)


def test_the_baseline_is_the_latest_score_on_or_before_the_first_session():
    scores = scored(
        Scale.PHQ9,
        (24, date(2026, 10, 1)),
        (21, date(2026, 11, 3)),
        (15, date(2026, 11, 10)),
        (11, date(2026, 11, 20)),
    )
    (found,) = response.measured(scores, FIRST_SESSION)
    assert (found.before.score, found.latest.score, found.before_treatment) == (21, 11, True)


def test_a_first_score_after_treatment_began_is_said_to_be_so():
    scores = scored(Scale.MADRS, (30, date(2026, 11, 6)), (20, date(2026, 11, 20)))
    (found,) = response.measured(scores, FIRST_SESSION)
    assert not found.before_treatment
    assert "(after treatment began)" in response.row(found)[1]


def test_a_scale_scored_once_shows_no_response():
    assert response.measured(scored(Scale.PHQ9, (21, date(2026, 10, 26))), FIRST_SESSION) == ()


def test_a_scale_without_published_thresholds_shows_its_change_only():
    found = one(Scale.GAD7, 14, 7)
    assert response.row(found)[3:] == ("7 points lower (50%)", "", "")
    assert response.summary((found,)) is None


def test_a_worse_score_is_said_to_be_higher():
    found = one(Scale.PHQ9, 14, 16)
    assert found.change_text() == "2 points higher (14%)"
    assert "no improvement on PHQ-9" in (response.summary((found,)) or "")


def test_a_percent_short_of_response_never_rounds_up_to_the_threshold():
    found = response.ScaleResponse(
        Scale.PHQ9,
        ScaleScore(scale=Scale.PHQ9, score=200, on=date(2026, 10, 26)),
        ScaleScore(scale=Scale.PHQ9, score=101, on=date(2026, 11, 20)),
        True,
    )
    assert found.percent == Decimal("49.5")
    assert not found.responded
    assert found.change_text() == "99 points lower (49.5%)"


def test_the_thresholds_cite_published_sources():
    citations = " ".join(source.citation for source in response.SOURCES)
    assert "CNS Drugs" in citations
    assert "National Committee for Quality Assurance" in citations
