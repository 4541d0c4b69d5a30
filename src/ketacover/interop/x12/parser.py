"""Reading an X12 835 claim payment/advice (005010X221A1) into :class:`Remittance` records.

The reader is a tokenizer, not a general X12 engine: the delimiters come from the ISA segment,
the text is split on the segment terminator and each segment on the element separator, and each
segment id is dispatched through a table to the one function that knows it
(:mod:`ketacover.interop.x12.transaction`). Segments an 835 may carry that ketacover does not use
(N3, N4, PER, TS3, ...) are skipped. The envelope is checked: ISA/IEA, GS/GE and ST/SE must pair
up with matching control numbers and counts, ST01 must be 835, and a file that stops before its
IEA is reported as truncated.

Any problem raises :class:`RemittanceError` naming the segment number (the ISA is segment 1),
its id and the element; values that could identify a person are never quoted.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final

from ketacover.interop.x12.delimiters import delimiters
from ketacover.interop.x12.errors import RemittanceError, quoted
from ketacover.interop.x12.model import Remittance
from ketacover.interop.x12.transaction import Elements, Transaction

MAX_BYTES: Final = 200_000_000
"""Largest 835 file read; a 10 MB file carries about 23,000 claims."""

_EXPECTED: Final = {
    "ISA": "ISA",
    "GS": "GS",
    "ST_OR_GE": "ST or GE",
    "GS_OR_IEA": "GS or IEA",
    "AFTER_IEA": "ISA or the end of the file",
}
"""What the envelope allows next in each state, for messages."""


def load_835(path: Path | str) -> tuple[Remittance, ...]:
    """Read the 835 file at ``path``: one :class:`Remittance` per transaction set."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise RemittanceError(f"the file is {size} bytes; the largest read is {MAX_BYTES}")
        data = file.read_bytes()
    except OSError as error:
        raise RemittanceError(f"cannot read the file: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_835(text)


def parse_835(text: str) -> tuple[Remittance, ...]:
    """Read an 835 interchange: one :class:`Remittance` per ST/SE transaction set."""
    text = text.lstrip("\ufeff \t\r\n")
    found = delimiters(text)
    terminator = found.segment
    if terminator == "\n":
        text = text.replace("\r", "")
    elif terminator == "\r":
        text = text.replace("\n", "")
    elif "\n" in text or "\r" in text:
        text = text.replace("\r", "").replace("\n", "")
    segments = text.split(terminator)
    if segments and not segments[-1].strip():
        segments.pop()
    # Reading builds hundreds of thousands of small lists and records and no cycles; the cyclic
    # collector would rescan them over and over (it doubles the time of a 10 MB file), so it is
    # paused for the read and restored as it was.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Envelope(segments, found.element, found.component).read()
    finally:
        if collecting:
            gc.enable()


class _Envelope:
    """Walks the segments once: the interchange (ISA/IEA), groups (GS/GE) and transaction sets
    (ST/SE), handing each transaction set's body to a :class:`Transaction`."""

    def __init__(self, segments: list[str], element: str, component: str) -> None:
        self.segments = segments
        self.element = element
        self.component = component
        self.amounts: dict[str, Decimal] = {}
        self.dates: dict[str, date] = {}

    def read(self) -> tuple[Remittance, ...]:
        element = self.element
        done: list[Remittance] = []
        state = "ISA"
        isa: Elements = []
        gs: Elements = []
        groups = transactions = start = 0
        body: Transaction | None = None
        handlers: dict[str, Callable[[Elements], None]] = {}
        index = -1
        for index, raw in enumerate(self.segments):
            elements = raw.split(element)
            sid = elements[0]
            if body is not None:
                handler = handlers.get(sid)
                if handler is not None:
                    body.index = index
                    handler(elements)
                elif sid == "SE":
                    body.index = index
                    done.append(self._se(body, elements, index - start + 1))
                    body, state = None, "ST_OR_GE"
                else:
                    self._in_body(sid.strip(), index)
                continue
            sid = sid.strip()
            if sid == "ISA" and state in ("ISA", "AFTER_IEA"):
                isa, groups, state = elements, 0, "GS"
            elif sid == "GS" and state in ("GS", "GS_OR_IEA"):
                gs, transactions, state = elements, 0, "ST_OR_GE"
                groups += 1
            elif sid == "ST" and state == "ST_OR_GE":
                body = self._st(elements, index)
                handlers = body.handlers
                transactions += 1
                start = index
            elif sid == "GE" and state == "ST_OR_GE":
                self._trailer(elements, index, transactions, gs, 6)
                state = "GS_OR_IEA"
            elif sid == "IEA" and state == "GS_OR_IEA":
                self._trailer(elements, index, groups, isa, 13)
                state = "AFTER_IEA"
            else:
                self._check_id(sid, index)
                raise RemittanceError(f"expected {_EXPECTED[state]} here, found {sid}", index + 1)
        if state != "AFTER_IEA" or body is not None:
            where = "inside a transaction set (no SE)" if body is not None else "before its IEA"
            raise RemittanceError(
                f"the file ends after segment {index + 1} {where}: it looks truncated"
            )
        return tuple(done)

    def _in_body(self, sid: str, index: int) -> None:
        """A segment no handler knows: skipped, unless it is an envelope segment (a missing SE)
        or not a segment id at all."""
        if sid in ("ISA", "GS", "ST", "GE", "IEA"):
            raise RemittanceError(
                f"{sid} inside a transaction set: the SE that ends it is missing", index + 1, sid
            )
        self._check_id(sid, index)

    @staticmethod
    def _check_id(sid: str, index: int) -> None:
        """Reject a segment id that is not one (a sign of wrong delimiters or of binary data)."""
        if not (2 <= len(sid) <= 3 and sid.isalnum() and sid.isupper()):
            raise RemittanceError(
                f"{quoted(sid, 10)}is not a segment id (2 or 3 capital letters or digits)",
                index + 1,
            )

    def _st(self, elements: Elements, index: int) -> Transaction:
        kind = elements[1] if len(elements) > 1 else ""
        if kind != "835":
            raise RemittanceError(
                f"ST01 is {quoted(kind, 10).rstrip() or 'not 835'}: this is not an 835 claim "
                "payment/advice",
                index + 1,
                "ST",
            )
        control = elements[2] if len(elements) > 2 else ""
        if not control:
            raise RemittanceError("ST02 is missing", index + 1, "ST")
        return Transaction(
            self.segments, self.element, self.component, control, self.amounts, self.dates
        )

    @staticmethod
    def _se(body: Transaction, elements: Elements, count: int) -> Remittance:
        said = elements[1] if len(elements) > 1 else ""
        if not said.isdigit() or int(said) != count:
            raise body.fail(
                f"SE01 says {quoted(said, 10)}segments but the transaction set has {count}"
            )
        if (elements[2] if len(elements) > 2 else "") != body.control:
            raise body.fail("SE02 does not match ST02")
        return body.finish()

    @staticmethod
    def _trailer(elements: Elements, index: int, count: int, opening: Elements, at: int) -> None:
        """Check a GE or IEA: its count and its control number against the GS or ISA."""
        sid = elements[0].strip()
        said = elements[1] if len(elements) > 1 else ""
        if not said.isdigit() or int(said) != count:
            what = "transaction sets" if sid == "GE" else "functional groups"
            raise RemittanceError(
                f"{sid}01 says {quoted(said, 10)}{what} but {count} were read", index + 1, sid
            )
        control = (elements[2] if len(elements) > 2 else "").strip()
        name = "GS06" if sid == "GE" else "ISA13"
        if len(opening) <= at or control != opening[at].strip():
            raise RemittanceError(f"{sid}02 does not match {name}", index + 1, sid)
