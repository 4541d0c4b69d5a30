"""The envelope of each ``Bundle.entry``, checked by hand: an object with FHIR R4's entry fields.

The ``fhir.resources`` classes take about a third of a millisecond for each entry they validate,
so the importer validates with them only the resources it reads (see
:func:`ketacover.interop.fhir.bundle.read_bundle`); the entry around each resource (``fullUrl``,
``search``, ``request``, ``response``) is checked here in constant time per entry. ``request``,
``response`` and ``link``, rare in the exports read, go to their own library classes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from fhir.resources.R4B.bundle import BundleEntryRequest, BundleEntryResponse, BundleLink
from pydantic import BaseModel, ValidationError

from ketacover.core.errors import Problem

WRONG_TYPE: Final = "has the wrong type for this FHIR element (an object is expected)"
"""The message for an element that must be a JSON object and is not."""

_FIELDS: Final = frozenset(
    {"id", "extension", "modifierExtension", "link", "fullUrl", "resource", "search"}
    | {"request", "response"}
)
_PLAIN: Final = frozenset({"fullUrl", "resource", "search"})
_SEARCH_FIELDS: Final = frozenset({"id", "extension", "modifierExtension", "mode", "score"})
_SEARCH_MODES: Final = frozenset({"match", "include", "outcome"})
_CLASSES: Final[dict[str, type[BaseModel]]] = {
    "request": BundleEntryRequest,
    "response": BundleEntryResponse,
}


def entry_problems(index: int, entry: object) -> list[Problem]:
    """What is wrong with ``Bundle.entry[index]`` outside its resource (nothing for most: the
    usual envelope, ``fullUrl`` and a plain ``search``, is passed over in a few dictionary
    lookups)."""
    if isinstance(entry, dict) and entry.keys() <= _PLAIN:
        url, search = entry.get("fullUrl"), entry.get("search")
        if (url is None or isinstance(url, str)) and (
            search is None
            or (
                isinstance(search, dict)
                and search.keys() <= {"mode"}
                and search.get("mode", "match") in _SEARCH_MODES
            )
        ):
            return []
    return list(_entry_problems(index, entry))


def _entry_problems(index: int, entry: object) -> Iterator[Problem]:
    where = f"Bundle.entry[{index}]"
    if not isinstance(entry, dict):
        yield Problem(where, WRONG_TYPE)
        return
    for key in entry:
        if key not in _FIELDS:
            yield Problem(f"{where}.{key}", "is not a field of Bundle.entry")
    url = entry.get("fullUrl")
    if url is not None and not isinstance(url, str):
        yield Problem(f"{where}.fullUrl", "must be text")
    search = entry.get("search")
    if search is not None:
        yield from _search(f"{where}.search", search)
    for name, model in _CLASSES.items():
        if entry.get(name) is not None:
            yield from _validated(f"{where}.{name}", model, entry[name])
    links = entry.get("link")
    if links is not None:
        if not isinstance(links, list):
            yield Problem(f"{where}.link", "must be a list")
        else:
            for number, link in enumerate(links):
                yield from _validated(f"{where}.link[{number}]", BundleLink, link)


def _search(where: str, search: object) -> Iterator[Problem]:
    if not isinstance(search, dict):
        yield Problem(where, WRONG_TYPE)
        return
    for key in search:
        if key not in _SEARCH_FIELDS:
            yield Problem(f"{where}.{key}", "is not a field of Bundle.entry.search")
    mode = search.get("mode")
    if mode is not None and mode not in _SEARCH_MODES:
        yield Problem(f"{where}.mode", "is not one of match, include, outcome")
    score = search.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
        yield Problem(f"{where}.score", "is not a number")


def _validated(where: str, model: type[BaseModel], value: object) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield Problem(where, WRONG_TYPE)
        return
    try:
        model.model_validate(value)
    except ValidationError as error:
        for detail in error.errors(include_url=False, include_context=False):
            path = "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}"
                for part in detail["loc"]
                if part != "root"
            )
            yield Problem(where + path, "is not valid here")
