"""Reading the sources list: every ``*.toml`` topic file of :mod:`ketacover.core.sourcebook`.

A file is an array of ``[[source]]`` tables with exactly the keys of :data:`KEYS`. The checks are
strict because every citation a payer or patient reads comes from here: an unknown or missing key,
an id that is not lowercase letters, digits and hyphens, a date that is not YYYY-MM-DD, an address
that is not a web address, an unknown confidence or an id used twice (in one file or across files)
stops the load with an error naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Final

from ketacover.core.errors import SourceBookError
from ketacover.core.sources import Confidence, Source

KEYS: Final = ("id", "title", "issuer", "number", "date", "url", "confidence", "supports")
"""The keys of a ``[[source]]`` table, all required (``number``, ``date`` and ``url`` may be "")."""

_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_TEXT: Final = 2000
_REGULATION: Final = re.compile(r"\b(CFR|FR|U\.S\.C\.|IRC|Rev\. Proc\.)\b|§")
"""A number that is cited alone (a regulation, statute or revenue procedure)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One public document in the sources list, as it is cited."""

    id: str
    """The stable key other files use (``cfr-29-2560-503-1-h-3-i``); never shown to a reader."""
    title: str
    issuer: str
    number: str
    """The regulation, policy or form number, or ""."""
    date: str
    """The date of the version read (YYYY-MM-DD), or "" when unknown."""
    url: str
    """A public address, or "" when the document is not public."""
    confidence: Confidence
    supports: str
    """What ketacover takes from it, in one or two plain sentences."""
    origin: str
    """The topic file it came from (``appeals.toml``)."""

    @property
    def citation(self) -> str:
        """How a letter cites it: a regulation by its number alone ("29 CFR 2560.503-1(h)(3)(i)");
        anything else by issuer, title, number and date ("Premera Blue Cross, Esketamine
        (Spravato) medical policy 5.01.609, 2026-03-01")."""
        if self.number and _REGULATION.search(self.number):
            return self.number
        text = f"{self.issuer}, {self.title}"
        if self.number and self.number not in self.title:
            text += f" {self.number}"
        return f"{text}, {self.date}" if self.date else text

    @property
    def source(self) -> Source:
        """The entry as a :class:`~ketacover.core.sources.Source`."""
        return Source(self.citation, self.confidence, self.url or None, key=self.id)


def entries() -> dict[str, Entry]:
    """Every entry of every topic file, by id (read once per process)."""
    return dict(_book())


def entry(source_id: str) -> Entry:
    """The entry ``source_id``; a :class:`SourceBookError` when there is none.

    Only the topic file that holds it is parsed (found by :func:`_index`), so a command that
    cites three sources does not parse the whole list; :func:`entries` still reads and checks
    every file."""
    origin = _index().get(source_id)
    found = None if origin is None else _topic(origin).get(source_id)
    if found is None:
        raise SourceBookError(f"sourcebook: no source with id {source_id!r}")
    return found


def cite(source_id: str) -> Source:
    """The document ``source_id`` as a Source, for constants in core: ``cite("cfr-42-422-572")``."""
    return entry(source_id).source


def is_known(source_id: str) -> bool:
    """Whether ``source_id`` is an entry of the sources list."""
    return source_id in _index()


@cache
def _book() -> dict[str, Entry]:
    return read_topics(_texts().items())


@cache
def _texts() -> dict[str, str]:
    """Every topic file's text by file name (read once per process)."""
    root = resources.files("ketacover.core.sourcebook")
    files = sorted((f for f in root.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    if not files:
        raise SourceBookError("ketacover/core/sourcebook/: no topic files found")
    return {file.name: file.read_text(encoding="utf-8") for file in files}


_ID_LINE: Final = re.compile(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]*)["']""", re.MULTILINE)
"""A ``[[source]]`` table's ``id = "..."`` line, as the topic files write it."""


@cache
def _index() -> dict[str, str]:
    """Which topic file holds each id, from the files' ``id =`` lines (a scan, not a parse); an id
    in two files is the same error :func:`read_topics` gives."""
    where: dict[str, str] = {}
    for name, text in _texts().items():
        for found in _ID_LINE.finditer(text):
            source_id = found.group(1)
            if source_id in where and where[source_id] != name:
                raise SourceBookError(
                    f"{name}: source {source_id!r} is already defined in {where[source_id]}"
                )
            where[source_id] = name
    return where


@cache
def _topic(name: str) -> dict[str, Entry]:
    """The entries of one topic file, parsed and checked on first use."""
    return {item.id: item for item in parse_topic(_texts()[name], name)}


def read_topics(topics: Iterable[tuple[str, str]]) -> dict[str, Entry]:
    """Every entry of the topic files given as (file name, TOML text), by id; an id used in two
    files is an error naming both."""
    found: dict[str, Entry] = {}
    for name, text in topics:
        for item in parse_topic(text, name):
            if item.id in found:
                raise SourceBookError(
                    f"{name}: source {item.id!r} is already defined in {found[item.id].origin}"
                )
            found[item.id] = item
    return found


def parse_topic(text: str, origin: str) -> list[Entry]:
    """Parse and check one topic file; ``origin`` names it in errors."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SourceBookError(f"{origin}: {error}") from None
    extra = sorted(set(document) - {"source"})
    if extra:
        raise SourceBookError(f"{origin}: unknown top-level key {extra[0]!r} (only [[source]])")
    tables = document.get("source")
    if not isinstance(tables, list) or not tables:
        raise SourceBookError(f"{origin}: no [[source]] entries")
    parsed: list[Entry] = []
    seen: set[str] = set()
    for index, table in enumerate(tables, start=1):
        item = _entry(table, origin, index)
        if item.id in seen:
            raise SourceBookError(f"{origin}, source {item.id!r}: id used twice in this file")
        seen.add(item.id)
        parsed.append(item)
    return parsed


def _entry(table: object, origin: str, index: int) -> Entry:
    where = f"{origin}, source #{index}"
    if not isinstance(table, dict):
        raise SourceBookError(f"{where}: not a table")
    source_id = table.get("id")
    if isinstance(source_id, str) and _ID.fullmatch(source_id):
        where = f"{origin}, source {source_id!r}"
    else:
        raise SourceBookError(f"{where}: id must be lowercase letters, digits and hyphens")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise SourceBookError(f"{where}: unknown key {unknown[0]!r}")
    values: dict[str, str] = {}
    for key in KEYS:
        value = table.get(key)
        if not isinstance(value, str):
            raise SourceBookError(f"{where}: {key} must be a string (missing or another type)")
        if len(value) > _MAX_TEXT:
            raise SourceBookError(f"{where}: {key} is longer than {_MAX_TEXT} characters")
        values[key] = value.strip()
    for key in ("title", "issuer", "supports"):
        if not values[key]:
            raise SourceBookError(f"{where}: {key} must not be empty")
    if values["date"]:
        _check_date(values["date"], where)
    if values["url"] and not values["url"].startswith(("https://", "http://")):
        raise SourceBookError(f"{where}: url must be a web address, http(s)://... (or empty)")
    try:
        confidence = Confidence(values["confidence"])
    except ValueError:
        raise SourceBookError(
            f"{where}: confidence must be verified, partly_verified or unverified"
        ) from None
    return Entry(
        id=values["id"],
        title=values["title"],
        issuer=values["issuer"],
        number=values["number"],
        date=values["date"],
        url=values["url"],
        confidence=confidence,
        supports=values["supports"],
        origin=origin,
    )


def _check_date(text: str, where: str) -> None:
    if not _DATE.fullmatch(text):
        raise SourceBookError(f"{where}: date must be YYYY-MM-DD or empty")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise SourceBookError(f"{where}: date {text!r} is not a calendar date") from None
