"""Chart geometry for the case page, drawn as inline SVG by the templates (no script, no images).

- **Scores over time**: one small chart per rating scale, one polyline each, the y axis from 0 to
  the instrument's maximum (:attr:`ketacover.core.model.Scale.max_score`), every point labelled
  with its score and date, and the change from the first score in percent. Response and
  remission are not marked: the sources list states no thresholds for them.
- **Costs side by side**: one horizontal bar per pathway for the patient's net cost from
  :func:`ketacover.core.costs.case_costs`; a cost the core cannot compute is written "unknown"
  and drawn as no bar, never as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from ketacover.core.costs import CostComparison
from ketacover.core.model import Scale, ScaleScore

WIDTH: Final = 480
HEIGHT: Final = 220
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 24, 44


@dataclass(frozen=True, slots=True)
class Point:
    """One score, placed on the chart."""

    x: float
    y: float
    score: int
    on: date
    change: int | None
    """Percent change from the scale's first score (None for the first, or a first score of 0)."""


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True, slots=True)
class ScaleChart:
    """One scale's scores over time."""

    scale: Scale
    label: str
    max_score: int
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        """The ``points`` attribute of the SVG polyline."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def change(self) -> int | None:
        """Percent change from the first score to the latest."""
        return self.points[-1].change

    @property
    def description(self) -> str:
        """A sentence for the chart's ``<desc>``: first and latest score and the change."""
        first, last = self.points[0], self.points[-1]
        start = (
            f"{self.label} scores (0 to {self.max_score}): {first.score} on {first.on:%b %d, %Y}"
        )
        if len(self.points) == 1:
            return start + ", one score so far."
        change = f" ({last.change:+d}% from the first score)" if last.change is not None else ""
        return f"{start}, latest {last.score} on {last.on:%b %d, %Y}{change}."


def percent_change(first: int, score: int) -> int | None:
    """Whole-percent change from ``first`` to ``score``; None when ``first`` is 0.

    >>> percent_change(20, 9)
    -55
    """
    if first == 0:
        return None
    change = Decimal(score - first) * 100 / Decimal(first)
    return int(change.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _chart(scale: Scale, scores: list[ScaleScore]) -> ScaleChart:
    scores.sort(key=lambda s: s.on)
    first_day, last_day = scores[0].on, scores[-1].on
    span = (last_day - first_day).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = scale.max_score

    def x(day: date) -> float:
        return LEFT + (plot_w / 2 if span == 0 else plot_w * (day - first_day).days / span)

    def y(value: int) -> float:
        return TOP + plot_h * (1 - min(max(value, 0), top) / top)

    first = scores[0].score
    points = tuple(
        Point(
            x(s.on), y(s.score), s.score, s.on, None if i == 0 else percent_change(first, s.score)
        )
        for i, s in enumerate(scores)
    )
    ticks = tuple(Tick(y(v), v) for v in sorted({0, top // 2, top}))
    return ScaleChart(scale, scale.label, top, points, ticks)


def score_charts(scores: Iterable[ScaleScore]) -> tuple[ScaleChart, ...]:
    """One chart per scale that has scores, in the order of :class:`Scale`."""
    by_scale: dict[Scale, list[ScaleScore]] = {}
    for score in scores:
        by_scale.setdefault(score.scale, []).append(score)
    return tuple(_chart(scale, by_scale[scale]) for scale in Scale if scale in by_scale)


@dataclass(frozen=True, slots=True)
class Bar:
    """One pathway's net cost as a bar; ``net`` None means unknown (no bar is drawn)."""

    label: str
    net: Decimal | None
    y: float
    width: float
    missing: tuple[str, ...]

    @property
    def text(self) -> str:
        return "unknown" if self.net is None else f"${self.net:,.2f}"


@dataclass(frozen=True, slots=True)
class CostChart:
    """The pathways' net costs to the patient, side by side."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_height: int
    scale_max: Decimal
    """The net cost the longest bar stands for."""

    @property
    def description(self) -> str:
        parts = [f"{bar.label}: {bar.text}" for bar in self.bars]
        return "Net cost to the patient per pathway. " + "; ".join(parts) + "."


ROW: Final = 52
BAR: Final = 22
BAR_SPACE: Final = 330


def cost_chart(costs: CostComparison) -> CostChart:
    """Bars of each pathway's net cost, scaled to the largest known one."""
    known = [max(p.net, Decimal(0)) for p in costs.pathways if p.net is not None]
    top = max(known, default=Decimal(0))
    bars = []
    for row, p in enumerate(costs.pathways):
        width = 0.0
        if p.net is not None and top > 0:
            width = float(max(p.net, Decimal(0)) / top) * BAR_SPACE
        bars.append(Bar(p.pathway.label, p.net, row * ROW + 18, width, p.missing))
    return CostChart(tuple(bars), WIDTH, max(len(bars), 1) * ROW, BAR, top)
