"""The error a remittance file that cannot be read raises."""

from __future__ import annotations

import re

from ketacover.core.errors import KetacoverError

_WORD = re.compile(r"[^\W\d_]{2}")
"""Two letters in a row: what a name, an address or a member id such as XKC000123456 holds."""


def quoted(value: str, limit: int = 20) -> str:
    """``'20261301' `` (quoted, at most ``limit`` characters, with a trailing space) to show the
    offending value of an element, or ``""`` when it holds two letters in a row: in a damaged
    file a name or a member id can slide into an amount or a date, and it is never quoted."""
    return "" if _WORD.search(value) else f"{value[:limit]!r} "


class RemittanceError(KetacoverError):
    """An X12 835 file cannot be read: the message names the segment number (1 = ISA) and the
    problem, never a value that could identify a person."""

    def __init__(
        self, problem: str, segment: int | None = None, segment_id: str | None = None
    ) -> None:
        self.problem = problem
        self.segment = segment
        self.segment_id = segment_id
        where = ""
        if segment is not None:
            where = f"segment {segment}" + (f" ({segment_id})" if segment_id else "") + ": "
        super().__init__(f"835 {where}{problem}")
