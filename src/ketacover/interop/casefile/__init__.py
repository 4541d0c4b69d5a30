"""Case files: one case in YAML or JSON, validated into :class:`ketacover.core.model.Case`.

A case file is untrusted input. Reading one either gives a :class:`Case` or raises
:class:`InvalidCaseFileError` listing every problem with its path, a plain message and, for YAML,
its line::

    treatment_history[2].start: "2026-13-01" is not a date (use YYYY-MM-DD)

Nothing else escapes: syntax errors, wrong types, unknown fields, self-referencing aliases and
files that cannot be read all become problems. Validation runs in three passes: the structure
(fields, types, enum values) against the case model, how dates and times are written, and then
what a billing lead would check (codes, ranges, order of dates, ids). The JSON Schema of the
format comes from the same model (:func:`case_schema`), with each field's docstring as its
description; only the schema reads those docstrings (parsing the model's source), so validating a
case does not pay for it.
"""

from __future__ import annotations

import json
import sys
import threading
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import TypeAdapter, ValidationError
from yaml.nodes import Node

from ketacover.core.errors import InvalidCaseFileError, Problem
from ketacover.core.model import CASE_ID_PATTERN, Case
from ketacover.core.model._base import CONFIG
from ketacover.interop.casefile.characters import character_problems
from ketacover.interop.casefile.checks import case_problems
from ketacover.interop.casefile.formats import format_problems
from ketacover.interop.casefile.messages import describe, format_path
from ketacover.interop.casefile.model_types import Loc
from ketacover.interop.casefile.yaml_source import line_of, read_yaml
from ketacover.interop.nesting import NestingError, data_nesting_error, load_json

__all__ = [
    "SCHEMA_ID",
    "CaseFormat",
    "case_from_data",
    "case_schema",
    "case_to_data",
    "check_case",
    "load_case",
    "parse_case",
    "stored_case",
]

CaseFormat = Literal["yaml", "json"]

SCHEMA_ID: Final = "urn:ketacover:case-file:1"
"""The ``$id`` of the case-file JSON Schema (version 1 of the format)."""
MAX_BYTES: Final = 5_000_000
"""Largest case file read; a real case is a few kilobytes."""
_SUFFIXES: Final[dict[str, CaseFormat]] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def load_case(path: Path | str) -> Case:
    """Read the case file at ``path`` (``-`` reads standard input).

    The format comes from the extension (``.yaml``, ``.yml``, ``.json``); without one, from the
    content: text starting with ``{`` is JSON, anything else YAML.
    """
    name = str(path)
    text = sys.stdin.read() if name == "-" else _read_text(Path(path))
    fmt = _SUFFIXES.get(Path(name).suffix.lower()) or sniff_format(text)
    return parse_case(text, fmt=fmt, name="<stdin>" if name == "-" else name)


def parse_case(text: str, *, fmt: CaseFormat, name: str = "<case>") -> Case:
    """Validate ``text`` (a whole case file in ``fmt``) into a :class:`Case`.

    ``name`` says where the text came from; the error's one-line summary starts with it.
    """
    case, problems = _read(text, fmt)
    if case is None or problems:
        error = InvalidCaseFileError(problems)
        first = problems[0]
        where = f"{name}:{first.line}" if first.line is not None else name
        error.args = (f"{where}: {error.args[0]}",)
        raise error
    return case


def case_from_data(data: object) -> Case:
    """Validate plain data (as :func:`case_to_data` writes it, or a parsed form) into a Case.

    Raises :class:`InvalidCaseFileError` listing every problem with its path.
    """
    case, problems = _validate(data, None)
    if case is None:
        raise InvalidCaseFileError(problems)
    return case


def stored_case(data: object) -> Case:
    """The case of a document this system stored after :func:`case_from_data` accepted it.

    Only the structure is checked again (fields, types, enum values: the model's own
    validator, about a tenth of the whole): how dates are written, the characters of the text
    and the billing lead's checks held when the document was written and the stored JSON has
    not changed since. A document that fails even that goes through :func:`case_from_data`,
    which raises :class:`InvalidCaseFileError` with every problem.
    """
    try:
        return _adapter().validate_python(data)
    except ValidationError:
        return case_from_data(data)


def check_case(text: str, *, fmt: CaseFormat) -> list[Problem]:
    """Every problem in ``text``, in file order; an empty list means the case file is valid."""
    return _read(text, fmt)[1]


def sniff_format(text: str) -> CaseFormat:
    """``json`` when the text starts with ``{`` (after a byte-order mark and spaces), else
    ``yaml``."""
    return "json" if text.lstrip("\ufeff \t\r\n").startswith("{") else "yaml"


def case_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a case file, with a description for every field."""
    schema = _described_adapter().json_schema(mode="validation")
    schema.pop("title", None)
    # The pattern is checked with the other semantic checks (with its rule in words); the
    # schema states it too, so a form or a client can check before sending.
    schema["properties"]["id"]["pattern"] = CASE_ID_PATTERN
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ketacover case file",
        **schema,
    }


def case_to_data(case: Case) -> dict[str, Any]:
    """``case`` as plain JSON-ready data (ISO dates, amounts as strings such as ``"450.00"``),
    leaving out what is unknown. :func:`parse_case` reads it back into an equal case."""
    data: dict[str, Any] = _adapter().dump_python(case, mode="json", exclude_none=True)
    plan = data.get("plan")
    if isinstance(plan, dict) and plan.get("criteria") == []:
        del plan["criteria"]  # none of the plan's own criteria known: left out like the unknown
    return data


@cache
def _adapter() -> TypeAdapter[Case]:
    """Validation and dumping; the model's config leaves the attribute docstrings unread."""
    return TypeAdapter(Case)


_DESCRIBING = threading.Lock()


@cache
def _described_adapter() -> TypeAdapter[Case]:
    """The adapter the JSON Schema comes from: each field described by its attribute docstring.

    pydantic reads ``use_attribute_docstrings`` from the model's shared config while it builds
    an adapter, so the flag is on for this one build only (under a lock).
    """
    with _DESCRIBING:
        CONFIG["use_attribute_docstrings"] = True
        try:
            return TypeAdapter(Case)
        finally:
            CONFIG["use_attribute_docstrings"] = False


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _unreadable(f"is larger than {MAX_BYTES // 1_000_000} MB; a case file is smaller")
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _unreadable("file not found") from None
    except IsADirectoryError:
        raise _unreadable("is a folder, not a case file") from None
    except PermissionError:
        raise _unreadable("cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise _unreadable("is not UTF-8 text") from None
    except OSError as error:
        raise _unreadable(f"cannot be read ({error.strerror or 'system error'})") from None


def _unreadable(message: str) -> InvalidCaseFileError:
    error = InvalidCaseFileError([Problem("", message)])
    error.args = (message,)
    return error


def _read(text: str, fmt: CaseFormat) -> tuple[Case | None, list[Problem]]:
    if fmt == "json":
        parsed = _read_json(text)
        if isinstance(parsed, Problem):
            return None, [parsed]
        return _validate(parsed, None)
    document = read_yaml(text)
    if isinstance(document, list):
        return None, document
    case, problems = _validate(document.data, document.root)
    if document.problems:
        problems = sorted(document.problems + problems, key=lambda each: each.line or 0)
        return None, problems
    return case, problems


def _read_json(text: str) -> object:
    try:
        return load_json(
            text, parse_float=Decimal, parse_constant=str, object_pairs_hook=_unique_keys
        )
    except NestingError as error:
        return Problem("", error.what, error.line)
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} (column {error.colno})"
        return Problem("", message, error.lineno)
    except _DuplicateKeyError as error:
        return Problem("", f"is not valid: the key {error.args[0]} appears more than once")
    except ValueError:
        # The one other thing json refuses: an integer longer than Python converts (4300 digits).
        return Problem("", "is not valid JSON: a number has too many digits")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(json.dumps(key[:40]))
            seen.add(key)
    return mapping


class _DuplicateKeyError(ValueError):
    pass


def _validate(data: object, root: Node | None) -> tuple[Case | None, list[Problem]]:
    if data is None:
        return None, [Problem("", "is empty (a case needs at least id and patient)", 1)]
    too_deep = data_nesting_error(data)
    if too_deep is not None:
        return None, [Problem(too_deep.path, too_deep.what, line_of(root, (too_deep.path,)))]
    if not isinstance(data, dict):
        return None, [Problem("", "must be a mapping of fields (id, patient, plan, ...)", 1)]
    located: list[tuple[Loc, str]] = []
    case: Case | None = None
    try:
        case = _adapter().validate_python(data)
    except ValidationError as error:
        for detail in error.errors(include_url=False, include_context=False):
            loc = tuple(detail["loc"])
            located.append((loc, describe(detail["type"], loc, detail["input"], detail["msg"])))
    seen = {loc for loc, _ in located}
    located.extend((loc, message) for loc, message in format_problems(data) if loc not in seen)
    seen = {loc for loc, _ in located}
    located.extend((loc, message) for loc, message in character_problems(data) if loc not in seen)
    if case is not None and not located:
        located.extend(case_problems(case))
    problems = [Problem(format_path(loc), message, line_of(root, loc)) for loc, message in located]
    problems.sort(key=lambda problem: problem.line or 0)
    return (case if not problems else None), problems
