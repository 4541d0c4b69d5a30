import pytest

from ketacover.interop.x12 import Delimiters, RemittanceError, delimiters

ISA = (
    "ISA*00*          *00*          *ZZ*KETAPAYER      *ZZ*KETACLINIC     *261120*0900*^*00501*"
    "000000101*0*T*:~"
)


def _with(element="*", repetition="^", component=":", segment="~"):
    text = ISA.replace("*", element).replace("^", repetition)
    return text[:-2] + component + segment


def test_it_reads_the_four_delimiters_from_the_isa_segment():
    assert delimiters(ISA + "GS*HP~") == Delimiters("*", "^", ":", "~")


@pytest.mark.parametrize(
    ("element", "repetition", "component", "segment"),
    [("|", "^", ">", "~"), ("*", "{", ":", "\n"), ("!", "^", "\\", "'"), ("*", "^", ":", "\r")],
)
def test_it_reads_other_delimiters(element, repetition, component, segment):
    found = delimiters(_with(element, repetition, component, segment))
    assert found == Delimiters(element, repetition, component, segment)


def test_an_old_style_repetition_letter_is_not_a_delimiter_clash():
    assert delimiters(_with(repetition="U")).repetition == "U"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("GS*HP*X~", "does not start with an ISA segment"),
        ("", "does not start with an ISA segment"),
        (ISA[:80], "ISA segment is 80 characters long; it must be 106"),
        (ISA.replace("KETAPAYER      ", "KETAPAYER") + "GS*HP*X*Y~", "16 fixed-width elements"),
        (_with(component="A"), "unknown component delimiter 'A'"),
        (_with(element="1"), "16 fixed-width elements"),
        (_with(segment="7"), "unknown segment delimiter '7'"),
        (_with(segment=" "), "unknown segment delimiter ' '"),
        (_with(component="\t"), "unknown component delimiter"),
        (_with(component="~"), "not distinct"),
        (_with(repetition=":"), "not distinct"),
    ],
)
def test_it_rejects_a_malformed_isa_naming_segment_1(text, message):
    with pytest.raises(RemittanceError, match="segment 1") as error:
        delimiters(text)
    assert message in str(error.value)
    assert error.value.segment == 1
