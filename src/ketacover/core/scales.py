"""Scoring of rating scales: PHQ-9 and GAD-7 from their item answers, and range checks of the
totals of the other scales payers ask for (PCL-5, MADRS, HAM-D 17, ...).

Payers ask for a baseline rating scale (PHQ-9, MADRS or HAM-D) before esketamine or ketamine
(sourcebook esketamine.toml: BCBS ND; CareFirst), and some criteria name a MADRS or
HAM-D threshold (BCBS MA policy 087). The PHQ-9 has 9 items and the GAD-7 has 7, each answered
0 to 3; the total is the sum of the answers, which is why their published ranges end at 27 and
21 (:attr:`ketacover.core.model.Scale.max_score`). A total of any scale must lie between 0 and
the scale's maximum.

Only totals are computed here. Severity bands are not asserted: no source for them is on record.

>>> score_phq9([3, 3, 2, 2, 3, 2, 3, 2, 2])
22
>>> check_total(Scale.MADRS, 34)
34
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
