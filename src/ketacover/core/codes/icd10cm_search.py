"""Searching the ICD-10-CM code set by code prefix or by words of the official descriptions.

The code set and its descriptions are the official ICD-10-CM tables (April 1, 2026 release,
FY2026; see :mod:`ketacover.core.codes.icd10cm`), read from the compact description table generated
from the ``simple_icd_10_cm`` package (:mod:`ketacover.core.codes.icd10cm_table`); the word index
is built from it once, when the first search needs it.

A query that looks like a code (``F33``, ``f33.2``) lists the codes starting with it, in code
order. Otherwise every word of the query must begin a word of the description (``recur sev``
finds "Major depressive disorder, recurrent severe without psychotic features"); billable codes
come first, then the shorter (more specific) descriptions. Only billable codes (leaves) may be put
on a claim; categories are listed so a search shows where a code sits, marked not billable.

>>> [m.code for m in search("F33.4")]
['F33.4', 'F33.40', 'F33.41', 'F33.42']
>>> search("F33.2")[0].description
'Major depressive disorder, recurrent severe without psychotic features'
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Final

from ketacover.core.codes import icd10cm, icd10cm_table

LIMIT: Final = 20
"""How many matches a search returns at most."""

_CODE_QUERY: Final = re.compile(r"[A-Z][0-9][0-9A-Z]{0,5}")
_WORD: Final = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeMatch:
    """One code found by a search, with its official description."""

    code: str
    """The code as usually written (``F33.2``)."""
    description: str
    """The official description from the ICD-10-CM tabular list."""
    billable: bool
    """Whether the code is a leaf of the table and so may be billed."""


@dataclass(frozen=True, slots=True)
class _Index:
    codes: tuple[str, ...]
    """Codes without dots, sorted, so the codes extending one follow it."""
    descriptions: tuple[str, ...]
    """The description of each code, in the same order."""
    vocabulary: tuple[str, ...]
    """Every word of every description, sorted, so the words a prefix begins are adjacent."""
    postings: tuple[frozenset[int], ...]
    """For each word of the vocabulary, the positions of the codes whose description holds it."""


def search(query: str, limit: int = LIMIT) -> tuple[CodeMatch, ...]:
    """The codes matching ``query`` (a code prefix, or words of the description), best first.

    An empty query, or one with no letter or digit, finds nothing. A code-like query that begins
    no code is tried as words, so ``b12`` still finds the vitamin B12 codes.
    """
    bare = icd10cm.compact(query)
    if not _WORD.search(query.lower()):
        return ()
    if _CODE_QUERY.fullmatch(bare):
        found = _by_code(bare, limit)
        if found:
            return found
    return _by_words(query, limit)


def billable_codes_under(code: str, limit: int = LIMIT) -> tuple[str, ...]:
    """The billable codes that extend ``code`` (``F33.4`` gives ``F33.40``, ``F33.41``, ...)."""
    return tuple(m.code for m in _by_code(icd10cm.compact(code), 10 * limit) if m.billable)[:limit]


def _by_code(bare: str, limit: int) -> tuple[CodeMatch, ...]:
    index = _index()
    start = bisect.bisect_left(index.codes, bare)
    found: list[CodeMatch] = []
    for position in range(start, len(index.codes)):
        if len(found) == limit or not index.codes[position].startswith(bare):
            break
        found.append(_match(index, position))
    return tuple(found)


def _by_words(query: str, limit: int) -> tuple[CodeMatch, ...]:
    index = _index()
    words = sorted(set(_WORD.findall(query.lower())), key=len, reverse=True)
    hits: frozenset[int] | None = None
    for word in words:
        positions = _positions(index, word)
        hits = positions if hits is None else hits & positions
        if not hits:
            return ()
    assert hits is not None  # a query with no word returned earlier
    ranked = sorted(
        hits,
        key=lambda p: (
            not icd10cm.is_billable(index.codes[p]),
            len(index.descriptions[p]),
            index.codes[p],
        ),
    )
    return tuple(_match(index, position) for position in ranked[:limit])


def _positions(index: _Index, prefix: str) -> frozenset[int]:
    start = bisect.bisect_left(index.vocabulary, prefix)
    end = bisect.bisect_left(index.vocabulary, prefix + "\x7f")
    if end - start == 1:
        return index.postings[start]
    return frozenset().union(*index.postings[start:end])


def _match(index: _Index, position: int) -> CodeMatch:
    code = index.codes[position]
    return CodeMatch(
        code=icd10cm.normalize(code),
        description=index.descriptions[position],
        billable=icd10cm.is_billable(code),
    )


@functools.cache
def _index() -> _Index:
    """Codes, descriptions and the word index, built once from the compact description table."""
    rows = tuple(icd10cm_table.rows())
    codes = tuple(code for code, _ in rows)
    descriptions = tuple(description for _, description in rows)
    words: dict[str, set[int]] = {}
    for position, description in enumerate(descriptions):
        for word in _WORD.findall(description.lower()):
            words.setdefault(word, set()).add(position)
    vocabulary = tuple(sorted(words))
    postings = tuple(frozenset(words[word]) for word in vocabulary)
    return _Index(codes, descriptions, vocabulary, postings)
