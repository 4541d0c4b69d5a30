"""The navigator's answer in a patient's words, in English or Spanish: what the web page shows and
the action plan prints.

A :class:`Guide` is built from an :class:`~ketacover.core.navigator.outlook.Outlook` (the real
engine's verdicts, merged over the readings) and the answers. It holds text only, already in the
chosen language: each way to pay with its verdict and why (with the engine's source for every
reason), what to find out and whom to ask, what to gather, the questions for the insurer (the
core call script's), the deadlines, the cost of each way side by side, and financing and help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from ketacover.core.costs import PathwayCost
from ketacover.core.coverage import ChecklistStatus, PathwayId, Reason, Verdict
from ketacover.core.letters.call_questions import questions
from ketacover.core.letters.language import Language
from ketacover.core.letters.text import long_date, money
from ketacover.core.navigator import fact_words, rule_words, words
from ketacover.core.navigator.answers import Answers
from ketacover.core.navigator.fact_words import Who
from ketacover.core.navigator.headline import Headline, headline, ordered
from ketacover.core.navigator.help import HelpItem, help_items
from ketacover.core.navigator.outlook import Outlook, PathwayOutlook, Scoped
from ketacover.core.navigator.readings import TYPICAL_SESSIONS, TYPICAL_SESSIONS_SOURCE, Reading
from ketacover.core.sources import Source

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Line:
    """One statement, the source behind it (if any), and the readings it holds for, in words."""

    text: str
    source: str | None = None
    only_if: str | None = None


@dataclass(frozen=True, slots=True)
class WayToPay:
    """One pathway, in a patient's words."""

    pathway: PathwayId
    name: str
    verdict: Verdict
    verdict_word: str
    meaning: str
    depends: str | None
    reasons: tuple[Line, ...]
    steps: tuple[Line, ...]
    for_clinic: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class FindOut:
    """What to find out from one person."""

    who: Who
    heading: str
    items: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    """One deadline: what is due, the date, and the rule behind it."""

    label: str
    due: date
    due_text: str
    source: str
    only_if: str | None
    from_notice: bool


@dataclass(frozen=True, slots=True)
class CostLine:
    """One pathway's cost to the patient for the course; None where it cannot be computed."""

    pathway: PathwayId
    name: str
    short_name: str
    up_front: Decimal | None
    back: Decimal | None
    net: Decimal | None
    per_session: Decimal | None
    needs: tuple[str, ...]

    @property
    def up_front_text(self) -> str | None:
        """What is paid first, as money (None when unknown)."""
        return None if self.up_front is None else money(self.up_front)

    @property
    def back_text(self) -> str | None:
        """What comes back, as money (None when unknown)."""
        return None if self.back is None else money(self.back)

    @property
    def net_text(self) -> str | None:
        """The cost in the end, as money (None when unknown)."""
        return None if self.net is None else money(self.net)


@dataclass(frozen=True, slots=True)
class Guide:
    """Everything the navigator tells one person, in one language."""

    language: Language
    today: date
    headline: Headline | None
    """The one-line answer for the treatment asked about, and its next step."""
    ways: tuple[WayToPay, ...]
    """The ways to pay, those for the treatment asked about first, best verdict first."""
    find_out: tuple[FindOut, ...]
    gather: tuple[str, ...]
    questions: tuple[str, ...]
    deadlines: tuple[DeadlineLine, ...]
    costs: tuple[CostLine, ...]
    sessions: int | None
    assumptions: tuple[str, ...]
    help: tuple[HelpItem, ...]
    expedited: bool
    not_advice: str

    def explanations(self) -> tuple[str, ...]:
        """Every sentence written for the patient here (for readability checks)."""
        found: list[str] = []
        if self.headline is not None:
            found.append(self.headline.answer)
        for way in self.ways:
            found += [way.meaning, *(line.text for line in (*way.reasons, *way.steps))]
        for group in self.find_out:
            found += [line.text for line in group.items]
        found += [*self.gather, *self.assumptions, self.not_advice]
        for item in self.help:
            found += list(item.lines)
        return tuple(found)


def guide(outlook: Outlook, answers: Answers, language: Language) -> Guide:
    """The patient's answer for ``outlook`` in ``language``."""
    ways = ordered(tuple(_way(item, language) for item in outlook.pathways), answers.treatment)
    sessions = None
    if outlook.document.case.treatment_plan is not None:
        sessions = outlook.document.case.treatment_plan.sessions
    category = None if outlook.document.case.plan is None else outlook.document.case.plan.category
    return Guide(
        language=language,
        today=outlook.today,
        headline=headline(ways, answers.treatment, language),
        ways=ways,
        find_out=_find_out(outlook, answers, language),
        gather=_gather(outlook, answers, language),
        questions=_questions(outlook, language),
        deadlines=_deadlines(outlook, language),
        costs=_costs(outlook, language),
        sessions=sessions,
        assumptions=_assumptions(outlook, answers, language),
        help=help_items(
            language=language,
            treatment=answers.treatment,
            category=category,
            state=answers.state,
            conditions=answers.conditions,
        ),
        expedited=outlook.expedited,
        not_advice=words.NOT_ADVICE.format(language),
    )


def reading_words(reading: Reading, language: Language) -> str:
    """``If your plan is Original Medicare`` / ``If the patient is under 18``."""
    parts = []
    if reading.kind is not None:
        kind = words.READING_KINDS[reading.kind].format(language)
        parts.append(words.IF_KIND.format(language, kind=kind))
    if reading.age is not None:
        age = words.READING_AGES[reading.age].format(language)
        parts.append(words.IF_AGE.format(language, age=age))
    joiner = " y " if language is Language.ES else " and "
    return joiner.join(parts[:1] + [part[0].lower() + part[1:] for part in parts[1:]])


def _only_if(scoped: Scoped[T], language: Language) -> str | None:
    if not scoped.only_if:
        return None
    separator = "; o " if language is Language.ES else "; or "
    return separator.join(reading_words(reading, language) for reading in scoped.only_if)


def _source(reason: Reason) -> str:
    return str(Source(reason.source, reason.confidence))


def _way(item: PathwayOutlook, language: Language) -> WayToPay:
    reasons: list[Line] = []
    steps: list[Line] = []
    clinic: list[Line] = []
    stepped: set[str] = set()
    for scoped in item.reasons:
        reason = scoped.item
        only_if = _only_if(scoped, language)
        criterion = _criterion(reason, language)
        if criterion is not None:
            reasons.append(Line(criterion, _source(reason), only_if))
            continue
        said = rule_words.RULES[reason.rule_id]
        line = Line(said.why.format(language), _source(reason), only_if)
        (clinic if said.for_clinic else reasons).append(line)
    for action in item.actions:
        rule_id = action.item.rule_id or ""
        stepping = rule_words.RULES.get(rule_id)
        if stepping is None or stepping.step is None or rule_id in stepped:
            continue
        stepped.add(rule_id)
        steps.append(Line(stepping.step.format(language), None, _only_if(action, language)))
    depends = None
    if item.depends:
        what = []
        if any(reading.kind is not None for reading, _ in item.by_reading):
            what.append(words.WHAT_KIND.format(language))
        if any(reading.age is not None for reading, _ in item.by_reading):
            what.append(words.WHAT_AGE.format(language))
        joiner = " y " if language is Language.ES else " and "
        depends = words.DEPENDS.format(language, what=joiner.join(what))
    return WayToPay(
        pathway=item.pathway,
        name=words.PATHWAYS[item.pathway].format(language),
        verdict=item.verdict,
        verdict_word=words.VERDICTS[item.verdict].format(language),
        meaning=words.VERDICT_MEANING[item.verdict].format(language),
        depends=depends,
        reasons=tuple(reasons),
        steps=tuple(steps),
        for_clinic=tuple(clinic),
    )


def _criterion(reason: Reason, language: Language) -> str | None:
    """A criterion of the payer pack (rule id ``<pack>.<criterion>``), met or not met."""
    if reason.rule_id in rule_words.RULES or "." not in reason.rule_id:
        return None
    criterion = reason.rule_id.rsplit(".", 1)[1]
    met, not_met = rule_words.CRITERIA[criterion]
    return (not_met if reason.explain.startswith("Not met") else met).format(language)


def _find_out(outlook: Outlook, answers: Answers, language: Language) -> tuple[FindOut, ...]:
    by_who: dict[Who, list[Line]] = {who: [] for who in Who}
    seen: set[str] = set()

    def add(ask: fact_words.Ask, only_if: str | None = None) -> None:
        text = ask.what.format(language)
        if text not in seen:
            seen.add(text)
            by_who[ask.who].append(Line(text, None, only_if))

    if answers.denial and answers.denial_date is None:
        add(fact_words.DENIAL_DATE)
    for way in outlook.pathways:
        for scoped in way.missing:
            add(fact_words.FACTS[scoped.item.fact], _only_if(scoped, language))
    if outlook.costs is not None:
        for cost in outlook.costs.pathways:
            for gap in cost.missing:
                ask = fact_words.cost_ask(gap)
                if ask is not None:
                    add(ask)
    return tuple(
        FindOut(who, fact_words.WHO[who].format(language), tuple(items))
        for who, items in by_who.items()
        if items
    )


def _gather(outlook: Outlook, answers: Answers, language: Language) -> tuple[str, ...]:
    found = [
        words.GATHER[item.id].format(language)
        for item in outlook.checklist
        if item.status in (ChecklistStatus.MISSING, ChecklistStatus.UNKNOWN)
    ]
    if answers.denial:
        found.insert(0, words.DENIAL_HELD.format(language))
    return tuple(found)


def _questions(outlook: Outlook, language: Language) -> tuple[str, ...]:
    case = outlook.document.case
    if case.plan is None or case.treatment_plan is None:
        return ()
    asked = questions(case, outlook.today, outlook.document_assessment, language=language)
    return tuple(question.text for question in asked if question.known is None)


def _deadlines(outlook: Outlook, language: Language) -> tuple[DeadlineLine, ...]:
    return tuple(
        DeadlineLine(
            label=words.DEADLINES[scoped.item.kind].format(language),
            due=scoped.item.due,
            due_text=long_date(scoped.item.due, language),
            source=str(scoped.item.source),
            only_if=_only_if(scoped, language),
            from_notice=scoped.item.from_notice,
        )
        for scoped in sorted(outlook.deadlines, key=lambda s: s.item.due)
    )


def _costs(outlook: Outlook, language: Language) -> tuple[CostLine, ...]:
    if outlook.costs is None:
        return ()
    return tuple(_cost(cost, language) for cost in outlook.costs.pathways)


def _cost(cost: PathwayCost, language: Language) -> CostLine:
    needs = []
    for gap in cost.missing:
        ask = fact_words.cost_ask(gap)
        if ask is not None and cost.net is None:
            text = f"{fact_words.WHO[ask.who].format(language)}: {ask.what.format(language)}"
            if text not in needs:
                needs.append(text)
    return CostLine(
        pathway=cost.pathway,
        name=words.PATHWAYS[cost.pathway].format(language),
        short_name=words.SHORT_PATHWAYS[cost.pathway].format(language),
        up_front=cost.up_front,
        back=cost.reimbursement,
        net=cost.net,
        per_session=cost.per_session_net,
        needs=tuple(needs),
    )


def _assumptions(outlook: Outlook, answers: Answers, language: Language) -> tuple[str, ...]:
    found = []
    if answers.treatment is not None and answers.sessions is None:
        found.append(
            words.SESSIONS_ASSUMED.format(
                language,
                sessions=TYPICAL_SESSIONS[answers.treatment],
                source=TYPICAL_SESSIONS_SOURCE[answers.treatment],
            )
        )
    if outlook.document.kind is not None and len(outlook.readings) > 1:
        kind = words.READING_KINDS[outlook.document.kind].format(language)
        found.append(words.DOCUMENTS_FOLLOW.format(language, kind=kind))
    return tuple(found)
