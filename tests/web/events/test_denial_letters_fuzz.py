"""Property-based fuzzing of the denial-letter reader: an uploaded PDF, damaged in any way, gives
its text or :class:`DenialLetterError` (the upload is refused with a message for the form),
never another exception (which would be a server error) and never a hang; and whatever text a
readable letter holds, the denial classifier proposes a reason without failing."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketacover.core.letters.denials import classify
from ketacover.core.model import Denial
from ketacover.web.events.denial_letters import DenialLetterError, letter_text

from .conftest import make_pdf

LINES = (
    "Notice of adverse benefit determination",
    "Member: Avery Testperson, ID XKC000123456",
    "The requested service is experimental and investigational.",
)
LETTERS = [make_pdf(*LINES)]
SECONDS = 5.0
NUMBERS = st.sampled_from([b"0", b"-1", b"1", b"2", b"99999999999", b"3.5"])
TOKENS = st.sampled_from(
    [
        b"<<",
        b">>",
        b"[",
        b"(",
        b"/Length 99999999",
        b"0 R",
        b"1 0 obj",
        b"/Prev 0",
        b"/Root 1 0 R",
        b"/Filter /FlateDecode",
        b"/Filter /NoSuchDecode",
        b"endstream",
        b"xref",
    ]
)


@st.composite
def damaged_pdf(draw: st.DrawFn) -> bytes:
    """A one-page letter with bytes changed, runs deleted, PDF tokens or bytes inserted, numbers
    replaced, or the end cut off (the ``%PDF-`` header is kept, so the reader is reached)."""
    data = bytearray(draw(st.sampled_from(LETTERS)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if len(data) < 8:
            break
        at = draw(st.integers(min_value=5, max_value=len(data) - 1))
        action = draw(st.sampled_from(["change", "delete", "insert", "number", "cut"]))
        if action == "change":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=64))]
        elif action == "insert":
            data[at:at] = draw(TOKENS | st.binary(max_size=16))
        elif action == "number":
            end = at
            while end < len(data) and chr(data[end]).isdigit():
                end += 1
            data[at:end] = draw(NUMBERS)
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pdf())
def test_a_damaged_letter_gives_its_text_or_a_refusal_for_the_form(data):
    started = time.perf_counter()
    refusal = ""
    try:
        text, pages = letter_text(data)
    except DenialLetterError as error:
        refusal = str(error)
    else:
        assert text.strip()
        assert pages >= 1
        classify(Denial(id="draft", notice_date=date(2026, 11, 2), reason_text=text))
    assert time.perf_counter() - started < SECONDS
    if refusal:
        assert refusal.startswith("letter: ")
        assert "Testperson" not in refusal
        assert "XKC000123456" not in refusal


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_any_letter_text_is_classified_without_failing(text):
    result = classify(Denial(id="draft", notice_date=date(2026, 11, 2), reason_text=text))
    assert result is not None


def test_a_letter_whose_streams_name_an_unknown_filter_is_refused_not_a_server_error():
    data = make_pdf(*LINES).replace(b"/FlateDecode", b"/NoSuchDecode")
    with pytest.raises(DenialLetterError) as raised:
        letter_text(data)
    assert str(raised.value) == (
        "letter: the PDF compresses its pages with a method ketacover does not read "
        "(/NoSuchDecode); type the denial in instead"
    )
