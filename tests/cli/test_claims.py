"""``ketacover claim``: the 837P for a date of service, or the missing facts one per line."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_it_writes_the_837_for_one_date_of_service(run, tmp_path):
    out = tmp_path / "claim.837"
    result = run(
        "claim",
        str(EXAMPLES / "approved-pa-reauth.yaml"),
        "--session",
        "2026-11-10",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("ISA*")
    assert text.count("\nCLM*") == 1
    assert "$1,664.00 charged" in result.output


def test_without_a_session_it_writes_every_date_of_service_in_one_file(run, tmp_path):
    out = tmp_path / "all.837"
    result = run("claim", str(EXAMPLES / "medicare-esketamine.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().count("\nCLM*") == 2


def test_missing_facts_are_listed_one_per_line_and_no_file_is_written(run, tmp_path):
    case = (EXAMPLES / "approved-pa-reauth.yaml").read_text()
    case = case.replace('    - code: "J0013"\n      charge: 16.00\n', "")
    case = case.replace("  payer_id: OEI01\n", "")
    path = tmp_path / "case.yaml"
    path.write_text(case)
    out = tmp_path / "claim.837"
    result = run("claim", str(path), "--session", "2026-11-10", "-o", str(out))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[1].startswith("  - clinic.fee_schedule: no charge for J0013 (per 1 mg)")
    assert any(line.startswith("  - plan.payer_id:") for line in lines)
    assert not out.exists()


def test_an_unknown_suffix_names_the_formats(run, tmp_path):
    result = run("claim", str(EXAMPLES / "approved-pa-reauth.yaml"), "-o", str(tmp_path / "c.txt"))
    assert result.exit_code == 2
    assert ".837" in result.output


def test_it_writes_the_whole_cms1500_form_as_pdf(run, tmp_path):
    out = tmp_path / "claim.pdf"
    result = run(
        "claim",
        str(EXAMPLES / "approved-pa-reauth.yaml"),
        "--session",
        "2026-11-10",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "CMS-1500 whole form" in result.output
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "HEALTH INSURANCE CLAIM FORM" in text
    assert "AUTH55012A" in text


def test_data_pdf_wins_over_pdf_and_holds_only_the_data(run, tmp_path):
    out = tmp_path / "claim.data.pdf"
    result = run("claim", str(EXAMPLES / "medicare-esketamine.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "data for the pre-printed red form" in result.output
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert len(reader.pages) == 2  # two dates of service, one form each
    text = reader.pages[0].extract_text()
    assert "G2082" in text
    assert "HEALTH INSURANCE CLAIM FORM" not in text


def test_a_cms1500_missing_facts_are_listed_with_the_claims_and_nothing_is_written(run, tmp_path):
    case = (EXAMPLES / "approved-pa-reauth.yaml").read_text()
    case = case.replace('    - code: "J0013"\n      charge: 16.00\n', "")
    patient_address = (
        "  address:\n    line1: 31 Sample Orchard Lane\n    city: Providence\n    state: RI\n"
        '    postal_code: "02903"\n'
    )
    assert patient_address in case
    case = case.replace(patient_address, "", 1)
    path = tmp_path / "case.yaml"
    path.write_text(case)
    out = tmp_path / "claim.pdf"
    result = run("claim", str(path), "--session", "2026-11-10", "-o", str(out))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert any(line.startswith("  - clinic.fee_schedule: no charge for J0013") for line in lines)
    assert "  - patient.address: the patient's address (box 5)" in lines
    assert not out.exists()
