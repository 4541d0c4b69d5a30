"""Coverage rules: what a rule is, and how a rule file is read and checked.

A rule file is TOML with one ``[[rule]]`` table per rule (see ``docs/rules.md``)::

    [[rule]]
    id = "oon.closed_network"
    pathway = "oon_reimbursement"            # or a list of pathway ids
    needs = ["plan.plan_type", "plan.out_of_network_benefits"]
    when = { all = [ ... ] }                 # optional; left out means always
    effect = { ceiling = "unlikely" }        # floor, ceiling, missing, actions
    if_unknown = { ceiling = "unknown" }     # optional; this is the default
    explain = "Plain words."
    source = "cfr-29-2560-503-1"            # id(s) in the sources list (a list for several)
    confidence = "verified"                  # verified | partly_verified | unverified
    as_of = 2026-11-23
    exclusion = true                         # optional: an exclusion or unmet criterion

Every problem is a :class:`~ketacover.core.errors.RuleFileError` naming the file and the line
(TOML syntax) or the file, rule id and line (structure: unknown keys, facts, operators, verdicts).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from ketacover.core.coverage.conditions import ConditionError, Predicate, compile_condition
from ketacover.core.coverage.facts import FACTS
from ketacover.core.coverage.result import PathwayId, Reason, Verdict
from ketacover.core.deadlines.deadline import DeadlineKind
from ketacover.core.errors import RuleFileError
from ketacover.core.sourcebook import entry, is_known
from ketacover.core.sources import Confidence

RANK: Final[dict[Verdict, int]] = {
    Verdict.UNLIKELY: 0,
    Verdict.UNKNOWN: 1,
    Verdict.POSSIBLE: 2,
    Verdict.LIKELY: 3,
}
"""Verdict order for floors and ceilings: a sure "unlikely" is not lifted by a missing fact."""

_RULE_KEYS: Final = frozenset(
    {
        "id",
        "pathway",
        "needs",
        "when",
        "effect",
        "if_unknown",
        "explain",
        "source",
        "confidence",
        "as_of",
        "exclusion",
    }
)
_REQUIRED: Final = ("id", "pathway", "needs", "effect", "explain", "source", "confidence", "as_of")
_EFFECT_KEYS: Final = frozenset({"floor", "ceiling", "missing", "actions"})
_ACTION_KEYS: Final = frozenset({"text", "due"})
_LINE: Final = re.compile(r"line (\d+)")


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """A next step a rule gives; ``due`` names the deadline kind whose date it carries."""

    text: str
    due: DeadlineKind | None = None


@dataclass(frozen=True, slots=True)
class Effect:
    """What a rule does to its pathway when its condition holds (or is unknown)."""

    floor: Verdict | None = None
    ceiling: Verdict | None = None
    missing: tuple[str, ...] = ()
    actions: tuple[ActionSpec, ...] = ()

    @property
    def active(self) -> bool:
        """Whether the effect does anything at all."""
        return bool(self.floor or self.ceiling or self.missing or self.actions)


DEFAULT_IF_UNKNOWN: Final = Effect(ceiling=Verdict.UNKNOWN)
"""A rule whose condition cannot be decided caps its pathway at ``unknown``."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule."""

    id: str
    pathways: tuple[PathwayId, ...]
    needs: frozenset[str]
    test: Predicate | None
    """None: the rule always applies."""
    asks: tuple[str, ...]
    """Facts reported as missing when the condition is unknown."""
    effect: Effect
    if_unknown: Effect
    reason: Reason
    origin: str
    """The file the rule came from."""
    exclusion: bool = False
    """Whether the rule is an exclusion or an unmet criterion (``exclusion = true``): when it
    caps its pathway at ``unlikely``, no request document argues for the pathway."""


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    """Parse TOML text, turning syntax errors into a RuleFileError with the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _LINE.search(str(error))
        line = int(found.group(1)) if found else max(1, text.count("\n") + 1)
        raise RuleFileError(f"{origin}, line {line}: {error}") from None


def line_of(text: str, rule_id: object) -> int | None:
    """The line on which ``id = "<rule_id>"`` appears, for error messages."""
    pattern = re.compile(rf'^\s*id\s*=\s*"{re.escape(str(rule_id))}"', re.MULTILINE)
    found = pattern.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def parse_rules(
    tables: object,
    origin: str,
    text: str,
    allowed: frozenset[PathwayId] | None = None,
    *,
    shipped: bool = True,
) -> tuple[Rule, ...]:
    """Compile the ``[[rule]]`` tables of one file.

    A shipped rule's ``source`` names entries of the sources list by id; a pack a clinic
    supplies may also cite its payer's document in words (``shipped=False``)."""
    if tables is None:
        return ()
    if not isinstance(tables, list):
        raise RuleFileError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        rule_id = table.get("id", f"#{index + 1}") if isinstance(table, dict) else f"#{index + 1}"
        line = line_of(text, rule_id)
        where = f"{origin}, rule {rule_id}" + (f" (line {line})" if line else "")
        try:
            rule = _rule(table, origin, allowed, shipped)
        except (ConditionError, ValueError, TypeError) as error:
            raise RuleFileError(f"{where}: {error}") from None
        if rule.id in seen:
            raise RuleFileError(f"{where}: duplicate rule id")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _rule(table: object, origin: str, allowed: frozenset[PathwayId] | None, shipped: bool) -> Rule:
    if not isinstance(table, dict):
        raise ValueError("each rule must be a table")
    unknown = set(table) - _RULE_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    absent = [key for key in _REQUIRED if key not in table]
    if absent:
        raise ValueError(f"missing key(s) {', '.join(absent)}")
    rule_id = _text(table, "id")
    pathways = _pathways(table["pathway"])
    if allowed is not None and not set(pathways) <= allowed:
        raise ValueError(f"pack rules may only apply to {', '.join(sorted(allowed))}")
    needs = table["needs"]
    if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise ValueError("needs must be a list of fact names")
    unknown_facts = [name for name in needs if name not in FACTS]
    if unknown_facts:
        raise ValueError(f"unknown fact(s) in needs: {', '.join(unknown_facts)}")
    test: Predicate | None = None
    asks: tuple[str, ...] = ()
    if "when" in table:
        compiled = compile_condition(table["when"], FACTS)
        unlisted = compiled.reads - set(needs)
        if unlisted:
            raise ValueError(
                f"when reads fact(s) not listed in needs: {', '.join(sorted(unlisted))}"
            )
        test, asks = compiled.test, tuple(sorted(compiled.asks))
    effect = _effect(table["effect"], "effect", frozenset(needs))
    if_unknown = DEFAULT_IF_UNKNOWN
    if "if_unknown" in table:
        if_unknown = _effect(table["if_unknown"], "if_unknown", frozenset(needs))
    as_of = table["as_of"]
    if not isinstance(as_of, date):
        raise ValueError(f"as_of must be a date (YYYY-MM-DD), not {as_of!r}")
    reason = Reason(
        rule_id=rule_id,
        explain=_text(table, "explain"),
        source=cited(table["source"], shipped),
        as_of=as_of,
        confidence=Confidence(_text(table, "confidence")),
    )
    exclusion = table.get("exclusion", False)
    if not isinstance(exclusion, bool):
        raise ValueError("exclusion must be true or false")
    return Rule(
        exclusion=exclusion,
        id=rule_id,
        pathways=pathways,
        needs=frozenset(needs),
        test=test,
        asks=asks,
        effect=effect,
        if_unknown=if_unknown,
        reason=reason,
        origin=origin,
    )


def cited(value: object, shipped: bool = True) -> str:
    """The public documents a ``source`` value names, as a reader sees them ("; " between).

    ``value`` is a source id or a list of ids; unless ``shipped`` is false (a clinic's own pack),
    every one must be in the sources list."""
    ids = value if isinstance(value, list) else [value]
    if not ids or not all(isinstance(item, str) and item.strip() for item in ids):
        raise ValueError("source must be non-empty text: a source id or a list of them")
    texts: list[str] = []
    for item in ids:
        key = str(item).strip()
        if is_known(key):
            texts.append(entry(key).citation)
        elif shipped:
            raise ValueError(f"source {key!r} is not an id in the sources list")
        else:
            texts.append(key)
    return "; ".join(texts)


def _text(table: Mapping[str, object], key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be non-empty text")
    return value.strip()


def _pathways(value: object) -> tuple[PathwayId, ...]:
    names = value if isinstance(value, list) else [value]
    if not names:
        raise ValueError("pathway must name at least one pathway")
    try:
        return tuple(PathwayId(str(name)) for name in names)
    except ValueError:
        known = ", ".join(p.value for p in PathwayId)
        raise ValueError(f"unknown pathway in {value!r}; use one of {known}") from None


def _effect(value: object, key: str, needs: frozenset[str]) -> Effect:
    if not isinstance(value, dict):
        raise ValueError(f"{key} must be a table")
    unknown = set(value) - _EFFECT_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) in {key}: {', '.join(sorted(unknown))}")
    missing = value.get("missing", [])
    if not isinstance(missing, list) or not set(missing) <= needs:
        raise ValueError(f"{key}.missing must list facts named in needs")
    return Effect(
        floor=_verdict(value.get("floor"), key),
        ceiling=_verdict(value.get("ceiling"), key),
        missing=tuple(missing),
        actions=tuple(_action(item, key) for item in value.get("actions", [])),
    )


def _verdict(value: object, key: str) -> Verdict | None:
    if value is None:
        return None
    try:
        return Verdict(str(value))
    except ValueError:
        raise ValueError(
            f"{key}: unknown verdict {value!r}; use likely, possible, unlikely or unknown"
        ) from None


def _action(value: object, key: str) -> ActionSpec:
    if not isinstance(value, dict) or "text" not in value or set(value) - _ACTION_KEYS:
        raise ValueError(f"{key}.actions entries are tables with text and an optional due")
    due = value.get("due")
    try:
        kind = None if due is None else DeadlineKind(due)
    except ValueError:
        known = ", ".join(k.value for k in DeadlineKind)
        raise ValueError(f"{key}.actions: unknown due {due!r}; use one of {known}") from None
    return ActionSpec(text=_text(value, "text"), due=kind)
