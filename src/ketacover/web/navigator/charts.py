"""The costs chart of the navigator's answer: one horizontal bar per way to pay for the patient's
net cost, drawn with HTML and CSS by the template (no script, no image), so its labels and amounts
are page text at the page's size on a phone (an SVG scaled to a phone's width shrank them to about
8 pixels). A cost that cannot be computed yet is written as unknown and drawn as no bar, never as
zero. Labels come in the page's language from the guide.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ketacover.core.letters.text import money
from ketacover.core.navigator.guide import CostLine

BAR_SPACE: Final = 70.0
"""Percent of the row the dearest way's bar takes; the rest holds its amount."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One way to pay, as a bar (``net`` None: unknown, no bar)."""

    label: str
    net: Decimal | None
    percent: float
    """The bar's length in percent of the row (0 when unknown)."""

    @property
    def text(self) -> str | None:
        """The net cost as money, or None when unknown."""
        return None if self.net is None else money(self.net)


@dataclass(frozen=True, slots=True)
class CostChart:
    """The ways to pay side by side."""

    bars: tuple[Bar, ...]


def cost_chart(lines: tuple[CostLine, ...]) -> CostChart:
    """Bars of each way's net cost, scaled to the largest known one."""
    known = [max(line.net, Decimal(0)) for line in lines if line.net is not None]
    top = max(known, default=Decimal(0))
    bars = []
    for line in lines:
        percent = 0.0
        if line.net is not None and top > 0:
            percent = float(max(line.net, Decimal(0)) / top) * BAR_SPACE
        bars.append(Bar(line.short_name, line.net, percent))
    return CostChart(tuple(bars))
