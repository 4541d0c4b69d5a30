"""The languages ketacover writes a patient's documents in, and the phrase table behind them.

English is the language of every document a plan or a reviewer reads. A document the patient
reads (the benefits call script, the cover note that explains a letter) can also be written in
Spanish. Each sentence that varies by language is a :class:`Phrase`: the English and the Spanish
template side by side, with the same ``{placeholders}``. The tables of phrases are plain Python
(see docs/decisions/0003-document-languages.md): mypy checks every use, there is nothing to
compile, and a test checks that every phrase has both languages and the same placeholders.

Spanish is written for a reader in the United States: plain words, *usted*, dates written out
(``9 de agosto de 1975``, never ``08/09/1975``, which a Spanish reader takes as the 8th of
September), dollar amounts as on US documents (``$1,234.50``). Codes, drug brand names and the
English names of laws and documents stay as they are.

>>> Phrase("Answer: {code}", "Respuesta: {code}").format(Language.ES, code="F33.2")
'Respuesta: F33.2'
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Language(StrEnum):
    """A language a patient's documents can be written in (ISO 639-1 code)."""

    EN = "en"
    ES = "es"

    @property
    def label(self) -> str:
        """The language's name in itself, as a language picker shows it."""
        return _NAMES[self]


_NAMES: Final = {Language.EN: "English", Language.ES: "Español"}


@dataclass(frozen=True, slots=True)
class Phrase:
    """One sentence (or label) in every language, as ``str.format`` templates.

    Both templates name the same placeholders; :meth:`format` fills them. Literal braces are
    doubled, as ``str.format`` wants.
    """

    en: str
    es: str

    def template(self, language: Language) -> str:
        """The template for ``language``."""
        return self.es if language is Language.ES else self.en

    def format(self, language: Language, /, **values: object) -> str:
        """The phrase in ``language`` with its placeholders filled from ``values``."""
        return self.template(language).format(**values)

    def placeholders(self, language: Language) -> frozenset[str]:
        """The placeholder names the template for ``language`` uses."""
        parsed = string.Formatter().parse(self.template(language))
        return frozenset(name for _, name, _, _ in parsed if name)


READ_ALOUD: Final = Phrase("{text}", "Lea en inglés: «{text}»")
"""How a Spanish document gives an English sentence to read to a plan's representative.

Every English sentence in a Spanish document sits inside «guillemets», so a reader (and a test)
can tell it from the Spanish around it.
"""
