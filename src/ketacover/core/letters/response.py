"""The response to treatment as the rating scales measure it: for each scale, the score before
treatment and the latest score since, the change in points and percent, and whether the latest
score meets the published thresholds of response and remission.

Response is an improvement of 50% or more from the score before treatment; remission is a MADRS
total of 12 or less or a PHQ-9 total below 5, as the esketamine studies define them (Castro et al.,
CNS Drugs 2023, sourcebook continuation.toml ``castro-2023-sustain3``) and, for the PHQ-9, as the
HEDIS depression measure that health plans report does (``ncqa-hedis-drr``). Other scales are
shown with their change only: no threshold for them is in the sources list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Final

from ketacover.core.letters.text import join_words, plural, short_date
from ketacover.core.model import Scale, ScaleScore
from ketacover.core.sourcebook import cite
from ketacover.core.sources import Source

RESPONSE_PERCENT: Final = 50
"""Response: the latest score at least this many percent below the score before treatment."""
REMISSION_AT_MOST: Final[dict[Scale, int]] = {Scale.PHQ9: 4, Scale.MADRS: 12}
"""Remission: the latest total at most this (PHQ-9 below 5, MADRS 12 or less)."""
REMISSION_WORDS: Final[dict[Scale, str]] = {Scale.PHQ9: "below 5", Scale.MADRS: "12 or less"}
"""The remission threshold as a letter says it."""
SOURCES: Final[tuple[Source, ...]] = (cite("castro-2023-sustain3"), cite("ncqa-hedis-drr"))
"""Where the thresholds come from."""


@dataclass(frozen=True, slots=True)
class ScaleResponse:
    """One scale's score before treatment and its latest score since."""

    scale: Scale
    before: ScaleScore
    latest: ScaleScore
    before_treatment: bool
    """Whether ``before`` was taken on or before the first session (a true baseline)."""

    @property
    def points(self) -> int:
        """Points lower (positive) or higher (negative) than before."""
        return self.before.score - self.latest.score

    @property
    def percent(self) -> Decimal | None:
        """The reduction in percent of the score before (negative when worse); ``None`` when the
        score before was 0."""
        if self.before.score == 0:
            return None
        return Decimal(self.points * 100) / Decimal(self.before.score)

    @property
    def has_thresholds(self) -> bool:
        """Whether response and remission are defined for the scale in the sources list."""
        return self.scale in REMISSION_AT_MOST

    @property
    def responded(self) -> bool:
        """The latest score is at least 50% below the score before (exact, not rounded)."""
        return self.before.score > 0 and self.points * 100 >= RESPONSE_PERCENT * self.before.score

    @property
    def remitted(self) -> bool:
        """The latest score is within the scale's remission threshold."""
        limit = REMISSION_AT_MOST.get(self.scale)
        return limit is not None and self.latest.score <= limit

    def change_text(self) -> str:
        """``10 points lower (48%)``, ``no change`` or ``3 points higher (14%)``."""
        if self.points == 0:
            return "no change"
        direction = "lower" if self.points > 0 else "higher"
        text = f"{plural(abs(self.points), 'point')} {direction}"
        percent = self.percent
        return text if percent is None else f"{text} ({percent_text(abs(percent), self)})"


def percent_text(value: Decimal, measured: ScaleResponse) -> str:
    """A percentage in whole numbers, or to one decimal where rounding would reach the response
    threshold the score does not meet (``49.6%``, never ``50%``)."""
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if not measured.responded and measured.points > 0 and whole >= RESPONSE_PERCENT:
        return f"{value.quantize(Decimal('0.1'), rounding=ROUND_DOWN)}%"
    return f"{whole}%"


def measured(scores: Iterable[ScaleScore], first_session: date | None) -> tuple[ScaleResponse, ...]:
    """Each scale scored before and again after: its score before treatment (the latest on or
    before ``first_session``, else its first score) and its latest score, in the order the
    scales were first scored."""
    by_scale: dict[Scale, list[ScaleScore]] = {}
    for score in sorted(scores, key=lambda s: s.on):
        by_scale.setdefault(score.scale, []).append(score)
    found = []
    for scale, taken in by_scale.items():
        before_list = [s for s in taken if first_session is not None and s.on <= first_session]
        before = before_list[-1] if before_list else taken[0]
        latest = taken[-1]
        if latest.on <= before.on:
            continue
        found.append(ScaleResponse(scale, before, latest, bool(before_list)))
    return tuple(found)


def summary(found: tuple[ScaleResponse, ...]) -> str | None:
    """The thresholds and where the latest scores stand against them, or ``None`` when no scale
    with thresholds was scored before and after."""
    judged = [item for item in found if item.has_thresholds]
    if not judged:
        return None
    thresholds = join_words(
        [f"{item.scale.label} {REMISSION_WORDS[item.scale]}" for item in judged], "or"
    )
    groups = (
        ("remission", [i.scale.label for i in judged if i.remitted]),
        ("response", [i.scale.label for i in judged if i.responded and not i.remitted]),
        (
            "improvement short of response",
            [i.scale.label for i in judged if i.points > 0 and not i.responded and not i.remitted],
        ),
        ("no improvement", [i.scale.label for i in judged if i.points <= 0 and not i.remitted]),
    )
    standing = "; ".join(f"{what} on {join_words(names)}" for what, names in groups if names)
    return (
        f"Response is a score at least {RESPONSE_PERCENT}% below the baseline, and remission a "
        f"total of {thresholds}. The latest scores show {standing}."
    )


def row(item: ScaleResponse) -> tuple[str, ...]:
    """A table row: scale, before, latest, change, response, remission."""
    before = f"{item.before.score} on {short_date(item.before.on)}"
    if not item.before_treatment:
        before += " (after treatment began)"
    latest = f"{item.latest.score} on {short_date(item.latest.on)}"
    if not item.has_thresholds:
        return (item.scale.label, before, latest, item.change_text(), "", "")
    return (
        item.scale.label,
        before,
        latest,
        item.change_text(),
        "met" if item.responded else "not yet",
        "met" if item.remitted else "not yet",
    )


COLUMNS: Final = ("Scale", "Baseline", "Latest", "Change", "Response", "Remission")
"""The columns of :func:`row`."""
