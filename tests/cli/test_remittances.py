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
    assert "not medically necessary" in result.stdout
    assert "Unbalanced claims" in result.stdout
    assert "KC-CLM-1006" in result.stdout


def _claim_line(stdout: str, claim: str) -> list[str]:
    [line] = [line for line in stdout.splitlines() if line.startswith(claim + " ")]
    return line.split()


def test_it_prints_one_row_per_claim_with_the_contractual_write_off_apart_from_denials(run):
    out = run("import", "835", DENIALS).stdout
    assert "payee: FRONT RANGE SAMPLE INFUSION CLINIC (NPI 1234567893)" in out
    assert "check/EFT number EFT00000101, dated 2026-11-20" in out
    assert "by electronic funds transfer (ACH)" in out
    assert "Claims (8)" in out
    paid = _claim_line(out, "case-x12-paid")
    assert paid[:4] == ["case-x12-paid", "PAYER-1001", "TESTPERSON,", "ALEX"]
    assert paid[4:11] == [
        "2026-10-22",
        "processed",
        "as",
        "primary",
        "1,000.00",
        "800.00",
        "600.00",
    ]
    assert paid[11:13] == ["200.00", "200.00"]
    assert "PR-1 50.00; PR-2 150.00" in " ".join(paid)
    partly = " ".join(_claim_line(out, "KC-CLM-1005"))
    assert partly.endswith("0.00 100.00 CO-151* 200.00 N362")
    assert "CO-45" not in partly
    denied = " ".join(_claim_line(out, "case-x12-co50"))
    assert "denied" in denied
    assert "CO-50* 500.00" in denied
    assert denied.endswith("N115")
    assert "contractual write-off (CO-45)" in out
    assert "adjusted CO other than CO-45" in out


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
    assert remittance["summary"]["payment"] == "876.50"
    assert remittance["summary"]["billed"] == "4240.00"
    assert remittance["summary"]["unbalanced"][0]["claim_id"] == "KC-CLM-1006"
    [denial] = remittance["denials"]
    assert denial["case_id"] == "case-x12-co50"
    assert denial["denial"]["carc_codes"] == ["CO-50"]
    assert denial["appeal_deadline"]["due"] == "2027-05-19"
    assert len(remittance["unmatched"]) == 7


def test_json_without_cases_has_the_parties_the_payment_the_summary_and_every_claim(run):
    data = json.loads(run("import", "835", DENIALS, "--json").stdout)
    [remittance] = data["remittances"]
    assert set(remittance) == {"control_number", "payer", "payee", "payment", "summary", "claims"}
    assert remittance["payee"]["npi"] == "1234567893"
    assert remittance["payment"] == {
        "amount": "876.50",
        "method": "ACH",
        "method_words": "electronic funds transfer (ACH)",
        "date": "2026-11-20",
        "trace": "EFT00000101",
    }
    assert remittance["summary"]["contractual"] == "350.00"
    claims = {claim["patient_control_number"]: claim for claim in remittance["claims"]}
    assert len(claims) == 8
    paid = claims["case-x12-paid"]
    assert paid["billed"] == "1000.00"
    assert paid["allowed"] == "800.00"
    assert paid["allowed_source"] == "AMT*B6"
    assert paid["paid"] == "600.00"
    assert paid["patient_responsibility"] == "200.00"
    assert paid["contractual"] == "200.00"
    assert paid["patient_name"] == "TESTPERSON, ALEX"
    assert paid["payer_claim_number"] == "PAYER-1001"
    assert paid["service_from"] == paid["service_to"] == "2026-10-22"
    assert paid["status"] == "processed as primary"
    assert [(a["code"], a["amount"], a["kind"]) for a in paid["adjustments"]] == [
        ("CO-45", "200.00", "contractual"),
        ("PR-1", "50.00", "patient"),
        ("PR-2", "150.00", "patient"),
    ]
    denied = claims["case-x12-co50"]
    assert denied["status"] == "denied"
    assert denied["denied"] is True
    assert denied["denial_reason"] == "not_medically_necessary"
    assert denied["remarks"] == ["N115"]
    assert denied["allowed"] == "0.00"
    assert denied["allowed_source"] == "paid + patient"


def test_every_amount_in_the_json_has_two_decimals(run):
    import re

    text = run("import", "835", DENIALS, "--json").stdout
    amounts = re.findall(
        r'"(?:amount|billed|allowed|paid|payment|charge|difference)": "([^"]*)"', text
    )
    assert amounts
    assert all(re.fullmatch(r"-?\d+\.\d\d", amount) for amount in amounts)


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


def test_the_command_leaves_the_garbage_collector_as_it_found_it(run):
    import gc

    assert gc.isenabled()
    run("import", "835", DENIALS)
    assert gc.isenabled()
