"""Reading an X12 835 claim payment/advice (005010X221A1) into :class:`Remittance` records.

The reader is a tokenizer, not a general X12 engine: the delimiters come from the ISA segment,
the text is split on the segment terminator and each segment on the element separator, and each
segment id is dispatched through a table to the one function that knows it
(:mod:`ketacover.interop.x12.transaction`). Segments an 835 may carry that ketacover does not use
(N3, N4, PER, TS3, ...) are skipped. The envelope is checked: ISA/IEA, GS/GE and ST/SE must pair
up with matching control numbers and counts, ST01 must be 835, and a file that stops before its
IEA is reported as truncated.

The envelope walk is shared (:func:`parse_interchange`): the 271 reader
(:mod:`ketacover.interop.x12.eligibility`) hands it its own body reader and error class.

Any problem raises :class:`RemittanceError` (for a 271, ``EligibilityError``) naming the segment
number (the ISA is segment 1), its id and the element; values that could identify a person are
never quoted.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Final, Generic, Protocol, TypeVar

from ketacover.interop.x12.delimiters import Delimiters, delimiters
from ketacover.interop.x12.errors import RemittanceError, X12Error, quoted
from ketacover.interop.x12.model import Remittance
from ketacover.interop.x12.transaction import Elements, Transaction

T = TypeVar("T", covariant=True)
R = TypeVar("R")

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
_NAMES: Final = {
    "835": "835 claim payment/advice",
    "271": "271 eligibility response",
    "270": "270 eligibility inquiry",
}


class Body(Protocol[T]):
    """The reader of one transaction set's body: a handler per segment id it knows, the
    position of the segment being handled, and what it reads once its SE is reached."""

    handlers: dict[str, Callable[[Elements], None]]
    index: int
    control: str

    def fail(self, problem: str) -> X12Error: ...

    def finish(self) -> T: ...


Start = Callable[[list[str], Delimiters, str], Body[R]]
"""Makes the body reader for a transaction set: the segments, the delimiters, ST02."""


def read_file(path: Path | str, error: type[X12Error]) -> str:
    """The text of the X12 file at ``path`` (UTF-8, else Latin-1), at most :data:`MAX_BYTES`."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise error(f"the file is {size} bytes; the largest read is {MAX_BYTES}")
        data = file.read_bytes()
    except OSError as problem:
        raise error(f"cannot read the file: {problem.strerror or problem}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def load_835(path: Path | str) -> tuple[Remittance, ...]:
    """Read the 835 file at ``path``: one :class:`Remittance` per transaction set."""
    return parse_835(read_file(path, RemittanceError))


def _remittance(segments: list[str], found: Delimiters, control: str) -> Transaction:
    return Transaction(segments, found.element, found.component, control, {}, {})


def parse_835(text: str) -> tuple[Remittance, ...]:
    """Read an 835 interchange: one :class:`Remittance` per ST/SE transaction set."""
    return parse_interchange(text, "835", _remittance, RemittanceError)


def parse_interchange(
    text: str, kind: str, start: Start[R], error: type[X12Error]
) -> tuple[R, ...]:
    """Read an interchange whose transaction sets are all of ``kind`` (ST01): one result per
    ST/SE, each read by the body ``start`` makes; problems raise ``error``."""
    text = text.lstrip("\ufeff \t\r\n")
    found = delimiters(text, error)
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
        return _Envelope(segments, found, kind, start, error).read()
    finally:
        if collecting:
            gc.enable()


class _Envelope(Generic[R]):
    """Walks the segments once: the interchange (ISA/IEA), groups (GS/GE) and transaction sets
    (ST/SE), handing each transaction set's body to the reader ``start`` makes."""

    def __init__(
        self,
        segments: list[str],
        found: Delimiters,
        kind: str,
        start: Start[R],
        error: type[X12Error],
    ) -> None:
        self.segments = segments
        self.found = found
        self.element = found.element
        self.kind = kind
        self.start = start
        self.error = error

    def read(self) -> tuple[R, ...]:
        element = self.element
        error = self.error
        done: list[R] = []
        state = "ISA"
        isa: Elements = []
        gs: Elements = []
        groups = transactions = start = 0
        body: Body[R] | None = None
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
                raise error(f"expected {_EXPECTED[state]} here, found {sid}", index + 1)
        if state != "AFTER_IEA" or body is not None:
            where = "inside a transaction set (no SE)" if body is not None else "before its IEA"
            raise error(f"the file ends after segment {index + 1} {where}: it looks truncated")
        return tuple(done)

    def _in_body(self, sid: str, index: int) -> None:
        """A segment no handler knows: skipped, unless it is an envelope segment (a missing SE)
        or not a segment id at all."""
        if sid in ("ISA", "GS", "ST", "GE", "IEA"):
            raise self.error(
                f"{sid} inside a transaction set: the SE that ends it is missing", index + 1, sid
            )
        self._check_id(sid, index)

    def _check_id(self, sid: str, index: int) -> None:
        """Reject a segment id that is not one (a sign of wrong delimiters or of binary data)."""
        if not (2 <= len(sid) <= 3 and sid.isalnum() and sid.isupper()):
            raise self.error(
                f"{quoted(sid, 10)}is not a segment id (2 or 3 capital letters or digits)",
                index + 1,
            )

    def _st(self, elements: Elements, index: int) -> Body[R]:
        kind = elements[1] if len(elements) > 1 else ""
        if kind != self.kind:
            raise self.error(
                f"ST01 is {quoted(kind, 10).rstrip() or 'not ' + self.kind}: this is not an "
                f"{_NAMES.get(self.kind, self.kind)}",
                index + 1,
                "ST",
            )
        control = elements[2] if len(elements) > 2 else ""
        if not control:
            raise self.error("ST02 is missing", index + 1, "ST")
        return self.start(self.segments, self.found, control)

    @staticmethod
    def _se(body: Body[R], elements: Elements, count: int) -> R:
        said = elements[1] if len(elements) > 1 else ""
        if not said.isdigit() or int(said) != count:
            raise body.fail(
                f"SE01 says {quoted(said, 10)}segments but the transaction set has {count}"
            )
        if (elements[2] if len(elements) > 2 else "") != body.control:
            raise body.fail("SE02 does not match ST02")
        return body.finish()

    def _trailer(
        self, elements: Elements, index: int, count: int, opening: Elements, at: int
    ) -> None:
        """Check a GE or IEA: its count and its control number against the GS or ISA."""
        sid = elements[0].strip()
        said = elements[1] if len(elements) > 1 else ""
        if not said.isdigit() or int(said) != count:
            what = "transaction sets" if sid == "GE" else "functional groups"
            raise self.error(
                f"{sid}01 says {quoted(said, 10)}{what} but {count} were read", index + 1, sid
            )
        control = (elements[2] if len(elements) > 2 else "").strip()
        name = "GS06" if sid == "GE" else "ISA13"
        if len(opening) <= at or control != opening[at].strip():
            raise self.error(f"{sid}02 does not match {name}", index + 1, sid)
