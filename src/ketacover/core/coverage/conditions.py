"""The small declarative condition language of rule files (no ``eval``).

A condition is a TOML table of one of these shapes::

    { all = [cond, ...] }          every one holds
    { any = [cond, ...] }          at least one holds
    { not = cond }                 the opposite
    { fact = "patient.age", gte = 18 }      compare a fact: eq, ne, in, not_in, gte, lte
    { is_true = "dx.bipolar" }     also is_false and is_unknown

Evaluation is three-valued (Kleene logic): a comparison on an unknown fact is unknown, ``all`` is
false if any part is false, ``any`` is true if any part is true, otherwise unknown wins over the
rest. Only ``is_unknown`` looks at unknown-ness itself. Conditions are compiled once into plain
Python closures, and every fact name, operator and operand is checked against the fact catalog
(:data:`ketacover.core.coverage.facts.FACTS`) when the rule file loads.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

from ketacover.core.coverage.facts import Facts, FactSpec, FactValue, Kind

Predicate = Callable[[Facts], bool | None]

BINARY: Final = ("eq", "ne", "in", "not_in", "gte", "lte")
UNARY: Final = ("is_true", "is_false", "is_unknown")
LOGIC: Final = ("all", "any", "not")


class ConditionError(ValueError):
    """A condition is malformed; the rule loader adds the file and rule id."""


@dataclass(frozen=True, slots=True)
class Compiled:
    """A compiled condition: the predicate and the facts it reads."""

    test: Predicate
    reads: frozenset[str]
    """Every fact the condition reads."""
    asks: frozenset[str]
    """Facts whose being unknown makes the condition unknown (all but ``is_unknown`` reads)."""


def compile_condition(node: object, catalog: Mapping[str, FactSpec]) -> Compiled:
    """Check ``node`` and turn it into a predicate. Raises :class:`ConditionError`."""
    if not isinstance(node, dict):
        raise ConditionError(f"a condition must be a table, not {node!r}")
    keys = set(node)
    if keys & set(LOGIC):
        return _logic(node, catalog)
    if keys & set(UNARY):
        return _unary(node, catalog)
    if "fact" in keys:
        return _binary(node, catalog)
    raise ConditionError(
        f"unknown operator in condition {sorted(keys)}; use one of "
        f"{', '.join(LOGIC + UNARY)} or fact with {', '.join(BINARY)}"
    )


def _logic(node: dict[str, object], catalog: Mapping[str, FactSpec]) -> Compiled:
    if len(node) != 1:
        raise ConditionError(f"a logic condition takes exactly one key, got {sorted(node)}")
    ((op, value),) = node.items()
    if op == "not":
        inner = compile_condition(value, catalog)
        test = inner.test

        def negate(facts: Facts) -> bool | None:
            result = test(facts)
            return None if result is None else not result

        return Compiled(negate, inner.reads, inner.asks)
    if not isinstance(value, list) or not value:
        raise ConditionError(f"{op} takes a non-empty list of conditions")
    parts = [compile_condition(item, catalog) for item in value]
    tests = tuple(part.test for part in parts)
    reads = frozenset().union(*(part.reads for part in parts))
    asks = frozenset().union(*(part.asks for part in parts))
    return Compiled(_all(tests) if op == "all" else _any(tests), reads, asks)


def _all(tests: tuple[Predicate, ...]) -> Predicate:
    def every(facts: Facts) -> bool | None:
        result: bool | None = True
        for test in tests:
            value = test(facts)
            if value is False:
                return False
            if value is None:
                result = None
        return result

    return every


def _any(tests: tuple[Predicate, ...]) -> Predicate:
    def some(facts: Facts) -> bool | None:
        result: bool | None = False
        for test in tests:
            value = test(facts)
            if value is True:
                return True
            if value is None:
                result = None
        return result

    return some


def _fact(name: object, catalog: Mapping[str, FactSpec]) -> tuple[str, FactSpec]:
    if not isinstance(name, str) or name not in catalog:
        raise ConditionError(f"unknown fact {name!r}")
    return name, catalog[name]


def _unary(node: dict[str, object], catalog: Mapping[str, FactSpec]) -> Compiled:
    if len(node) != 1:
        raise ConditionError(f"{sorted(node)}: is_true/is_false/is_unknown stand alone")
    ((op, value),) = node.items()
    name, spec = _fact(value, catalog)
    if op == "is_unknown":
        return Compiled(lambda facts: facts[name] is None, frozenset({name}), frozenset())
    if spec.kind is not Kind.BOOL:
        raise ConditionError(f"{op} needs a yes/no fact; {name} is a {spec.kind}")
    wanted = op == "is_true"

    def truth(facts: Facts) -> bool | None:
        value = facts[name]
        return None if value is None else value is wanted

    return Compiled(truth, frozenset({name}), frozenset({name}))


def _binary(node: dict[str, object], catalog: Mapping[str, FactSpec]) -> Compiled:
    ops = [key for key in node if key != "fact"]
    if len(ops) != 1 or ops[0] not in BINARY:
        raise ConditionError(
            f"unknown operator {', '.join(ops) or '(none)'} for fact {node.get('fact')!r}; "
            f"use one of {', '.join(BINARY)}"
        )
    op = ops[0]
    name, spec = _fact(node["fact"], catalog)
    operand = node[op]
    reads = frozenset({name})
    if op in ("in", "not_in"):
        if not isinstance(operand, list) or not operand:
            raise ConditionError(f"{op} on {name} needs a non-empty list")
        members = frozenset(_operand(item, name, spec, op) for item in operand)
        inside = op == "in"

        def member(facts: Facts) -> bool | None:
            value = facts[name]
            return None if value is None else (value in members) is inside

        return Compiled(member, reads, reads)
    target = _operand(operand, name, spec, op)
    if op in ("gte", "lte") and spec.kind not in (Kind.NUMBER, Kind.DATE):
        raise ConditionError(f"{op} needs a number or date fact; {name} is a {spec.kind}")
    return Compiled(_compare(op, name, target), reads, reads)


_COMPARE: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gte": operator.ge,
    "lte": operator.le,
}


def _compare(op: str, name: str, target: FactValue) -> Predicate:
    function = _COMPARE[op]

    def compare(facts: Facts) -> bool | None:
        value = facts[name]
        return None if value is None else function(value, target)

    return compare


def _operand(value: object, name: str, spec: FactSpec, op: str) -> FactValue:
    kind = spec.kind
    if kind is Kind.BOOL and isinstance(value, bool):
        return value
    if kind is Kind.NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value)) if isinstance(value, float) else value
    if kind is Kind.DATE and isinstance(value, date) and not isinstance(value, datetime):
        return value
    if kind is Kind.TEXT and isinstance(value, str):
        if spec.choices and value not in spec.choices:
            raise ConditionError(
                f"{op} on {name}: {value!r} is not one of {', '.join(sorted(spec.choices))}"
            )
        return value
    raise ConditionError(f"{op} on {name} needs a {kind} value, not {value!r}")
