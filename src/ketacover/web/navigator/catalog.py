"""The navigator's Spanish message catalog, kept without GNU gettext.

Django translates the navigator's pages from ``src/ketacover/web/locale/es/LC_MESSAGES/``:
``django.po`` (the source, edited by people) and ``django.mo`` (compiled, read by Django). Both
are committed, so a fresh machine needs no gettext tools. This module finds the messages the
navigator's templates and Python code use (Django's own template-to-Python step, then Babel's
Python extractor: what ``makemessages`` feeds ``xgettext``), merges them into the catalog keeping
every translation, and compiles the catalog with Babel, in pure Python::

    python -m ketacover.web.navigator.catalog update    # new messages into django.po
    python -m ketacover.web.navigator.catalog compile   # django.po -> django.mo

The tests (tests/web/navigator/test_catalog.py) fail when a message is not in the catalog or not
translated, and when ``django.mo`` does not say exactly what ``django.po`` says.
"""

from __future__ import annotations

import gettext
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.utils.translation.template import templatize

WEB: Final = Path(__file__).resolve().parents[1]
LOCALE: Final = WEB / "locale"
PO: Final = LOCALE / "es" / "LC_MESSAGES" / "django.po"
MO: Final = PO.with_suffix(".mo")
TEMPLATES: Final = WEB / "templates" / "navigator"
ERROR_TEMPLATES: Final = WEB / "templates" / "errors"
PATIENT_TEMPLATES: Final = WEB / "templates" / "patients"
CODE: Final = Path(__file__).resolve().parent
PATIENT_CODE: Final = WEB / "patients"

KEYWORDS: Final = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "pgettext_lazy": ((1, "c"), 2),
    "ngettext_lazy": (1, 2),
}
HEADER: Final = (
    "# Spanish translations of the ketacover patient navigator.\n"
    "# Update with: python -m ketacover.web.navigator.catalog update (then compile)."
)


def sources() -> list[Path]:
    """The files whose messages the catalog holds: the navigator's, the error pages' and the
    patient's own pages' templates, and the Python modules of the navigator and those pages."""
    return (
        sorted(TEMPLATES.glob("*.html"))
        + sorted(ERROR_TEMPLATES.glob("*.html"))
        + sorted(PATIENT_TEMPLATES.glob("*.html"))
        + sorted(path for path in CODE.glob("*.py") if path.name != "catalog.py")
        + sorted(PATIENT_CODE.glob("*.py"))
    )


def messages() -> Iterator[str]:
    """Every message id the sources use, in source order (repeats included)."""
    for path in sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = templatize(text, origin=str(path))
        for _lineno, message, _comments, _context in extract(
            "python", io.BytesIO(text.encode("utf-8")), keywords=KEYWORDS
        ):
            if isinstance(message, tuple):
                yield from (part for part in message if part)
            elif message:
                yield message


def read_catalog(path: Path = PO) -> Catalog:
    """The catalog in ``path``."""
    with path.open("rb") as handle:
        return read_po(handle, locale="es", domain="django")


def compiled(path: Path = MO) -> dict[str, str]:
    """Every message of the compiled catalog and its translation (the header left out)."""
    with path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    catalog: dict[str, str] = translations._catalog  # type: ignore[attr-defined]
    return {str(key): value for key, value in catalog.items() if key}


def source_translations(catalog: Catalog) -> dict[str, str]:
    """Every translated message of a catalog read from a ``.po`` file (header left out)."""
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def update(path: Path = PO) -> list[str]:
    """Add the messages the sources use to the catalog and drop the ones no source uses;
    translations are kept. Returns the messages still untranslated."""
    old = read_catalog(path) if path.exists() else Catalog(locale="es", domain="django")
    new = Catalog(
        locale="es",
        domain="django",
        project="ketacover",
        version="0.1.0",
        msgid_bugs_address="",
        last_translator="ketacover",
        language_team="Spanish (United States)",
        header_comment=HEADER,
        fuzzy=False,
    )
    for message in dict.fromkeys(messages()):
        kept = old.get(message)
        new.add(message, kept.string if kept is not None else "")
    with path.open("wb") as handle:
        write_po(handle, new, width=100, omit_header=False, sort_output=False)
    return [str(m.id) for m in new if m.id and not m.string]


def compile_catalog(path: Path = PO, target: Path = MO) -> None:
    """Write the compiled catalog ``target`` from ``path``."""
    catalog = read_catalog(path)
    with target.open("wb") as handle:
        write_mo(handle, catalog)


def main(argv: list[str]) -> int:
    """``update`` or ``compile`` (see the module docstring)."""
    if argv == ["update"]:
        untranslated = update()
        for message in untranslated:
            sys.stdout.write(f"untranslated: {message}\n")
        return 0
    if argv == ["compile"]:
        compile_catalog()
        return 0
    sys.stderr.write("usage: python -m ketacover.web.navigator.catalog update|compile\n")
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
