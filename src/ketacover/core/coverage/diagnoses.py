"""Diagnosis groups by ICD-10-CM code: what the coverage rules and the checklist ask of a code.

Diagnosis groupings follow sourcebook codes.toml: depression F32.x/F33.x, psychotic
features F32.3/F33.3, bipolar F31.x, PTSD F43.1x, CRPS G90.5x/G56.4x/G57.7x, chronic pain
syndrome G89.4, fibromyalgia M79.7, suicidal ideation R45.851, and substance use disorders F10-F19
(nicotine, F17, left out: payers' exclusions are about mind-altering substances), in remission
when coded .11, .21 or .91 (abuse, dependence or use "in remission", e.g. F10.21) and active
otherwise (e.g. F10.20). A coded substance use disorder wins over the history flag: the payer
reads the codes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ketacover.core.model import SubstanceUse

_WITHOUT_PSYCHOSIS: Final = frozenset({"F322", "F332"})
_PSYCHOTIC: Final = frozenset({"F323", "F333"})
_CRPS: Final = ("G905", "G564", "G577")
_PAIN: Final = ("G894", "M797")
_SUBSTANCE: Final = tuple(f"F1{digit}" for digit in "0123456789" if digit != "7")
"""F10-F19, substance use disorders, without F17 (nicotine)."""
_REMISSION: Final = frozenset({"11", "21", "91"})
"""The fourth and fifth characters of an F1x code "in remission" (F10.11, F10.21, F10.91)."""


def normalize_code(code: str) -> str:
    """An ICD-10-CM code without the dot, upper case (``f33.2`` → ``F332``)."""
    return code.replace(".", "").strip().upper()


@lru_cache(maxsize=4096)
def dx_groups(code: str) -> frozenset[str]:
    """The diagnosis groups an ICD-10-CM code belongs to (see the module docstring)."""
    bare = normalize_code(code)
    groups = set()
    if bare.startswith(("F32", "F33")):
        groups.add("depression")
    if bare in _PSYCHOTIC:
        groups.add("psychotic")
    if bare in _WITHOUT_PSYCHOSIS:
        groups.add("without_psychosis")
    if bare.startswith("F31"):
        groups.add("bipolar")
    if bare.startswith("F431"):
        groups.add("ptsd")
    if bare.startswith(_CRPS):
        groups.update(("crps", "pain"))
    if bare.startswith(_PAIN):
        groups.add("pain")
    if bare == "R45851":
        groups.add("suicidal_ideation")
    if bare.startswith(_SUBSTANCE):
        remission = len(bare) == 5 and bare[3:5] in _REMISSION
        groups.add("substance_remission" if remission else "substance_active")
    return frozenset(groups)


def substance_use(groups: frozenset[str], flag: SubstanceUse | None) -> str | None:
    """Active when a code says so; in remission when a code says so and nothing says active."""
    if "substance_active" in groups:
        return SubstanceUse.ACTIVE.value
    if flag is not None:
        return flag.value
    if "substance_remission" in groups:
        return SubstanceUse.IN_REMISSION.value
    return None
