"""The official ICD-10-CM descriptions as a compact table shipped with ketacover.

The descriptions are those of the ICD-10-CM tabular list (CDC/NCHS and CMS, April 1, 2026
release, FY2026) as the ``simple_icd_10_cm`` package gives them. That package parses its whole
9.7 MB XML tabular list when imported (1.6 to 2.6 seconds and about 220 MB per process), so the
descriptions are read instead from ``data/icd10cm-descriptions.tsv.gz``: one line per code, the
code without its dot, a tab and the description (which may itself hold a tab, as a few official
ones do), in code order, gzip-compressed (0.7 MB; 7.8 MB as text). Reading and decompressing it
takes tens of milliseconds, once per process, and looking a code up in it a few more.

The table is generated from the package by ``tools/make_icd10cm_table.py``, never edited by
hand, and a test checks it row by row against the installed package, so an upgrade of the package
that changes any code or description fails until the table is generated again. Block ranges
(``F30-F39``) and chapter numbers are left out; a block holding a single category (``B20``)
appears once, with the category's description. See docs/decisions/0004.

>>> description("F332")
'Major depressive disorder, recurrent severe without psychotic features'
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator
from importlib import resources
from typing import Final

from ketacover.core.errors import KetacoverError

TABLE_FILE: Final = "data/icd10cm-descriptions.tsv.gz"
"""The compact table, relative to this package: ``CODE<TAB>description`` lines in code order."""


def description(bare: str) -> str | None:
    """The official description of a code written without its dot (``F332``); None when the
    table does not list it."""
    data = _table_bytes()
    key = b"\n" + bare.encode("ascii", "replace") + b"\t"
    at = data.find(key)
    if at < 0:
        return None
    start = at + len(key)
    return data[start : data.index(b"\n", start)].decode("utf-8")


def rows() -> Iterator[tuple[str, str]]:
    """Every ``(code without its dot, description)`` of the table, in code order."""
    for line in _table_bytes().decode("utf-8").splitlines():
        if line:
            code, _, text = line.partition("\t")
            yield code, text


@functools.cache
def _table_bytes() -> bytes:
    """The table's text after a leading newline, so every line, the first too, starts with one."""
    path = resources.files("ketacover.core.codes").joinpath(TABLE_FILE)
    try:
        packed = path.read_bytes()
    except OSError:
        message = f"the ICD-10-CM table is missing: {TABLE_FILE} cannot be read"
        raise KetacoverError(message) from None
    try:
        return b"\n" + gzip.decompress(packed)
    except (OSError, EOFError):
        raise KetacoverError(f"the ICD-10-CM table {TABLE_FILE} is damaged") from None
