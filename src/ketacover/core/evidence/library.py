"""The evidence library: the citations in ``citations.toml``, loaded once, and the choice of the
ones that fit a diagnosis, a treatment and the claims a letter makes.

Data come from the evidence library. A missing or malformed data file is a loud
:class:`EvidenceFileError` naming the file and the citation, never an empty library.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, Final

from ketacover.core.codes import icd10cm
from ketacover.core.errors import KetacoverError
from ketacover.core.evidence.citation import CLAIMS, Citation, Condition, Tags
from ketacover.core.model import Case, Treatment
from ketacover.core.sources import Confidence

DATA_FILE: Final = "ketacover/core/evidence/citations.toml"

_REQUIRED: Final = frozenset({"id", "journal", "year", "confidence", "conditions", "treatments"})
_OPTIONAL_TEXT: Final = (
    "authors",
    "title",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "trial",
    "finding",
)
_KEYS: Final = _REQUIRED | frozenset(_OPTIONAL_TEXT) | {"claims"}

_BROADER: Final[dict[Condition, tuple[Condition, ...]]] = {
    Condition.SUICIDAL_IDEATION: (Condition.DEPRESSION,),
}
"""Evidence for a broader condition that still fits: depression with suicidal ideation is
depression."""

_PAIN_PREFIXES: Final = ("G90.5", "G56.4", "G57.7", "G89.4", "M79.7")


class EvidenceFileError(KetacoverError):
    """The citations data file is missing or malformed; the message names the file and entry."""


class UnknownEvidenceError(KetacoverError, ValueError):
    """A citation id, condition or claim the library does not know."""


def all_citations() -> tuple[Citation, ...]:
    """Every citation in the library, in file order."""
    return _library()


def citation(citation_id: str) -> Citation:
    """The citation with ``citation_id``; raises :class:`UnknownEvidenceError` if none."""
    for item in _library():
        if item.id == citation_id:
            return item
    raise UnknownEvidenceError(f"no citation with id {citation_id!r} in {DATA_FILE}")


def select(
    *,
    condition: str,
    treatment: Treatment,
    claims: Iterable[str] = (),
    limit: int | None = None,
) -> tuple[Citation, ...]:
    """The citations for ``condition`` and ``treatment``, most relevant first.

    A citation fits when it is tagged with the treatment and with the condition (or, for
    suicidal ideation, with depression, ranked after the exact matches). When ``claims`` are
    given, only citations supporting at least one of them fit, ranked by the first claim they
    support in the order given. Ties go to the newer work, then to the id. ``counterpoint``
    citations are returned only when that claim is asked for.
    """
    try:
        wanted = Condition(condition)
    except ValueError:
        known = ", ".join(c.value for c in Condition)
        raise UnknownEvidenceError(
            f"unknown condition {condition!r}; the conditions are: {known}"
        ) from None
    claim_list = list(dict.fromkeys(claims))
    unknown = [claim for claim in claim_list if claim not in CLAIMS]
    if unknown:
        raise UnknownEvidenceError(
            f"unknown claim(s) {', '.join(map(repr, unknown))}; the claims are: {', '.join(CLAIMS)}"
        )
    scopes = (wanted, *_BROADER.get(wanted, ()))
    ranked: list[tuple[tuple[int, int, int, str], Citation]] = []
    for item in _library():
        if treatment not in item.tags.treatments:
            continue
        scope = next((i for i, c in enumerate(scopes) if c in item.tags.conditions), None)
        if scope is None:
            continue
        if item.supports("counterpoint") and "counterpoint" not in claim_list:
            continue
        matched = [i for i, claim in enumerate(claim_list) if item.supports(claim)]
        if claim_list and not matched:
            continue
        first = matched[0] if matched else 0
        ranked.append(((scope, first, -item.year, item.id), item))
    ranked.sort(key=lambda pair: pair[0])
    chosen = tuple(item for _, item in ranked)
    return chosen if limit is None else chosen[:limit]


def condition_of(case: Case) -> str:
    """The condition the case's diagnoses put it in, for choosing evidence.

    From the ICD-10-CM codes (sourcebook codes.toml): F32/F33 depression, R45.851 suicidal
    ideation, F43.1- PTSD, G90.5-/G56.4-/G57.7- CRPS, G89.4 chronic pain syndrome and M79.7
    fibromyalgia (partly verified) are pain. The primary diagnosis decides; depression with R45.851
    anywhere on the case is ``suicidal_ideation``. A case with none of these codes is ``other``.
    """
    ordered = sorted(case.diagnoses, key=lambda d: not d.primary)
    found = [_condition(icd10cm.normalize(d.code)) for d in ordered]
    known = [c for c in found if c is not Condition.OTHER]
    if not known:
        return Condition.OTHER.value
    first = known[0]
    if first is Condition.DEPRESSION and Condition.SUICIDAL_IDEATION in known:
        return Condition.SUICIDAL_IDEATION.value
    if first is Condition.SUICIDAL_IDEATION and Condition.DEPRESSION not in known:
        return Condition.SUICIDAL_IDEATION.value
    return first.value


def _condition(code: str) -> Condition:
    if code.startswith(("F32", "F33")):
        return Condition.DEPRESSION
    if code == "R45.851":
        return Condition.SUICIDAL_IDEATION
    if code.startswith("F43.1"):
        return Condition.PTSD
    if code.startswith(_PAIN_PREFIXES):
        return Condition.PAIN
    return Condition.OTHER


@cache
def _library() -> tuple[Citation, ...]:
    entry = resources.files("ketacover.core.evidence").joinpath("citations.toml")
    try:
        text = entry.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvidenceFileError(f"{DATA_FILE}: the citations file is missing") from None
    return parse_citations(text, DATA_FILE)


def parse_citations(text: str, origin: str) -> tuple[Citation, ...]:
    """Parse and check a citations file; ``origin`` names it in error messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise EvidenceFileError(f"{origin}: {error}") from None
    entries = document.get("citation")
    if set(document) != {"citation"} or not isinstance(entries, list) or not entries:
        raise EvidenceFileError(f"{origin}: expected one or more [[citation]] tables and no more")
    citations: list[Citation] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}, citation {entry.get('id', f'#{number}')!r}"
        try:
            item = _citation(entry)
        except (ValueError, TypeError) as error:
            raise EvidenceFileError(f"{where}: {error}") from None
        if item.id in seen:
            raise EvidenceFileError(f"{where}: the id is used twice")
        seen.add(item.id)
        citations.append(item)
    return tuple(citations)


def _citation(entry: dict[str, Any]) -> Citation:
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    absent = sorted(_REQUIRED - set(entry))
    if absent:
        raise ValueError(f"missing key(s) {', '.join(absent)}")
    texts = {key: _text(entry, key) for key in ("id", "journal", *_OPTIONAL_TEXT)}
    year = entry["year"]
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"year must be a whole number, not {year!r}")
    claims = tuple(_strings(entry.get("claims", []), "claims"))
    bad_claims = [claim for claim in claims if claim not in CLAIMS]
    if bad_claims:
        raise ValueError(f"unknown claim(s) {', '.join(bad_claims)}")
    tags = Tags(
        conditions=tuple(Condition(c) for c in _strings(entry["conditions"], "conditions")),
        treatments=tuple(Treatment(t) for t in _strings(entry["treatments"], "treatments")),
        claims=claims,
    )
    if not tags.conditions or not tags.treatments:
        raise ValueError("conditions and treatments must each name at least one")
    if not (texts["authors"] or texts["title"] or texts["doi"]):
        raise ValueError("a citation needs authors, a title or a DOI to be found")
    return Citation(
        id=str(texts["id"]),
        authors=texts["authors"],
        title=texts["title"],
        journal=str(texts["journal"]),
        year=year,
        volume=texts["volume"],
        issue=texts["issue"],
        pages=texts["pages"],
        doi=texts["doi"],
        pmid=texts["pmid"],
        pmcid=texts["pmcid"],
        trial=texts["trial"],
        finding=texts["finding"],
        tags=tags,
        confidence=Confidence(entry["confidence"]),
    )


def _text(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be non-empty text")
    return value


def _strings(value: object, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of text")
    return list(value)
