import json
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parents[1] / "fixtures" / "fhir"


def test_import_fhir_writes_a_case_file_that_validates(run, tmp_path):
    output = tmp_path / "case.yaml"
    result = run("import", "fhir", str(FIXTURES / "patient-access.json"), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert f"wrote {output}" in result.stdout
    assert "Trials inferred (a gap over 30 days starts a new trial)" in result.stdout
    assert "ExplanationOfBenefit/eob-prof-1" in result.stdout
    assert "note: plan.category:" in result.stdout
    validated = run("validate", str(output))
    assert validated.exit_code == 0
    assert validated.stdout.strip() == f"{output}: ok"


def test_the_case_file_is_block_yaml_in_model_order_with_dates_and_amounts_as_text(run, tmp_path):
    output = tmp_path / "case.yaml"
    run("import", "fhir", str(FIXTURES / "ehr.json"), "-o", str(output), "--case-id", "case-7")
    text = output.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(data)[:6] == ["id", "patient", "plan", "diagnoses", "scores", "treatment_history"]
    assert data["id"] == "case-7"
    assert data["patient"]["date_of_birth"] == "1988-04-12"
    assert data["treatment_history"][1]["dose_mg_per_day"] == "300"
    assert "{" not in text.replace("{}", "")


def test_gap_days_and_json_output(run, tmp_path):
    output = tmp_path / "case.yaml"
    result = run(
        "import",
        "fhir",
        str(FIXTURES / "patient-access.json"),
        "-o",
        str(output),
        "--gap-days",
        "60",
        "--json",
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["case_id"] == "fhir-import"
    assert data["report"]["gap_days"] == 60
    assert [t["name"] for t in data["report"]["trials"]] == [
        "sertraline",
        "escitalopram",
        "venlafaxine",
        "aripiprazole",
    ]
    assert data["report"]["counts"]["ExplanationOfBenefit"] == 23


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed-not-json.json", "malformed-not-json.json: is not valid JSON"),
        (
            "malformed-not-a-bundle.json",
            'malformed-not-a-bundle.json: is a "Patient" resource, not a Bundle',
        ),
        (
            "malformed-bad-date.json",
            "entry[3] (MedicationDispense/md-1).whenHandedOver: is not a date",
        ),
        (
            "malformed-unknown-type.json",
            "entry[1].resource.resourceType: is not a FHIR R4 resource type",
        ),
        ("missing.json", "missing.json: file not found"),
    ],
)
def test_a_bad_bundle_exits_2_with_one_line_and_writes_nothing(run, tmp_path, name, message):
    output = tmp_path / "case.yaml"
    result = run("import", "fhir", str(FIXTURES / name), "-o", str(output))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_bundle(run, tmp_path):
    result = run("import", "fhir", str(tmp_path), "-o", str(tmp_path / "case.yaml"))
    assert result.exit_code == 2
    assert "is a folder, not a bundle" in result.stderr


def test_an_unreadable_bundle_is_reported(run, tmp_path, monkeypatch):
    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run("import", "fhir", str(FIXTURES / "ehr.json"), "-o", str(tmp_path / "case.yaml"))
    assert result.exit_code == 2
    assert "cannot be read (permission denied)" in result.stderr


def test_a_bundle_too_large_is_refused(run, tmp_path, monkeypatch):
    from ketacover.cli import imports

    monkeypatch.setattr(imports, "MAX_BUNDLE_BYTES", 10)
    result = run("import", "fhir", str(FIXTURES / "ehr.json"), "-o", str(tmp_path / "case.yaml"))
    assert result.exit_code == 2
    assert "is larger than" in result.stderr


def test_an_output_folder_that_does_not_exist_is_reported(run, tmp_path):
    output = tmp_path / "missing" / "case.yaml"
    result = run("import", "fhir", str(FIXTURES / "ehr.json"), "-o", str(output))
    assert result.exit_code == 2
    assert "cannot write there" in result.stderr


def test_a_failed_write_leaves_no_temporary_file(run, tmp_path, monkeypatch):
    import os

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("import", "fhir", str(FIXTURES / "ehr.json"), "-o", str(tmp_path / "case.yaml"))
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_negative_gap_is_refused_by_the_option(run, tmp_path):
    result = run(
        "import",
        "fhir",
        str(FIXTURES / "ehr.json"),
        "-o",
        str(tmp_path / "c.yaml"),
        "--gap-days",
        "-1",
    )
    assert result.exit_code == 2
    assert not (tmp_path / "c.yaml").exists()


def test_import_without_a_subcommand_shows_help(run):
    result = run("import")
    assert "fhir" in result.output


def test_many_skipped_records_are_counted_by_type_and_reason(run, tmp_path):
    bundle = json.loads((FIXTURES / "exports" / "oracle.json").read_text(encoding="utf-8"))
    weight = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
    }
    bundle["entry"] += [{"resource": {**weight, "id": f"w{n}"}} for n in range(120)]
    source = tmp_path / "big.json"
    source.write_text(json.dumps(bundle), encoding="utf-8")
    result = run("import", "fhir", str(source), "-o", str(tmp_path / "case.yaml"))
    assert result.exit_code == 0, result.output
    assert "Skipped (121 records)" in result.stdout
    assert "Observation/w0" in result.stdout
    assert "Observation/w7" not in result.stdout
    assert "stopped: escitalopram (2025-04-01): No meaningful improvement" in result.stdout
