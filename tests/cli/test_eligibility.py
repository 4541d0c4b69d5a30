"""``ketacover import 271`` previews and merges only when asked; ``ketacover export 270`` writes
the same file for the same control number and day."""

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "x12"
CASE = ROOT / "examples" / "esketamine-ready-ppo.yaml"


def test_the_preview_shows_the_figures_fills_and_conflicts_and_changes_no_file(run):
    before = CASE.read_bytes()
    result = run("import", "271", str(FIXTURES / "ppo-active-mh.271"), "--case", str(CASE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "coverage active, plan dates 2026-01-01 to 2026-12-31" in out
    assert "payer message: MENTAL HEALTH BENEFITS ADMINISTERED BY THE PLAN" in out
    assert "conflict: the case's value is kept" in out
    assert "in_network.copay" in out
    assert CASE.read_bytes() == before


def test_json_lists_each_change_with_the_case_value_and_the_271_value(run):
    result = run(
        "import", "271", str(FIXTURES / "ppo-active-mh.271"), "--case", str(CASE), "--json"
    )
    data = json.loads(result.stdout)
    assert data["eligibility"]["active"] is True
    assert data["eligibility"]["in_network"]["deductible_remaining"] == "600.00"
    changes = {change["field"]: change for change in data["changes"]}
    assert changes["in_network.deductible_met"] == {
        "field": "in_network.deductible_met",
        "case_value": "600.00",
        "response_value": "900.00",
        "conflict": True,
    }
    assert changes["in_network.copay"]["conflict"] is False
    assert data["written"] is None


def test_write_puts_the_merged_case_in_another_file(run, tmp_path):
    out = tmp_path / "merged.yaml"
    result = run(
        "import", "271", str(FIXTURES / "prior-auth.271"), "--case", str(CASE), "--write", str(out)
    )
    assert result.exit_code == 0, result.output
    merged = yaml.safe_load(out.read_text())
    original = yaml.safe_load(CASE.read_text())
    assert merged["plan"]["member_id"] == original["plan"]["member_id"]
    assert str(merged["plan"]["in_network"]["copay"]) in ("40", "40.0", "40.00")
    assert merged["plan"]["prior_authorization_required"] is True


def test_a_rejected_response_is_shown_and_not_merged(run, tmp_path):
    out = tmp_path / "merged.yaml"
    result = run(
        "import", "271", str(FIXTURES / "rejected.271"), "--case", str(CASE), "--write", str(out)
    )
    assert result.exit_code == 2
    assert "the payer did not answer" in result.stderr
    assert not out.exists()


def test_a_damaged_271_is_one_line_naming_the_segment_and_exit_2(run, tmp_path):
    bad = tmp_path / "bad.271"
    bad.write_text((FIXTURES / "ppo-active-mh.271").read_text().replace("HL*3*2*22*0", "HL*3*2**0"))
    result = run("import", "271", str(bad), "--case", str(CASE))
    assert result.exit_code == 2
    assert result.stderr.strip() == "ketacover: 271 segment 9 (HL): HL03 is missing"


def test_the_270_is_the_same_for_the_same_control_number_and_day(run, tmp_path):
    first, second = tmp_path / "a.270", tmp_path / "b.270"
    for path in (first, second):
        result = run(
            "export",
            "270",
            str(CASE),
            "-o",
            str(path),
            "--payer-id",
            "EXH01",
            "--control-number",
            "42",
            "--today",
            "2026-12-01",
        )
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text()
    assert text.startswith("ISA*00*")
    assert "*00501*000000042*0*P*:~" in text
    assert "NM1*IL*1*TESTPERSON*AVERY****MI*XKC000123456~" in text
    assert "EQ*30~\nEQ*MH~\nEQ*A4~" in text
    assert "DTP*291*D8*20261201~" in text


def test_a_270_for_a_case_without_a_member_id_names_the_field(run, tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE.read_text().replace("  member_id: XKC000123456\n", ""))
    result = run("export", "270", str(path), "-o", str(tmp_path / "x.270"), "--payer-id", "X")
    assert result.exit_code == 2
    assert "plan.member_id is missing" in result.stderr
    assert not (tmp_path / "x.270").exists()
