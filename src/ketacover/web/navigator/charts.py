"""The costs chart of the navigator's answer, drawn as inline SVG by the template (no script, no
image), like the case page's (``ketacover.web.events.charts``): one horizontal bar per way to pay
for the patient's net cost; a cost that cannot be computed yet is written as unknown and drawn as
no bar, never as zero. Labels come in the page's language from the guide.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ketacover.core.letters.text import money
from ketacover.core.navigator.guide import CostLine

WIDTH: Final = 480
ROW: Final = 52
BAR: Final = 22
BAR_SPACE: Final = 300


@dataclass(frozen=True, slots=True)
class Bar:
    """One way to pay, as a bar (``net`` None: unknown, no bar)."""

    label: str
    net: Decimal | None
    y: float
    width: float

    @property
    def text(self) -> str | None:
        """The net cost as money, or None when unknown."""
        return None if self.net is None else money(self.net)


@dataclass(frozen=True, slots=True)
class CostChart:
    """The ways to pay side by side."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_height: int


def cost_chart(lines: tuple[CostLine, ...]) -> CostChart:
    """Bars of each way's net cost, scaled to the largest known one."""
    known = [max(line.net, Decimal(0)) for line in lines if line.net is not None]
    top = max(known, default=Decimal(0))
    bars = []
    for row, line in enumerate(lines):
        width = 0.0
        if line.net is not None and top > 0:
            width = float(max(line.net, Decimal(0)) / top) * BAR_SPACE
        bars.append(Bar(line.short_name, line.net, row * ROW + 18, width))
    return CostChart(tuple(bars), WIDTH, max(len(bars), 1) * ROW, BAR)
