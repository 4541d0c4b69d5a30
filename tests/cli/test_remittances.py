import json
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "x12"
DENIALS = str(FIXTURES / "denials.835")

CASE = """\
id: case-x12-co50
patient:
  given_name: Sam
  family_name: Ashdown
  date_of_birth: 1980-01-01
plan:
  payer: Example Mountain Insurance
  category: commercial_self_funded
  member_id: XKC000100002
"""


def _cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "co50.yaml").write_text(CASE)
    (folder / "broken.yaml").write_text("id: [unclosed\n")
    (folder / "notes.txt").write_text("not a case")
    return folder


def test_it_prints_the_summary_and_the_unbalanced_claims(run):
    result = run("import", "835", DENIALS, "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "876.50" in result.stdout
    assert "not_medically_necessary" in result.stdout
    assert "Unbalanced claims" in result.stdout
    assert "KC-CLM-1006" in result.stdout
    assert "TESTPERSON" not in result.stdout


def test_with_cases_it_shows_each_matched_denial_with_its_deadline_and_changes_no_file(
    run, tmp_path
):
    folder = _cases(tmp_path)
    before = (folder / "co50.yaml").read_bytes()
    result = run("import", "835", DENIALS, "--cases", str(folder), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "Denials matched to cases" in result.stdout
    assert "2027-05-19" in result.stdout
    assert "Claims not matched" in result.stdout
    assert "skipped broken.yaml" in result.stderr
    assert (folder / "co50.yaml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["broken.yaml", "co50.yaml", "notes.txt"]


def test_json_output_carries_the_summary_denials_and_unmatched_claims(run, tmp_path):
    result = run(
        "import",
        "835",
        DENIALS,
        "--cases",
        str(_cases(tmp_path)),
        "--today",
        "2026-11-23",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [remittance] = data["remittances"]
    assert remittance["summary"]["payment"] == "876.5"
    assert remittance["summary"]["unbalanced"][0]["claim_id"] == "KC-CLM-1006"
    [denial] = remittance["denials"]
    assert denial["case_id"] == "case-x12-co50"
    assert denial["denial"]["carc_codes"] == ["CO-50"]
    assert denial["appeal_deadline"]["due"] == "2027-05-19"
    assert len(remittance["unmatched"]) == 7


def test_json_without_cases_has_only_the_summary(run, tmp_path):
    data = json.loads(run("import", "835", DENIALS, "--json").stdout)
    assert set(data["remittances"][0]) == {"control_number", "summary"}


def test_a_mismatched_payment_and_unmatched_denials_are_shown(run, tmp_path):
    text = (FIXTURES / "denials.835").read_text().replace("BPR*I*876.5*", "BPR*I*900*")
    path = tmp_path / "off.835"
    path.write_text(text)
    empty = tmp_path / "none"
    empty.mkdir()
    result = run("import", "835", str(path), "--cases", str(empty), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "payment mismatch" in result.stdout
    assert "No denied claim matched a case." in result.stdout


def test_a_denial_without_a_deadline_says_why(run, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "c.yaml").write_text(CASE.replace("commercial_self_funded", "tricare"))
    result = run("import", "835", DENIALS, "--cases", str(folder), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert "no appeal filing" in result.stdout.replace("\n", " ")


def test_a_malformed_file_is_one_line_and_exit_2(run, tmp_path):
    path = tmp_path / "bad.835"
    path.write_text((FIXTURES / "denials.835").read_text().replace("ST*835", "ST*837"))
    result = run("import", "835", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "ketacover: 835 segment 3 (ST): ST01 is '837': this is not an 835 claim payment/advice"
    )
    assert "Traceback" not in result.output


def test_cases_must_be_a_folder(run, tmp_path):
    result = run("import", "835", DENIALS, "--cases", str(tmp_path / "absent"))
    assert result.exit_code == 2


def test_the_help_says_case_files_are_not_modified(run):
    result = run("import", "835", "--help")
    assert "NOT modified" in result.stdout
