"""A grid table that splits across pages like a reviewer expects: never one row alone.

reportlab splits a long table wherever the page ends, so a page can end with the header and one
row, or the next page can start with the repeated header over a single row. :class:`Grid` refuses
such a split: when the part before the break would hold fewer than :data:`MIN_ROWS` rows, the whole
table moves to the next page; when the part after it would, rows move down until it holds that
many. The header repeats on the page after a break only (``repeatRows``).
"""

from __future__ import annotations

from typing import Final

from reportlab.platypus import Flowable, Table

MIN_ROWS: Final = 2
"""The fewest body rows a table shows on either side of a page break."""


class Grid(Table):  # type: ignore[misc]  # reportlab is untyped
    """A :class:`reportlab.platypus.Table` whose page breaks leave at least :data:`MIN_ROWS`
    body rows on each side."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The table cut to fit ``available_height``: two parts, or none to move it whole."""
        height = available_height
        for _ in range(MIN_ROWS + 1):
            parts: list[Flowable] = super().split(available_width, height)
            if len(parts) != 2:
                return parts
            first, rest = parts
            before = len(first._cellvalues) - self.repeatRows
            after = len(rest._cellvalues) - self.repeatRows
            if before < MIN_ROWS:
                return []
            if after >= MIN_ROWS:
                return parts
            last = self.repeatRows + before - 1
            height -= self._rowHeights[last]
        return []
