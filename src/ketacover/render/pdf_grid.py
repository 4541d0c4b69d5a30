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

from ketacover.render.pdf_page import FRAME_HEIGHT

MIN_ROWS: Final = 2
"""The fewest body rows a table shows on either side of a page break."""

_PAGE: Final = FRAME_HEIGHT
"""A table taller than this cannot move whole to the next page: it is split wherever it must."""


class Grid(Table):  # type: ignore[misc]  # reportlab is untyped
    """A :class:`reportlab.platypus.Table` whose page breaks leave at least :data:`MIN_ROWS`
    body rows on each side."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The table cut to fit ``available_height``: two parts, or none to move it whole."""
        plain: list[Flowable] = super().split(available_width, available_height)
        if len(plain) != 2:
            return plain
        movable = sum(self._rowHeights) <= _PAGE
        height = available_height
        parts = plain
        for _ in range(MIN_ROWS + 1):
            if len(parts) != 2:
                break
            first, rest = parts
            before = len(first._cellvalues) - self.repeatRows
            after = len(rest._cellvalues) - self.repeatRows
            if before < MIN_ROWS:
                break
            if after >= MIN_ROWS:
                return parts
            height -= self._rowHeights[self.repeatRows + before - 1]
            parts = super().split(available_width, height)
        return [] if movable else plain
