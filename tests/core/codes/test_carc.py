import pytest

from ketacover.core.codes import carc
from ketacover.core.errors import InvalidCodeError
from ketacover.core.model import DenialReason
from ketacover.core.sources import Confidence

R = DenialReason


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("CO-50", ("CO", "50")),
        ("co 50", ("CO", "50")),
        ("CO50", ("CO", "50")),
        ("PR-1", ("PR", "1")),
        ("oa:23", ("OA", "23")),
        ("PI - 197", ("PI", "197")),
        ("50", (None, "50")),
        (" 050 ", (None, "50")),
        ("B7", (None, "B7")),
        ("CO-B7", ("CO", "B7")),
    ],
)
def test_it_parses_group_and_reason_codes(text, parsed):
    assert carc.parse(text) == parsed


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty"),
        ("CO", "is malformed"),
        ("CO-5000", "is malformed"),
        ("fifty", "is malformed"),
        ("XX-50", "unknown group code XX: group codes are CO, PR, OA, PI"),
        ("0", "codes start at 1"),
    ],
)
def test_it_rejects_malformed_codes_with_a_message(text, problem):
    with pytest.raises(InvalidCodeError, match="claim adjustment reason code") as raised:
        carc.validate(text)
    assert problem in str(raised.value)
    assert not carc.is_valid(text)


@pytest.mark.parametrize(
    ("text", "normalized"), [("co 50", "CO-50"), ("50", "50"), ("pr1", "PR-1")]
)
def test_it_normalizes_valid_codes(text, normalized):
    assert carc.validate(text) == normalized
    assert carc.is_valid(text)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("15", R.NO_PRIOR_AUTHORIZATION),
        ("16", R.CODING_ERROR),
        ("39", R.NO_PRIOR_AUTHORIZATION),
        ("50", R.NOT_MEDICALLY_NECESSARY),
        ("55", R.EXPERIMENTAL_INVESTIGATIONAL),
        ("56", R.EXPERIMENTAL_INVESTIGATIONAL),
        ("96", R.BENEFIT_EXCLUSION),
        ("114", R.EXPERIMENTAL_INVESTIGATIONAL),
        ("119", R.FREQUENCY_LIMIT),
        ("151", R.FREQUENCY_LIMIT),
        ("167", R.BENEFIT_EXCLUSION),
        ("188", R.EXPERIMENTAL_INVESTIGATIONAL),
        ("197", R.NO_PRIOR_AUTHORIZATION),
        ("198", R.FREQUENCY_LIMIT),
        ("204", R.BENEFIT_EXCLUSION),
        ("242", R.OUT_OF_NETWORK),
        ("243", R.OUT_OF_NETWORK),
    ],
)
def test_each_reason_code_maps_to_the_denial_category_it_means(code, reason):
    entry = carc.lookup(f"CO-{code}")
    assert entry is not None
    assert entry.reason is reason
    assert carc.classify([code]) is reason


def test_an_unknown_reason_code_is_valid_but_has_no_paraphrase():
    assert carc.is_valid("CO-253")
    assert carc.lookup("253") is None
    assert (
        carc.describe("253")
        == f"253: ketacover has no paraphrase for reason code 253; see {carc.X12_URL}"
    )


def test_it_describes_group_and_reason_in_our_words():
    text = carc.describe("co 50")
    assert text.startswith("CO-50: Contractual obligation")
    assert "Reason 50: The payer judges the service not medically necessary" in text


def test_it_describes_a_code_without_a_group():
    assert carc.describe("197").startswith("197: Required precertification")


@pytest.mark.parametrize(
    ("codes", "reason"),
    [
        (["CO-16", "CO-50"], R.NOT_MEDICALLY_NECESSARY),
        (["CO-50", "CO-55"], R.EXPERIMENTAL_INVESTIGATIONAL),
        (["CO-96", "CO-197"], R.NO_PRIOR_AUTHORIZATION),
        (["PR-204", "CO-16"], R.BENEFIT_EXCLUSION),
        (["CO-242", "CO-119"], R.OUT_OF_NETWORK),
        (["CO-151", "CO-96"], R.FREQUENCY_LIMIT),
        (["CO-253"], None),
        ([], None),
    ],
)
def test_classify_lets_the_most_specific_reason_win(codes, reason):
    assert carc.classify(codes) is reason


def test_classify_rejects_a_malformed_code():
    with pytest.raises(InvalidCodeError):
        carc.classify(["CO-50", "nonsense"])


def test_every_denial_category_in_the_table_has_a_precedence():
    assert {entry.reason for entry in carc.REASON_CODES.values()} <= set(carc.PRECEDENCE)


def test_group_codes_carry_our_meanings_and_sources():
    assert set(carc.GROUPS) == {"CO", "PR", "OA", "PI"}
    assert "may not bill the patient" in carc.GROUPS["CO"][0]
    assert carc.GROUPS["PR"][1].confidence is Confidence.PARTLY_VERIFIED


def test_the_docstring_example_holds():
    assert carc.parse("co 50") == ("CO", "50")
    assert carc.classify(["CO-16", "CO-50"]) is R.NOT_MEDICALLY_NECESSARY
