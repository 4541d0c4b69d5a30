"""The official ICD-10-CM descriptions as a compact table shipped with ketacover.

The descriptions are those of the ICD-10-CM tabular list (CDC/NCHS and CMS, April 1, 2026
release, FY2026) as the ``simple_icd_10_cm`` package gives them. That package parses its whole
9.7 MB XML tabular list when imported (1.6 to 2.6 seconds and about 220 MB per process), so the
descriptions are read instead from ``data/icd10cm-descriptions.zip``: one line per code, the code
without its dot, a tab and the description (which may itself hold a tab, as a few official ones
do), in code order, one compressed member per first letter (``F.tsv`` holds the F codes); 0.7 MB,
7.8 MB as text. Describing a code decompresses only its letter's member (F: 67 kB, about a
millisecond), once per process; the search reads them all.

The table is generated from the package by ``tools/make_icd10cm_table.py``, never edited by
hand, and a test checks it row by row against the installed package, so an upgrade of the package
that changes any code or description fails until the table is generated again. Block ranges
(``F30-F39``) and chapter numbers are left out; a block holding a single category (``B20``)
appears once, with the category's description. See docs/decisions/0005.

>>> description("F332")
'Major depressive disorder, recurrent severe without psychotic features'
"""

from __future__ import annotations

import contextlib
import functools
import zipfile
import zlib
from collections.abc import Iterator
from importlib import resources
from typing import Final

from ketacover.core.errors import KetacoverError

TABLE_FILE: Final = "data/icd10cm-descriptions.zip"
"""The compact table, relative to this package: a member ``<letter>.tsv`` per first letter,
each of ``CODE<TAB>description`` lines in code order."""


def description(bare: str) -> str | None:
    """The official description of a code written without its dot (``F332``); None when the
    table does not list it."""
    letter = bare[:1]
    if not ("A" <= letter <= "Z"):
        return None
    data = _member(letter)
    key = b"\n" + bare.encode("ascii", "replace") + b"\t"
    at = data.find(key)
    if at < 0:
        return None
    start = at + len(key)
    return data[start : data.index(b"\n", start)].decode("utf-8")


def rows() -> Iterator[tuple[str, str]]:
    """Every ``(code without its dot, description)`` of the table, in code order."""
    for letter in _letters():
        for line in _member(letter).decode("utf-8").splitlines():
            if line:
                code, _, text = line.partition("\t")
                yield code, text


@functools.cache
def _letters() -> tuple[str, ...]:
    with _archive() as archive:
        return tuple(sorted(name.removesuffix(".tsv") for name in archive.namelist()))


@functools.cache
def _member(letter: str) -> bytes:
    """The lines of one letter after a leading newline, so each line starts with one."""
    with _archive() as archive:
        try:
            return b"\n" + archive.read(f"{letter}.tsv")
        except KeyError:
            return b"\n"
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise _damaged() from None


@contextlib.contextmanager
def _archive() -> Iterator[zipfile.ZipFile]:
    path = resources.files("ketacover.core.codes").joinpath(TABLE_FILE)
    try:
        stream = path.open("rb")
    except OSError:
        message = f"the ICD-10-CM table is missing: {TABLE_FILE} cannot be read"
        raise KetacoverError(message) from None
    with stream:
        try:
            archive = zipfile.ZipFile(stream)
        except zipfile.BadZipFile:
            raise _damaged() from None
        with archive:
            yield archive


def _damaged() -> KetacoverError:
    return KetacoverError(f"the ICD-10-CM table {TABLE_FILE} is damaged")
