import json
from pathlib import Path

CASES = Path(__file__).parents[1] / "fixtures" / "cases"


def test_it_says_ok_for_each_valid_file_and_exits_0(run):
    result = run("validate", str(CASES / "minimal.yaml"), str(CASES / "minimal.json"))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{CASES / 'minimal.yaml'}: ok",
        f"{CASES / 'minimal.json'}: ok",
    ]


def test_it_lists_every_problem_with_file_line_and_path_and_exits_2(run):
    bad = CASES / "invalid-dates.yaml"
    result = run("validate", str(CASES / "minimal.yaml"), str(bad))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[1:] == [
        f'{bad}:5: patient.date_of_birth: "1990-02-30" is not a date (use YYYY-MM-DD)',
        f'{bad}:10: treatment_history[2].start: "2026-13-01" is not a date (use YYYY-MM-DD)',
    ]


def test_its_json_lists_each_file_with_its_problems(run):
    result = run(
        "validate", "--json", str(CASES / "minimal.yaml"), str(CASES / "invalid-dates.yaml")
    )
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [(item["valid"], item["case_id"]) for item in data["files"]] == [
        (True, "fixture-minimal"),
        (False, None),
    ]
    assert data["files"][1]["problems"][0] == {
        "path": "patient.date_of_birth",
        "message": '"1990-02-30" is not a date (use YYYY-MM-DD)',
        "line": 5,
    }


def test_it_reads_standard_input(run):
    result = run("validate", "-", input=(CASES / "minimal.json").read_text())
    assert result.exit_code == 0
    assert result.stdout == "-: ok\n"


def test_it_reports_a_missing_file_without_a_traceback(run, tmp_path):
    result = run("validate", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert result.stdout == f"{tmp_path / 'absent.yaml'}: file not found\n"
    assert "Traceback" not in result.output


def test_garbage_input_gives_problems_not_a_traceback(run, tmp_path):
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(b"\x00\x01{[:]}\n\t- &a *a")
    result = run("validate", str(garbage))
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{garbage}:")
    assert "Traceback" not in result.output
