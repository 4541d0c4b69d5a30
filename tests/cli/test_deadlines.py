import json
from pathlib import Path

CASES = Path(__file__).parents[1] / "fixtures" / "cases"


def test_it_lists_deadlines_soonest_first_with_days_left(run):
    result = run("deadlines", str(CASES / "esketamine-ppo.yaml"), "--today", "2026-11-23", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["case_id"] == "fixture-esk-ppo"
    assert data["today"] == "2026-11-23"
    dues = [item["due"] for item in data["deadlines"]]
    assert dues == sorted(dues)
    assert data["deadlines"], "the fixture has a pending request and an appeal"
    first = data["deadlines"][0]
    assert set(first) == {
        "kind",
        "due",
        "days_left",
        "rule_id",
        "explain",
        "clock",
        "source",
        "starts",
        "ref",
        "from_notice",
    }
    assert set(first["source"]) == {"citation", "confidence", "url", "key"}


def test_days_left_counts_from_today(run):
    early = json.loads(
        run(
            "deadlines", str(CASES / "esketamine-ppo.yaml"), "--today", "2026-11-03", "--json"
        ).stdout
    )
    late = json.loads(
        run(
            "deadlines", str(CASES / "esketamine-ppo.yaml"), "--today", "2026-11-13", "--json"
        ).stdout
    )
    assert early["deadlines"][0]["days_left"] - late["deadlines"][0]["days_left"] == 10


def test_it_shows_a_table_with_overdue_dates(run):
    result = run("deadlines", str(CASES / "esketamine-ppo.yaml"), "--today", "2026-11-23")
    assert result.exit_code == 0
    assert "overdue" in result.stdout
    assert "rule and source" in result.stdout


def test_a_case_without_deadlines_says_so(run):
    result = run("deadlines", str(CASES / "minimal.yaml"), "--today", "2026-11-23")
    assert result.exit_code == 0
    assert "No deadlines on case fixture-minimal as of 2026-11-23." in result.stdout
