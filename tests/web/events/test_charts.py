from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ketacover.core.costs import CostComparison, PathwayCost, case_costs
from ketacover.core.coverage import PathwayId
from ketacover.core.model import Scale, ScaleScore
from ketacover.web.cases.services import case_of
from ketacover.web.events.charts import HEIGHT, cost_chart, percent_change, score_charts


def _score(scale, score, on):
    return ScaleScore(scale=scale, score=score, on=on)


def test_each_scale_gets_its_own_line_from_zero_to_its_maximum():
    charts = score_charts(
        [
            _score(Scale.MADRS, 34, date(2026, 11, 9)),
            _score(Scale.PHQ9, 22, date(2026, 11, 9)),
            _score(Scale.PHQ9, 11, date(2026, 12, 9)),
            _score(Scale.PHQ9, 23, date(2025, 9, 10)),
        ]
    )
    assert [c.label for c in charts] == ["PHQ-9", "MADRS"]
    phq = charts[0]
    assert [p.score for p in phq.points] == [23, 22, 11]
    assert [t.value for t in phq.ticks] == [0, 13, 27]
    assert (phq.points[0].x, phq.points[-1].x) == (44, 456)
    assert (phq.ticks[0].y, phq.ticks[-1].y) == (HEIGHT - 44, 24)
    assert len(phq.polyline.split()) == 3
    assert phq.change == -52
    assert "23 on Sep 10, 2025, latest 11 on Dec 09, 2026 (-52% from the first score)" in (
        phq.description
    )
    assert charts[1].description.endswith("one score so far.")
    assert charts[1].points[0].x == 44 + (480 - 44 - 24) / 2


@pytest.mark.parametrize(
    ("first", "score", "change"), [(20, 9, -55), (10, 15, 50), (7, 7, 0), (0, 5, None)]
)
def test_the_change_is_in_whole_percent_from_the_first_score(first, score, change):
    assert percent_change(first, score) == change


def _cost(pathway, net):
    return PathwayCost(
        pathway, None, None, net, None, None, missing=() if net is not None else ("x",)
    )


def test_unknown_costs_get_no_bar_and_known_ones_scale_to_the_largest():
    chart = cost_chart(
        CostComparison(
            case_id="c",
            pathways=(
                _cost(PathwayId.SELF_PAY, Decimal("3000.00")),
                _cost(PathwayId.OON_REIMBURSEMENT, Decimal("1500.00")),
                _cost(PathwayId.IV_KETAMINE_PA, None),
                _cost(PathwayId.CLINICAL_TRIAL, Decimal("0.00")),
            ),
            cheapest=None,
            payment_plan=(),
        )
    )
    widths = [bar.width for bar in chart.bars]
    assert widths == [330, 165, 0, 0]
    assert [bar.text for bar in chart.bars] == ["$3,000.00", "$1,500.00", "unknown", "$0.00"]
    assert [bar.net for bar in chart.bars[2:]] == [None, 0]
    assert "unknown" in chart.description


@pytest.mark.django_db
def test_the_case_page_draws_the_scores_and_leaves_unknown_costs_undrawn(world):
    body = (
        world.client_for(world.staff)
        .get(reverse("cases:section", args=[world.case.pk, "scores"]))
        .content.decode()
    ) + world.client_for(world.staff).get(
        reverse("cases:section", args=[world.case.pk, "costs"])
    ).content.decode()
    scores = body[body.index('id="section-scores"') :]
    scores = scores[: scores.index("</section>")]
    assert '<title id="chart-phq9-title">PHQ-9 over time</title>' in scores
    for score in (23, 22, 34):
        assert f">{score}</text>" in scores
    assert "Sep 10, 2025" in scores
    assert "-4% from the first score" in scores
    assert '<th scope="col">Change from the first</th>' in scores
    assert "remission" not in scores.replace("Response and remission are not marked", "")
    costs = body[body.index('id="section-costs_chart"') :]
    costs = costs[: costs.index("</section>")]
    nets = [p.net for p in case_costs(case_of(world.case)).pathways]
    assert None in nets
    assert costs.count('<rect class="bar"') == sum(net is not None for net in nets)
    assert costs.count('class="unknown"') == nets.count(None)
    for net in nets:
        if net is not None:
            assert f">${net:,.2f}</text>" in costs
