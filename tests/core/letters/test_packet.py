"""The prior-authorization packet."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ketacover.core.errors import KetacoverError, MissingFactsError
from ketacover.core.letters import catalog
from ketacover.core.model import Case
from ketacover.interop.casefile import load_case

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)
ALL = sorted(path.stem for path in (ROOT / "examples").glob("*.yaml"))


def example(name: str) -> Case:
    return load_case(ROOT / "examples" / f"{name}.yaml")


BLOCKED = {"bipolar-depression", "esketamine-one-failed-trial"}
"""Examples whose record argues against the request: no packet."""
APPROVED = {"approved-pa-reauth"}
"""Examples whose treatment the plan approved: the packet is a continuation packet."""
ORIGINAL_MEDICARE = {"medicare-esketamine", "medicare-iv-ketamine"}
"""Examples under Original Medicare, which has no prior authorization: no packet."""


@pytest.mark.parametrize(
    "name", [name for name in ALL if name not in BLOCKED | APPROVED | ORIGINAL_MEDICARE]
)
def test_the_packet_holds_the_five_documents_in_order(name):
    case = example(name)
    packet = catalog.prior_authorization_packet(case, TODAY)
    assert [letter.kind for letter in packet.documents] == [
        "pa-cover-sheet",
        "medical-necessity",
        "treatment-history",
        "clinical-summary",
        "evidence-list",
    ]
    assert case.patient.full_name in packet.title
    assert packet.running_header == packet.documents[1].running_header


def test_the_packet_gathers_the_missing_facts_of_every_document_once():
    case = replace(example("esketamine-ready-ppo"), prescriber=None, diagnoses=())
    with pytest.raises(MissingFactsError) as raised:
        catalog.prior_authorization_packet(case, TODAY)
    paths = [why.split(":")[0] for why in raised.value.missing]
    assert "prescriber.npi" in paths
    assert "diagnoses" in paths
    assert len(paths) == len(set(raised.value.missing))


def test_the_packet_needs_a_treatment_plan():
    with pytest.raises(MissingFactsError, match="treatment_plan"):
        catalog.prior_authorization_packet(
            replace(example("esketamine-ready-ppo"), treatment_plan=None), TODAY
        )


def test_a_case_no_letter_fits_gets_no_packet():
    with pytest.raises(KetacoverError, match=r"packet is not written.*bipolar"):
        catalog.prior_authorization_packet(example("bipolar-depression"), TODAY)


@pytest.mark.parametrize("name", sorted(APPROVED))
def test_an_approved_treatment_gets_the_continuation_packet(name):
    case = example(name)
    packet = catalog.prior_authorization_packet(case, TODAY)
    assert [letter.kind for letter in packet.documents] == ["pa-cover-sheet", "continuation"]
    assert packet.title.startswith("Continuation packet:")
    assert packet.documents[0].enclosures == ("Continuation request (re-authorization)",)


@pytest.mark.parametrize("name", sorted(ORIGINAL_MEDICARE))
def test_original_medicare_gets_no_prior_authorization_packet(name):
    with pytest.raises(KetacoverError, match="packet is not written: Original Medicare has no"):
        catalog.prior_authorization_packet(example(name), TODAY)
