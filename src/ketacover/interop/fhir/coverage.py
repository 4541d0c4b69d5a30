"""Coverage resources to the case's plan: payer, member ID, group number, category, plan type.

The category comes from ``Coverage.type`` when it is coded in the Source of Payment Typology
(PHDSC; system ``https://nahdo.org/sopt``, OID 2.16.840.1.113883.3.221.5), which US Core uses for
payer types. Only codes that name one of ketacover's categories are mapped: 11x Medicare managed
care (which includes Medicare Advantage), 121 Medicare fee-for-service, 21x Medicaid managed care,
22 Medicaid non-managed care, 311x TRICARE. A private-insurance code (5xx) does not say whether an
employer plan is fully insured or self-funded, nor whether it is a Marketplace plan, so the
category is then left unknown and the report says so; its plan type (HMO, PPO, POS, EPO) is kept.
"""

from __future__ import annotations

from typing import Final

from fhir.resources.R4B.coverage import Coverage
from fhir.resources.R4B.organization import Organization

from ketacover.core.model import PayerCategory, Plan, PlanType
from ketacover.core.sourcebook import cite
from ketacover.interop.fhir.bundle import Entry
from ketacover.interop.fhir.report import Log
from ketacover.interop.fhir.values import codes, first

SOPT_SYSTEMS: Final = frozenset({"https://nahdo.org/sopt", "urn:oid:2.16.840.1.113883.3.221.5"})
"""The system URIs of the Source of Payment Typology."""
SOURCE: Final = cite("code-phdsc-sopt")
"""The authority for the payer-type codes read here (seen in a published copy of the value set)."""

_CATEGORY_BY_PREFIX: Final = (
    ("11", PayerCategory.MEDICARE_ADVANTAGE),
    ("121", PayerCategory.MEDICARE),
    ("21", PayerCategory.MEDICAID_MANAGED_CARE),
    ("22", PayerCategory.MEDICAID),
    ("311", PayerCategory.TRICARE),
)
_PLAN_TYPES: Final = {
    "111": PlanType.HMO,
    "112": PlanType.PPO,
    "113": PlanType.POS,
    "211": PlanType.HMO,
    "212": PlanType.PPO,
    "3111": PlanType.HMO,
    "3112": PlanType.PPO,
    "511": PlanType.HMO,
    "512": PlanType.PPO,
    "513": PlanType.POS,
    "514": PlanType.EPO,
}
_MEMBER: Final = "MB"
_V2_0203: Final = "http://terminology.hl7.org/CodeSystem/v2-0203"
_COVERAGE_CLASS: Final = "http://terminology.hl7.org/CodeSystem/coverage-class"
_UNUSABLE: Final = frozenset({"entered-in-error", "cancelled"})


def sopt_category(code: str) -> PayerCategory | None:
    """The category a Source of Payment Typology code names, or ``None`` when it names none."""
    for prefix, category in _CATEGORY_BY_PREFIX:
        if code.startswith(prefix):
            return category
    return None


def plan(entries: tuple[Entry, ...], index: dict[str, Entry], log: Log) -> tuple[Plan | None, bool]:
    """The plan from the bundle's Coverage, and whether its category was recognized."""
    found = [entry for entry in entries if entry.resource_type == "Coverage"]
    usable = [entry for entry in found if _coverage(entry).status not in _UNUSABLE]
    for entry in found:
        if entry not in usable:
            log.skip(entry, f"its status is {_coverage(entry).status}")
    if not usable:
        if not found:
            log.note("plan: the bundle has no Coverage, so the plan is left out")
        return None, False
    usable.sort(key=lambda entry: _coverage(entry).status != "active")
    chosen = usable[0]
    for entry in usable[1:]:
        log.skip(entry, f"another Coverage: the plan was taken from {chosen.source_id}")
    coverage = _coverage(chosen)
    payer = _payer(coverage, index)
    if payer is None:
        log.skip(chosen, "no payor name (payor display or a named Organization in the bundle)")
        return None, False
    type_codes = [c for system in SOPT_SYSTEMS for c in codes(coverage.type, system)]
    category = next((sopt_category(c) for c in type_codes if sopt_category(c)), None)
    plan_type = next((_PLAN_TYPES[c] for c in type_codes if c in _PLAN_TYPES), None)
    if category is None:
        log.note(
            "plan.category: the Coverage type does not say which kind of plan this is "
            "(employer fully insured or self-funded, Marketplace, Medicare, Medicaid, ...); it is "
            "set to 'other' until someone sets it, because it decides the deadlines"
        )
    return (
        Plan(
            payer=payer,
            category=category or PayerCategory.OTHER,
            plan_type=plan_type,
            plan_name=_class_value(coverage, "plan", name=True),
            member_id=_member_id(coverage),
            group_number=_class_value(coverage, "group", name=False),
        ),
        category is not None,
    )


def _coverage(entry: Entry) -> Coverage:
    assert isinstance(entry.resource, Coverage)
    return entry.resource


def _payer(coverage: Coverage, index: dict[str, Entry]) -> str | None:
    for payor in coverage.payor or ():
        if payor.display and payor.display.strip():
            return str(payor.display).strip()
        target = index.get(str(payor.reference)) if payor.reference else None
        if target is not None and isinstance(target.resource, Organization):
            name = target.resource.name
            if name and name.strip():
                return str(name).strip()
    return None


def _member_id(coverage: Coverage) -> str | None:
    if coverage.subscriberId and coverage.subscriberId.strip():
        return str(coverage.subscriberId).strip()
    identifiers = list(coverage.identifier or ())
    members = [each for each in identifiers if _MEMBER in codes(each.type, _V2_0203)]
    return first(str(each.value) for each in members + identifiers if each.value)


def _class_value(coverage: Coverage, kind: str, *, name: bool) -> str | None:
    for each in coverage.class_fhir or ():
        if kind in codes(each.type, _COVERAGE_CLASS):
            candidates = [each.name, each.value] if name else [each.value]
            return first(str(text) for text in candidates if text)
    return None
