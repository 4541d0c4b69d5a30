"""Where a statement comes from, and how sure we are of it.

Every rule, deadline and code fact ketacover asserts carries a :class:`Source`, built from the
sources list (:mod:`ketacover.core.sourcebook`) by id. A reader sees the public document (the
citation); how sure we are is said in words where it matters ("partly verified", "not confirmed:
ask your plan"), never as a mark or an internal key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Confidence(StrEnum):
    """How well a fact is supported by the documents found."""

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
    def caution(self) -> str:
        """What a reader is told about a fact this sure, or "" when it is verified."""
        return {
            "verified": "",
            "partly_verified": "partly verified",
            "unverified": "not confirmed in a public source",
        }[self.value]

    @property
    def suffix(self) -> str:
        """The caution in parentheses after a statement (" (partly verified)"), or ""."""
        return f" ({self.caution})" if self.caution else ""


@dataclass(frozen=True, slots=True)
class Source:
    """A citation (regulation, policy, label, article) with its confidence."""

    citation: str
    """E.g. ``29 CFR 2560.503-1(h)(3)(i)`` or ``Premera Blue Cross ... 5.01.609, 2026-03-01``."""
    confidence: Confidence = Confidence.VERIFIED
    """How well the statement is supported."""
    url: str | None = None
    """A public address for the source, when there is one."""
    key: str = ""
    """The id of its entry in the sources list, "" for a document named on a case (a notice)."""

    def __str__(self) -> str:
        """The citation, with a caution in words when it is not verified."""
        return f"{self.citation}{self.confidence.suffix}"
