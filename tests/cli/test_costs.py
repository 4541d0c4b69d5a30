import json
from pathlib import Path

CASES = Path(__file__).parents[1] / "fixtures" / "cases"
ESKETAMINE = str(CASES / "esketamine-ppo.yaml")


def test_it_compares_pathways_in_json_with_amounts_as_strings(run):
    result = run("costs", ESKETAMINE, "--marginal-rate", "24", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"case_id", "pathways", "cheapest", "payment_plan", "missing", "notes"}
    self_pay = next(item for item in data["pathways"] if item["pathway"] == "self_pay")
    assert self_pay["up_front"] == "8400.00"
    assert self_pay["hsa_saving"] == "2016.00"
    assert data["payment_plan"] == []


def test_it_builds_a_payment_plan_schedule(run):
    result = run(
        "costs", ESKETAMINE, "--months", "3", "--apr", "9.9", "--first-due", "2026-12-01", "--json"
    )
    assert result.exit_code == 0
    plan = json.loads(result.stdout)["payment_plan"]
    assert [row["number"] for row in plan] == [1, 2, 3]
    assert plan[0]["due"] == "2026-12-01"
    assert plan[-1]["balance"] == "0.00"
    assert set(plan[0]) == {"number", "due", "payment", "interest", "principal", "balance"}


def test_it_shows_the_comparison_and_the_schedule_as_tables(run):
    result = run("costs", ESKETAMINE, "--months", "2", "--apr", "0", "--first-due", "2026-12-01")
    assert result.exit_code == 0
    assert "Costs for case fixture-esk-ppo" in result.stdout
    assert "Payment plan for the self-pay course" in result.stdout
    assert "8,400.00" in result.stdout


def test_a_rate_that_is_not_a_percent_is_bad_input(run):
    result = run("costs", ESKETAMINE, "--marginal-rate", "lots")
    assert result.exit_code == 2
    assert result.stderr == "ketacover: --marginal-rate: 'lots' is not a percent (e.g. 24 or 9.9)\n"
    result = run("costs", ESKETAMINE, "--apr", "150")
    assert result.stderr == "ketacover: --apr: '150' must be between 0 and 100\n"
