"""A citation in the evidence library: the bibliographic fields the evidence library verifies,
what the work supports (tags) and how sure we are of its details (confidence).

Fields no source confirms are never stored (``None``); a citation with a partly
verified field carries ``Confidence.PARTLY_VERIFIED``.

>>> from ketacover.core.evidence import citation
>>> citation("zarate-2006").formatted()[:28]
'Zarate CA Jr, Singh JB, Carl'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ketacover.core.model import Treatment
from ketacover.core.sources import Confidence


class Condition(StrEnum):
    """The conditions the evidence library sorts studies by (see :func:`condition_of`)."""

    DEPRESSION = "depression"
    """Major depression, including treatment-resistant depression (F32, F33)."""
    SUICIDAL_IDEATION = "suicidal_ideation"
    """Depression with suicidal ideation (R45.851)."""
    PTSD = "ptsd"
    """Posttraumatic stress disorder (F43.1-)."""
    PAIN = "pain"
    """CRPS (G90.5-, G56.4-, G57.7-), chronic pain syndrome (G89.4), fibromyalgia (M79.7)."""
    OTHER = "other"
    """None of the above (e.g. bipolar depression): no evidence is selected."""


CLAIMS: Final[dict[str, str]] = {
    "efficacy": "the treatment worked better than the comparison in a controlled trial",
    "rapid_action": "the treatment reduced symptoms rapidly",
    "relapse_prevention": "continued treatment prevented relapse",
    "repeated_treatment": "a course of repeated treatments was studied",
    "non_inferior_to_ect": "ketamine was non-inferior to ECT (ELEKT-D only)",
    "severe_depression": "ketamine worked in severe depression (not equivalence to ECT)",
    "active_comparator": "the treatment beat an active comparator",
    "consensus": "a guideline or consensus statement of professional bodies or experts",
    "fda_approval_basis": "the trial an FDA approval was based on",
    "counterpoint": "a result reviewers may raise against the treatment (never cited in support)",
}
"""The claims a citation can support, with what each means."""


@dataclass(frozen=True, slots=True)
class Tags:
    """What a citation supports: for which conditions, treatments and claims."""

    conditions: tuple[Condition, ...]
    treatments: tuple[Treatment, ...]
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """One study or guideline, with only the fields a source confirms (the rest are ``None``)."""

    id: str
    """Stable id, ``firstauthor-year`` (``anand-2023``)."""
    authors: str | None
    """Authors as AMA style lists them (``Zarate CA Jr, Singh JB, Carlson PJ, et al.``)."""
    title: str | None
    journal: str
    """Journal abbreviation as AMA style writes it (``Arch Gen Psychiatry``)."""
    year: int
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    trial: str | None = None
    """The study's short name (``ELEKT-D``), when it has one."""
    finding: str | None = None
    """The key result in one line, only where a source states one."""
    tags: Tags
    confidence: Confidence
    """``VERIFIED`` when every stored field is verified, else ``PARTLY_VERIFIED``."""

    def formatted(self) -> str:
        """The reference in AMA-like style, leaving out whatever is not stored.

        ``Authors. Title. Journal. Year;Volume(Issue):Pages. doi:DOI. PMID N. PMCID PMCN.``
        """
        parts = [_sentence(text) for text in (self.authors, self.title) if text]
        source = f"{self.journal}. {self.year}"
        if self.volume:
            source += f";{self.volume}"
            if self.issue:
                source += f"({self.issue})"
            if self.pages:
                source += f":{self.pages}"
        parts.append(f"{source}.")
        if self.doi:
            parts.append(f"doi:{self.doi}.")
        if self.pmid:
            parts.append(f"PMID {self.pmid}.")
        if self.pmcid:
            parts.append(f"PMCID {self.pmcid}.")
        return " ".join(parts)

    @property
    def short(self) -> str:
        """``Anand et al. (ELEKT-D), 2023``: how running text names the work."""
        if self.authors:
            first = self.authors.split(",")[0].split(" ")[0]
            more = " et al." if "," in self.authors else ""
        else:
            first, more = self.journal, ""
        trial = f" ({self.trial})" if self.trial else ""
        return f"{first}{more}{trial}, {self.year}"

    def supports(self, claim: str) -> bool:
        """Whether the citation is tagged with ``claim``."""
        return claim in self.tags.claims


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
