"""ICD-10-CM diagnosis codes: validity, billable (leaf) status, description and the table's year.

ICD-10-CM is the US clinical modification of the WHO's ICD-10, published free by CDC/NCHS and CMS.
A code is a letter, a digit and a letter or digit (the 3-character *category*, e.g. ``F33``),
optionally followed by a dot and up to four more characters (``F33.2``, ``T40.0X1A``). Only a code
that no other code extends (a *leaf*) may be billed: ``F33.4`` (recurrent depression in remission)
is a valid entry of the table but not billable; ``F33.40``, ``F33.41`` and ``F33.42`` are.

The table is the official ICD-10-CM code set, April 1, 2026 release (fiscal year 2026), as shipped
in the ``simple_icd_10_cm`` package: validity and billable status come from the package's plain
code list, descriptions from a compact table generated from its tabular list
(:mod:`ketacover.core.codes.icd10cm_table`); neither imports the package. The ICD-10-CM year runs
October 1 to September 30, so dates of service from 2026-10-01 fall under the FY2027 code set,
which this table does not contain: :func:`table_warning` says so.

Treatment-resistant depression has no ICD-10-CM code (none found through FY2026; the FY2027
addenda were not seen). Payers expect an F32.x or F33.x code plus the documented failed trials.

>>> validate("f332")
'F33.2'
>>> is_billable("F33.2"), is_billable("F33.4")
(True, False)
>>> is_valid("F42.0")
False
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
from datetime import date
from pathlib import Path
from typing import Final

from ketacover.core.errors import InvalidCodeError, KetacoverError
from ketacover.core.sourcebook import cite

TABLE_RELEASE: Final = "ICD-10-CM April 2026 release (FY2026)"
"""The code set ketacover checks against."""
TABLE_FISCAL_YEAR: Final = 2026
"""The ICD-10-CM fiscal year of the table (October 1, 2025 to September 30, 2026)."""
TABLE_EFFECTIVE: Final = date(2026, 4, 1)
"""The day the table's release took effect (the April 1 update of FY2026)."""

SOURCE: Final = cite("code-icd10cm-fy2026")
"""Where validity and billable status come from."""
FISCAL_YEAR_SOURCE: Final = cite("code-icd10cm-year")
"""Where the October-to-September code-set year comes from."""

_PACKAGE: Final = "simple_icd_10_cm"
_CODE_LIST: Final = "code-list-April-2026.txt"
_SHAPE: Final = re.compile(r"[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}")
_KIND: Final = "ICD-10-CM code"
_HINT_LIMIT: Final = 8


def compact(code: str) -> str:
    """The code without dots or spaces, in upper case (``" f33.2 "`` gives ``F332``)."""
    return "".join(code.split()).replace(".", "").upper()


def normalize(code: str) -> str:
    """The code as usually written: upper case, with the dot after the category.

    Accepts ``F332``, ``f33.2`` and ``" F33.2 "`` alike (all give ``F33.2``). It does not check
    the code; :func:`validate` does.
    """
    bare = compact(code)
    return f"{bare[:3]}.{bare[3:]}" if len(bare) > 3 else bare


def validate(code: str) -> str:
    """Check that ``code`` is in the ICD-10-CM table and return it normalized (``F33.2``).

    Raises :class:`InvalidCodeError` naming the problem: empty, malformed, or not in the table
    (with the valid codes of the same category when there is one).
    """
    bare = compact(code)
    if not bare:
        raise InvalidCodeError(f"{_KIND} is empty")
    if not _SHAPE.fullmatch(bare):
        raise InvalidCodeError(f"{_KIND} {code.strip()!r} is malformed: {_shape_problem(bare)}")
    if not _in_table(bare):
        hint = _category_hint(bare)
        raise InvalidCodeError(
            f"{_KIND} {normalize(bare)} is not in the {TABLE_RELEASE} code set{hint}"
        )
    return normalize(bare)


def is_valid(code: str) -> bool:
    """Whether ``code`` is in the table (billable or not). Never raises."""
    try:
        validate(code)
    except InvalidCodeError:
        return False
    return True


def is_billable(code: str) -> bool:
    """Whether ``code`` is in the table and is a leaf (no other code extends it).

    A code that is not in the table is not billable either. Never raises.
    """
    return is_valid(code) and _is_leaf(compact(code))


def category(code: str) -> str:
    """The 3-character category of a valid code (``F33.2`` gives ``F33``)."""
    return validate(code)[:3]


def describe(code: str) -> str:
    """The official description of a valid code, from the ICD-10-CM tabular list.

    Read from the compact table generated from the package's tabular list
    (:mod:`ketacover.core.codes.icd10cm_table`), so describing a code does not parse the XML.
    """
    from ketacover.core.codes import icd10cm_table

    normalized = validate(code)
    text = icd10cm_table.description(compact(normalized))
    if text is None:
        raise KetacoverError(
            f"the ICD-10-CM description table has no entry for {normalized}: regenerate it "
            "with tools/make_icd10cm_table.py"
        )
    return text


def fiscal_year(day: date) -> int:
    """The ICD-10-CM fiscal year of a date of service: 2026-10-01 is in FY2027."""
    return day.year + 1 if day.month >= 10 else day.year


def table_warning(day: date) -> str | None:
    """A sentence when the date of service falls in a later fiscal year than the table, else None.

    From 2026-10-01 the FY2027 code set applies, which this table does not contain, so the codes
    should be rechecked against it.
    """
    year = fiscal_year(day)
    if year <= TABLE_FISCAL_YEAR:
        return None
    return (
        f"The date of service {day.isoformat()} falls in FY{year}, so the FY{year} ICD-10-CM "
        f"code set (effective {year - 1}-10-01) applies; ketacover's table is the "
        f"{TABLE_RELEASE}, so recheck the codes against the FY{year} code set."
    )


def _shape_problem(bare: str) -> str:
    if not bare[0].isalpha() or not bare[0].isascii():
        problem = "it must start with a letter"
    elif len(bare) < 3 or len(bare) > 7:
        problem = f"it must have 3 to 7 characters besides the dot, not {len(bare)}"
    elif not bare[1].isdigit():
        problem = "its second character must be a digit"
    else:
        problem = "it may contain only letters and digits after the first two characters"
    return f"{problem} (for example F33.2)"


def _category_hint(bare: str) -> str:
    codes = _sorted_codes()
    head = bare[:3]
    if not _in_table(head):
        return ""
    start = bisect.bisect_left(codes, head)
    end = bisect.bisect_left(codes, head + "\x7f")
    # A block holding a single category repeats the category's name in the list: keep one.
    leaves = list(dict.fromkeys(normalize(c) for c in codes[start:end] if _is_leaf(c)))
    if leaves == [head]:
        return f"; the category {head} is itself the billable code"
    if len(leaves) > _HINT_LIMIT:
        return f"; category {head} has {len(leaves)} billable codes"
    return f"; the billable codes of category {head} are {', '.join(leaves)}"


def _is_leaf(bare: str) -> bool:
    codes = _sorted_codes()
    after = bisect.bisect_right(codes, bare)
    return after == len(codes) or not codes[after].startswith(bare)


def _in_table(bare: str) -> bool:
    codes = _sorted_codes()
    at = bisect.bisect_left(codes, bare)
    return at < len(codes) and codes[at] == bare


@functools.cache
def _sorted_codes() -> tuple[str, ...]:
    """Every code of the table without dots, in order, so the codes extending one follow it.

    Block ranges (``A00-A09``) and chapter numbers are left out; a block holding one category is
    listed under the category's name, so such names appear twice, which bisecting tolerates. The
    file is nearly in order already, which makes sorting it cheap.
    """
    text = _code_list_path().read_text(encoding="ascii")
    return tuple(sorted(line for line in text.split() if line[0].isalpha() and "-" not in line))


def _code_list_path() -> Path:
    # The package parses its whole XML tabular when imported (about 1.6 s), so the plain code
    # list is read from its directory without importing it.
    spec = importlib.util.find_spec(_PACKAGE)
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise KetacoverError(f"the ICD-10-CM table is missing: package {_PACKAGE} is not installed")
    path = Path(locations[0]) / "data" / _CODE_LIST
    if not path.is_file():
        raise KetacoverError(f"the ICD-10-CM table is missing: {path} does not exist")
    return path
