"""Searching the ICD-10-CM code set by code prefix or by words of the official descriptions.

The code set and its descriptions are the official ICD-10-CM tables (April 1, 2026 release,
FY2026; see :mod:`ketacover.core.codes.icd10cm`), read from the compact description table generated
from the ``simple_icd_10_cm`` package (:mod:`ketacover.core.codes.icd10cm_table`); the word index
is built from it once, when the first search needs it.

A query that looks like a code (``F33``, ``f33.2``) lists the codes starting with it, in code
order. Otherwise every word of the query must begin a word of the description (``recur sev``
finds "Major depressive disorder, recurrent severe without psychotic features"), ranked by
relevance to the clinic: first the codes of the conditions ketamine and esketamine are requested
for or screened against (:data:`CLINIC_CODES`: depression F32/F33, PTSD F43.1, anxiety F41,
bipolar disorder F31 for exclusion, chronic pain and CRPS G89/G90.5/M79.7), then the other mental
and behavioural codes (chapter F), then the rest; within each, billable codes before categories,
then descriptions whose words match a query word whole; the clinic's codes then follow in code
order, in the order of :data:`CLINIC_CODES` (so ``depress`` lists F33.0, F33.1, F33.2, ... first),
and the others by shorter (more specific) description. Only billable codes (leaves) may be put on
a claim; categories are listed so a search shows where a code sits, marked not billable.

>>> [m.code for m in search("F33.4")]
['F33.4', 'F33.40', 'F33.41', 'F33.42']
>>> search("F33.2")[0].description
'Major depressive disorder, recurrent severe without psychotic features'
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from dataclasses import dataclass
from typing import Final

from ketacover.core.codes import icd10cm, icd10cm_table

LIMIT: Final = 20
"""How many matches a search returns at most."""

CLINIC_CODES: Final = ("F33", "F32", "F431", "F41", "F31", "G89", "G905", "M797")
"""Code prefixes (without dots) of the conditions the clinic treats or screens for, ranked first
and in this order.

Recurrent major depressive disorder and depressive episode (F33, F32), post-traumatic stress
disorder (F43.1), other anxiety disorders (F41), bipolar disorder (F31, listed because payers
exclude it), chronic pain (G89), complex regional pain syndrome (G90.5) and fibromyalgia (M79.7).
"""

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
    whole = _whole_words(index, words)

    def rank(position: int) -> tuple[int, bool, bool, int, str]:
        code = index.codes[position]
        tier = _tier(code)
        return (
            tier,
            not icd10cm.is_billable(code),
            position not in whole,
            len(index.descriptions[position]) if tier >= len(CLINIC_CODES) else 0,
            code,
        )

    # nsmallest keeps only ``limit`` candidates: time linear in the number of hits.
    ranked = heapq.nsmallest(limit, hits, key=rank)
    return tuple(_match(index, position) for position in ranked)


def _whole_words(index: _Index, words: list[str]) -> frozenset[int]:
    """The codes whose description holds every query word as a whole word."""
    found: frozenset[int] | None = None
    for word in words:
        at = bisect.bisect_left(index.vocabulary, word)
        exact = index.postings[at] if index.vocabulary[at : at + 1] == (word,) else frozenset()
        found = exact if found is None else found & exact
    return found or frozenset()


def _tier(code: str) -> int:
    """The place of the code's group in :data:`CLINIC_CODES`; after them, other chapter F codes,
    then the rest."""
    for place, prefix in enumerate(CLINIC_CODES):
        if code.startswith(prefix):
            return place
    return len(CLINIC_CODES) + (0 if code.startswith("F") else 1)


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
