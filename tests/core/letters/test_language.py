"""Languages and phrases: the table every Spanish document is written from."""

import re
import string
from enum import StrEnum
from types import ModuleType

import pytest

from ketacover.core.letters import (
    call_phrases,
    cover_phrases,
    language,
    parts_phrases,
    patient_documents,
    script_phrases,
    terms,
)
from ketacover.core.letters.language import READ_ALOUD, Language, Phrase

MODULES: tuple[ModuleType, ...] = (
    call_phrases,
    cover_phrases,
    language,
    parts_phrases,
    patient_documents,
    script_phrases,
    terms,
)
SAME_IN_BOTH = {"Plan", "fax {fax}", "{number}. {text}", "{english}", "{text}"}
"""Templates that read the same in English and Spanish (a name, a number, a code)."""


def phrases() -> list[tuple[str, Phrase]]:
    """Every phrase of every table, named ``module.NAME`` or ``module.TABLE[key]``."""
    found = []
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, Phrase):
                found.append((f"{module.__name__}.{name}", value))
            elif isinstance(value, dict):
                found += [
                    (f"{module.__name__}.{name}[{key}]", item)
                    for key, item in value.items()
                    if isinstance(item, Phrase)
                ]
    return found


PHRASES = phrases()


def test_the_tables_are_found():
    assert len(PHRASES) > 150


@pytest.mark.parametrize(("name", "phrase"), PHRASES, ids=[name for name, _ in PHRASES])
def test_every_phrase_has_both_languages_with_the_same_placeholders(name, phrase):
    assert phrase.en.strip()
    assert phrase.es.strip()
    assert phrase.placeholders(Language.EN) == phrase.placeholders(Language.ES)
    if phrase.en == phrase.es:
        assert phrase.en in SAME_IN_BOTH


@pytest.mark.parametrize(("name", "phrase"), PHRASES, ids=[name for name, _ in PHRASES])
def test_every_phrase_formats_in_both_languages(name, phrase):
    values = dict.fromkeys(phrase.placeholders(Language.EN), "X")
    for lang in Language:
        text = phrase.format(lang, **values)
        assert "{" not in text
        assert "}" not in text


@pytest.mark.parametrize(("name", "phrase"), PHRASES, ids=[name for name, _ in PHRASES])
def test_spanish_phrases_say_usted_never_tu(name, phrase):
    words = set(re.findall(r"[^\W\d_]+", phrase.es.lower()))
    assert not words & {"tú", "tu", "tus", "te", "ti", "puedes", "tienes", "quieres", "debes"}


def test_phrases_with_unknown_placeholders_are_told_apart():
    phrase = Phrase("{a} and {b}", "{a} y {c}")
    assert phrase.placeholders(Language.EN) != phrase.placeholders(Language.ES)


def test_a_phrase_formats_in_the_language_asked_for():
    phrase = Phrase("Answer: {code}", "Respuesta: {code}")
    assert phrase.format(Language.EN, code="F33.2") == "Answer: F33.2"
    assert phrase.format(Language.ES, code="F33.2") == "Respuesta: F33.2"
    assert phrase.template(Language.ES) == "Respuesta: {code}"


def test_read_aloud_lines_quote_the_english_in_guillemets():
    assert READ_ALOUD.format(Language.ES, text="Hello.") == "Lea en inglés: «Hello.»"
    assert READ_ALOUD.format(Language.EN, text="Hello.") == "Hello."


def test_languages_are_iso_codes_with_their_own_names():
    assert issubclass(Language, StrEnum)
    assert [item.value for item in Language] == ["en", "es"]
    assert Language("es") is Language.ES
    assert Language.ES.label == "Español"
    assert Language.EN.label == "English"


def test_a_template_parses_with_the_standard_formatter():
    for _, phrase in PHRASES:
        for lang in Language:
            list(string.Formatter().parse(phrase.template(lang)))
