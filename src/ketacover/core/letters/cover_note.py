"""The patient's cover note: one page, in the patient's language, about a letter that stays in
English because the plan reads it.

It says what the letter is, who signs it, where to send it, by which date and what goes with it,
for the letters a patient can send (:data:`KINDS`: the internal appeal, the external review
request and the parity disclosure request, in the patient's or the clinic's variant). Everything
comes from the composed letter and the case: the addressee and enclosures as the letter has them,
the deadline from :mod:`ketacover.core.deadlines` (the appeal window of
:func:`~ketacover.core.letters.denials.appeal_rights`, the 4-month external review window of
:func:`~ketacover.core.deadlines.external_review_filing`; a date printed on the notice wins), and
no deadline where the sources list gives none (the parity request). The wording is in
:mod:`.cover_phrases`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from ketacover.core.deadlines import external_review_filing
from ketacover.core.errors import KetacoverError
from ketacover.core.letters import cover_phrases as say
from ketacover.core.letters import parts
from ketacover.core.letters.appeal import denied_treatment
from ketacover.core.letters.denials import appeal_rights, select_denial
from ketacover.core.letters.expedited_appeal import is_urgent
from ketacover.core.letters.kinds import Options
from ketacover.core.letters.language import Language
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph
from ketacover.core.letters.terms import treatment_name
from ketacover.core.letters.text import join_words, long_date
from ketacover.core.model import Case, Denial, Treatment

KINDS: Final = ("appeal", "external-review", "parity-request")
"""The kinds a cover note explains: the letters a patient can sign and send."""

_DATED: Final = re.compile(
    r"(?P<what>Denial notice dated|Internal appeal filed) (?P<m>\d\d)/(?P<d>\d\d)/(?P<y>\d{4})"
)
"""Enclosures named with a date as the letter writes it (MM/DD/YYYY, ``text.short_date``)."""
_SCALES: Final = re.compile(r"Rating scales \((?P<scales>.+)\)")


def check_kind(name: str) -> None:
    """Raise :class:`KetacoverError` unless the document ``name`` has a cover note."""
    if name not in KINDS:
        raise KetacoverError(f"{name} has no cover note; cover notes explain: {', '.join(KINDS)}")


def compose(
    name: str, letter: Letter, case: Case, today: date, options: Options, *, language: Language
) -> Letter:
    """The cover note for ``letter``, the document ``name`` composed with ``options``, in
    ``language``.

    The catalog composes the letter first (:func:`ketacover.core.letters.catalog.cover_note`), so
    whatever composing it raises comes first: there is no note about a letter that cannot be
    written. Raises :class:`KetacoverError` for a kind without a cover note.
    """
    check_kind(name)
    lang = language
    plan = case.plan
    assert plan is not None  # composing the letter required it
    denial = select_denial(case, options, name) if case.denials else None
    patient_signs = letter.signature is not None and letter.signature.npi is None
    body: list[Block] = [
        Heading(say.WHAT.format(lang)),
        Paragraph(
            say.IS_NAMED.format(lang, title=letter.title, name=_letter_name(letter.title, lang))
        ),
        Paragraph(_asks(name, letter.title, case, denial, lang)),
        Paragraph(say.FOR_YOU_ONLY.format(lang)),
        Heading(say.WHO_SIGNS.format(lang)),
        Paragraph(_signer(letter, patient_signs, lang)),
        Heading(say.WHERE.format(lang)),
        *_where(name, letter, case, patient_signs, lang),
        Heading(say.WHEN.format(lang)),
        *_when(name, case, denial, today, patient_signs, lang),
    ]
    if letter.enclosures:
        body += [
            Heading(say.ENCLOSED.format(lang)),
            Paragraph(
                (say.ENCLOSED_INTRO if patient_signs else say.ENCLOSED_BY_CLINIC).format(lang)
            ),
            Bullets(tuple(_enclosure(item, lang) for item in letter.enclosures)),
        ]
    checks = [say.CHECK_LETTER.format(lang)]
    if patient_signs:
        checks += [
            say.KEEP_COPY.format(lang),
            say.NOTE_SENDING.format(lang),
            say.RECORD_IT.format(lang),
        ]
    else:
        checks.append(say.ASK_FOR_COPY.format(lang))
    body += [Heading(say.BEFORE.format(lang)), Bullets(tuple(checks))]
    extra = (say.NOTICE_DATE.format(lang), long_date(denial.notice_date, lang)) if denial else None
    return Letter(
        kind="cover-note",
        title=say.TITLE.format(lang, title=letter.title),
        date=today,
        subject=say.SUBJECT.format(lang),
        body=tuple(body),
        running_header=parts.running_header(case, language=lang),
        references=parts.references(case, *([extra] if extra else []), language=lang),
        notice=say.NOTICE.format(lang),
        language=lang,
    )


def _letter_name(title: str, lang: Language) -> str:
    try:
        return say.LETTER_NAMES[title].format(lang)
    except KeyError:
        raise KetacoverError(f"no cover-note wording for a letter titled {title!r}") from None


def _treatment(treatment: Treatment | None, lang: Language, fallback: str) -> str:
    if treatment is None:
        return fallback
    return say.THE_TREATMENT.format(lang, treatment=treatment_name(treatment, lang))


def _asks(name: str, title: str, case: Case, denial: Denial | None, lang: Language) -> str:
    plan = case.plan
    assert plan is not None
    if name == "parity-request":
        planned = case.treatment_plan.treatment if case.treatment_plan is not None else None
        treatment = _treatment(planned, lang, say.REQUESTED_TREATMENT.format(lang))
        return say.ASKS_FOR_DOCUMENTS.format(lang, payer=plan.payer, treatment=treatment)
    assert denial is not None  # appeals and external reviews answer a denial
    day = long_date(denial.notice_date, lang)
    if title == "Corrected claim":
        return say.ASKS_TO_REPROCESS.format(lang, payer=plan.payer, date=day)
    treatment = _treatment(
        denied_treatment(case, denial), lang, say.REQUESTED_SERVICES.format(lang)
    )
    what = (say.PRIOR_AUTHORIZATION_FOR if denial.pre_service else say.CLAIM_FOR).format(
        lang, treatment=treatment
    )
    asks = say.ASKS_FOR_REVIEW if name == "external-review" else say.ASKS_TO_REVERSE
    return asks.format(lang, payer=plan.payer, what=what, date=day)


def _signer(letter: Letter, patient_signs: bool, lang: Language) -> str:
    if patient_signs:
        return say.YOU_SIGN.format(lang)
    assert letter.signature is not None  # the clinic's variant carries the prescriber's block
    signer = ", ".join(p for p in (letter.signature.name, letter.signature.credentials) if p)
    return say.PRESCRIBER_SIGNS.format(lang, prescriber=signer)


def _where(
    name: str, letter: Letter, case: Case, patient_signs: bool, lang: Language
) -> list[Block]:
    plan = case.plan
    assert plan is not None
    address = parts.address_lines(plan.appeals_address)
    ways = []
    if address:
        ways.append(say.BY_MAIL.format(lang, address=", ".join(address)))
    if plan.appeals_fax:
        ways.append(say.BY_FAX.format(lang, fax=plan.appeals_fax))
    if not ways:
        return [Paragraph(say.NO_ADDRESS.format(lang))]
    assert letter.recipient is not None  # a letter to the plan names its department
    words = _department(letter.recipient.lines[0], lang)
    send_to = say.SEND_TO if patient_signs else say.CLINIC_SENDS_TO
    blocks: list[Block] = [
        Paragraph(send_to.format(lang, payer=plan.payer, department=words)),
        Bullets(tuple(ways)),
    ]
    if name == "external-review":
        blocks.append(Paragraph(say.OTHER_ADDRESS.format(lang)))
    return blocks


def _department(department: str, lang: Language) -> str:
    try:
        return say.DEPARTMENTS[department].format(lang)
    except KeyError:
        raise KetacoverError(f"no cover-note wording for the department {department!r}") from None


def _when(
    name: str,
    case: Case,
    denial: Denial | None,
    today: date,
    patient_signs: bool,
    lang: Language,
) -> list[Block]:
    plan = case.plan
    assert plan is not None
    if name == "parity-request":
        return [Paragraph(say.NO_DEADLINE_FOR_REQUEST.format(lang))]
    assert denial is not None  # appeals and external reviews answer a denial
    if name == "external-review":
        window = external_review_filing(denial, plan)
    else:
        window = appeal_rights(denial, plan).window
    if window is None:
        lines = [say.NO_DEADLINE.format(lang)]
    else:
        due = window.deadline.due
        day = long_date(due, lang)
        phrase = say.NOTICE_DEADLINE if window.deadline.from_notice else say.RULE_DEADLINE
        soon = say.SEND_SOON.format(lang) if patient_signs and due >= today else ""
        lines = [phrase.format(lang, date=day) + soon]
        if due < today:
            lines.append(say.PASSED.format(lang))
    if is_urgent(case, denial):
        lines.append(say.URGENT.format(lang))
    return [Paragraph(line) for line in lines]


def _enclosure(english: str, lang: Language) -> str:
    """An enclosure as the letter lists it; in Spanish, what it is, with the English beside."""
    if lang is Language.EN:
        return english
    return say.GLOSSED.format(lang, text=_translated_enclosure(english, lang), english=english)


def _translated_enclosure(english: str, lang: Language) -> str:
    dated = _DATED.fullmatch(english)
    if dated is not None:
        day = date(int(dated["y"]), int(dated["m"]), int(dated["d"]))
        phrase = (
            say.DENIAL_NOTICE_DATED if dated["what"] == "Denial notice dated" else say.APPEAL_FILED
        )
        return phrase.format(lang, date=long_date(day, lang))
    scales = _SCALES.fullmatch(english)
    if scales is not None:
        names = scales["scales"].replace(" and ", ", ").split(", ")
        return say.RATING_SCALES.format(lang, scales=join_words(names, language=lang))
    try:
        return say.ENCLOSURES[english].format(lang)
    except KeyError:
        raise KetacoverError(f"no cover-note wording for the enclosure {english!r}") from None
