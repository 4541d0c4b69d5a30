"""The 837P written from composed claims: every file passes pyx12's validator (its OK line), the
example cases' files match their golden copies, and a batch holds many claims."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ketacover.core.billing import claims
from ketacover.core.errors import MissingFactsError
from ketacover.interop.casefile import load_case
from ketacover.interop.x12.professional import Interchange, write_837

ROOT = Path(__file__).parents[3]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "examples" / "golden" / "claims"
UPDATE = os.environ.get("KETACOVER_UPDATE_GOLDEN") == "1"
GOLDEN_CASES = (
    "approved-pa-reauth",  # esketamine, commercial, buy and bill
    "medicare-esketamine",  # esketamine, Original Medicare
    "medicare-iv-ketamine",  # IV ketamine, Original Medicare
    "crps-iv-ketamine-ppo",  # IV ketamine
    "ptsd-iv-ketamine-self-pay-hsa",  # hybrid: infusion, E/M and psychotherapy add-on
)
AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def envelope(claim_list, number: int = 1) -> Interchange:
    payer = claim_list[0].payer
    return Interchange(
        sender_id=claim_list[0].billing.submitter_id,
        receiver_id=payer.payer_id,
        receiver_name=payer.name,
        control_number=number,
        created=AT,
    )


def pyx12_verdict(path: Path) -> str:
    """The line pyx12's validator prints for ``path`` (``<path>: OK`` when it passes)."""
    done = subprocess.run(
        [sys.executable, "-m", "pyx12.scripts.x12valid", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[-1] if lines else ""


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_the_example_837_matches_its_golden_file_and_passes_pyx12(name, tmp_path):
    made = claims(load_case(EXAMPLES / f"{name}.yaml"))
    text = write_837(made, interchange=envelope(made))
    golden = GOLDEN / f"{name}.837"
    if UPDATE:
        golden.write_text(text)
    assert text == golden.read_text()
    path = tmp_path / f"{name}.837"
    path.write_text(text)
    assert pyx12_verdict(path) == f"{path}: OK"


def test_pyx12_reports_a_broken_837_as_not_ok(tmp_path):
    made = claims(load_case(EXAMPLES / "crps-iv-ketamine-ppo.yaml"))
    broken = write_837(made, interchange=envelope(made)).replace("CLM*", "CLX*", 1)
    path = tmp_path / "broken.837"
    path.write_text(broken)
    assert pyx12_verdict(path) != f"{path}: OK"


def test_a_batch_of_many_claims_of_several_patients_is_one_valid_interchange(tmp_path):
    batch = []
    for name in ("approved-pa-reauth", "crps-iv-ketamine-ppo", "denial-appeal-running"):
        batch.extend(claims(load_case(EXAMPLES / f"{name}.yaml")))
    text = write_837(batch, interchange=envelope(batch, number=42))
    assert text.count("\nCLM*") == len(batch)
    assert text.count("\nHL*") == 6  # three billing providers, three subscribers
    path = tmp_path / "batch.837"
    path.write_text(text)
    assert pyx12_verdict(path) == f"{path}: OK"


def test_the_drug_line_carries_the_ndc_quantity_and_a_description():
    made = claims(load_case(EXAMPLES / "crps-iv-ketamine-ppo.yaml"))
    text = write_837(made[:1], interchange=envelope(made))
    assert (
        "SV1*HC:J3490:::::ketamine 50 mg/mL, 100 mg given (2 mL), NDC 00000-0000-00*40*UN*1" in text
    )
    assert "LIN**N4*00000000000~\nCTP****2*ML~" in text


def test_the_prior_authorization_number_is_in_ref_g1():
    made = claims(load_case(EXAMPLES / "approved-pa-reauth.yaml"))
    assert "REF*G1*AUTH-55012-A~" in write_837(made[:1], interchange=envelope(made))


def test_a_claim_without_payer_id_or_zip_plus_four_is_not_written():
    made = claims(load_case(EXAMPLES / "crps-iv-ketamine-ppo.yaml"))
    address = dataclasses.replace(made[0].billing.address, postal_code="43214")
    claim = dataclasses.replace(
        made[0],
        payer=dataclasses.replace(made[0].payer, payer_id=None),
        billing=dataclasses.replace(made[0].billing, address=address),
    )
    with pytest.raises(MissingFactsError) as raised:
        write_837([claim], interchange=envelope(made))
    assert [item.split(":")[0] for item in raised.value.missing] == [
        "plan.payer_id",
        "clinic.address.postal_code",
    ]
