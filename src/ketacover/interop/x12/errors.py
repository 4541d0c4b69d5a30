"""The errors an X12 file that cannot be read raises: one per transaction (835, 271), each
naming the segment number, its id and the element, never a value that could identify a person."""

from __future__ import annotations

import re
from typing import ClassVar

from ketacover.core.errors import KetacoverError

_WORD = re.compile(r"[^\W\d_]{2}")
"""Two letters in a row: what a name, an address or a member id such as XKC000123456 holds."""


def quoted(value: str, limit: int = 20) -> str:
    """``'20261301' `` (quoted, at most ``limit`` characters, with a trailing space) to show the
    offending value of an element, or ``""`` when it holds two letters in a row: in a damaged
    file a name or a member id can slide into an amount or a date, and it is never quoted."""
    return "" if _WORD.search(value) else f"{value[:limit]!r} "


class X12Error(KetacoverError):
    """An X12 file cannot be read: the message starts with the transaction (``835``, ``271``),
    names the segment number (1 = ISA), its id and the problem, never a value that could identify
    a person."""

    label: ClassVar[str] = "X12"

    def __init__(
        self, problem: str, segment: int | None = None, segment_id: str | None = None
    ) -> None:
        self.problem = problem
        self.segment = segment
        self.segment_id = segment_id
        where = ""
        if segment is not None:
            where = f"segment {segment}" + (f" ({segment_id})" if segment_id else "") + ": "
        super().__init__(f"{self.label} {where}{problem}")


class RemittanceError(X12Error):
    """An X12 835 remittance cannot be read."""

    label = "835"


class EligibilityError(X12Error):
    """An X12 271 eligibility response cannot be read."""

    label = "271"
