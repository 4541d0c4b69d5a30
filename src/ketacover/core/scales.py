"""Scoring of rating scales: PHQ-9 and GAD-7 from their item answers, and range checks of the
totals of the other scales payers ask for (PCL-5, MADRS, HAM-D 17, ...).

Payers ask for a baseline rating scale (PHQ-9, MADRS or HAM-D) before esketamine or ketamine
(sourcebook esketamine.toml: BCBS ND; CareFirst), and some criteria name a MADRS or
HAM-D threshold (BCBS MA policy 087). The PHQ-9 has 9 items and the GAD-7 has 7, each answered
0 to 3; the total is the sum of the answers, which is why their published ranges end at 27 and
21 (:attr:`ketacover.core.model.Scale.max_score`). A total of any scale must lie between 0 and
the scale's maximum.

The item wording, the answer labels and the severity bands are those of the published
instruments, free to use: the PHQ-9 (Kroenke, Spitzer and Williams, "The PHQ-9: validity of a
brief depression severity measure", J Gen Intern Med 2001;16:606-613; bands 5, 10, 15 and 20 for
mild, moderate, moderately severe and severe depression) and the GAD-7 (Spitzer, Kroenke,
Williams and Lowe, "A brief measure for assessing generalized anxiety disorder: the GAD-7", Arch
Intern Med 2006;166:1092-1097; cut points 5, 10 and 15 for mild, moderate and severe anxiety),
developed with a grant from Pfizer. PHQ-9 item 9 asks about thoughts of death or self-harm: any
answer above 0 is flagged for the clinician to assess (:func:`suicidal_ideation_flag`).

>>> score_phq9([3, 3, 2, 2, 3, 2, 3, 2, 2])
22
>>> check_total(Scale.MADRS, 34)
34
>>> severity(Scale.PHQ9, 22)
'severe'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ketacover.core.errors import KetacoverError
from ketacover.core.model import Scale

ITEM_COUNTS: Final[dict[Scale, int]] = {Scale.PHQ9: 9, Scale.GAD7: 7}
"""The scales scored item by item, with their number of items."""
ITEM_MIN: Final = 0
"""The lowest answer to an item."""
ITEM_MAX: Final = 3
"""The highest answer to an item."""
ANSWERS: Final = ("Not at all", "Several days", "More than half the days", "Nearly every day")
"""The label of each answer, 0 to 3, as printed on both instruments."""
QUESTION: Final = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)
"""The stem both instruments ask each item under."""
ITEMS: Final[dict[Scale, tuple[str, ...]]] = {
    Scale.PHQ9: (
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed; or the opposite, being "
        "so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    Scale.GAD7: (
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
}
"""The wording of each item, in order."""
BANDS: Final[dict[Scale, tuple[tuple[int, str], ...]]] = {
    Scale.PHQ9: (
        (4, "minimal"),
        (9, "mild"),
        (14, "moderate"),
        (19, "moderately severe"),
        (27, "severe"),
    ),
    Scale.GAD7: ((4, "minimal"), (9, "mild"), (14, "moderate"), (21, "severe")),
}
"""Severity bands as (highest total of the band, its name), in order."""
SUICIDE_ITEM: Final = 9
"""The PHQ-9 item on thoughts of death or self-harm."""


class InvalidScoreError(KetacoverError, ValueError):
    """A rating-scale answer or total is missing or out of range.

    ``item`` is the 1-based number of the item at fault, or ``None`` when the problem is the
    number of answers or a total.
    """

    def __init__(self, message: str, item: int | None = None) -> None:
        self.item = item
        super().__init__(message)


def score_items(scale: Scale, items: Sequence[int]) -> int:
    """The total of a scale scored item by item: exactly its number of answers, each 0 to 3.

    Raises :class:`InvalidScoreError` naming the scale and, for a bad answer, the item.
    """
    count = ITEM_COUNTS.get(scale)
    if count is None:
        raise InvalidScoreError(f"{scale.label} is entered as a total, not item by item")
    if len(items) != count:
        raise InvalidScoreError(
            f"{scale.label} needs exactly {count} item answers, not {len(items)}"
        )
    for number, answer in enumerate(items, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise InvalidScoreError(
                f"{scale.label} item {number}: the answer must be a whole number from "
                f"{ITEM_MIN} to {ITEM_MAX}",
                item=number,
            )
        if not ITEM_MIN <= answer <= ITEM_MAX:
            raise InvalidScoreError(
                f"{scale.label} item {number}: {answer} is not an answer "
                f"(use {ITEM_MIN} to {ITEM_MAX})",
                item=number,
            )
    return sum(items)


def score_phq9(items: Sequence[int]) -> int:
    """The PHQ-9 total (0 to 27) from its 9 item answers, each 0 to 3."""
    return score_items(Scale.PHQ9, items)


def score_gad7(items: Sequence[int]) -> int:
    """The GAD-7 total (0 to 21) from its 7 item answers, each 0 to 3."""
    return score_items(Scale.GAD7, items)


def check_total(scale: Scale, total: int) -> int:
    """``total`` if it lies within the scale's range (0 to :attr:`Scale.max_score`).

    Raises :class:`InvalidScoreError` naming the scale and its range otherwise.
    """
    if isinstance(total, bool) or not isinstance(total, int):
        raise InvalidScoreError(f"{scale.label} total must be a whole number")
    if not 0 <= total <= scale.max_score:
        raise InvalidScoreError(
            f"{scale.label} total {total} is out of range (0 to {scale.max_score})"
        )
    return total


def severity(scale: Scale, total: int) -> str:
    """The severity band of a PHQ-9 or GAD-7 total (``"moderately severe"``).

    Raises :class:`InvalidScoreError` for a scale without bands or a total out of range.
    """
    bands = BANDS.get(scale)
    if bands is None:
        raise InvalidScoreError(f"{scale.label} has no severity bands here")
    check_total(scale, total)
    return next(name for ceiling, name in bands if total <= ceiling)


def suicidal_ideation_flag(scale: Scale, items: Sequence[int]) -> bool:
    """Whether PHQ-9 item 9 (thoughts of death or self-harm) was answered above 0."""
    return scale is Scale.PHQ9 and len(items) >= SUICIDE_ITEM and items[SUICIDE_ITEM - 1] > 0
