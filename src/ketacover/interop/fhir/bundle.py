"""Reading a FHIR R4 Bundle: JSON in, validated resources out, or one plain error.

The structure is checked by the ``fhir.resources`` R4B classes (FHIR R4B shares R4's JSON for the
resources read here; the package's default R5 classes reject R4 JSON). Their validation errors
become :class:`FhirImportError` problems that name the entry, the resource type and the field::

    entry[3] (MedicationDispense).whenHandedOver: "2026-13-01" is not a date

Only the offending value is quoted (at most 40 characters), never a whole resource.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ketacover.core.errors import Problem
from ketacover.interop.fhir.errors import FhirImportError
from ketacover.interop.nesting import NestingError, data_nesting_error, load_json

BundleInput = bytes | str | Mapping[str, Any]
"""A bundle as file bytes, JSON text, or already parsed JSON."""

_SHOWN: Final = 40
_TYPE_MESSAGES: Final = {
    "missing": "is required",
    "model_field_validation.missing": "is required",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "string_type": "must be text",
    "int_parsing": "is not a whole number",
    "int_type": "is not a whole number",
    "int_from_float": "is not a whole number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "model_validation_format": "has the wrong type for this FHIR element (an object is expected)",
}
_VALUE_MESSAGES: Final = (
    ("DateTime value", "is not a date"),
    ("Date value", "is not a date"),
    ("Instant value", "is not a timestamp"),
    ("Time value", "is not a time"),
    ("Decimal value", "is not a number"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One resource of a validated bundle, with where it came from."""

    index: int
    """Its position in ``Bundle.entry``."""
    resource_type: str
    """``Patient``, ``ExplanationOfBenefit``, ..."""
    source_id: str
    """``Type/id`` (else the entry's fullUrl, else ``entry[N]``): what reports and trials cite."""
    resource: Resource
    """The validated resource."""


def read_bundle(data: BundleInput) -> tuple[tuple[Entry, ...], tuple[int, ...]]:
    """The resources of the bundle ``data``, and the indexes of entries with no resource.

    Raises :class:`FhirImportError` when ``data`` is not JSON, not a Bundle, or not valid FHIR R4.
    """
    document = _parse(data)
    _check_resource_types(document)
    try:
        bundle = Bundle.model_validate(document)
    except ValidationError as error:
        raise FhirImportError(_problems(error, document)) from None
    except (KeyError, ValueError, TypeError, AttributeError):
        # The library fails this way on a nested (contained) resource of an unknown type.
        message = "holds a resource the FHIR R4 classes cannot read (an unknown resource type?)"
        raise FhirImportError([Problem("", message)]) from None
    entries: list[Entry] = []
    empty: list[int] = []
    for index, entry in enumerate(bundle.entry or ()):
        resource = entry.resource
        if resource is None:
            empty.append(index)
            continue
        kind = resource.get_resource_type()
        source = f"{kind}/{resource.id}" if resource.id else entry.fullUrl or f"entry[{index}]"
        entries.append(Entry(index, kind, str(source), resource))
    return tuple(entries), tuple(empty)


def _parse(given: BundleInput) -> dict[str, Any]:
    data: object = given
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _fail("is not UTF-8 text, so it cannot be a FHIR JSON bundle") from None
    if isinstance(data, str):
        try:
            data = load_json(data)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno} column {error.colno}"
            raise _fail(f"is not valid JSON: {error.msg} ({where})") from None
        except NestingError as error:
            raise _fail(str(error)) from None
        except ValueError:
            # The one other thing json refuses: an integer longer than Python converts.
            raise _fail("is not valid JSON: a number has too many digits") from None
    elif isinstance(data, Mapping) and (too_deep := data_nesting_error(data)) is not None:
        raise _fail(str(too_deep))
    if not isinstance(data, Mapping):
        raise _fail("is not a FHIR Bundle (expected a JSON object with resourceType Bundle)")
    kind = data.get("resourceType")
    if kind is None:
        raise _fail("is not a FHIR resource (it has no resourceType)")
    if kind != "Bundle":
        raise _fail(f"is a {_shown(kind)} resource, not a Bundle")
    return dict(data)


def _check_resource_types(document: Mapping[str, Any]) -> None:
    """Unknown resource types, found before the library (which fails on them without a path)."""
    entries = document.get("entry")
    if not isinstance(entries, list):
        return
    problems = []
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if not isinstance(resource, Mapping):
            continue
        kind = resource.get("resourceType")
        path = f"entry[{index}].resource.resourceType"
        if not isinstance(kind, str):
            problems.append(Problem(path, "is required (every resource names its type)"))
            continue
        try:
            model = get_fhir_model_class(kind)
        except ValueError:
            model = None
        if model is None or not issubclass(model, Resource):
            problems.append(Problem(path, f"{_shown(kind)} is not a FHIR R4 resource type"))
    if problems:
        raise FhirImportError(problems)


def _problems(error: ValidationError, document: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors(include_url=False, include_context=False):
        loc = tuple(detail["loc"])
        problem = Problem(_path(loc, document), _message(detail, loc, document))
        if problem not in problems:
            problems.append(problem)
    return problems


def _path(loc: tuple[int | str, ...], document: Mapping[str, Any]) -> str:
    text = "Bundle"
    rest = loc
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int) and loc[2] == "resource":
        text = f"entry[{loc[1]}] ({_resource_type(document, loc[1])})"
        rest = loc[3:]
    for part in rest:
        if part == "root":
            continue  # the library's name for the element itself, not a FHIR field
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _resource_type(document: Mapping[str, Any], index: int) -> str:
    """The type an entry's resource names, or ``resource`` when it names none (the entry or its
    resource is not an object: the validation error itself says so)."""
    entries = document.get("entry")
    entry = entries[index] if isinstance(entries, list) and 0 <= index < len(entries) else None
    resource = entry.get("resource") if isinstance(entry, Mapping) else None
    kind = resource.get("resourceType") if isinstance(resource, Mapping) else None
    return kind if isinstance(kind, str) else "resource"


def _message(detail: ErrorDetails, loc: tuple[int | str, ...], document: Mapping[str, Any]) -> str:
    kind = str(detail["type"])
    text = str(detail["msg"]).removeprefix("Value error, ")
    message = _TYPE_MESSAGES.get(kind)
    if kind == "extra_forbidden":
        owner = _owner(loc, document)
        message = f"is not a field of {owner}" if owner else "is not a FHIR field here"
    for prefix, meaning in _VALUE_MESSAGES:
        if message is None and text.startswith(prefix):
            message = meaning
    if message is None:
        message = f"is not valid ({text.rstrip('.')})"
    value = detail.get("input")
    if kind not in ("missing", "model_field_validation.missing", "extra_forbidden") and (
        isinstance(value, str | int | float) and not isinstance(value, bool)
    ):
        return f"{_shown(value)} {message}"
    return message


def _owner(loc: tuple[int | str, ...], document: Mapping[str, Any]) -> str | None:
    if len(loc) == 4 and loc[0] == "entry" and isinstance(loc[1], int):
        return _resource_type(document, loc[1])
    if len(loc) == 1:
        return "Bundle"
    return None


def _shown(value: object) -> str:
    text = str(value)
    if len(text) > _SHOWN:
        text = text[: _SHOWN - 3] + "..."
    return json.dumps(text, ensure_ascii=False)


def _fail(message: str) -> FhirImportError:
    return FhirImportError([Problem("", message)])


def index_entries(entries: tuple[Entry, ...]) -> dict[str, Entry]:
    """Entries by the references that can point at them: ``Type/id`` and the entry's fullUrl."""
    found: dict[str, Entry] = {}
    for entry in entries:
        found.setdefault(entry.source_id, entry)
    return found
