"""Where a statement comes from, and how sure we are of it.

Every rule, deadline and code fact ketacover asserts carries a :class:`Source`. The confidence marks
mirror ``shared/domain/facts.md``: verified [V], partly verified [PV], unverified [U]. What is
unverified is shown as unverified wherever it appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Confidence(StrEnum):
    """How well a fact is supported, as marked in the domain facts."""

    VERIFIED = "verified"
    """An authoritative or primary source, or several independent sources that agree."""
    PARTLY_VERIFIED = "partly_verified"
    """One secondary source, an older snapshot, or sources that disagree on a detail."""
    UNVERIFIED = "unverified"
    """Not confirmed in a source: shown as unverified, never presented as settled."""

    @property
    def label(self) -> str:
        """Plain words: ``verified``, ``partly verified`` or ``unverified``."""
        return self.value.replace("_", " ")

    @property
    def mark(self) -> str:
        """The short mark used in facts.md: ``V``, ``PV`` or ``U``."""
        return {"verified": "V", "partly_verified": "PV", "unverified": "U"}[self.value]


@dataclass(frozen=True, slots=True)
class Source:
    """A citation (regulation, policy, label, article) with its confidence."""

    citation: str
    """E.g. ``29 CFR 2560.503-1(h)(3)(i)`` or ``Premera policy 5.01.609``."""
    confidence: Confidence = Confidence.VERIFIED
    """How well the statement is supported."""
    url: str | None = None
    """A public address for the source, when there is one."""

    def __str__(self) -> str:
        suffix = "" if self.confidence is Confidence.VERIFIED else f" [{self.confidence.mark}]"
        return f"{self.citation}{suffix}"
