"""The catalog: every kind of document ketacover writes, composed from a case by its name.

The catalog sits on top of the kinds (:mod:`.medical_necessity`, :mod:`.appeal`, ...), the cover
note and the packet; the kinds import only shared parts below them (:mod:`.kinds` for the options,
:mod:`.parts`, :mod:`.letter`, :mod:`.text`), never the catalog (an import-linter contract in
``pyproject.toml`` keeps it so). Every compose function has the same face::

    def compose(case: Case, today: date, options: Options) -> Letter

and raises :class:`~ketacover.core.errors.MissingFactsError` when the case lacks what the
document needs (the edge lists the missing facts and produces nothing).

Languages. A kind lists the languages it is written in (:attr:`Kind.languages`); a kind written in
more than English takes a ``language`` keyword as well. Documents read by a plan, a reviewer or an
account administrator are written in English whatever language is asked for, because their reader
is the plan; for the ones a patient signs, :func:`cover_note` explains the letter to the patient
in their language (:mod:`ketacover.core.letters.cover_note`), and
:func:`~ketacover.core.letters.patient_documents.patient_documents` lists which documents a patient
can use without a clinic.
"""

from __future__ import annotations

from datetime import date
from typing import Final, cast

from ketacover.core.letters import (
    appeal,
    call_script,
    continuation,
    cover_sheet,
    expedited_appeal,
    external_review,
    hsa_fsa,
    medical_necessity,
    packet,
    parity,
    peer_to_peer,
    summaries,
    superbill,
)
from ketacover.core.letters import cover_note as cover_notes
from ketacover.core.letters.kinds import (
    KINDS,
    Compose,
    ComposeIn,
    Kind,
    Options,
    UnknownKindError,
    kind,
)
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Letter, Packet
from ketacover.core.model import Case

__all__ = [
    "KINDS",
    "Kind",
    "Options",
    "UnknownKindError",
    "compose",
    "cover_note",
    "kind",
    "prior_authorization_packet",
]

_MODULES: Final = {
    "appeal": appeal,
    "call_script": call_script,
    "continuation": continuation,
    "cover_sheet": cover_sheet,
    "expedited_appeal": expedited_appeal,
    "external_review": external_review,
    "hsa_fsa": hsa_fsa,
    "medical_necessity": medical_necessity,
    "parity": parity,
    "peer_to_peer": peer_to_peer,
    "summaries": summaries,
    "superbill": superbill,
}
"""The kinds' modules by the name their ``target`` uses."""


def compose(
    name: str,
    case: Case,
    today: date,
    options: Options | None = None,
    *,
    language: Language = Language.EN,
) -> Letter:
    """Compose the document ``name`` for ``case`` as of ``today``.

    ``language`` is the reader's language: a kind written in it (:attr:`Kind.languages`) comes in
    it; any other kind comes in English, because its reader is the plan (see :func:`cover_note`).
    """
    found = kind(name)
    module_name, function_name = found.target.split(":")
    module = _MODULES[module_name]
    chosen = options or Options()
    if language is not Language.EN and language in found.languages:
        translated = cast(ComposeIn, getattr(module, function_name))
        return translated(case, today, chosen, language=language)
    function = cast(Compose, getattr(module, function_name))
    return function(case, today, chosen)


def cover_note(
    name: str,
    case: Case,
    today: date,
    options: Options | None = None,
    *,
    language: Language,
) -> Letter:
    """The patient's cover note for the document ``name``: what the letter is, who signs it,
    where to send it and by when, in ``language`` (see
    :func:`ketacover.core.letters.cover_note.compose`)."""
    chosen = options or Options()
    kind(name)
    cover_notes.check_kind(name)
    letter = compose(name, case, today, chosen)
    return cover_notes.compose(name, letter, case, today, chosen, language=language)


def prior_authorization_packet(case: Case, today: date) -> Packet:
    """The prior-authorization packet: cover sheet, letter, history, summary, evidence."""
    return packet.prior_authorization_packet(case, today)
