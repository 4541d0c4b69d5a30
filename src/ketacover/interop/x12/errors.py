"""The error a remittance file that cannot be read raises."""

from __future__ import annotations

from ketacover.core.errors import KetacoverError


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
