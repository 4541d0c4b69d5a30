"""How hard a text is to read: the Flesch-Kincaid grade level (English) and the Szigriszt-Pazos
perspicuity index (Spanish), with the syllable counts they need.

The navigator's explanations are written for about an eighth-grade reader; the tests hold them to
it with these formulas. The ready-made library for this (``textstat``) downloads a pronouncing
dictionary at run time, which ketacover may not do, so the formulas are written out here:

- Flesch-Kincaid grade level = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
  (Kincaid, Fishburne, Rogers and Chissom, *Derivation of new readability formulas for Navy
  enlisted personnel*, Research Branch Report 8-75, Naval Technical Training Command, 1975).
  English syllables are counted by vowel groups, less a silent final *e* and the *-es* / *-ed*
  endings that add no syllable: an estimate within a syllable or so on most words.
- Szigriszt-Pazos perspicuity = 206.835 − 62.3 × (syllables / words) − (words / sentences)
  (Szigriszt Pazos, *Sistemas predictivos de legibilidad del mensaje escrito*, Universidad
  Complutense de Madrid, 1993); read on the INFLESZ scale (Barrio-Cantalejo et al., *Anales del
  Sistema Sanitario de Navarra* 2008;31(2):135-152): below 40 very hard, 40-55 somewhat hard,
  55-65 normal, 65-80 fairly easy, above 80 very easy. Spanish syllables are counted by vowel
  nuclei: a diphthong (a weak vowel *i*, *u*, *ü* beside another vowel) is one syllable, two
  strong vowels (*a*, *e*, *o*, or an accented *í*, *ú*) are two.

>>> round(flesch_kincaid_grade("The cat sat on the mat."), 2)
-1.45
>>> spanish_syllables("aplicación")
4
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

_WORD: Final = re.compile(r"[A-Za-zÀ-ÿ0-9'’]+")
_SENTENCE_END: Final = re.compile(r"[.!?]+(?:\s|$)")
_ENGLISH_ENDING: Final = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_ENGLISH_VOWELS: Final = re.compile(r"[aeiouy]{1,2}")
_STRONG: Final = frozenset("aeoáéíóú")
_WEAK: Final = frozenset("iuü")


@dataclass(frozen=True, slots=True)
class Counts:
    """Words, sentences and syllables of a text."""

    words: int
    sentences: int
    syllables: int


def words_of(text: str) -> list[str]:
    """The words of ``text`` (numbers count as words)."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences, ended by ``.``, ``!`` or ``?`` (a text without one is one sentence)."""
    return max(1, len(_SENTENCE_END.findall(text.strip() + " ")))


def english_syllables(word: str) -> int:
    """Estimated syllables of an English word (a number or an acronym counts as one)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters or any(char.isdigit() for char in word):
        return 1
    if len(letters) <= 3:
        return 1
    letters = _ENGLISH_ENDING.sub("", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(_ENGLISH_VOWELS.findall(letters)))


def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word, counted by vowel nuclei (a number counts as one)."""
    letters = word.lower()
    if any(char.isdigit() for char in letters):
        return 1
    count, previous = 0, ""
    for index, char in enumerate(letters):
        vowel = char in _STRONG or char in _WEAK or (char == "y" and index == len(letters) - 1)
        if not vowel:
            previous = ""
            continue
        if not previous or (previous in _STRONG and char in _STRONG):
            count += 1
        previous = "i" if char == "y" else char
    return max(1, count)


def counts(text: str, *, spanish: bool = False) -> Counts:
    """Words, sentences and syllables of ``text``."""
    found = words_of(text)
    syllable = spanish_syllables if spanish else english_syllables
    return Counts(len(found), sentence_count(text), sum(syllable(w) for w in found))


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade level of an English text (see the module docstring)."""
    measured = counts(text)
    if measured.words == 0:
        return 0.0
    return (
        0.39 * measured.words / measured.sentences
        + 11.8 * measured.syllables / measured.words
        - 15.59
    )


def szigriszt_pazos(text: str) -> float:
    """The Szigriszt-Pazos perspicuity of a Spanish text (higher is easier)."""
    measured = counts(text, spanish=True)
    if measured.words == 0:
        return 100.0
    return (
        206.835 - 62.3 * measured.syllables / measured.words - measured.words / measured.sentences
    )


def mean(values: Iterable[float]) -> float:
    """The average of ``values`` (0 for none)."""
    found = list(values)
    return sum(found) / len(found) if found else 0.0
