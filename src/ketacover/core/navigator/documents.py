"""The documents a patient's situation calls for, and what each still needs from the person.

Which documents a patient can use without a clinic, and why, is the core letters' decision
(:func:`ketacover.core.letters.patient_documents.patient_documents`: the benefits call script, the
internal appeal or the external review request for a denial, the parity disclosure request). The
navigator adds what only it knows: letters to a plan identify the patient by name and date of
birth and go to the insurer by name, and the navigator never writes a letter with a birth date it
was not given (a reading's age group is no birth date). What a document lacks is said in the
person's language. Documents are composed by
:func:`ketacover.core.letters.catalog.compose` for the outlook's document reading, in the
person's language where the kind is written in it (else in English, because the plan reads it),
and an English letter comes with the core's cover note in the person's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ketacover.core.letters.catalog import Options, compose, cover_note
from ketacover.core.letters.language import Language, Phrase
from ketacover.core.letters.letter import Letter
from ketacover.core.letters.patient_documents import patient_documents
from ketacover.core.model import Case
from ketacover.core.navigator.answers import Answers
from ketacover.core.navigator.outlook import Outlook
from ketacover.core.navigator.readings import build_case


@dataclass(frozen=True, slots=True)
class Offer:
    """One document the situation calls for, and what it still needs (empty: ready)."""

    name: str
    options: Options
    title: str
    about: str
    needs: tuple[str, ...]
    language: Language
    """The language the document comes in."""
    has_note: bool
    """Whether a cover note explains the (English) letter in the person's language."""

    @property
    def ready(self) -> bool:
        return not self.needs


_NEEDS: Final = {
    "identity": Phrase("your name and date of birth", "su nombre y fecha de nacimiento"),
    "insurer": Phrase("your insurer's name", "el nombre de su aseguradora"),
    "plan.member_id": Phrase("your member ID", "su número de miembro"),
    "patient.address": Phrase("your mailing address", "su dirección postal"),
    "treatment_plan": Phrase("the treatment you are considering", "el tratamiento que considera"),
    "diagnoses": Phrase("your condition", "su condición"),
    "plan": Phrase("how you are insured", "cómo tiene seguro"),
}
"""What a document can lack: the navigator's own checks, then the case fields the core letters
name (``MissingFactsError``)."""
OTHER_NEED: Final = Phrase("more details", "más datos")


def document_case(answers: Answers, outlook: Outlook, today: date) -> Case:
    """The case documents and case files are written from: the document reading, with the
    person's own details and nothing printed empty."""
    reading = outlook.document
    return build_case(answers, today, kind=reading.kind, age=reading.age, for_documents=True)


def offers(answers: Answers, outlook: Outlook, language: Language) -> tuple[Offer, ...]:
    """The documents ``answers`` call for, each with what it still needs, in ``language``."""
    case = document_case(answers, outlook, outlook.today)
    if case.plan is None:
        return ()
    own = []
    if not answers.identified:
        own.append("identity")
    if not answers.insurer:
        own.append("insurer")
    found = []
    for document in patient_documents(case, outlook.today, language=language):
        if document.kind == "parity-request" and not case.denials:
            # Without a denial the request rests on the plan's own refusal, which the navigator
            # never records; the core lists it only because it checks the member ID first.
            continue
        needs = dict.fromkeys([*own, *document.missing])
        written = language if language in document.languages else Language.EN
        found.append(
            Offer(
                name=document.kind,
                options=document.options,
                title=document.title,
                about=document.reason,
                needs=tuple(_NEEDS.get(key, OTHER_NEED).format(language) for key in needs),
                language=written,
                has_note=document.cover_note,
            )
        )
    return tuple(found)


def compose_offer(offer: Offer, answers: Answers, outlook: Outlook, today: date) -> Letter:
    """Compose a ready offer; raises :class:`~ketacover.core.errors.MissingFactsError` (or
    another :class:`~ketacover.core.errors.KetacoverError`) when the core letter refuses."""
    case = document_case(answers, outlook, today)
    return compose(offer.name, case, today, offer.options, language=offer.language)


def compose_note(offer: Offer, answers: Answers, outlook: Outlook, language: Language) -> Letter:
    """The cover note that explains an offered letter to the person, in ``language``."""
    case = document_case(answers, outlook, outlook.today)
    return cover_note(offer.name, case, outlook.today, offer.options, language=language)
