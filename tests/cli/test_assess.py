import json
from pathlib import Path

CASES = Path(__file__).parents[1] / "fixtures" / "cases"
TODAY = "2026-11-23"
PATHWAYS = {
    "esketamine_pa",
    "iv_ketamine_pa",
    "oon_reimbursement",
    "hybrid_billing",
    "self_pay",
    "clinical_trial",
}


def test_it_assesses_one_case_with_a_table_per_pathway_and_a_footer(run):
    result = run("assess", str(CASES / "esketamine-ppo.yaml"), "--today", TODAY)
    assert result.exit_code == 0
    assert "Case fixture-esk-ppo, assessed as of 2026-11-23" in result.stdout
    assert "Esketamine (Spravato) with prior authorization:" in result.stdout
    assert "Checklist" in result.stdout
    assert "not medical or legal advice" in result.stdout


def test_its_json_has_the_documented_keys(run):
    result = run("assess", str(CASES / "esketamine-ppo.yaml"), "--today", TODAY, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"file", "assessment"}
    assessment = data["assessment"]
    assert set(assessment) == {"case_id", "as_of", "pathways", "checklist", "expedited", "warnings"}
    assert assessment["as_of"] == TODAY
    assert {item["pathway"] for item in assessment["pathways"]} == PATHWAYS
    first = assessment["pathways"][0]
    assert set(first) == {
        "pathway",
        "verdict",
        "reasons",
        "missing",
        "actions",
        "blocked_by",
        "claim_path",
    }
    assert first["verdict"] in {"likely", "possible", "unlikely", "unknown"}
    reason = first["reasons"][0]
    assert {"rule_id", "explain", "source", "as_of", "confidence"} <= set(reason)


def test_an_invalid_case_file_is_one_line_on_stderr_and_exit_2(run):
    result = run("assess", str(CASES / "invalid-dates.yaml"), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == (
        f"ketacover: {CASES / 'invalid-dates.yaml'}:5: patient.date_of_birth: "
        '"1990-02-30" is not a date (use YYYY-MM-DD) (and 1 more)\n'
    )
    assert result.stdout == ""


def test_a_bad_today_is_bad_input(run):
    result = run("assess", str(CASES / "minimal.yaml"), "--today", "tomorrow")
    assert result.exit_code == 2
    assert result.stderr == "ketacover: --today: 'tomorrow' is not a date (use YYYY-MM-DD)\n"


def test_a_folder_is_summarized_and_its_invalid_file_counted(run, case_folder):
    result = run("assess", str(case_folder), "--today", TODAY)
    assert result.exit_code == 2
    assert "3 case files in" in result.stdout
    assert "fixture-esk-ppo" in result.stdout
    assert "fixture-minimal-json" in result.stdout
    assert "invalid" in result.stdout
    assert "README" not in result.stdout
    assert f"{case_folder / 'invalid-dates.yaml'}:5: patient.date_of_birth:" in result.stderr
    assert "1 of 3 case files are invalid." in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_in_json_lists_cases_invalid_files_and_a_summary(run, case_folder):
    result = run("assess", str(case_folder), "--today", TODAY, "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert set(data) == {"cases", "invalid", "summary"}
    assert [Path(item["file"]).name for item in data["cases"]] == [
        "esketamine-ppo.yaml",
        "minimal.json",
    ]
    assert [Path(item["file"]).name for item in data["invalid"]] == ["invalid-dates.yaml"]
    assert len(data["invalid"][0]["problems"]) == 2
    row = data["summary"][0]
    assert set(row) == {
        "file",
        "case_id",
        "best_pathway",
        "verdict",
        "expedited",
        "next_due",
        "problems",
    }
    assert row["case_id"] == "fixture-esk-ppo"
    assert row["best_pathway"] in PATHWAYS
    assert data["summary"][2]["problems"] == 2
    assert result.stderr == ""


def test_a_folder_of_valid_cases_exits_0(run, case_folder):
    (case_folder / "invalid-dates.yaml").unlink()
    result = run("assess", str(case_folder), "--today", TODAY)
    assert result.exit_code == 0


def test_the_progress_bar_stays_off_when_stderr_is_not_a_terminal(run, case_folder):
    result = run("assess", str(case_folder), "--today", TODAY)
    assert "assessing" not in result.stderr
