import base64
import json
from pathlib import Path

import pytest
import typer
from fhir.resources.R4B.bundle import Bundle
from icalendar import Calendar

from ketacover.cli import exports

EXAMPLES = Path(__file__).parents[2] / "examples"
CASES = Path(__file__).parents[1] / "fixtures" / "cases"
TODAY = "2026-11-23"


def test_export_pas_writes_a_valid_bundle_with_the_letter_attached(run, tmp_path):
    output = tmp_path / "bundle.json"
    result = run(
        "export",
        "pas",
        str(EXAMPLES / "esketamine-ready-ppo.yaml"),
        "-o",
        str(output),
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    assert "with the letter attached" in result.stdout
    assert "nothing was sent" in result.stdout
    data = json.loads(output.read_text())
    Bundle.model_validate(data)
    documents = [
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "DocumentReference"
    ]
    (document,) = documents
    pdf = base64.b64decode(document["content"][0]["attachment"]["data"])
    assert pdf.startswith(b"%PDF")


def test_export_pas_of_an_approved_treatment_attaches_the_continuation_request(run, tmp_path):
    output = tmp_path / "bundle.json"
    case = str(EXAMPLES / "approved-pa-reauth.yaml")
    result = run("export", "pas", case, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.output
    data = json.loads(output.read_text())
    Bundle.model_validate(data)
    (document,) = [
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "DocumentReference"
    ]
    assert document["description"] == "Continuation request (re-authorization)"
    assert document["content"][0]["attachment"]["title"] == document["description"]


def test_export_pas_can_leave_the_letter_out(run, tmp_path):
    output = tmp_path / "bundle.json"
    result = run(
        "export",
        "pas",
        str(EXAMPLES / "crps-iv-ketamine-ppo.yaml"),
        "-o",
        str(output),
        "--no-letter",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    assert "without a letter" in result.stdout
    kinds = {e["resource"]["resourceType"] for e in json.loads(output.read_text())["entry"]}
    assert "DocumentReference" not in kinds


def test_export_pas_lists_missing_facts_and_writes_nothing(run, tmp_path):
    output = tmp_path / "bundle.json"
    result = run("export", "pas", str(CASES / "minimal.yaml"), "-o", str(output), "--today", TODAY)
    assert result.exit_code == 2
    assert "cannot write the prior-authorization bundle" in result.stderr
    for path in ("plan.member_id", "clinic.npi", "prescriber.npi", "treatment_plan", "diagnoses"):
        assert f"  - {path}" in result.stderr
    assert "--no-letter" in result.stderr
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_export_pas_without_the_letter_lists_only_the_bundles_facts(run, tmp_path):
    result = run(
        "export",
        "pas",
        str(CASES / "minimal.yaml"),
        "-o",
        str(tmp_path / "b.json"),
        "--no-letter",
        "--today",
        TODAY,
    )
    assert result.exit_code == 2
    assert "--no-letter" not in result.stderr


def test_export_pas_asks_for_the_dose_of_a_per_mg_drug(run, tmp_path):
    text = (EXAMPLES / "esketamine-ready-ppo.yaml").read_text().replace("  dose_mg: 84\n", "")
    case = tmp_path / "no-dose.yaml"
    case.write_text(text)
    result = run(
        "export", "pas", str(case), "-o", str(tmp_path / "b.json"), "--no-letter", "--today", TODAY
    )
    assert result.exit_code == 2
    assert "  - treatment_plan.dose_mg: J0013" in result.stderr


def test_export_pas_of_an_unknown_case_file_exits_2(run, tmp_path):
    result = run("export", "pas", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "b.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith("ketacover: ")
    assert "Traceback" not in result.output


def test_export_pas_rejects_a_bad_today(run, tmp_path):
    result = run(
        "export",
        "pas",
        str(EXAMPLES / "esketamine-ready-ppo.yaml"),
        "-o",
        str(tmp_path / "b.json"),
        "--today",
        "2026-13-01",
    )
    assert result.exit_code == 2
    assert "--today" in result.stderr


def test_export_ics_writes_one_calendar_for_many_cases(run, tmp_path):
    output = tmp_path / "deadlines.ics"
    files = [str(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    result = run("export", "ics", *files, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert f"from {len(files)} case(s)" in result.stdout
    calendar = Calendar.from_ical(output.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) >= 8
    assert str(calendar["X-WR-CALNAME"]) == "ketacover deadlines"
    assert {str(e["DTSTAMP"].dt.date()) for e in events} == {TODAY}


def test_export_ics_cancels_deadlines_gone_since_the_file_was_written(run, tmp_path):
    output = tmp_path / "deadlines.ics"
    running = str(EXAMPLES / "denial-appeal-running.yaml")
    pending = str(EXAMPLES / "medicare-advantage-pa-pending.yaml")
    assert (
        run("export", "ics", running, pending, "-o", str(output), "--today", TODAY).exit_code == 0
    )
    before = Calendar.from_ical(output.read_bytes()).walk("VEVENT")
    result = run(
        "export", "ics", running, "-o", str(output), "--today", "2026-11-24", "--name", "Appeals"
    )
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(output.read_bytes())
    after = calendar.walk("VEVENT")
    assert str(calendar["X-WR-CALNAME"]) == "Appeals"
    assert {str(e["UID"]) for e in after} == {str(e["UID"]) for e in before}
    cancelled = [e for e in after if str(e.get("STATUS", "")) == "CANCELLED"]
    assert len(cancelled) == len(before) - 2


def test_export_ics_takes_an_explicit_earlier_export(run, tmp_path):
    earlier = tmp_path / "old.ics"
    running = str(EXAMPLES / "denial-appeal-running.yaml")
    assert run("export", "ics", running, "-o", str(earlier), "--today", TODAY).exit_code == 0
    pending = str(EXAMPLES / "medicare-advantage-pa-pending.yaml")
    output = tmp_path / "new.ics"
    result = run(
        "export", "ics", pending, "-o", str(output), "--previous", str(earlier), "--today", TODAY
    )
    assert result.exit_code == 0, result.output
    statuses = [
        str(e.get("STATUS", "")) for e in Calendar.from_ical(output.read_bytes()).walk("VEVENT")
    ]
    assert statuses.count("CANCELLED") == 2


def test_export_ics_stamps_the_current_time_without_today(run, tmp_path):
    output = tmp_path / "deadlines.ics"
    result = run("export", "ics", str(EXAMPLES / "denial-appeal-running.yaml"), "-o", str(output))
    assert result.exit_code == 0, result.output
    (event, *_) = Calendar.from_ical(output.read_bytes()).walk("VEVENT")
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_export_ics_refuses_to_overwrite_a_file_that_is_not_a_calendar(run, tmp_path):
    output = tmp_path / "notes.ics"
    output.write_text("my notes")
    result = run(
        "export",
        "ics",
        str(EXAMPLES / "denial-appeal-running.yaml"),
        "-o",
        str(output),
        "--today",
        TODAY,
    )
    assert result.exit_code == 2
    assert "notes.ics: not an iCalendar file" in result.stderr
    assert output.read_text() == "my notes"


def test_export_ics_reports_an_unreadable_earlier_export(run, tmp_path):
    result = run(
        "export",
        "ics",
        str(EXAMPLES / "denial-appeal-running.yaml"),
        "-o",
        str(tmp_path / "d.ics"),
        "--previous",
        str(tmp_path),
        "--today",
        TODAY,
    )
    assert result.exit_code == 2
    assert "cannot read the earlier calendar" in result.stderr


def test_export_ics_of_an_unknown_case_file_exits_2(run, tmp_path):
    result = run("export", "ics", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "d.ics"))
    assert result.exit_code == 2
    assert not (tmp_path / "d.ics").exists()


def test_export_without_a_subcommand_shows_help(run):
    result = run("export")
    assert "pas" in result.output
    assert "ics" in result.output


def test_writing_into_a_missing_folder_fails_cleanly(tmp_path):
    with pytest.raises(typer.Exit) as raised:
        exports.write_atomically(tmp_path / "no" / "such" / "file.ics", b"x")
    assert raised.value.exit_code == 2


def test_a_failed_rename_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "folder"
    target.mkdir()
    (target / "inside").write_text("x")
    with pytest.raises(typer.Exit) as raised:
        exports.write_atomically(target, b"x")
    assert raised.value.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
