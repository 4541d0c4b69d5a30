"""Reading a FHIR R4 Bundle: JSON in, validated resources out, or one plain error.

The structure is checked by the ``fhir.resources`` R4B classes (FHIR R4B shares R4's JSON for the
resources read here; the package's default R5 classes reject R4 JSON). Their validation errors
become :class:`FhirImportError` problems that name the entry, the resource type and the field::

    entry[3] (MedicationDispense/md-1).whenHandedOver: is not a date

No value from the bundle is quoted: an entry is named by its position, its resource type and its
id (when the id has FHIR's id syntax), and a problem by its field. Problems are collected in one
pass (each distinct problem once), so a bundle of many bad entries is refused in linear time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.resource import Resource
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ketacover.core.errors import Problem
from ketacover.interop.fhir.envelope import WRONG_TYPE, entry_problems
from ketacover.interop.fhir.errors import FhirImportError
from ketacover.interop.nesting import NestingError, data_nesting_error, load_json

BundleInput = bytes | str | Mapping[str, Any]
"""A bundle as file bytes, JSON text, or already parsed JSON."""

_SHOWN: Final = 40
MAX_PROBLEMS: Final = 100
"""Problems listed before a bundle is refused without reading further."""
_FHIR_ID: Final = re.compile(r"[A-Za-z0-9\-.]{1,64}")
"""FHIR's id syntax; an id that does not follow it is not shown in messages."""
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
    full_url: str | None = None
    """The entry's ``fullUrl`` as written (``urn:uuid:...`` or an absolute URL), if any."""

    @property
    def where(self) -> str:
        """How messages name the entry: ``entry[N] (Type/id)``, the id only when it has FHIR's
        id syntax."""
        ident = self.resource.id
        named = self.resource_type
        if isinstance(ident, str) and _FHIR_ID.fullmatch(ident):
            named += f"/{ident}"
        return f"entry[{self.index}] ({named})"


@dataclass(frozen=True, slots=True)
class Unread:
    """An entry whose resource the importer does not read, found so on the parsed JSON alone."""

    index: int
    """Its position in ``Bundle.entry``."""
    resource_type: str
    """The type its resource names."""
    source_id: str
    """``Type/id`` (else the entry's fullUrl, else ``entry[N]``)."""
    reason: str
    """Why it is not read, in a sentence."""


@dataclass(frozen=True, slots=True)
class Read:
    """A bundle read: its resources, its empty entries, and the entries left unread."""

    entries: tuple[Entry, ...]
    """The validated resources, in bundle order."""
    empty: tuple[int, ...]
    """Indexes of entries with no resource."""
    unread: tuple[Unread, ...] = ()
    """Entries ``skip`` set aside without validating them."""


Triage = Callable[[Mapping[str, Any]], str | None]
"""Says, from a resource's parsed JSON, why it is not read (``None``: read and validate it)."""


def read_bundle(data: BundleInput, skip: Triage | None = None) -> Read:
    """The resources of the bundle ``data``, validated one by one with the FHIR R4B classes.

    ``skip`` sets aside resources the caller does not read, before they cost a validation (an
    EHR export is mostly vital signs and lab results). Every entry's envelope and resource type
    is checked all the same. Raises :class:`FhirImportError` when ``data`` is not JSON, not a
    Bundle, or not valid FHIR R4, listing each problem once; reading stops after
    :data:`MAX_PROBLEMS` problems, so a bundle of thousands of bad entries is refused at once.
    """
    document = _parse(data)
    _check_resource_types(document)
    problems: dict[Problem, None] = {}
    try:
        Bundle.model_validate({key: value for key, value in document.items() if key != "entry"})
    except ValidationError as error:
        problems.update(dict.fromkeys(_problems(error, document)))
    raw = document.get("entry")
    if raw is not None and not isinstance(raw, list):
        problems[Problem("Bundle.entry", "must be a list")] = None
    entries: list[Entry] = []
    empty: list[int] = []
    unread: list[Unread] = []
    for index, entry in enumerate(raw if isinstance(raw, list) else ()):
        if len(problems) >= MAX_PROBLEMS:
            problems[
                Problem("Bundle.entry", f"not read past entry[{index - 1}]: too many problems")
            ] = None
            break
        problems.update(dict.fromkeys(entry_problems(index, entry)))
        if not isinstance(entry, dict):
            continue
        resource = entry.get("resource")
        url = entry.get("fullUrl") if isinstance(entry.get("fullUrl"), str) else None
        if resource is None:
            empty.append(index)
            continue
        if not isinstance(resource, dict):
            problems[Problem(f"entry[{index}] (resource)", WRONG_TYPE)] = None
            continue
        kind = str(resource.get("resourceType"))
        ident = resource.get("id")
        named = isinstance(ident, str) and _FHIR_ID.fullmatch(ident) is not None
        source = f"{kind}/{ident}" if named else url or f"entry[{index}]"
        reason = skip(resource) if skip is not None else None
        if reason is not None:
            unread.append(Unread(index, kind, source, reason))
            continue
        validated = _validate(index, kind, resource, document, problems)
        if validated is not None:
            entries.append(Entry(index, kind, source, validated, url))
    if problems:
        raise FhirImportError(list(problems))
    return Read(tuple(entries), tuple(empty), tuple(unread))


def _validate(
    index: int,
    kind: str,
    resource: Mapping[str, Any],
    document: Mapping[str, Any],
    problems: dict[Problem, None],
) -> Resource | None:
    model = get_fhir_model_class(kind)
    try:
        validated = model.model_validate(resource)
    except ValidationError as error:
        problems.update(dict.fromkeys(_problems(error, document, ("entry", index, "resource"))))
        return None
    except (KeyError, ValueError, TypeError, AttributeError):
        # The library fails this way on a nested (contained) resource of an unknown type.
        message = "holds a resource the FHIR R4 classes cannot read (an unknown resource type?)"
        problems[Problem(f"entry[{index}] ({_named(document, index)})", message)] = None
        return None
    assert isinstance(validated, Resource)
    return validated


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
    known: dict[str, bool] = {}
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            continue
        kind = resource.get("resourceType")
        if not isinstance(kind, str):
            path = f"entry[{index}].resource.resourceType"
            problems.append(Problem(path, "is required (every resource names its type)"))
            continue
        if kind not in known:
            known[kind] = _is_resource_type(kind)
        if not known[kind]:
            path = f"entry[{index}].resource.resourceType"
            problems.append(Problem(path, "is not a FHIR R4 resource type"))
    if problems:
        raise FhirImportError(problems)


def _is_resource_type(kind: str) -> bool:
    try:
        model = get_fhir_model_class(kind)
    except ValueError:
        return False
    return model is not None and issubclass(model, Resource)


def _problems(
    error: ValidationError, document: Mapping[str, Any], prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    """Each distinct problem once, in the order found (a dict keeps the order and finds a
    repeat in constant time: the check stays linear for a bundle of 60,000 bad entries).
    ``prefix`` is where in the document the validated part sits."""
    problems: dict[Problem, None] = {}
    for detail in error.errors(include_url=False, include_context=False):
        loc = prefix + tuple(detail["loc"])
        problems.setdefault(Problem(_path(loc, document), _message(detail, loc, document)))
    return list(problems)


def _path(loc: tuple[int | str, ...], document: Mapping[str, Any]) -> str:
    text = "Bundle"
    rest = loc
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int) and loc[2] == "resource":
        text = f"entry[{loc[1]}] ({_named(document, loc[1])})"
        rest = loc[3:]
    for part in rest:
        if part == "root":
            continue  # the library's name for the element itself, not a FHIR field
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _resource(document: Mapping[str, Any], index: int) -> Mapping[str, Any] | None:
    entries = document.get("entry")
    entry = entries[index] if isinstance(entries, list) and 0 <= index < len(entries) else None
    resource = entry.get("resource") if isinstance(entry, Mapping) else None
    return resource if isinstance(resource, Mapping) else None


def _resource_type(document: Mapping[str, Any], index: int) -> str:
    """The type an entry's resource names, or ``resource`` when it names none (the entry or its
    resource is not an object: the validation error itself says so)."""
    resource = _resource(document, index)
    kind = resource.get("resourceType") if resource is not None else None
    return kind if isinstance(kind, str) else "resource"


def _named(document: Mapping[str, Any], index: int) -> str:
    """``Type/id`` of an entry's resource when its id has FHIR's id syntax, else ``Type``."""
    kind = _resource_type(document, index)
    resource = _resource(document, index)
    ident = resource.get("id") if resource is not None else None
    if isinstance(ident, str) and _FHIR_ID.fullmatch(ident):
        return f"{kind}/{ident}"
    return kind


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
        value = detail.get("input")
        quoted = isinstance(value, str | int | float) and str(value) and str(value) in text
        message = "is not valid here" if quoted else f"is not valid ({text.rstrip('.')})"
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
