"""The coverage engine: facts in, one verdict per pathway out, with reasons, missing facts and
next actions.

For each pathway the engine runs that pathway's rules (and, for ``esketamine_pa``, the selected
payer pack's rules and criteria). A rule whose condition holds adds its reason and applies its
effect; a rule whose condition cannot be decided reports the unknown facts as missing, with the
question to ask, and applies its ``if_unknown`` effect (by default a ceiling of ``unknown``).
The verdict is the highest floor, capped by the lowest ceiling, in the order
unlikely < unknown < possible < likely: so exclusions always win, and a missing fact never lifts
a sure "unlikely". Never a bare "no": every verdict comes with its reasons and next steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Final

from ketacover.core.codes import icd10cm
from ketacover.core.coverage.checklist import checklist, code_status
from ketacover.core.coverage.facts import FACTS, Facts, case_facts, denial_treatments, is_ketamine
from ketacover.core.coverage.plan_criteria import judge_plan, own_criteria
from ketacover.core.coverage.result import (
    Action,
    Assessment,
    MissingFact,
    PathwayAssessment,
    PathwayId,
    Reason,
    Verdict,
)
from ketacover.core.coverage.rulebook import DEFAULT_PACK, PackInfo, load_rules
from ketacover.core.coverage.rules import RANK, Effect, Rule
from ketacover.core.deadlines import case_deadlines
from ketacover.core.deadlines.deadline import Deadline
from ketacover.core.history import CriterionResult, CriterionStatus, analyze, judge, overall
from ketacover.core.model import Case, PayerCategory, PlanCriterion, Treatment
from ketacover.core.sources import Confidence

_BY_RANK: Final = {rank: verdict for verdict, rank in RANK.items()}
_TREATMENT_PATHWAYS: Final = frozenset({PathwayId.ESKETAMINE_PA, PathwayId.IV_KETAMINE_PA})
_ORIGINAL_MEDICARE: Final = PayerCategory.MEDICARE.value
"""Original Medicare has no prior authorization for these treatments: its contractor decides on
the claim (sourcebook billing.toml, cms-prior-authorization-programs)."""
_PLAN: Final = "plan.criteria."
"""Rule ids of the plan's own criteria: ``plan.criteria.plan_<n>``."""


def assess(case: Case, today: date, *, extra_packs: Sequence[tuple[str, str]] = ()) -> Assessment:
    """Assess every pathway for ``case`` on ``today``.

    ``extra_packs`` are payer criteria packs as (name, TOML text), read by the caller; the plan's
    ``criteria_pack`` picks one by id (default: ``generic_commercial``).
    """
    book = load_rules(extra_packs)
    pack, pack_warning = book.pack(None if case.plan is None else case.plan.criteria_pack)
    history = analyze(case.treatment_history, episode_start=case.history.episode_start, today=today)
    if own_criteria(case):
        # The plan's own criteria win over any pack's failed-treatment criteria.
        criteria = judge_plan(case, history, case_facts(case, today, history, None))
    else:
        criteria = judge(history, pack.criteria)
    facts = case_facts(case, today, history, overall(criteria))
    deadlines = _deadlines(case, today)
    refs = denial_treatments(case)
    pathways = [
        _pathway(pathway, rules, facts, deadlines, refs, pack, criteria, case, today)
        for pathway, rules in book.rules_with(pack).items()
    ]
    warnings = list(_code_warnings(case, facts))
    if pack_warning:
        warnings.append(pack_warning)
    return Assessment(
        case_id=case.id,
        as_of=today,
        pathways=tuple(pathways),
        checklist=checklist(case, facts),
        expedited=facts["urgent"] is True,
        warnings=tuple(warnings),
    )


class _Tally:
    """Floors, ceilings, reasons, missing facts and actions gathered for one pathway."""

    __slots__ = (
        "actions",
        "blocked_by",
        "ceiling",
        "closed",
        "floor",
        "go_ahead",
        "missing",
        "reasons",
    )

    def __init__(self) -> None:
        self.floor = RANK[Verdict.UNLIKELY]
        self.ceiling = RANK[Verdict.LIKELY]
        self.reasons: list[Reason] = []
        self.missing: dict[str, MissingFact] = {}
        self.actions: list[Action] = []
        self.blocked_by: list[Reason] = []
        self.go_ahead: set[str] = set()
        self.closed = False
        """An exclusion whose facts are all known capped the pathway at ``unlikely``: no missing
        fact can reopen it."""
        """Rules that only give advice (no floor, ceiling or missing fact): advice that assumes
        the pathway is open, dropped when something caps it at ``unlikely``."""

    def ask(self, fact: str, rule_id: str, ask: str | None = None) -> None:
        if fact not in self.missing:
            text = ask if ask is not None else FACTS[fact].ask
            self.missing[fact] = MissingFact(fact, text, rule_id=rule_id)

    def verdict(self) -> Verdict:
        return _BY_RANK[min(self.floor, self.ceiling)]


def _pathway(
    pathway: PathwayId,
    rules: Iterable[Rule],
    facts: Facts,
    deadlines: Sequence[Deadline],
    refs: dict[str, Treatment | None],
    pack: PackInfo,
    criteria: Sequence[CriterionResult],
    case: Case,
    today: date,
) -> PathwayAssessment:
    tally = _Tally()
    reasons = tally.reasons
    for rule in rules:
        test = rule.test
        result = True if test is None else test(facts)
        if result:
            reasons.append(rule.reason)
            if rule.effect.active:
                _apply(tally, rule, rule.effect, pathway, deadlines, refs)
                if rule.exclusion and rule.effect.ceiling is Verdict.UNLIKELY:
                    tally.closed = True
        elif result is None:
            for fact in rule.asks:
                if facts[fact] is None:
                    tally.ask(fact, rule.id)
            if rule.if_unknown.active:
                _apply(tally, rule, rule.if_unknown, pathway, deadlines, refs)
    if pathway is PathwayId.ESKETAMINE_PA:
        _criteria(tally, pack, criteria, own_criteria(case), today)
    verdict = tally.verdict()
    if verdict is Verdict.UNLIKELY and tally.blocked_by:
        # The way is closed: advice that assumes it is open goes, and the only steps left are
        # the ones the blocking findings give (look at other pathways, correct the record).
        blocking = {reason.rule_id for reason in tally.blocked_by}
        tally.reasons = [r for r in tally.reasons if r.rule_id not in tally.go_ahead]
        tally.actions = [a for a in tally.actions if a.rule_id in blocking]
        if not any(
            rule_id.startswith((f"{pack.id}.", "esketamine.criteria", _PLAN))
            for rule_id in blocking
        ):
            # Excluded for another reason: documenting more trials would not change the answer,
            # and once the exclusion's own facts are known no other answer would either (the
            # superbill questions of an Original Medicare case are not asked).
            tally.missing = {
                fact: item
                for fact, item in tally.missing.items()
                if not fact.startswith("criteria.")
                and (not tally.closed or item.rule_id in blocking)
            }
    return PathwayAssessment(
        pathway=pathway,
        verdict=verdict,
        reasons=tuple(tally.reasons),
        missing=tuple(tally.missing.values()),
        actions=tuple(tally.actions),
        blocked_by=tuple(tally.blocked_by),
        claim_path=pathway in _TREATMENT_PATHWAYS and facts["plan.category"] == _ORIGINAL_MEDICARE,
    )


def _apply(
    tally: _Tally,
    rule: Rule,
    effect: Effect,
    pathway: PathwayId,
    deadlines: Sequence[Deadline],
    refs: dict[str, Treatment | None],
) -> None:
    if effect.floor is not None:
        tally.floor = max(tally.floor, RANK[effect.floor])
    if effect.ceiling is not None:
        tally.ceiling = min(tally.ceiling, RANK[effect.ceiling])
        if effect.ceiling is Verdict.UNLIKELY and rule.exclusion:
            tally.blocked_by.append(rule.reason)
    if effect.floor is None and effect.ceiling is None and not effect.missing:
        tally.go_ahead.add(rule.id)
    for fact in effect.missing:
        tally.ask(fact, rule.id)
    for spec in effect.actions:
        if spec.due is None:
            tally.actions.append(Action(spec.text, rule_id=rule.id))
            continue
        matching = [
            d for d in deadlines if d.kind is spec.due and _belongs(pathway, refs.get(d.ref or ""))
        ]
        if not matching:
            tally.actions.append(Action(spec.text, rule_id=rule.id))
        for deadline in sorted(matching, key=lambda d: d.due):
            tally.actions.append(
                Action(f"{spec.text} {deadline.explain}", deadline.due, rule.id, ref=deadline.ref)
            )


def _belongs(pathway: PathwayId, treatment: Treatment | None) -> bool:
    if pathway is PathwayId.ESKETAMINE_PA:
        return treatment is Treatment.ESKETAMINE
    if pathway is PathwayId.IV_KETAMINE_PA:
        return is_ketamine(treatment)
    return True


def _criteria(
    tally: _Tally,
    pack: PackInfo,
    criteria: Sequence[CriterionResult],
    own: Sequence[PlanCriterion] = (),
    as_of: date | None = None,
) -> None:
    """Each criterion (the plan's own, else the selected pack's) becomes a reason (met, not met)
    or a missing fact."""
    for index, result in enumerate(criteria):
        rule_id = f"{_PLAN}{result.id}" if own else f"{pack.id}.{result.id}"
        if own:
            _plan_reason(tally, rule_id, own[index], result, as_of or pack.as_of)
            continue
        if result.status is CriterionStatus.NOT_DOCUMENTED:
            tally.ask(
                f"criteria.{result.id}", rule_id, f"Ask the prescriber to document: {result.text}"
            )
            continue
        met = result.status is CriterionStatus.MET
        label = "Met" if met else "Not met"
        whose = (
            "criteria health plans commonly apply"
            if pack.id == DEFAULT_PACK
            else f"{pack.payer}'s criteria"
        )
        reason = Reason(
            rule_id=rule_id,
            explain=f"{label} ({whose}): {result.text}",
            source=pack.source,
            as_of=pack.as_of,
            confidence=pack.confidence,
        )
        tally.reasons.append(reason)
        if not met:
            tally.blocked_by.append(reason)


def _plan_reason(
    tally: _Tally, rule_id: str, item: PlanCriterion, result: CriterionResult, as_of: date
) -> None:
    """One of the plan's own criteria as a reason or a missing fact, in the plan's words."""
    if result.status is CriterionStatus.NOT_DOCUMENTED:
        tally.ask(
            f"criteria.{result.id}",
            rule_id,
            f'Document for the plan\'s criterion "{item.text}": {result.text}',
        )
        return
    met = result.status is CriterionStatus.MET
    reason = Reason(
        rule_id=rule_id,
        explain=f'{"Met" if met else "Not met"} (the plan\'s own criterion "{item.text}"): '
        f"{result.text}",
        source=item.source or "The plan's own statement of its criteria",
        as_of=as_of,
        confidence=Confidence.VERIFIED,
    )
    tally.reasons.append(reason)
    if not met:
        tally.blocked_by.append(reason)


def _deadlines(case: Case, today: date) -> tuple[Deadline, ...]:
    if not (case.denials or case.prior_authorizations or case.appeals):
        return ()
    return case_deadlines(case, today)


def _code_warnings(case: Case, facts: Facts) -> Iterable[str]:
    if not case.diagnoses:
        return
    service = facts["service.date"]
    if isinstance(service, date):
        warning = _table_warning(service)
        if warning:
            yield warning
    for diagnosis in case.diagnoses:
        valid, billable, _ = code_status(diagnosis.code)
        if not valid:
            yield f"Diagnosis code {diagnosis.code} is not in the ICD-10-CM table."
        elif not billable:
            yield (
                f"Diagnosis code {diagnosis.code} is a category, not a billable code: "
                "use a more specific code."
            )


@lru_cache(maxsize=1024)
def _table_warning(day: date) -> str | None:
    return icd10cm.table_warning(day)
