from datetime import date

import pytest

from ketacover.core.model import Patient


def _patient(born: date) -> Patient:
    return Patient(given_name="Ada", family_name="Example", date_of_birth=born)


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(1980, 6, 15), date(2026, 6, 14), 45),
        (date(1980, 6, 15), date(2026, 6, 15), 46),
        (date(2008, 11, 24), date(2026, 11, 23), 17),
        (date(2008, 11, 23), date(2026, 11, 23), 18),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (date(2000, 2, 29), date(2026, 3, 1), 26),
    ],
)
def test_age_counts_whole_years_and_turns_on_the_birthday(born: date, on: date, age: int):
    assert _patient(born).age_on(on) == age


def test_full_name_joins_given_and_family_name():
    assert _patient(date(1990, 1, 1)).full_name == "Ada Example"
