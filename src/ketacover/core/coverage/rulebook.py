"""The rule book: the shipped rule files and payer criteria packs, loaded once, plus any extra
packs a clinic supplies as text.

Shipped files live in ``ketacover/core/coverage/rules/`` (``*.toml``) and ``rules/packs/``
(``*.toml``) and load through :mod:`importlib.resources`. A pack file has a ``[pack]`` table, a
``[pack.criteria]`` table (the failed-treatment criteria set, see
:class:`ketacover.core.history.Criteria`) and optional ``[[rule]]`` tables that apply to
the ``esketamine_pa`` (or ``iv_ketamine_pa``) pathway while that pack is selected. See
``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Final

from ketacover.core.coverage.result import PathwayId
from ketacover.core.coverage.rules import Rule, cited, line_of, parse_rules, parse_toml
from ketacover.core.errors import RuleFileError
from ketacover.core.history import Criteria
from ketacover.core.sources import Confidence

DEFAULT_PACK: Final = "generic_commercial"
"""The pack used when the plan names none."""

_PACK_KEYS: Final = frozenset(
    {"id", "name", "payer", "explain", "source", "confidence", "as_of", "criteria"}
)
_CRITERIA_KEYS: Final = frozenset(field.name for field in fields(Criteria))
_NONE_OK: Final = ("min_agents", "min_weeks")
"""Criteria a pack may set to ``"none"`` when its policy states no count or duration."""
_PACK_PATHWAYS: Final = frozenset({PathwayId.ESKETAMINE_PA, PathwayId.IV_KETAMINE_PA})


@dataclass(frozen=True, slots=True)
class PackInfo:
    """A payer criteria pack as listed to users."""

    id: str
    name: str
    payer: str
    explain: str
    source: str
    confidence: Confidence
    as_of: date
    criteria: Criteria
    rules: tuple[Rule, ...]
    origin: str
    """The file it came from (``packs/bcbs_nc.toml``) or the name given for an extra pack."""


@dataclass(frozen=True, slots=True)
class RuleBook:
    """All rules by pathway, and all packs by id."""

    rules: dict[PathwayId, tuple[Rule, ...]]
    packs: dict[str, PackInfo]
    _with_pack: dict[str, dict[PathwayId, tuple[Rule, ...]]] = field(default_factory=dict)

    def rules_with(self, pack: PackInfo) -> dict[PathwayId, tuple[Rule, ...]]:
        """Each pathway's rules followed by the pack's rules for it (computed once per pack)."""
        found = self._with_pack.get(pack.id)
        if found is None:
            found = {
                pathway: rules + tuple(r for r in pack.rules if pathway in r.pathways)
                for pathway, rules in self.rules.items()
            }
            self._with_pack[pack.id] = found
        return found

    def pack(self, pack_id: str | None) -> tuple[PackInfo, str | None]:
        """The pack to judge by, and a warning when the requested id is not known."""
        if pack_id is None:
            return self.packs[DEFAULT_PACK], None
        found = self.packs.get(pack_id)
        if found is None:
            return self.packs[DEFAULT_PACK], (
                f"plan.criteria_pack {pack_id!r} is not a known criteria pack; "
                f"judged by {DEFAULT_PACK} instead."
            )
        return found, None


def load_rules(extra_packs: Sequence[tuple[str, str]] = ()) -> RuleBook:
    """The rule book: shipped rules and packs, plus ``extra_packs`` given as (name, TOML text).

    Shipped files are parsed once per process; extra packs once per distinct content.
    """
    return _book(tuple(extra_packs))


@lru_cache(maxsize=32)
def _book(extra_packs: tuple[tuple[str, str], ...]) -> RuleBook:
    rules, packs = _shipped()
    packs = dict(packs)
    for name, text in extra_packs:
        pack = parse_pack(text, name, shipped=False)
        if pack.id in packs:
            raise RuleFileError(
                f"{name}: pack id {pack.id!r} is already defined by {packs[pack.id].origin}"
            )
        packs[pack.id] = pack
    by_pathway = {
        pathway: tuple(rule for rule in rules if pathway in rule.pathways) for pathway in PathwayId
    }
    return RuleBook(rules=by_pathway, packs=packs)


@cache
def _shipped() -> tuple[tuple[Rule, ...], dict[str, PackInfo]]:
    root = resources.files("ketacover.core.coverage").joinpath("rules")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    rule_files = sorted(
        (entry for entry in root.iterdir() if entry.name.endswith(".toml")), key=lambda e: e.name
    )
    if not rule_files:
        raise RuleFileError("ketacover/core/coverage/rules/: no rule files found")
    for entry in rule_files:
        origin = f"rules/{entry.name}"
        text = entry.read_text(encoding="utf-8")
        document = parse_toml(text, origin)
        _only_keys(document, {"rule"}, origin)
        for rule in parse_rules(document.get("rule"), origin, text):
            if rule.id in seen:
                raise RuleFileError(f"{origin}: rule id {rule.id!r} also in {seen[rule.id]}")
            seen[rule.id] = origin
            rules.append(rule)
    packs: dict[str, PackInfo] = {}
    for entry in sorted(root.joinpath("packs").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            pack = parse_pack(entry.read_text(encoding="utf-8"), f"rules/packs/{entry.name}")
            packs[pack.id] = pack
    if DEFAULT_PACK not in packs:
        raise RuleFileError(f"rules/packs/{DEFAULT_PACK}.toml: the default pack is missing")
    return tuple(rules), packs


def parse_pack(text: str, origin: str, *, shipped: bool = True) -> PackInfo:
    """Parse and check one pack file; a clinic's own pack (``shipped=False``) may cite its
    payer's document in words instead of by id in the sources list."""
    document = parse_toml(text, origin)
    _only_keys(document, {"pack", "rule"}, origin)
    table = document.get("pack")
    if not isinstance(table, dict):
        raise RuleFileError(f"{origin}: a pack file needs a [pack] table")
    pack_id = table.get("id")
    line = line_of(text, pack_id) if pack_id is not None else None
    where = f"{origin}, pack {pack_id}" + (f" (line {line})" if line else "")
    unknown = set(table) - _PACK_KEYS
    absent = sorted(_PACK_KEYS - set(table))
    if unknown or absent:
        problem = f"unknown key(s) {', '.join(sorted(unknown))}" if unknown else ""
        problem = problem or f"missing key(s) {', '.join(absent)}"
        raise RuleFileError(f"{where}: {problem}")
    try:
        criteria = _criteria(table["criteria"])
        texts = {key: _nonempty(table[key], key) for key in ("id", "name", "payer", "explain")}
        source = cited(table["source"], shipped)
        confidence = Confidence(table["confidence"])
        as_of = table["as_of"]
        if not isinstance(as_of, date):
            raise ValueError(f"as_of must be a date (YYYY-MM-DD), not {as_of!r}")
    except (ValueError, TypeError) as error:
        raise RuleFileError(f"{where}: {error}") from None
    return PackInfo(
        id=texts["id"],
        name=texts["name"],
        payer=texts["payer"],
        explain=texts["explain"],
        source=source,
        confidence=confidence,
        as_of=as_of,
        criteria=criteria,
        rules=parse_rules(document.get("rule"), origin, text, _PACK_PATHWAYS, shipped=shipped),
        origin=origin,
    )


def _criteria(value: object) -> Criteria:
    if not isinstance(value, dict):
        raise ValueError("criteria must be a table")
    unknown = set(value) - _CRITERIA_KEYS
    if unknown:
        raise ValueError(f"unknown criteria key(s) {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, item in value.items():
        if key in ("augmentation_required", "augmentation_or_psychotherapy", "current_episode"):
            if not isinstance(item, bool):
                raise ValueError(f"criteria.{key} must be true or false")
            values[key] = item
        elif item == "none" and key in _NONE_OK:
            values[key] = None
        elif isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise ValueError(
                f"criteria.{key} must be a whole number of 0 or more"
                + (' (or "none" when the policy states none)' if key in _NONE_OK else "")
            )
        else:
            values[key] = Decimal(item) if key == "max_improvement_percent" else item
    return Criteria(**values)


def _nonempty(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be non-empty text")
    return value.strip()


def _only_keys(document: dict[str, Any], allowed: set[str], origin: str) -> None:
    unknown = set(document) - allowed
    if unknown:
        raise RuleFileError(f"{origin}: unknown top-level key(s) {', '.join(sorted(unknown))}")
