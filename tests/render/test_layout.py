"""Layout decisions the three renderers share: US dates, table shape, column widths."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketacover.core.letters.letter import Table
from ketacover.render.errors import RenderError
from ketacover.render.layout import check_table, column_fractions, us_date


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (date(2026, 11, 23), "November 23, 2026"),
        (date(2027, 1, 5), "January 5, 2027"),
        (date(2024, 2, 29), "February 29, 2024"),
    ],
)
def test_it_writes_dates_as_us_letters_do(day: date, written: str) -> None:
    assert us_date(day) == written


@given(st.dates(min_value=date(1900, 1, 1)))
def test_a_written_date_reads_back_as_the_same_day(day: date) -> None:
    parsed = datetime.strptime(us_date(day), "%B %d, %Y").replace(tzinfo=UTC)
    assert parsed.date() == day


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (Table(columns=(), rows=()), "has no columns"),
        (Table(columns=("A", "B"), rows=(("1", "2", "3"),)), "row 1 has 3 cells for 2 columns"),
        (Table(columns=("A", "B"), rows=(), widths=(1,)), "widths"),
        (Table(columns=("A", "B"), rows=(), widths=(1, 0)), "widths"),
    ],
)
def test_it_refuses_a_table_that_does_not_hold_together(table: Table, message: str) -> None:
    with pytest.raises(RenderError, match=message):
        check_table(table)


def test_a_table_is_named_by_its_caption_or_first_columns() -> None:
    with pytest.raises(RenderError, match=r"table with columns \('Drug', 'Dose'\)"):
        check_table(Table(columns=("Drug", "Dose", "Weeks"), rows=(("a",),)))


def test_given_widths_are_shares_of_the_line() -> None:
    table = Table(columns=("A", "B", "C"), rows=(), widths=(2, 1, 1))
    assert column_fractions(table) == (0.5, 0.25, 0.25)


def test_without_widths_a_long_column_gets_more_room_than_a_short_one() -> None:
    table = Table(
        columns=("Drug", "Weeks", "Outcome or reason stopped"),
        rows=(("Sertraline", "12", "Stopped after a partial response and weight gain"),),
    )
    drug, weeks, outcome = column_fractions(table)
    assert weeks < drug < outcome
    assert drug + weeks + outcome == pytest.approx(1.0)


@given(st.lists(st.lists(st.text(max_size=40), min_size=3, max_size=3).map(tuple), max_size=6))
def test_column_shares_always_add_up_to_the_whole_line(rows: list[tuple[str, ...]]) -> None:
    shares = column_fractions(Table(columns=("A", "B", "C"), rows=tuple(rows)))
    assert sum(shares) == pytest.approx(1.0)
    assert all(share > 0 for share in shares)
