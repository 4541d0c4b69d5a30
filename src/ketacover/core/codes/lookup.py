"""What a code is: every plausible reading of a code someone typed, for ``ketacover codes X``.

The same characters can mean different things: ``25`` is a modifier, and could also be a claim
adjustment reason code or a place of service; ``J0013`` is a HCPCS drug code that also has the
shape of an ICD-10-CM code. :func:`describe_code` tries each code system ketacover knows and
returns one :class:`CodeInfo` per reading, best first:

1. readings found in ketacover's tables (even when the code is out of effect on the date given);
2. well-formed codes of the open-ended systems (reason codes, place of service, modifiers) that
   ketacover has no description for;
3. only when nothing above fits: the systems whose shape the text has, with what is wrong.

Text that has no code's shape gives one reading that lists the kinds of code ketacover knows.
The ICD-10-CM description loads the full classification on first use; nothing here does at import.

>>> [info.system for info in describe_code("25")]
['modifier', 'CARC', 'POS']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Final

from ketacover.core.codes import carc, icd10cm, modifiers, npi, pos, procedures
from ketacover.core.codes.procedure_table import COMMON_MISTAKES, CodeSystem
from ketacover.core.errors import InvalidCodeError
from ketacover.core.sources import Confidence, Source


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeInfo:
    """One reading of a code: in which system, whether it is valid, and what it means."""

    system: str
    """``ICD-10-CM``, ``NPI``, ``HCPCS``, ``CPT``, ``CARC``, ``POS``, ``modifier``, ``unknown``."""
    code: str
    """The code as that system writes it (``F33.2``, ``CO-50``, ``02``)."""
    valid: bool
    """Whether the code is valid in that system (and in effect on the date given)."""
    description: str
    """What it means, or what is wrong with it."""
    details: tuple[tuple[str, str], ...] = ()
    """Labelled facts: billable, effective dates, check digit, denial category, ..."""
    warnings: tuple[str, ...] = ()
    """Things to recheck: a later code-set year, an unverified fact, an unissued NPI, ..."""
    source: Source | None = None
    """Where the description comes from, when ketacover has one."""


UNDERSTOOD: Final = (
    "ketacover does not recognize this as a code. It understands ICD-10-CM diagnoses (F33.2), "
    "NPIs (10 digits, 1234567893), HCPCS Level II codes (J0013), CPT numbers (96365), claim "
    "adjustment reason codes (50 or CO-50), place-of-service codes (11) and modifiers (25)."
)
"""The reading given for text that has no code's shape."""
UNVERIFIED_WARNING: Final = "Not confirmed in a source: check before relying on it."


class _Fit(IntEnum):
    """How well a reading fits; higher is shown first, and the lowest only when alone."""

    SHAPE = 0
    """The text has the system's shape but is not valid in it."""
    PLAUSIBLE = 1
    """Well formed in an open-ended system, without a description from ketacover."""
    KNOWN = 2
    """Found in ketacover's tables (or valid by computation, as an NPI check digit)."""


_Reading = tuple[_Fit, CodeInfo]
_ICD_SHAPE: Final = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?")
_PROCEDURE_SHAPE: Final = re.compile(r"[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4}")
_CARC_SHAPE: Final = re.compile(r"(?:[A-Z]{2}[\s:-]*)?[A-Z]?[0-9]{1,3}")
_POS_SHAPE: Final = re.compile(r"[0-9]{1,2}")
_MODIFIER_SHAPE: Final = re.compile(r"-?[0-9A-Z]{2}")


def describe_code(text: str, on: date | None = None) -> list[CodeInfo]:
    """Every plausible reading of ``text``, best first; ``on`` is the date of service if any."""
    cleaned = " ".join(text.split()).upper()
    readings = [reading for read in _READERS if (reading := read(cleaned, on)) is not None]
    shown = [reading for reading in readings if reading[0] > _Fit.SHAPE] or readings
    if not shown:
        return [CodeInfo(system="unknown", code=text.strip(), valid=False, description=UNDERSTOOD)]
    return [info for _, info in sorted(shown, key=lambda reading: -reading[0])]


def _icd10cm(text: str, on: date | None) -> _Reading | None:
    if not _ICD_SHAPE.fullmatch(text.replace(" ", "")):
        return None
    year_warning = icd10cm.table_warning(on) if on else None
    table = ("code set", icd10cm.TABLE_RELEASE)
    try:
        code = icd10cm.validate(text)
    except InvalidCodeError as error:
        info = CodeInfo(
            system="ICD-10-CM",
            code=icd10cm.normalize(text),
            valid=False,
            description=str(error),
            details=(table,),
            warnings=_present(year_warning),
            source=icd10cm.SOURCE,
        )
        return _Fit.SHAPE, info
    billable = icd10cm.is_billable(code)
    not_billable = f"{code} is not billable: use one of the more specific codes under it."
    info = CodeInfo(
        system="ICD-10-CM",
        code=code,
        valid=True,
        description=icd10cm.describe(code),
        details=(
            ("billable", _yes_no(billable)),
            ("category", icd10cm.category(code)),
            table,
            *((("fiscal year of service", f"FY{icd10cm.fiscal_year(on)}"),) if on else ()),
        ),
        warnings=_present(None if billable else not_billable, year_warning),
        source=icd10cm.SOURCE,
    )
    return _Fit.KNOWN, info


def _npi(text: str, on: date | None) -> _Reading | None:
    digits = npi.compact(text)
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit()):
        return None
    expected = npi.check_digit(digits[:9])
    valid = npi.is_valid(digits)
    first = () if digits[0] in "12" else ("NPIs issued so far start with 1 or 2.",)
    info = CodeInfo(
        system="NPI",
        code=digits,
        valid=valid,
        description=(
            f"NPI {digits}: the check digit is correct"
            if valid
            else f"NPI {digits} has a wrong check digit: the last digit should be {expected}"
        ),
        details=(
            ("check digit", f"{digits[9]} ({'correct' if valid else f'expected {expected}'})"),
        ),
        warnings=(*first, npi.REGISTRY_NOTE) if valid else first,
        source=npi.SOURCE,
    )
    return (_Fit.KNOWN if valid else _Fit.SHAPE), info


def _procedure(text: str, on: date | None) -> _Reading | None:
    code = text.replace(" ", "")
    if not _PROCEDURE_SHAPE.fullmatch(code):
        return None
    system = str(CodeSystem.CPT if code[0].isdigit() else CodeSystem.HCPCS)
    if code in COMMON_MISTAKES:
        correction, source = COMMON_MISTAKES[code]
        info = CodeInfo(
            system=system, code=code, valid=False, description=correction, source=source
        )
        return _Fit.KNOWN, info
    try:
        entry = procedures.lookup(code)
    except InvalidCodeError:
        unknown = (
            f"{code} is not one of the procedure codes ketacover knows, so ketacover cannot say "
            "whether it is valid."
        )
        return _Fit.SHAPE, CodeInfo(system=system, code=code, valid=False, description=unknown)
    problem = None
    try:
        procedures.validate(code, on)
    except InvalidCodeError as error:
        problem = str(error)
    details = (
        *((("effective from", entry.effective_from.isoformat()),) if entry.effective_from else ()),
        *((("effective to", entry.effective_to.isoformat()),) if entry.effective_to else ()),
        *((("notes", entry.notes),) if entry.notes else ()),
        *((("CPT notice", procedures.CPT_NOTICE),) if entry.system is CodeSystem.CPT else ()),
    )
    unverified = UNVERIFIED_WARNING if entry.source.confidence is Confidence.UNVERIFIED else None
    info = CodeInfo(
        system=system,
        code=entry.code,
        valid=problem is None,
        description=entry.label,
        details=details,
        warnings=_present(problem, unverified),
        source=entry.source,
    )
    return _Fit.KNOWN, info


def _carc(text: str, on: date | None) -> _Reading | None:
    if not _CARC_SHAPE.fullmatch(text):
        return None
    try:
        code = carc.validate(text)
    except InvalidCodeError as error:
        return _Fit.SHAPE, CodeInfo(system="CARC", code=text, valid=False, description=str(error))
    group, reason_code = carc.parse(code)
    entry = carc.lookup(code)
    group_detail = (("group", f"{group}: {carc.GROUPS[group][0]}"),) if group else ()
    if entry is None:
        fit = _Fit.PLAUSIBLE if group or reason_code.isdigit() else _Fit.SHAPE
        description = f"ketacover has no paraphrase for reason code {reason_code}"
        details = (*group_detail, ("official text", carc.X12_URL))
        info = CodeInfo(
            system="CARC", code=code, valid=True, description=description, details=details
        )
        return fit, info
    info = CodeInfo(
        system="CARC",
        code=code,
        valid=True,
        description=entry.meaning,
        details=(
            *group_detail,
            ("denial reason", str(entry.reason)),
            ("official text", carc.X12_URL),
        ),
        source=entry.source,
    )
    return _Fit.KNOWN, info


def _pos(text: str, on: date | None) -> _Reading | None:
    if not _POS_SHAPE.fullmatch(text):
        return None
    code = pos.normalize(text)
    try:
        place = pos.known(code)
    except InvalidCodeError as error:
        return _Fit.SHAPE, CodeInfo(system="POS", code=code, valid=False, description=str(error))
    if place is None:
        description = f"ketacover has no description for place-of-service code {code}"
        return _Fit.PLAUSIBLE, CodeInfo(
            system="POS", code=code, valid=True, description=description
        )
    problem = None
    try:
        pos.validate(code, on)
    except InvalidCodeError as error:
        problem = str(error)
    info = CodeInfo(
        system="POS",
        code=code,
        valid=problem is None,
        description=f"{place.name}. {place.description}",
        details=(
            ("telehealth", _yes_no(place.telehealth)),
            *(
                (("effective from", place.effective_from.isoformat()),)
                if place.effective_from
                else ()
            ),
        ),
        warnings=_present(problem, pos.IN_PERSON_NOTE if place.telehealth else None),
        source=place.source,
    )
    return _Fit.KNOWN, info


def _modifier(text: str, on: date | None) -> _Reading | None:
    if not _MODIFIER_SHAPE.fullmatch(text):
        return None
    code = modifiers.validate(text)
    modifier = modifiers.known(code)
    if modifier is None:
        description = f"ketacover has no description for modifier {code}"
        return _Fit.PLAUSIBLE, CodeInfo(
            system="modifier", code=code, valid=True, description=description
        )
    info = CodeInfo(
        system="modifier",
        code=code,
        valid=True,
        description=f"{modifier.name}. {modifier.description}",
        source=modifier.source,
    )
    return _Fit.KNOWN, info


_READERS: Final[tuple[Callable[[str, date | None], _Reading | None], ...]] = (
    _icd10cm,
    _npi,
    _procedure,
    _modifier,
    _carc,
    _pos,
)
"""The systems, in the order readings of equal fit are shown."""


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _present(*texts: str | None) -> tuple[str, ...]:
    return tuple(text for text in texts if text)
