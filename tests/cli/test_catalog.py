import json


def test_schema_prints_the_case_file_json_schema(run):
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "ketacover case file"
    assert schema["$id"] == "urn:ketacover:case-file:1"
    assert "patient" in schema["properties"]


def test_rules_lists_the_shipped_payer_packs(run):
    result = run("rules", "--json")
    assert result.exit_code == 0
    packs = json.loads(result.stdout)["packs"]
    assert "generic_commercial" in [pack["id"] for pack in packs]
    assert set(packs[0]) == {
        "id",
        "name",
        "payer",
        "explain",
        "source",
        "confidence",
        "as_of",
        "origin",
    }


def test_rules_shows_a_table(run):
    result = run("rules")
    assert result.exit_code == 0
    assert "generic_commercial" in result.stdout


def test_rules_reads_extra_packs_and_rejects_a_bad_one(run, tmp_path):
    (tmp_path / "broken.toml").write_text("this is = = not toml")
    result = run("rules", "--packs", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("ketacover: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_rules_refuses_a_packs_path_that_is_not_a_folder(run, tmp_path):
    result = run("rules", "--packs", str(tmp_path / "absent"))
    assert result.exit_code == 2
    assert result.stderr == f"ketacover: --packs: {tmp_path / 'absent'} is not a folder\n"
