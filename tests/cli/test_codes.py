import json


def test_it_describes_a_diagnosis_code(run):
    result = run("codes", "F33.2")
    assert result.exit_code == 0
    assert "ICD-10-CM F33.2: valid" in result.stdout
    assert "Major depressive disorder, recurrent severe" in result.stdout


def test_it_checks_an_npi(run):
    result = run("codes", "1234567893", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["valid"] is True
    assert data["readings"][0]["system"] == "NPI"


def test_a_code_not_in_effect_on_the_date_of_service_exits_2(run):
    result = run("codes", "J0013", "--on", "2025-06-01", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["on"] == "2025-06-01"
    assert data["valid"] is False
    assert set(data["readings"][0]) == {
        "system",
        "code",
        "valid",
        "description",
        "details",
        "warnings",
        "source",
    }


def test_a_code_with_no_valid_reading_shows_why_and_exits_2(run):
    result = run("codes", "J0013", "--on", "2025-06-01")
    assert result.exit_code == 2
    assert "HCPCS J0013: not valid" in result.stdout


def test_a_bad_date_is_one_line_on_stderr(run):
    result = run("codes", "F33.2", "--on", "2026-13-01")
    assert result.exit_code == 2
    assert result.stderr == "ketacover: --on: '2026-13-01' is not a date (use YYYY-MM-DD)\n"
