"""Resolving FHIR references inside one bundle, as EHR and payer exports write them.

FHIR R4 (Bundle, section "Resolving references in Bundles", and References, section 2.3.0.3)
allows a reference to point at another entry in four ways, all read here through one index built
once per bundle (time linear in the bundle):

- the entry's ``fullUrl`` exactly: ``urn:uuid:...`` or ``urn:oid:...`` (transaction and
  collection bundles, CARIN Blue Button patient-access bundles) or an absolute URL
  (``https://ehr.example/fhir/R4/Organization/7``, as Epic and Oracle Health search sets write);
- a relative ``Type/id``, resolved against the referring entry's server base when its fullUrl is
  absolute (``https://ehr.example/fhir/R4/`` + ``Organization/7``), else by type and id;
- an absolute URL ending in ``Type/id`` whose exact fullUrl is not in the bundle but whose type
  and id are (a server that writes its base differently in references and fullUrls);
- ``#id``: a resource ``contained`` in the referring resource itself.

A version suffix (``/_history/2``) is ignored: a bundle holds one version of each resource.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from fhir.resources.R4B.domainresource import DomainResource
from fhir.resources.R4B.reference import Reference
from fhir.resources.R4B.resource import Resource

from ketacover.interop.fhir.bundle import Entry

_TAIL: Final = re.compile(
    r"(?:^|/)(?P<type>[A-Z][A-Za-z]{1,63})/(?P<id>[A-Za-z0-9\-.]{1,64})(?:/_history/[^/]+)?$"
)
"""``Type/id`` at the end of a reference or fullUrl (FHIR ids: letters, digits, ``-`` and ``.``)."""


@dataclass(slots=True)
class References:
    """Every way an entry of one bundle can be referred to, built once by :meth:`of`."""

    by_url: dict[str, Entry] = field(default_factory=dict)
    """Entries by their fullUrl, exactly as written."""
    by_type_id: dict[str, Entry] = field(default_factory=dict)
    """Entries by ``Type/id`` (the first entry wins when two share one)."""

    @classmethod
    def of(cls, entries: tuple[Entry, ...]) -> References:
        """The index of ``entries``: one pass, one dictionary entry per way of referring."""
        index = cls()
        for entry in entries:
            if entry.full_url:
                index.by_url.setdefault(entry.full_url, entry)
            if entry.resource.id:
                index.by_type_id.setdefault(f"{entry.resource_type}/{entry.resource.id}", entry)
        return index

    def resolve(self, reference: Reference | None, source: Entry | None = None) -> Resource | None:
        """The resource ``reference`` points at, or ``None`` when the bundle does not hold it.

        ``source`` is the entry the reference is written in: ``#id`` references and relative
        references against an absolute fullUrl are resolved from it.
        """
        if reference is None or not reference.reference:
            return None
        text = str(reference.reference).strip()
        if text.startswith("#"):
            return _contained(source.resource, text[1:]) if source is not None else None
        found = self.by_url.get(text)
        if found is not None:
            return found.resource
        tail = _TAIL.search(text)
        if tail is None:
            return None
        type_id = f"{tail['type']}/{tail['id']}"
        relative = tail.start() == 0
        if relative and source is not None and source.full_url:
            base = _base(source)
            if base is not None:
                found = self.by_url.get(base + type_id)
                if found is not None:
                    return found.resource
        found = self.by_type_id.get(type_id)
        return found.resource if found is not None else None


def _base(entry: Entry) -> str | None:
    """The server base of an absolute fullUrl ending in ``Type/id`` (with its trailing slash)."""
    url = entry.full_url or ""
    if not url.startswith(("http://", "https://")):
        return None
    tail = _TAIL.search(url)
    return url[: tail.start() + (1 if url[tail.start()] == "/" else 0)] if tail else None


def _contained(resource: Resource, ident: str) -> Resource | None:
    if not isinstance(resource, DomainResource):
        return None
    return next((each for each in resource.contained or () if each.id == ident), None)
