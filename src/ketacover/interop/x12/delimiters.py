"""Delimiters of an X12 interchange, read from its fixed-length ISA segment.

The ISA segment is 106 characters long. The element separator is its fourth character, the
repetition separator is ISA11, the component (sub-element) separator is ISA16 (the 105th
character), and the segment terminator is the character right after ISA16. Line breaks after the
terminator are allowed and ignored.

>>> delimiters("ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       "
...            "*260105*1200*^*00501*000000001*0*P*:~")
Delimiters(element='*', repetition='^', component=':', segment='~')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ketacover.interop.x12.errors import RemittanceError, X12Error

ISA_LENGTH: Final = 106
"""Characters in an ISA segment, terminator included."""
_ISA_WIDTHS: Final = (3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
"""Width of the segment id and of ISA01 to ISA16."""


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The four delimiters of one interchange."""

    element: str
    repetition: str
    component: str
    segment: str


def delimiters(text: str, error: type[X12Error] = RemittanceError) -> Delimiters:
    """The delimiters of the interchange ``text`` starts with.

    Raises ``error`` (:class:`RemittanceError` unless told) when the text does not start with a
    well-formed ISA segment.
    """
    if not text.startswith("ISA"):
        raise error("the file does not start with an ISA segment", 1)
    if len(text) < ISA_LENGTH:
        raise error(
            f"the ISA segment is {len(text)} characters long; it must be {ISA_LENGTH}", 1, "ISA"
        )
    element = text[3]
    fields = text[: ISA_LENGTH - 1].split(element)
    widths = tuple(len(field) for field in fields)
    if widths != _ISA_WIDTHS:
        raise error(
            f"the ISA segment does not have 16 fixed-width elements separated by {element!r} "
            f"(element widths {widths[1:]}); it must be {ISA_LENGTH} characters long",
            1,
            "ISA",
        )
    found = Delimiters(
        element=element,
        repetition=fields[11],
        component=fields[16],
        segment=text[ISA_LENGTH - 1],
    )
    _check(found, error)
    return found


def _check(found: Delimiters, error: type[X12Error]) -> None:
    """Reject delimiters that are letters, digits or spaces, or that repeat one another."""
    for name in ("element", "component", "segment"):
        char = getattr(found, name)
        if char.isalnum() or char == " " or (char.isspace() and name != "segment"):
            raise error(
                f"unknown {name} delimiter {char!r}: delimiters must not be letters, digits or "
                "spaces",
                1,
                "ISA",
            )
    # ISA11 may be a letter (U in older versions): then there is no repetition separator.
    chars = [found.element, found.component, found.segment]
    if not found.repetition.isalnum() and found.repetition != " ":
        chars.append(found.repetition)
    if len(set(chars)) != len(chars):
        raise error(
            f"the delimiters are not distinct (element {found.element!r}, repetition "
            f"{found.repetition!r}, component {found.component!r}, segment {found.segment!r})",
            1,
            "ISA",
        )
