from ketacover.core.errors import InvalidCaseFileError, KetacoverError, Problem


def test_a_case_file_error_summarises_the_first_problem_and_counts_the_rest():
    error = InvalidCaseFileError(
        [Problem("patient.date_of_birth", "is required"), Problem("plan.payer", "is required")]
    )
    assert isinstance(error, KetacoverError)
    assert str(error) == "patient.date_of_birth: is required (and 1 more)"


def test_a_case_file_error_with_one_problem_names_only_that_problem():
    assert str(InvalidCaseFileError([Problem("id", "is required", 3)])) == "id: is required"


def test_problems_compare_by_value_and_turn_into_plain_data():
    one = Problem("scores[0].score", "must be between 0 and 27", 12)
    assert one == Problem("scores[0].score", "must be between 0 and 27", 12)
    assert one != Problem("scores[0].score", "must be between 0 and 27", 13)
    assert len({one, Problem("scores[0].score", "must be between 0 and 27", 12)}) == 1
    assert one.as_dict() == {
        "path": "scores[0].score",
        "message": "must be between 0 and 27",
        "line": 12,
    }
    assert "scores[0].score" in repr(one)
    assert one.__eq__("not a problem") is NotImplemented
