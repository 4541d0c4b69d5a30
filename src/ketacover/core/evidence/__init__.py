"""The evidence library: peer-reviewed studies and guidelines as data, tagged with the
conditions, treatments and claims they support, for letters to cite.

Only what the evidence library verifies is stored. KetECT is never cited as
showing ketamine equals ECT (ECT was superior on remission); ELEKT-D is the non-inferiority
trial. Counterpoints (Abdallah 2022) are kept for the prescriber's preparation and never selected
in support of a request unless asked for.
"""

from ketacover.core.evidence.citation import CLAIMS, Citation, Condition, Tags
from ketacover.core.evidence.library import (
    EvidenceFileError,
    UnknownEvidenceError,
    all_citations,
    citation,
    condition_of,
    parse_citations,
    select,
)

__all__ = [
    "CLAIMS",
    "Citation",
    "Condition",
    "EvidenceFileError",
    "Tags",
    "UnknownEvidenceError",
    "all_citations",
    "citation",
    "condition_of",
    "parse_citations",
    "select",
]
