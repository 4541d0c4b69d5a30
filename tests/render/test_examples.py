"""Every document kind for every example case, laid out as PDF, DOCX and HTML.

Each (kind, example) pair either composes, or is refused the way the REFUSALS table below says: a
new refusal, a refusal that goes away, or a refusal for another reason fails a test, so the table
is the record of which documents the examples cannot give and why. Two scenarios built from
denial-appeal-running (urgent; after the final internal denial) render the two kinds no example
gives as it stands. Each letter is composed and rendered once per module (cached) and checked in
every format: the PDF text names the patient, the member ID, every ICD-10-CM code and (where the
document lists the treatment history) every failed drug, has no template marker, and carries the
running header on page 2 onward only; the DOCX reopens; the HTML is one document.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters.catalog import KINDS, compose, prior_authorization_packet
from ketacover.core.letters.letter import Letter
from ketacover.core.model import (
    Appeal,
    AppealOutcome,
    Case,
    DenialLevel,
    Diagnosis,
    Outcome,
    TrialKind,
    Urgency,
)
from ketacover.interop.casefile import load_case
from ketacover.render import render
from ketacover.render.pdf import render_packet_pdf

TODAY = date(2026, 11, 23)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
KIND_NAMES = [kind.name for kind in KINDS]
DENIAL_KINDS = [kind.name for kind in KINDS if kind.needs_denial]
TREATMENT_HISTORY_KINDS = {"medical-necessity", "treatment-history", "appeal", "peer-to-peer"}
"""Kinds whose content carries the failed-treatment table."""
WITHOUT_DIAGNOSES = {"treatment-history", "evidence-list"}
"""Kinds that travel with a letter naming the diagnoses and do not repeat the codes."""
FAILED = {Outcome.NO_RESPONSE, Outcome.PARTIAL_RESPONSE, Outcome.INTOLERANCE}
MARKERS = re.compile(r"\[insert|\{\{|\}\}|TODO|\bnan\b|\bNaN\b|\bNone\b(?!\s+[a-z])")
"""Template markers and leaked empty values (``None recorded`` is a sentence, ``None`` alone is
not)."""


@dataclass(frozen=True)
class Missing:
    """Refused for missing facts: the fields named first in each missing line."""

    fields: tuple[str, ...]


@dataclass(frozen=True)
class Refused:
    """Refused with another KetacoverError: its class name and a phrase of its message."""

    error: str
    says: str


Refusal = Missing | Refused

WITH_DENIAL = {"denial-appeal-running"}
WITH_SESSIONS = {
    "approved-pa-reauth",
    "crps-iv-ketamine-ppo",
    "medicare-esketamine",
    "medicare-iv-ketamine",
    "ptsd-iv-ketamine-self-pay-hsa",
}
WITH_APPROVAL = {"approved-pa-reauth"}
"""Examples where the plan approved the planned treatment: the request is a continuation."""
NOT_COVERED_ON_FILE = {
    "hmo-no-oon-benefits",
    "ptsd-iv-ketamine-self-pay-hsa",
    "self-pay-iv-ketamine-gfe",
}
"""Examples where the plan said the treatment is not covered: a parity request needs no denial."""
NOT_MENTAL_HEALTH = {"crps-iv-ketamine-ppo"}
ORIGINAL_MEDICARE = {"medicare-esketamine", "medicare-iv-ketamine"}
"""Examples under Original Medicare: no prior authorization, and the clinic files the claim."""

REFUSALS: dict[tuple[str, str], Refusal] = {
    **{
        (kind, name): Missing(("denials",))
        for kind in DENIAL_KINDS
        for name in EXAMPLE_NAMES
        if name not in WITH_DENIAL
    },
    **{
        ("parity-request", name): Missing(("denials",))
        for name in EXAMPLE_NAMES
        if name not in WITH_DENIAL | NOT_COVERED_ON_FILE | NOT_MENTAL_HEALTH
    },
    ("parity-request", "crps-iv-ketamine-ppo"): Refused(
        "KetacoverError", "none of the case's diagnoses is a mental-health code"
    ),
    **{
        ("superbill", name): Missing(("sessions",))
        for name in EXAMPLE_NAMES
        if name not in WITH_SESSIONS | WITH_DENIAL
    },
    ("expedited-appeal", "denial-appeal-running"): Missing(("urgency",)),
    ("external-review", "denial-appeal-running"): Refused(
        "KetacoverError", "external review follows the final internal decision"
    ),
    **{
        (kind, name): Refused("RequestBlockedError", "the record argues against the request")
        for kind in ("medical-necessity", "pa-cover-sheet")
        for name in ("bipolar-depression", "esketamine-one-failed-trial")
    },
    ("evidence-list", "bipolar-depression"): Refused("NoEvidenceError", "has no citations"),
    **{
        ("continuation", name): Missing(("prior_authorizations",))
        for name in EXAMPLE_NAMES
        if name not in WITH_APPROVAL
    },
    ("medical-necessity", "approved-pa-reauth"): Refused(
        "ContinuationDueError", "the request now is a continuation"
    ),
    **{
        ("pa-cover-sheet", name): Refused(
            "NoPriorAuthorizationError", "Original Medicare has no prior authorization"
        )
        for name in ORIGINAL_MEDICARE
    },
    **{
        ("superbill", name): Refused("KetacoverError", "the clinic files the claim")
        for name in ORIGINAL_MEDICARE
    },
}
"""Why each refused (kind, example) pair is refused."""


def urgent(case: Case) -> Case:
    """The denial example with current suicidal ideation: an expedited appeal applies."""
    return replace(
        case,
        urgency=Urgency.URGENT,
        history=replace(case.history, suicidal_ideation=True),
        diagnoses=(*case.diagnoses, Diagnosis(code="R45.851")),
    )


def final_internal(case: Case) -> Case:
    """The denial example after the internal appeal of denial-1 was upheld on 2027-01-15."""
    upheld = replace(
        case.denials[0],
        id="denial-3",
        level=DenialLevel.FINAL_INTERNAL,
        notice_date=date(2027, 1, 15),
        received=date(2027, 1, 19),
    )
    appeal = Appeal(
        denial_id="denial-1",
        submitted=date(2026, 12, 1),
        outcome=AppealOutcome.UPHELD,
        decided=date(2027, 1, 15),
    )
    return replace(case, denials=(*case.denials, upheld), appeals=(appeal,))


SCENARIOS = {"denial-appeal-running+urgent": urgent, "denial-appeal-running+final": final_internal}
EXTRA = [
    ("expedited-appeal", "denial-appeal-running+urgent"),
    ("external-review", "denial-appeal-running+final"),
]
PAIRS = [(kind, name) for kind in KIND_NAMES for name in EXAMPLE_NAMES]
COMPOSED = [pair for pair in PAIRS if pair not in REFUSALS] + EXTRA


@cache
def case(name: str) -> Case:
    base, _, scenario = name.partition("+")
    loaded = load_case(EXAMPLES / f"{base}.yaml")
    return SCENARIOS[name](loaded) if scenario else loaded


@cache
def outcome(kind: str, name: str) -> Letter | KetacoverError:
    try:
        return compose(kind, case(name), TODAY)
    except KetacoverError as error:
        return error


def letter(kind: str, name: str) -> Letter:
    result = outcome(kind, name)
    assert isinstance(result, Letter), f"{kind} for {name} was refused: {result}"
    return result


@cache
def pdf_pages(kind: str, name: str) -> tuple[str, ...]:
    """The text of each page of the PDF, whitespace folded to single spaces."""
    reader = PdfReader(io.BytesIO(render(letter(kind, name), "pdf")))
    return tuple(" ".join(page.extract_text().split()) for page in reader.pages)


def failed_drugs(found: Case) -> list[str]:
    return [
        trial.name
        for trial in found.treatment_history
        if trial.kind is TrialKind.MEDICATION and trial.outcome in FAILED
    ]


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("kind", "name"), PAIRS)
def test_each_kind_composes_for_each_example_or_is_refused_as_the_table_says(kind, name):
    result = outcome(kind, name)
    expected = REFUSALS.get((kind, name))
    if expected is None:
        assert isinstance(result, Letter), f"unexpected refusal: {result!r}"
    elif isinstance(expected, Missing):
        assert isinstance(result, MissingFactsError), f"expected missing facts, got {result!r}"
        assert tuple(line.split(":")[0] for line in result.missing) == expected.fields
    else:
        assert isinstance(result, KetacoverError), f"expected a refusal, got {result!r}"
        assert not isinstance(result, MissingFactsError)
        assert type(result).__name__ == expected.error
        assert expected.says in str(result)


def test_the_refusal_table_names_only_real_kinds_and_examples():
    assert {kind for kind, _ in REFUSALS} <= set(KIND_NAMES)
    assert {name for _, name in REFUSALS} <= set(EXAMPLE_NAMES)
    assert set(EXAMPLE_NAMES) >= WITH_SESSIONS | WITH_DENIAL | NOT_COVERED_ON_FILE
    for kind in KIND_NAMES:
        assert any((kind, name) in COMPOSED for name in [*EXAMPLE_NAMES, *SCENARIOS]), kind


@pytest.mark.parametrize(("kind", "name"), COMPOSED)
def test_the_pdf_names_the_patient_member_codes_and_failed_drugs_with_no_marker(kind, name):
    found = case(name)
    text = " ".join(pdf_pages(kind, name))
    assert found.patient.full_name in text
    assert found.plan is not None
    assert found.plan.member_id in text
    if kind not in WITHOUT_DIAGNOSES:
        for diagnosis in found.diagnoses:
            assert diagnosis.code in text
    if kind in TREATMENT_HISTORY_KINDS:
        for drug in failed_drugs(found):
            assert drug in text
    assert MARKERS.findall(text) == []


@pytest.mark.parametrize(("kind", "name"), COMPOSED)
def test_the_running_header_is_on_page_two_onward_only(kind, name):
    header = folded(letter(kind, name).running_header)
    first, *rest = pdf_pages(kind, name)
    assert header not in first
    for page in rest:
        assert header in page


@pytest.mark.parametrize(("kind", "name"), COMPOSED)
def test_the_docx_reopens_with_the_patients_name(kind, name):
    document = docx.Document(io.BytesIO(render(letter(kind, name), "docx")))
    words = [paragraph.text for paragraph in document.paragraphs]
    words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(case(name).patient.full_name in text for text in words)


@pytest.mark.parametrize(("kind", "name"), COMPOSED)
def test_the_html_is_one_document_with_the_patients_name(kind, name):
    html = render(letter(kind, name), "html").decode("utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert html.count("</html>") == 1
    assert case(name).patient.full_name in html
    assert MARKERS.findall(re.sub(r"<[^>]*>", " ", html)) == []


@pytest.mark.parametrize(
    ("kind", "name", "pages"),
    [
        ("medical-necessity", "esketamine-ready-ppo", 2),
        ("medical-necessity", "suicidal-ideation-expedited", 2),
        ("appeal", "denial-appeal-running", 2),
        ("call-script", "hmo-no-oon-benefits", 2),
        ("superbill", "approved-pa-reauth", 2),
    ],
)
def test_long_documents_run_to_more_pages(kind, name, pages):
    assert len(pdf_pages(kind, name)) >= pages


def test_the_esketamine_packet_runs_to_four_pages_or_more_with_a_bookmark_each():
    bundle = prior_authorization_packet(case("esketamine-ready-ppo"), TODAY)
    reader = PdfReader(io.BytesIO(render_packet_pdf(bundle)))
    assert len(reader.pages) >= 4
    assert [item.title for item in reader.outline] == [doc.title for doc in bundle.documents]
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Avery Testperson" in text
    assert MARKERS.findall(text) == []
