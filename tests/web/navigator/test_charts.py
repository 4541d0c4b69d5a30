"""The costs chart: bars scaled to the dearest known way, unknown drawn as no bar."""

from __future__ import annotations

import re
from decimal import Decimal

from ketacover.core.coverage import PathwayId
from ketacover.core.navigator.guide import CostLine
from ketacover.web.navigator.charts import BAR_SPACE, cost_chart


def _line(pathway: PathwayId, net: str | None) -> CostLine:
    value = None if net is None else Decimal(net)
    return CostLine(pathway, "name", pathway.value, value, Decimal(0), value, value, ())


def test_bars_are_scaled_to_the_largest_known_cost_and_unknown_is_no_bar():
    chart = cost_chart(
        (
            _line(PathwayId.SELF_PAY, "3000"),
            _line(PathwayId.OON_REIMBURSEMENT, "1500"),
            _line(PathwayId.CLINICAL_TRIAL, None),
        )
    )
    widths = [bar.percent for bar in chart.bars]
    assert widths == [BAR_SPACE, BAR_SPACE / 2, 0.0]
    assert [bar.text for bar in chart.bars] == ["$3,000.00", "$1,500.00", None]


def test_no_known_cost_draws_no_bar_at_all():
    chart = cost_chart((_line(PathwayId.CLINICAL_TRIAL, None),))
    assert chart.bars[0].percent == 0.0
    assert cost_chart(()).bars == ()


def test_bar_lengths_are_written_as_css_numbers_in_every_language(walker):
    from django.test import Client

    client = Client()
    client.post("/i18n/setlang/", {"language": "es", "next": "/navigator/"})
    walker.client = client
    body = walker.walk().content.decode()
    assert re.search(r'class="bar" style="width: [0-9]+\.[0-9]%"', body)
    assert not re.search(r'style="width: [0-9]+,[0-9]', body)
