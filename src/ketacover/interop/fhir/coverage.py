"""Coverage resources to the case's plan: payer, member ID, group, plan name, category, plan type.

``Coverage.type`` is read in two code systems:

- the Source of Payment Typology (PHDSC, now kept by NAHDO; system ``https://nahdo.org/sopt``,
  OID 2.16.840.1.113883.3.221.5), which US Core uses for payer types. Only codes that name one
  of ketacover's categories set it: 11x Medicare managed care (Medicare Advantage), 12, 121 and
  129 Medicare non-managed care (Original Medicare), 21x Medicaid managed care, 22 Medicaid
  non-managed care, 311x TRICARE, 522 and 622 self-insured (ERISA) ASO plans. A private-insurance
  code such as 512 does not say whether an employer plan is fully insured or self-funded, nor
  whether it is a Marketplace plan, so the category is left for a person and the report says so;
  its plan type (HMO, PPO, POS, EPO, indemnity) is kept.
- the HL7 v3 ActCode system (``http://terminology.hl7.org/CodeSystem/v3-ActCode``), whose
  health-insurance types include ``HMO`` (health maintenance organization policy), ``PPO``
  (preferred provider organization policy) and ``POS`` (point of service policy). ActCode has no
  EPO code and names no payer category; ``HIP``, ``MCPOL`` and the like leave the type unknown.

``Coverage.payor`` is resolved through :class:`~ketacover.interop.fhir.references.References`
(``urn:uuid:`` fullUrls, absolute URLs, ``Type/id``, contained resources). The member ID is the
identifier typed ``MB`` (member number, HL7 v2 table 0203; an early CARIN Blue Button draft's
``mb``), else ``subscriberId``, else the first identifier. ``class`` gives the group (its value is
the group number, its name the group name) and the plan (its name, else its value).
"""

from __future__ import annotations

from typing import Final

from fhir.resources.R4B.coverage import Coverage
from fhir.resources.R4B.organization import Organization

from ketacover.core.model import PayerCategory, Plan, PlanType
from ketacover.core.sourcebook import cite
from ketacover.interop.fhir.bundle import Entry
from ketacover.interop.fhir.references import References
from ketacover.interop.fhir.report import Log
from ketacover.interop.fhir.values import codes, first

SOPT_SYSTEMS: Final = frozenset({"https://nahdo.org/sopt", "urn:oid:2.16.840.1.113883.3.221.5"})
"""The system URIs of the Source of Payment Typology."""
ACT_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
"""The system URI of the HL7 v3 ActCode code system."""
SOURCE: Final = cite("phdsc-source-of-payment-typology")
"""The authority for the payer-type codes read here (seen in a published copy of the value set)."""
ACT_CODE_SOURCE: Final = cite("hl7-v3-acthealthinsurancetypecode")
"""The authority for the ActCode plan types read here."""

_CATEGORY_BY_PREFIX: Final = (
    ("11", PayerCategory.MEDICARE_ADVANTAGE),
    ("21", PayerCategory.MEDICAID_MANAGED_CARE),
    ("311", PayerCategory.TRICARE),
)
_CATEGORY_BY_CODE: Final = {
    "12": PayerCategory.MEDICARE,
    "121": PayerCategory.MEDICARE,
    "129": PayerCategory.MEDICARE,
    "22": PayerCategory.MEDICAID,
    "522": PayerCategory.COMMERCIAL_SELF_FUNDED,
    "622": PayerCategory.COMMERCIAL_SELF_FUNDED,
}
_PLAN_TYPES: Final = {
    "111": PlanType.HMO,
    "112": PlanType.PPO,
    "113": PlanType.POS,
    "211": PlanType.HMO,
    "212": PlanType.PPO,
    "3111": PlanType.HMO,
    "3112": PlanType.PPO,
    "3116": PlanType.HMO,
    "511": PlanType.HMO,
    "512": PlanType.PPO,
    "513": PlanType.POS,
    "514": PlanType.EPO,
    "521": PlanType.INDEMNITY,
    "611": PlanType.HMO,
    "612": PlanType.PPO,
    "613": PlanType.POS,
    "62": PlanType.INDEMNITY,
    "71": PlanType.HMO,
    "72": PlanType.PPO,
    "73": PlanType.POS,
}
_ACT_PLAN_TYPES: Final = {"HMO": PlanType.HMO, "PPO": PlanType.PPO, "POS": PlanType.POS}
_MEMBER_TYPES: Final = (
    ("http://terminology.hl7.org/CodeSystem/v2-0203", "MB"),
    ("http://hl7.org/fhir/us/carin-bb/CodeSystem/IdentifierTypeCS", "mb"),
)
_COVERAGE_CLASS: Final = "http://terminology.hl7.org/CodeSystem/coverage-class"
_UNUSABLE: Final = frozenset({"entered-in-error", "cancelled"})


def sopt_category(code: str) -> PayerCategory | None:
    """The category a Source of Payment Typology code names, or ``None`` when it names none."""
    if code in _CATEGORY_BY_CODE:
        return _CATEGORY_BY_CODE[code]
    for prefix, category in _CATEGORY_BY_PREFIX:
        if code.startswith(prefix):
            return category
    return None


def plan_type(coverage: Coverage) -> PlanType | None:
    """The network design ``Coverage.type`` names in either code system, or ``None``."""
    for system in SOPT_SYSTEMS:
        for code in codes(coverage.type, system):
            if code in _PLAN_TYPES:
                return _PLAN_TYPES[code]
    for code in codes(coverage.type, ACT_CODE):
        if code.upper() in _ACT_PLAN_TYPES:
            return _ACT_PLAN_TYPES[code.upper()]
    return None


def plan(entries: tuple[Entry, ...], index: References, log: Log) -> tuple[Plan | None, bool]:
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
    payer = _payer(chosen, coverage, index)
    if payer is None:
        log.skip(chosen, "no payor name (payor display or a named Organization in the bundle)")
        return None, False
    type_codes = [c for system in SOPT_SYSTEMS for c in codes(coverage.type, system)]
    category = next((sopt_category(c) for c in type_codes if sopt_category(c)), None)
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
            plan_type=plan_type(coverage),
            plan_name=_class_value(coverage, "plan", name=True),
            member_id=_member_id(coverage),
            group_number=_class_value(coverage, "group", name=False),
            group_name=_class_name(coverage, "group"),
        ),
        category is not None,
    )


def _coverage(entry: Entry) -> Coverage:
    assert isinstance(entry.resource, Coverage)
    return entry.resource


def _payer(entry: Entry, coverage: Coverage, index: References) -> str | None:
    for payor in coverage.payor or ():
        if payor.display and payor.display.strip():
            return str(payor.display).strip()
        target = index.resolve(payor, entry)
        if isinstance(target, Organization) and target.name and target.name.strip():
            return str(target.name).strip()
    return None


def _member_id(coverage: Coverage) -> str | None:
    identifiers = list(coverage.identifier or ())
    members = [
        each
        for each in identifiers
        if any(code in codes(each.type, system) for system, code in _MEMBER_TYPES)
    ]
    candidates = [str(each.value) for each in members if each.value]
    candidates.append(str(coverage.subscriberId or ""))
    candidates += [str(each.value) for each in identifiers if each.value]
    return first(candidates)


def _class_value(coverage: Coverage, kind: str, *, name: bool) -> str | None:
    for each in coverage.class_fhir or ():
        if kind in codes(each.type, _COVERAGE_CLASS):
            candidates = [each.name, each.value] if name else [each.value]
            return first(str(text) for text in candidates if text)
    return None


def _class_name(coverage: Coverage, kind: str) -> str | None:
    for each in coverage.class_fhir or ():
        if kind in codes(each.type, _COVERAGE_CLASS) and each.name:
            return first([str(each.name)])
    return None
