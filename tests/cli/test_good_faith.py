"""``ketacover gfe``: the Good Faith Estimate as a PDF, or the missing facts one per line."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

EXAMPLES = Path(__file__).parents[2] / "examples"
EXAMPLE = EXAMPLES / "self-pay-iv-ketamine-gfe.yaml"


def test_it_writes_the_estimate_and_says_by_when_to_give_it(run, tmp_path):
    out = tmp_path / "gfe.pdf"
    result = run("gfe", str(EXAMPLE), "-o", str(out), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "$1,920.00 expected" in result.output
    assert "by 2026-11-25" in result.output
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(out.read_bytes())).pages)
    assert "Good Faith Estimate" in text
    assert "$1,920.00" in text


def test_sessions_sets_the_number_of_sessions_estimated(run, tmp_path):
    out = tmp_path / "gfe.html"
    result = run("gfe", str(EXAMPLE), "-o", str(out), "--sessions", "2")
    assert result.exit_code == 0, result.output
    assert "$640.00" in out.read_text()


def test_missing_facts_are_listed_one_per_line_and_no_file_is_written(run, tmp_path):
    text = EXAMPLE.read_text()
    text = text.replace('  npi: "1598765430"\n', "").replace('  tin: "00-0000316"\n', "")
    text = text.replace('    - code: "96365"\n      charge: 280.00\n', "")
    text = text.replace("  scheduled_on: 2026-11-20\n", "")
    path = tmp_path / "case.yaml"
    path.write_text(text)
    out = tmp_path / "gfe.pdf"
    result = run("gfe", str(path), "-o", str(out))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == "ketacover: cannot write the Good Faith Estimate; the case is missing:"
    assert [line.split(":")[0] for line in lines[1:]] == [
        "  - clinic.npi",
        "  - clinic.tin",
        "  - treatment_plan.scheduled_on",
        "  - clinic.fee_schedule",
    ]
    assert not out.exists()
    assert not list(tmp_path.glob(".ketacover-*"))


def test_an_insured_patient_using_the_plan_gets_no_estimate(run, tmp_path):
    out = tmp_path / "gfe.pdf"
    result = run("gfe", str(EXAMPLES / "approved-pa-reauth.yaml"), "-o", str(out))
    assert result.exit_code == 2
    assert "treatment_plan.self_pay" in result.output
    assert not out.exists()


def test_a_bill_400_dollars_above_the_estimate_warns_with_the_dispute_window(run, tmp_path):
    sessions = "".join(
        f"  - on: 2026-12-{day:02d}\n    treatment: iv_ketamine\n    minutes: 100\n"
        '    dose_mg: 35\n    em_code: "99214"\n    em_separately_identifiable: true\n'
        for day in (7, 10)
    )
    text = EXAMPLE.read_text().replace(
        "urgency: standard\n", f"urgency: standard\nsessions:\n{sessions}"
    )
    path = tmp_path / "case.yaml"
    path.write_text(text)
    out = tmp_path / "gfe.pdf"
    result = run("gfe", str(path), "-o", str(out), "--sessions", "1", "--bill-date", "2026-12-28")
    assert result.exit_code == 0, result.output
    # Billed 2 x $600.00 against $320.00 estimated: $880.00 more.
    assert "$880.00 more" in result.output
    assert "April 27, 2027" in result.output


def test_an_unknown_suffix_names_the_formats(run, tmp_path):
    result = run("gfe", str(EXAMPLE), "-o", str(tmp_path / "gfe.txt"))
    assert result.exit_code == 2
    assert ".pdf" in result.output
