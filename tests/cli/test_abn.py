"""``ketacover abn``: the ABN as PDF, or the missing facts one per line and no file."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_it_writes_the_notice_as_pdf(run, tmp_path):
    out = tmp_path / "abn.pdf"
    result = run("abn", str(EXAMPLES / "medicare-iv-ketamine.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "$400.00 per session" in result.output


def test_missing_facts_are_listed_one_per_line_and_no_file_is_written(run, tmp_path):
    case = (EXAMPLES / "medicare-iv-ketamine.yaml").read_text()
    case = case.replace('  phone: "520-555-0290"\n', "")
    case = case.replace("  infusion_minutes: 40\n  dose_mg: 35\n", "  infusion_minutes: 40\n")
    path = tmp_path / "case.yaml"
    path.write_text(case)
    out = tmp_path / "abn.pdf"
    result = run("abn", str(path), "-o", str(out))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[1].startswith("  - clinic.phone:")
    assert lines[2].startswith("  - treatment_plan.dose_mg:")
    assert not out.exists()


def test_a_case_the_notice_does_not_fit_is_refused_with_exit_status_2(run, tmp_path):
    out = tmp_path / "abn.pdf"
    result = run("abn", str(EXAMPLES / "medicare-esketamine.yaml"), "-o", str(out))
    assert result.exit_code == 2
    assert "Original Medicare patients before IV or IM ketamine" in result.output
    assert not out.exists()
