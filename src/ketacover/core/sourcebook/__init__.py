"""The sources list: the public documents ketacover's rules, deadlines, codes and letters rest on.

Each topic file in this package (``appeals.toml``, ``esketamine.toml``, ...) is an array of
``[[source]]`` tables: id, title, issuer, number, date, url, confidence and what it supports (see
``docs/sources.md``). Everything that cites a document names it by id here; what a reader sees is
the document itself (:attr:`Entry.citation`), never the id. The files are read once per process
through :mod:`importlib.resources`; a malformed file or a duplicate id is a loud
:class:`~ketacover.core.errors.SourceBookError` naming the file and the entry.
"""

from __future__ import annotations

from ketacover.core.sourcebook.book import Entry, cite, entries, entry, is_known

__all__ = ["Entry", "cite", "entries", "entry", "is_known"]
