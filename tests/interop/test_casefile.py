import io
import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketacover.core.errors import InvalidCaseFileError, Problem
from ketacover.core.model import Case, PayerCategory
from ketacover.interop.casefile import (
    SCHEMA_ID,
    case_schema,
    case_to_data,
    check_case,
    load_case,
    parse_case,
    sniff_format,
    stored_case,
)

CASES = Path(__file__).parents[1] / "fixtures" / "cases"

BASE = """\
id: case-1
patient:
  given_name: Sam
  family_name: Ashdown
  date_of_birth: 1990-01-01
"""


def problems(extra: str = "", base: str = BASE) -> list[Problem]:
    return check_case(base + extra, fmt="yaml")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "treatment_history:\n  - name: a\n  - name: b\n  - name: c\n    start: 2026-13-01\n",
            Problem(
                "treatment_history[2].start",
                '"2026-13-01" is not a date (use YYYY-MM-DD)',
                10,
            ),
        ),
        (
            "plan:\n  payer: Example\n",
            Problem("plan.category", "is required", 6),
        ),
        (
            "plan:\n  payer: Example\n  category: medicare\n  grup_number: 1\n",
            Problem(
                "plan.grup_number",
                'is not a field ketacover knows (did you mean "group_number"?)',
                9,
            ),
        ),
        (
            "zzz: 1\n",
            Problem(
                "zzz", "is not a field ketacover knows (see ketacover schema for the fields)", 6
            ),
        ),
        (
            "urgency: soon\n",
            Problem("urgency", '"soon" must be one of: standard, urgent', 6),
        ),
        (
            "treatment_plan:\n  treatment: esketamine\n  sessions: six\n",
            Problem("treatment_plan.sessions", '"six" is not a whole number', 8),
        ),
        (
            "treatment_plan:\n  treatment: esketamine\n  sessions: 6\n  price_per_session: $450\n",
            Problem(
                "treatment_plan.price_per_session",
                '"$450" is not an amount (write digits only, e.g. 450.00)',
                9,
            ),
        ),
        (
            "diagnoses:\n  - code: F33.2\n    primary: maybe\n",
            Problem("diagnoses[0].primary", '"maybe" is not yes or no (use true or false)', 8),
        ),
        (
            "calls:\n  - at: 2026-11-02T10:15:00\n",
            Problem(
                "calls[0].at",
                '"2026-11-02T10:15:00" needs a time zone (e.g. 2026-11-02T10:15:00-05:00)',
                7,
            ),
        ),
        (
            "calls:\n  - at: yesterday\n",
            Problem(
                "calls[0].at",
                '"yesterday" is not a date and time (use YYYY-MM-DDTHH:MM:SS with a time zone, '
                "e.g. 2026-11-02T10:15:00-05:00)",
                7,
            ),
        ),
        (
            "diagnoses: F33.2\n",
            Problem("diagnoses", "must be a list", 6),
        ),
        (
            "plan: Example Health\n",
            Problem("plan", "must be a mapping of fields (name: value)", 6),
        ),
        (
            "notes: [a, b]\n",
            Problem("notes", "must be text", 6),
        ),
        (
            "clinic:\n  name: ~\n",
            Problem("clinic.name", "is required and cannot be empty", 7),
        ),
        (
            "scores:\n  - scale: phq9\n    score: 3\n    on: 20260101\n",
            Problem("scores[0].on", '"20260101" is not a date (use YYYY-MM-DD)', 9),
        ),
    ],
)
def test_it_reports_each_structural_problem_with_its_path_plain_message_and_line(extra, expected):
    assert problems(extra) == [expected]


def test_it_reports_a_missing_required_field_on_the_line_of_its_parent():
    text = "id: case-1\npatient:\n  given_name: Sam\n  family_name: Ashdown\n"
    assert check_case(text, fmt="yaml") == [Problem("patient.date_of_birth", "is required", 2)]


def test_it_collects_every_problem_in_file_order_not_only_the_first():
    found = problems("urgency: soon\nnotes: [a]\nplan:\n  payer: x\n")
    assert [(problem.path, problem.line) for problem in found] == [
        ("urgency", 6),
        ("notes", 7),
        ("plan.category", 8),
    ]


def test_it_shortens_a_long_offending_value_to_about_forty_characters():
    [problem] = problems("urgency: " + "x" * 200 + "\n")
    assert problem.message == '"' + "x" * 37 + '..." must be one of: standard, urgent'


def test_it_keeps_every_yaml_scalar_a_string_until_the_model_converts_it():
    case = parse_case(
        BASE
        + "plan:\n  payer: 'no'\n  category: medicare\n  group_number: 000123\n"
        + "  member_id: 1e3\n  out_of_network_benefits: no\n  in_network:\n"
        + "    deductible: 450.10\nnotes: yes\n",
        fmt="yaml",
    )
    assert case.plan is not None
    assert case.plan.group_number == "000123"
    assert case.plan.member_id == "1e3"
    assert case.plan.out_of_network_benefits is False
    assert case.plan.in_network is not None
    assert case.plan.in_network.deductible == Decimal("450.10")
    assert str(case.plan.in_network.deductible) == "450.10"
    assert case.notes == "yes"
    assert case.patient.date_of_birth == date(1990, 1, 1)


def test_it_reads_yaml_nulls_as_unknown():
    case = parse_case(BASE + "plan: ~\nnotes:\n", fmt="yaml")
    assert case.plan is None
    assert case.notes is None


def test_it_reads_json_numbers_as_exact_amounts():
    text = (CASES / "minimal.json").read_text()
    case = parse_case(text, fmt="json")
    assert case.treatment_plan is not None
    assert case.treatment_plan.price_per_session == Decimal("450.00")


def test_it_supports_yaml_anchors_and_merge_keys():
    text = BASE + (
        "plan:\n  payer: Example\n  category: medicare\n"
        "  in_network: &tier\n    deductible: 100.00\n  out_of_network:\n    <<: *tier\n"
    )
    case = parse_case(text, fmt="yaml")
    assert case.plan is not None
    assert case.plan.out_of_network == case.plan.in_network


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id: [1,\n",
            Problem(
                "",
                "is not valid YAML: did not find expected node content (column 1)",
                2,
            ),
        ),
        ("", Problem("", "is empty (a case needs at least id and patient)", 1)),
        ("- 1\n- 2\n", Problem("", "must be a mapping of fields (id, patient, plan, ...)", 1)),
        ("id: &a [*a]\n", Problem("id[0]", "refers to itself through an alias", 1)),
        (
            "id: !!python/object:os.system x\n",
            Problem(
                "",
                "is not valid YAML: could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/object:os.system' (column 5)",
                1,
            ),
        ),
        (
            "a: b: c\n",
            Problem(
                "",
                "is not valid YAML: mapping values are not allowed in this context (column 5)",
                1,
            ),
        ),
        ("x: *nope\n", Problem("", "is not valid YAML: found undefined alias (column 4)", 1)),
        ("[" * 5000 + "]" * 5000, Problem("", "is nested more than 64 levels deep", 1)),
    ],
)
def test_it_turns_unreadable_yaml_into_one_problem_with_its_line(text, expected):
    assert check_case(text, fmt="yaml") == [expected]


def test_it_reports_a_key_given_twice_with_both_lines():
    found = problems("notes: one\nnotes: two\n")
    assert found == [Problem("notes", "appears more than once (first on line 6)", 7)]


def test_it_refuses_an_alias_bomb():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 7)]
    [problem] = check_case("\n".join(lines), fmt="yaml")
    assert problem.message == "holds more than 100000 values once aliases are expanded"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "{",
            Problem(
                "",
                "is not valid JSON: Expecting property name enclosed in double quotes (column 2)",
                1,
            ),
        ),
        (
            '{"id": "a", "id": "b"}',
            Problem("", 'is not valid: the key "id" appears more than once'),
        ),
        ("[]", Problem("", "must be a mapping of fields (id, patient, plan, ...)", 1)),
        (
            '{"id": ' + "9" * 5000 + "}",
            Problem("", "is not valid JSON: a number has too many digits"),
        ),
    ],
)
def test_it_turns_unreadable_json_into_one_problem(text, expected):
    assert check_case(text, fmt="json") == [expected]


def test_deeply_nested_json_is_one_problem():
    assert check_case("[" * 5000 + "]" * 5000, fmt="json") == [
        Problem("", "is nested more than 64 levels deep", 1)
    ]


def test_json_problems_carry_no_line():
    [problem] = check_case('{"id": "a"}', fmt="json")
    assert problem == Problem("patient", "is required", None)


def test_a_json_constant_like_nan_is_not_an_amount():
    text = json.dumps(case_to_data(load_case(CASES / "minimal.json")))
    text = text.replace('"450.00"', "NaN")
    [problem] = check_case(text, fmt="json")
    assert problem.path == "treatment_plan.price_per_session"
    assert problem.message == '"NaN" is not an amount (write digits only, e.g. 450.00)'


def test_the_error_names_the_input_and_the_line_of_the_first_problem():
    with pytest.raises(InvalidCaseFileError) as caught:
        parse_case(BASE + "urgency: soon\nnotes: [a]\n", fmt="yaml", name="case.yaml")
    assert (
        str(caught.value)
        == 'case.yaml:6: urgency: "soon" must be one of: standard, urgent (and 1 more)'
    )
    assert len(caught.value.problems) == 2


def test_the_error_of_a_json_input_names_the_input_without_a_line():
    with pytest.raises(InvalidCaseFileError, match=r"^<case>: patient: is required$"):
        parse_case('{"id": "a"}', fmt="json")


@pytest.mark.parametrize("name", ["esketamine-ppo.yaml", "minimal.yaml", "minimal.json"])
def test_a_case_round_trips_through_plain_data(name):
    case = load_case(CASES / name)
    data = case_to_data(case)
    assert parse_case(json.dumps(data), fmt="json") == case
    assert "plan" not in data or data["plan"].get("state") is None


def test_plain_data_writes_dates_and_amounts_as_text():
    data = case_to_data(load_case(CASES / "esketamine-ppo.yaml"))
    assert data["patient"]["date_of_birth"] == "1985-04-12"
    assert data["plan"]["in_network"]["deductible"] == "1500.00"
    assert data["plan"]["category"] == PayerCategory.COMMERCIAL_SELF_FUNDED.value
    assert data["calls"][0]["at"] == "2026-10-02T10:15:00-04:00"


def test_it_loads_by_extension_and_sniffs_other_names(tmp_path):
    text = (CASES / "minimal.json").read_text()
    unnamed = tmp_path / "case.txt"
    unnamed.write_text(text)
    assert load_case(unnamed).id == "fixture-minimal-json"
    assert load_case(str(CASES / "minimal.yaml")).id == "fixture-minimal"
    assert sniff_format("\ufeff  {") == "json"
    assert sniff_format("id: x") == "yaml"


def test_it_reads_standard_input_for_a_dash(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO((CASES / "minimal.yaml").read_text()))
    assert load_case("-").id == "fixture-minimal"


def test_it_reads_a_file_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (CASES / "minimal.yaml").read_bytes())
    assert load_case(path).id == "fixture-minimal"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "absent.yaml", "file not found"),
        (lambda tmp: tmp, "is a folder, not a case file"),
        (lambda tmp: _write(tmp / "latin.yaml", b"id: caf\xe9\n"), "is not UTF-8 text"),
        (
            lambda tmp: _write(tmp / "big.yaml", b"#" * 5_000_001),
            "is larger than 5 MB; a case file is smaller",
        ),
    ],
)
def test_it_turns_an_unreadable_file_into_a_problem(tmp_path, make, message):
    with pytest.raises(InvalidCaseFileError) as caught:
        load_case(make(tmp_path))
    assert caught.value.problems == [Problem("", message)]
    assert str(caught.value) == message


@pytest.mark.skipif(os.geteuid() == 0, reason="the superuser may read any file")
def test_it_says_when_a_file_cannot_be_opened(tmp_path):
    path = _write(tmp_path / "locked.yaml", b"id: x\n")
    path.chmod(0)
    with pytest.raises(InvalidCaseFileError, match=r"^cannot be read \(permission denied\)$"):
        load_case(path)


def test_it_reports_other_system_errors_plainly(tmp_path):
    with pytest.raises(InvalidCaseFileError, match=r"^cannot be read \(.+\)$"):
        load_case(tmp_path / ("x" * 300 + ".yaml"))


def test_the_schema_describes_every_field_and_forbids_unknown_ones():
    schema = case_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"] == "ketacover case file"
    assert schema["required"] == ["id", "patient"]
    assert schema["additionalProperties"] is False
    plan = schema["$defs"]["Plan"]
    assert plan["properties"]["group_number"]["description"].startswith("Group number")
    for name, definition in schema["$defs"].items():
        for field, spec in definition.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


def test_validating_a_case_does_not_read_the_models_source(monkeypatch):
    import inspect

    from ketacover.interop import casefile

    def refuse(thing):
        raise AssertionError(f"read the source of {thing!r}")

    casefile._adapter.cache_clear()
    monkeypatch.setattr(inspect, "getsourcelines", refuse)
    try:
        case = load_case(CASES / "esketamine-ppo.yaml")
    finally:
        casefile._adapter.cache_clear()
    assert case.id


def test_the_schema_reads_the_docstrings_and_leaves_validation_as_it_was():
    from ketacover.core.model._base import CONFIG
    from ketacover.interop import casefile

    casefile._described_adapter.cache_clear()
    assert case_schema()["$defs"]["Plan"]["properties"]["group_number"]["description"]
    assert CONFIG["use_attribute_docstrings"] is False


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


FIELD_NAMES = st.sampled_from(
    [
        "id",
        "patient",
        "plan",
        "given_name",
        "family_name",
        "date_of_birth",
        "category",
        "payer",
        "diagnoses",
        "code",
        "scores",
        "scale",
        "score",
        "on",
        "calls",
        "at",
        "sessions",
        "zzz",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=20)
    | st.decimals(allow_nan=False, allow_infinity=False).map(str)
    | st.dates().map(str)
    | st.sampled_from(["F33.2", "phq9", "1234567893", "medicare", "-1"])
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(FIELD_NAMES, inner, max_size=5),
    max_leaves=25,
)


def _only_cases_or_problems(text: str, fmt: str) -> None:
    problems = check_case(text, fmt=fmt)  # type: ignore[arg-type]
    if problems:
        assert all(isinstance(problem.message, str) and problem.message for problem in problems)
        with pytest.raises(InvalidCaseFileError):
            parse_case(text, fmt=fmt)  # type: ignore[arg-type]
    else:
        assert isinstance(parse_case(text, fmt=fmt), Case)  # type: ignore[arg-type]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("{}[]:,-&*!|>'\"#?~ \n\tab01.")), max_size=80))
def test_random_yaml_ish_text_gives_a_case_or_problems_never_a_crash(text):
    _only_cases_or_problems(text, "yaml")
    _only_cases_or_problems(text, "json")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(FIELD_NAMES, STRUCTURES, max_size=6))
def test_random_structures_give_a_case_or_problems_never_a_crash(data):
    _only_cases_or_problems(json.dumps(data), "json")
    _only_cases_or_problems(json.dumps(data), "yaml")


def test_case_from_data_reads_back_what_case_to_data_wrote():
    from ketacover.interop.casefile import case_from_data, case_to_data

    case = load_case(Path(__file__).resolve().parents[2] / "examples" / "esketamine-ready-ppo.yaml")
    assert case_from_data(case_to_data(case)) == case


def test_case_from_data_lists_every_problem_with_its_path():
    from ketacover.core.errors import InvalidCaseFileError
    from ketacover.interop.casefile import case_from_data

    with pytest.raises(InvalidCaseFileError) as raised:
        case_from_data({"id": "c-1", "patient": {"given_name": "Ada"}})
    paths = [problem.path for problem in raised.value.problems]
    assert paths == ["patient.family_name", "patient.date_of_birth"]
    with pytest.raises(InvalidCaseFileError):
        case_from_data(["not", "a", "mapping"])


def test_a_stored_document_reads_back_as_the_case_it_was_written_from():
    for path in sorted((Path(__file__).parents[2] / "examples").glob("*.yaml")):
        case = load_case(path)
        assert stored_case(case_to_data(case)) == case, path.name


def test_a_stored_document_that_lost_its_structure_is_refused_with_every_problem():
    with pytest.raises(InvalidCaseFileError) as error:
        stored_case({"id": "case-1", "patient": {"given_name": "Sam"}})
    assert any(problem.path.startswith("patient.") for problem in error.value.problems)
