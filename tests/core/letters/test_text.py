from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.letters.text import join_words, long_date, money, plural, short_date


def test_long_date_is_written_as_a_us_letter_writes_it():
    assert long_date(date(2026, 11, 3)) == "November 3, 2026"
    assert long_date(date(2027, 3, 1)) == "March 1, 2027"


def test_short_date_is_month_day_year_with_leading_zeros():
    assert short_date(date(2026, 1, 5)) == "01/05/2026"


@pytest.mark.parametrize(
    ("amount", "text"),
    [("1234.5", "$1,234.50"), ("0", "$0.00"), ("0.005", "$0.01"), ("-12", "-$12.00")],
)
def test_money_has_a_dollar_sign_thousands_and_cents(amount: str, text: str):
    assert money(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_join_words_lists_items_without_a_serial_comma(items: list[str], text: str):
    assert join_words(items) == text


def test_join_words_takes_another_conjunction():
    assert join_words(["fax", "portal"], "or") == "fax or portal"


def test_plural_counts_one_and_many():
    assert plural(1, "session") == "1 session"
    assert plural(6, "session") == "6 sessions"
    assert plural(2, "child", "children") == "2 children"
