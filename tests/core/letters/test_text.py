from datetime import date
from decimal import Decimal

import pytest

from ketacover.core.letters.language import Language
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


def test_long_date_in_spanish_puts_the_day_first_and_spells_the_month():
    assert long_date(date(1975, 8, 9), Language.ES) == "9 de agosto de 1975"
    assert long_date(date(2027, 3, 1), Language.ES) == "1 de marzo de 2027"


def test_long_date_does_not_depend_on_the_machines_locale():
    assert [long_date(date(2026, month, 1)).split()[0] for month in (1, 12)] == [
        "January",
        "December",
    ]


@pytest.mark.parametrize(
    ("items", "conjunction", "text"),
    [
        (["F33.2", "F41.1"], "and", "F33.2 y F41.1"),
        (["a", "b", "c"], "and", "a, b y c"),
        (["español", "inglés"], "and", "español e inglés"),
        (["agua", "hielo"], "and", "agua y hielo"),
        (["madre", "hija"], "and", "madre e hija"),
        (["fax", "portal"], "or", "fax o portal"),
        (["siete", "ocho"], "or", "siete u ocho"),
    ],
)
def test_join_words_in_spanish_follows_the_spelling_rules(items, conjunction, text):
    assert join_words(items, conjunction, language=Language.ES) == text


def test_join_words_in_spanish_refuses_a_conjunction_it_cannot_translate():
    with pytest.raises(ValueError, match="nor"):
        join_words(["a", "b"], "nor", language=Language.ES)
