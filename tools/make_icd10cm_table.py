"""Write ketacover's compact table of ICD-10-CM descriptions from the ``simple_icd_10_cm`` package.

Run ``.venv/bin/python tools/make_icd10cm_table.py`` after upgrading the package (see
docs/decisions/0005-icd10cm-description-table.md); it rewrites
``src/ketacover/core/codes/data/icd10cm-descriptions.zip``, which
:mod:`ketacover.core.codes.icd10cm_table` reads. A test compares that file with :func:`build` run
on the installed package, so the two cannot drift apart unnoticed.

The table has one line per code of the tabular list, block ranges and chapter numbers left out:
the code without its dot, a tab, and the official description exactly as the package gives it,
sorted by code. The lines are stored as one deflated zip member per first letter (``F.tsv``), so
describing a code decompresses only its letter's lines; every member carries the same fixed
timestamp, so the same package gives the same file.
"""

from __future__ import annotations

import sys
import warnings
import zipfile
from pathlib import Path
from typing import Protocol

TABLE = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "ketacover"
    / "core"
    / "codes"
    / "data"
    / "icd10cm-descriptions.zip"
)
"""Where the table lives in the repository."""


class Classification(Protocol):
    """The part of the ``simple_icd_10_cm`` module the table is built from."""

    def get_all_codes(self, with_dots: bool = True) -> list[str]:
        """Every chapter, block and code of the classification, in tree order."""

    def get_description(self, code: str, prioritize_blocks: bool = False) -> str:
        """The official description of an entry."""


def build(classification: Classification) -> bytes:
    """The table's text (UTF-8, before compression) built from the package's classification."""
    codes = dict.fromkeys(
        code
        for code in classification.get_all_codes(with_dots=True)
        if code[:1].isalpha() and "-" not in code
    )
    lines = sorted(
        (code.replace(".", ""), str(classification.get_description(code))) for code in codes
    )
    for code, text in lines:
        if "\n" in text or "\r" in text or "\t" in code:
            raise ValueError(f"the ICD-10-CM entry {code} cannot be written on one line")
    return "".join(f"{code}\t{text}\n" for code, text in lines).encode("utf-8")


def load_classification() -> Classification:
    """The ``simple_icd_10_cm`` module, imported (which parses its whole XML tabular list)."""
    with warnings.catch_warnings():
        # The package calls the deprecated importlib.resources.read_text while it imports.
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    classification: Classification = simple_icd_10_cm
    return classification


def write(path: Path, text: bytes) -> None:
    """Write the table's ``text`` to ``path`` as one zip member per first letter."""
    letters: dict[str, list[bytes]] = {}
    for line in text.splitlines(keepends=True):
        letters.setdefault(chr(line[0]), []).append(line)
    with zipfile.ZipFile(path, "w") as archive:
        for letter in sorted(letters):
            member = zipfile.ZipInfo(f"{letter}.tsv", date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, b"".join(letters[letter]), compresslevel=9)


def main(arguments: list[str]) -> None:
    """Write the table to ``TABLE``, or to the path given as the only argument."""
    path = Path(arguments[0]) if arguments else TABLE
    write(path, build(load_classification()))
    print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
