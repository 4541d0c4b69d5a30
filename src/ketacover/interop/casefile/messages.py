"""Validation errors in plain words, each at its path: ``patient.date_of_birth: is required``.

The validator's own error kinds are translated into sentences a billing lead understands. The only
part of a file ever echoed is the offending value the user typed, shortened to about 40
characters; nested values are never echoed.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from ketacover.interop.casefile.model_types import Loc, field_names_at, type_at

MAX_SHOWN = 40
"""Longest echo of an offending value, in characters."""

DATE_HINT = "use YYYY-MM-DD"
DATETIME_HINT = "use YYYY-MM-DDTHH:MM:SS with a time zone, e.g. 2026-11-02T10:15:00-05:00"
ZONE_HINT = "e.g. 2026-11-02T10:15:00-05:00"

_BY_KIND: dict[str, str] = {
    "int_parsing": "is not a whole number",
    "int_from_float": "is not a whole number",
    "int_type": "is not a whole number",
    "decimal_parsing": "is not an amount (write digits only, e.g. 450.00)",
    "decimal_type": "is not an amount (write digits only, e.g. 450.00)",
    "finite_number": "is not an amount (write digits only, e.g. 450.00)",
    "bool_parsing": "is not yes or no (use true or false)",
    "bool_type": "is not yes or no (use true or false)",
    "date_parsing": f"is not a date ({DATE_HINT})",
    "date_from_datetime_parsing": f"is not a date ({DATE_HINT})",
    "date_from_datetime_inexact": f"is not a date ({DATE_HINT})",
    "date_type": f"is not a date ({DATE_HINT})",
    "datetime_parsing": f"is not a date and time ({DATETIME_HINT})",
    "datetime_from_date_parsing": f"is not a date and time ({DATETIME_HINT})",
    "datetime_type": f"is not a date and time ({DATETIME_HINT})",
    "timezone_aware": f"needs a time zone ({ZONE_HINT})",
    "string_type": "must be text",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "dataclass_type": "must be a mapping of fields (name: value)",
    "dataclass_args_type": "must be a mapping of fields (name: value)",
    "dict_type": "must be a mapping of fields (name: value)",
    "recursion_loop": "refers to itself",
    "missing": "is required",
    "missing_keyword_argument": "is required",
}
_UNKNOWN_FIELD_KINDS = frozenset({"unexpected_keyword_argument", "extra_forbidden", "invalid_key"})


def format_path(loc: Sequence[Any]) -> str:
    """``("treatment_history", 2, "start")`` as ``treatment_history[2].start``; a character of
    a key that cannot be printed (a control character) shows as ``?``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            name = "".join(c if c.isprintable() else "?" for c in str(part))
            path += f".{name}" if path else name
    return path


def show(value: object) -> str | None:
    """The value as typed, quoted when it is text and shortened; None for nested values."""
    if isinstance(value, str):
        text = value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 3] + "..."
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + "".join(c if c.isprintable() else "?" for c in escaped) + '"'
    if isinstance(value, bool | int | Decimal | float | date | datetime):
        text = str(value)
        return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."
    return None


def with_value(value: object, message: str) -> str:
    """``"2026-13-01" is not a date``, or the bare message when the value cannot be echoed."""
    shown = show(value)
    return f"{shown} {message}" if shown is not None else message


def describe(kind: str, loc: Loc, value: object, fallback: str) -> str:
    """The plain-English message for one validation error of kind ``kind`` at ``loc``."""
    if kind in _UNKNOWN_FIELD_KINDS:
        return unknown_field(loc)
    if kind not in ("missing", "missing_keyword_argument") and value is None:
        return "is required and cannot be empty"
    if kind == "enum":
        return with_value(value, must_be_one_of(loc))
    message = _BY_KIND.get(kind)
    if message is None:
        message = f"is not valid ({fallback[:1].lower()}{fallback[1:]})"
    if kind.startswith(("missing", "dataclass", "tuple", "list", "dict", "recursion")):
        return message
    return with_value(value, message)


def unknown_field(loc: Loc) -> str:
    """The message for a field name the case model does not have, with a close match if any."""
    name = str(loc[-1]) if loc else ""
    allowed = field_names_at(loc[:-1])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if not close:
        close = [field for field in allowed if field.replace("_", "") == name.lower()]
    hint = f'did you mean "{close[0]}"?' if close else "see ketacover schema for the fields"
    return f"is not a field ketacover knows ({hint})"


def must_be_one_of(loc: Loc) -> str:
    """``must be one of: standard, urgent`` for the enum field at ``loc``."""
    tp = type_at(loc)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "must be one of: " + ", ".join(str(member.value) for member in tp)
    return "is not one of the allowed values"
