"""The action plan: the navigator's answer as a document to print or keep, in English or Spanish.

It is a core :class:`~ketacover.core.letters.letter.Letter` (content only) composed from a
:class:`~ketacover.core.navigator.guide.Guide`, and laid out by ``ketacover.render`` like every
other document. It carries no name, member ID or birth date: it is the person's own plan, and it
says what they told the navigator only through the answer it gives. It opens and closes with the
notice that it gives information, not medical or legal advice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from ketacover.core.letters.language import Language, Phrase
from ketacover.core.letters.letter import Block, Bullets, Heading, Letter, Paragraph, Table
from ketacover.core.letters.text import long_date, money
from ketacover.core.navigator.guide import Guide, Line

KIND: Final = "navigator-action-plan"

_T: Final = {
    "title": Phrase("Your action plan", "Su plan de acción"),
    "subject": Phrase(
        "Will my insurance pay for ketamine? What to do next",
        "¿Pagará mi seguro la ketamina? Qué hacer ahora",
    ),
    "intro": Phrase(
        "This plan comes from your answers on {day}. It lists each way to pay, what to find out, "
        "what to gather, your deadlines and what each way may cost.",
        "Este plan sale de sus respuestas del {day}. Muestra cada forma de pagar, lo que debe "
        "averiguar, lo que debe reunir, sus fechas límite y lo que puede costar cada forma.",
    ),
    "urgent": Phrase(
        "You told us about thoughts of suicide. Plans must decide urgent requests faster. If you "
        "are in danger now, call 911 or go to the nearest emergency room.",
        "Nos habló de pensamientos de suicidio. Los planes deben decidir más rápido las "
        "solicitudes urgentes. Si está en peligro ahora, llame al 911 o vaya a la sala de "
        "emergencias más cercana.",
    ),
    "ways": Phrase("Ways to pay", "Formas de pagar"),
    "verdict": Phrase("Our answer: {verdict}.", "Nuestra respuesta: {verdict}."),
    "why": Phrase("Why", "Por qué"),
    "steps": Phrase("What to do", "Qué hacer"),
    "source": Phrase("Source", "Fuente"),
    "deadlines": Phrase("Your deadlines", "Sus fechas límite"),
    "no_deadlines": Phrase(
        "No deadline is running from your answers. If a denial letter comes, its date starts "
        "the clock for an appeal.",
        "Según sus respuestas no corre ninguna fecha límite. Si llega una carta de negación, su "
        "fecha empieza a contar el plazo para apelar.",
    ),
    "find_out": Phrase("What to find out", "Qué averiguar"),
    "gather": Phrase("What to gather", "Qué reunir"),
    "questions": Phrase("What to ask your insurer", "Qué preguntar a su seguro"),
    "costs": Phrase("What each way may cost you", "Lo que puede costarle cada forma"),
    "cost_columns": Phrase(
        "Way to pay|You pay first|Paid back|Your cost|Per session",
        "Forma de pagar|Usted paga primero|Le devuelven|Su costo|Por sesión",
    ),
    "unknown": Phrase("not known yet", "todavía no se sabe"),
    "costs_caption": Phrase(
        "For {sessions} sessions. \u201cNot known yet\u201d means a fact is missing, not zero.",
        "Para {sessions} sesiones. \u00abTodavía no se sabe\u00bb quiere decir que falta un "
        "dato, no que sea cero.",
    ),
    "no_costs": Phrase(
        "Choose a treatment to compare costs.",
        "Elija un tratamiento para comparar los costos.",
    ),
    "help": Phrase("Help with paying", "Ayuda para pagar"),
    "notes": Phrase("What we assumed", "Lo que supusimos"),
}


def compose_action_plan(guide: Guide) -> Letter:
    """The action plan for ``guide``, in the guide's language."""
    lang = guide.language
    body: list[Block] = [Paragraph(guide.not_advice)]
    if guide.headline is not None:
        body.append(Paragraph(guide.headline.answer))
        if guide.headline.next_step:
            body.append(Paragraph(guide.headline.next_step))
    body.append(Paragraph(_t("intro", lang, day=long_date(guide.today, lang))))
    if guide.expedited:
        body.append(Paragraph(_t("urgent", lang)))
    body += _deadlines(guide)
    body.append(Heading(_t("ways", lang)))
    for way in guide.ways:
        body.append(Heading(way.name))
        body.append(Paragraph(f"{_t('verdict', lang, verdict=way.verdict_word)} {way.meaning}"))
        if way.depends:
            body.append(Paragraph(way.depends))
        if way.reasons:
            body.append(Bullets(tuple(_line(line, lang) for line in way.reasons)))
        if way.steps:
            body.append(Paragraph(f"{_t('steps', lang)}:"))
            body.append(Bullets(tuple(_line(line, lang) for line in way.steps)))
    if guide.find_out:
        body.append(Heading(_t("find_out", lang)))
        for group in guide.find_out:
            body.append(Paragraph(f"{group.heading}:"))
            body.append(Bullets(tuple(_line(line, lang) for line in group.items)))
    if guide.questions:
        body += [Heading(_t("questions", lang)), Bullets(guide.questions)]
    if guide.gather:
        body += [Heading(_t("gather", lang)), Bullets(guide.gather)]
    body += _costs(guide)
    body.append(Heading(_t("help", lang)))
    for item in guide.help:
        body.append(Paragraph(item.title))
        lines = list(item.lines)
        if item.link:
            lines.append(item.link)
        sources = "; ".join(str(source) for source in item.sources)
        if sources:
            lines.append(f"{_t('source', lang)}: {sources}")
        body.append(Bullets(tuple(lines)))
    if guide.assumptions:
        body += [Heading(_t("notes", lang)), Bullets(guide.assumptions)]
    return Letter(
        kind=KIND,
        title=_t("title", lang),
        date=guide.today,
        subject=_t("subject", lang),
        body=tuple(body),
        running_header=_t("title", lang),
        notice=guide.not_advice,
    )


def _t(key: str, language: Language, **values: object) -> str:
    return _T[key].format(language, **values)


def _line(line: Line, language: Language) -> str:
    text = line.text
    if line.only_if:
        text = f"{line.only_if}: {text}"
    if line.source:
        text += f" ({_t('source', language)}: {line.source})"
    return text


def _deadlines(guide: Guide) -> list[Block]:
    lang = guide.language
    blocks: list[Block] = [Heading(_t("deadlines", lang))]
    if not guide.deadlines:
        return [*blocks, Paragraph(_t("no_deadlines", lang))]
    items = []
    for deadline in guide.deadlines:
        text = f"{deadline.label}: {deadline.due_text}."
        if deadline.only_if:
            text = f"{deadline.only_if}: {text}"
        items.append(f"{text} ({_t('source', lang)}: {deadline.source})")
    return [*blocks, Bullets(tuple(items))]


def _costs(guide: Guide) -> list[Block]:
    lang = guide.language
    blocks: list[Block] = [Heading(_t("costs", lang))]
    if not guide.costs or guide.sessions is None:
        return [*blocks, Paragraph(_t("no_costs", lang))]
    unknown = _t("unknown", lang)

    def cell(value: Decimal | None) -> str:
        return money(value) if isinstance(value, Decimal) else unknown

    rows = tuple(
        (
            line.short_name,
            cell(line.up_front),
            cell(line.back),
            cell(line.net),
            cell(line.per_session),
        )
        for line in guide.costs
    )
    blocks.append(
        Table(
            columns=tuple(_t("cost_columns", lang).split("|")),
            rows=rows,
            caption=_t("costs_caption", lang, sessions=guide.sessions),
            widths=(4, 2, 2, 2, 2),
        )
    )
    needs = [need for line in guide.costs for need in line.needs]
    if needs:
        blocks.append(Bullets(tuple(dict.fromkeys(needs))))
    return blocks
