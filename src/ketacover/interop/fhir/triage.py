"""Which resources of a bundle the importer reads, decided on their parsed JSON alone.

Validating a resource with the ``fhir.resources`` classes costs about a third of a millisecond,
and an EHR export is mostly resources a case does not use (vital signs, lab results, documents).
:func:`reason_to_skip` sets those aside before validation, with the reason the report gives:

- a resource type the importer does not read (:data:`READ_TYPES`, :data:`REFERENCED_TYPES`);
- an Observation coded in LOINC with no PHQ-9 or GAD-7 total code, or not coded in LOINC;
- an ExplanationOfBenefit whose type is coded, but not as a pharmacy claim.

Anything whose shape it cannot read is not set aside: the validation then names the problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ketacover.interop.fhir.medications import CLAIM_TYPE, MEDICATION_TYPES
from ketacover.interop.fhir.values import LOINC

SCALE_CODES: Final = {"44261-6": "PHQ-9", "70274-6": "GAD-7"}
"""LOINC codes of the rating-scale totals read (PHQ-9 and GAD-7 totals)."""
READ_TYPES: Final = frozenset(
    {"Patient", "Coverage", "Condition", "Observation", *MEDICATION_TYPES}
)
"""The resource types mapped into the case."""
REFERENCED_TYPES: Final = frozenset({"Organization", "Medication", "Encounter"})
"""Resource types read only for what other records refer to: a Coverage's payor, a record's
medication, an encounter's ranked diagnoses."""


def reason_to_skip(resource: Mapping[str, Any]) -> str | None:
    """Why ``resource`` (parsed JSON) is not read, or ``None`` when it is to be validated."""
    kind = resource.get("resourceType")
    if kind not in READ_TYPES and kind not in REFERENCED_TYPES:
        return f"ketacover does not read {kind} resources"
    if kind == "Observation":
        found = _codes(resource.get("code"), LOINC)
        if found is not None and not any(code in SCALE_CODES for code in found):
            shown = f"LOINC {found[0]} is" if found else "no LOINC code, so"
            return f"{shown} not a PHQ-9 (44261-6) or GAD-7 (70274-6) total"
    if kind == "ExplanationOfBenefit":
        found = _codes(resource.get("type"), CLAIM_TYPE)
        if found and "pharmacy" not in found:
            return "not a pharmacy claim (only pharmacy claims show drugs filled)"
    return None


def _codes(concept: object, system: str) -> list[str] | None:
    """The codes of a CodeableConcept's JSON in ``system``; ``None`` when its shape is not one
    this reader can trust (left for validation to judge)."""
    if not isinstance(concept, dict):
        return None
    codings = concept.get("coding", [])
    if not isinstance(codings, list):
        return None
    found: list[str] = []
    for coding in codings:
        if not isinstance(coding, dict):
            return None
        code = coding.get("code")
        if coding.get("system") == system and isinstance(code, str) and code.strip():
            found.append(code)
    return found
