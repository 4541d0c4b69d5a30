"""Property-based fuzzing of the X12 835 reader, starting from the fixture remittances.

Whatever a file holds, reading it gives remittances or :class:`RemittanceError`: never another
exception, never a hang, and the error never quotes a patient's name or member id. A remittance
that reads is summed up and matched to the example cases without failing. The fixture generator
is the writer: every file it makes reads back with the claims it wrote.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketacover.interop.casefile import load_case
from ketacover.interop.x12 import RemittanceError, parse_835, summarize
from ketacover.interop.x12.reconcile import reconcile

from ..mutations import mutated_bytes
from .conftest import FIXTURES, MAKE

TEXTS = [(FIXTURES / name).read_text("utf-8") for name in ("denials.835", "compact.835")]
CASES = [
    load_case(path) for path in sorted((Path(__file__).parents[3] / "examples").glob("*.yaml"))
]
PERSONAL = frozenset(
    value
    for text in TEXTS
    for found in re.finditer(r"NM1\*(?:QC|IL)\*1\*([^*~]*)\*([^*~]*)\*+MI\*([^*~]*)", text)
    for value in found.groups()
    if len(value) > 3
)
"""Names and member ids in the fixtures: no error may quote them."""
ELEMENTS = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1.5",
        "1,000",
        "abc",
        "9" * 40,
        "20261301",
        "20260230",
        "99991231",
        "00010101",
        "NaN",
        "Infinity",
        "1e5",
        "CO",
        "PR",
        "OA",
        "45",
        "4",
        "22",
        ":",
        "^",
    ]
) | st.text(max_size=8)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDS = 5.0


@st.composite
def mutated_835(draw: st.DrawFn) -> str:
    """A fixture with segments dropped, repeated, swapped or cut, and elements replaced."""
    segments = draw(st.sampled_from(TEXTS)).split("~")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not segments:
            break
        at = draw(st.integers(min_value=0, max_value=len(segments) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "element", "cut"]))
        if action == "drop":
            del segments[at]
        elif action == "repeat":
            segments.insert(at, segments[at])
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(segments) - 1))
            segments[at], segments[other] = segments[other], segments[at]
        elif action == "element":
            elements = segments[at].split("*")
            index = draw(st.integers(min_value=0, max_value=len(elements)))
            value = draw(ELEMENTS)
            if index == len(elements):
                elements.append(value)
            else:
                elements[index] = value
            segments[at] = "*".join(elements)
        else:
            del segments[at:]
    return "~".join(segments)


def _read(text: str) -> None:
    started = time.perf_counter()
    refusal: RemittanceError | None = None
    try:
        remittances = parse_835(text)
    except RemittanceError as error:
        refusal = error
    else:
        for remittance in remittances:
            summarize(remittance)
            reconcile(remittance, CASES, today=date(2026, 11, 23))
    assert time.perf_counter() - started < SECONDS
    if refusal is not None:
        assert str(refusal).startswith("835 ")
        assert refusal.problem
        for value in PERSONAL:
            assert value not in str(refusal), value


@FUZZ
@given(mutated_835())
def test_a_mutated_835_reads_or_is_refused_by_segment_without_quoting_a_patient(text):
    _read(text)


@FUZZ
@given(mutated_bytes([text.encode() for text in TEXTS[:1]], keep=106))
def test_damaged_835_bytes_after_a_good_isa_read_or_are_refused(data):
    _read(data.decode("latin-1"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(min_value=1, max_value=12),
    seed=st.integers(min_value=0, max_value=10**6),
    newlines=st.booleans(),
)
def test_every_generated_835_reads_back_with_the_claims_written(count, seed, newlines):
    claims = MAKE.generated(count, seed=seed)
    [remittance] = parse_835(MAKE.render(claims, newlines=newlines, control=seed % 10**9 or 1))
    read = [
        (c.patient_control_number, c.charge, c.paid, c.payer_claim_number, c.service_from)
        for c in remittance.claims
    ]
    assert read == [(c.pcn, c.charge, c.paid, c.payer_claim, c.service) for c in claims]
    assert summarize(remittance).unbalanced == ()


@pytest.mark.parametrize(
    ("old", "personal", "expected"),
    [
        ("DTM*232*20261022", "DTM*232*TESTPERSON", "DTM02 is not a date (CCYYMMDD)"),
        ("*1*1000*600*", "*1*XKC000100001*600*", "CLP03 is not an amount"),
        ("ST*835*0001", "ST*ALEX*0001", "ST01 is not 835: this is not an 835"),
    ],
)
def test_a_name_or_member_id_in_the_wrong_element_is_never_quoted(old, personal, expected):
    """Found by this fuzzing: a damaged file slid the payer's name into a date, and the error
    quoted it; a patient's name or member id could slide the same way."""
    with pytest.raises(RemittanceError) as raised:
        parse_835(TEXTS[0].replace(old, personal, 1))
    assert expected in str(raised.value)
    for word in ("TESTPERSON", "XKC000100001", "ALEX"):
        assert word not in str(raised.value)
