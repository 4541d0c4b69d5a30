"""Coverage assessment: which ways to pay for ketamine-family treatment are open for a case, how
likely each is, why (rule, plain words, source), what is missing and what to do next.

Rules are data (``rules/*.toml``) and payer criteria are packs (``rules/packs/*.toml``); see
``docs/rules.md``. Each rule's source names an entry of :mod:`ketacover.core.sourcebook`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketacover.core.lazy import lazy_exports

if TYPE_CHECKING:
    from ketacover.core.coverage.engine import assess
    from ketacover.core.coverage.result import (
        Action,
        Assessment,
        ChecklistItem,
        ChecklistStatus,
        MissingFact,
        PathwayAssessment,
        PathwayId,
        Reason,
        Verdict,
    )
    from ketacover.core.coverage.rulebook import PackInfo, RuleBook, load_rules

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "engine": ("assess",),
        "result": (
            "Action",
            "Assessment",
            "ChecklistItem",
            "ChecklistStatus",
            "MissingFact",
            "PathwayAssessment",
            "PathwayId",
            "Reason",
            "Verdict",
        ),
        "rulebook": (
            "PackInfo",
            "RuleBook",
            "load_rules",
        ),
    },
)


def list_packs() -> list[PackInfo]:
    """The shipped payer criteria packs, by id."""
    from ketacover.core.coverage.rulebook import load_rules

    return sorted(load_rules().packs.values(), key=lambda pack: pack.id)


__all__ = [
    "Action",
    "Assessment",
    "ChecklistItem",
    "ChecklistStatus",
    "MissingFact",
    "PackInfo",
    "PathwayAssessment",
    "PathwayId",
    "Reason",
    "RuleBook",
    "Verdict",
    "assess",
    "list_packs",
    "load_rules",
]
