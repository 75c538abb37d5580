"""Working days in Denmark over several years: Easter, Store bededag until 2023, Kristi
himmelfart, Pinse, Grundlovsdag, 24 and 31 December closed; 1 May open."""

from datetime import date

import pytest

from portal.services.working_days import (
    add_working_days,
    closed_day_name,
    is_working_day,
    next_working_day,
    working_days_after,
    working_days_before,
    working_days_between,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2023, 4, 6),  # Skærtorsdag
        date(2023, 4, 7),  # Langfredag
        date(2023, 4, 10),  # Anden påskedag
        date(2023, 5, 5),  # Store bededag, the last one
        date(2023, 5, 18),  # Kristi himmelfartsdag
        date(2023, 5, 29),  # Anden pinsedag
        date(2023, 6, 5),  # Grundlovsdag (a Monday)
        date(2023, 12, 25),
        date(2023, 12, 26),
        date(2024, 1, 1),
        date(2024, 3, 28),
        date(2024, 12, 24),  # Juleaftensdag (a Tuesday)
        date(2024, 12, 31),  # Nytårsaften (a Tuesday)
        date(2025, 6, 5),  # Grundlovsdag (a Thursday)
        date(2027, 3, 29),  # Anden påskedag
    ],
)
def test_holidays_on_weekdays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not is_working_day(day)
    assert closed_day_name(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 4, 26),  # would have been Store bededag: a working day from 2024
        date(2025, 5, 16),  # likewise in 2025
        date(2024, 5, 1),  # 1 May is a working day
        date(2025, 5, 1),
        date(2024, 12, 23),
        date(2024, 12, 27),
        date(2027, 3, 24),
    ],
)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)
    assert closed_day_name(day) is None


def test_store_bededag_has_its_name_in_2023_and_none_in_2024():
    assert closed_day_name(date(2023, 5, 5)) == "Store bededag"
    assert closed_day_name(date(2024, 4, 26)) is None


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday


def test_counting_back_over_easter_2027():
    assert working_days_before(date(2027, 3, 30), 2) == date(2027, 3, 23)
    assert working_days_before(date(2027, 3, 30), 1) == date(2027, 3, 24)


def test_counting_forward_over_christmas_and_new_year():
    # 23 Dec 2024 (Mon) + 1 = 27 Dec (Fri), + 2 = 30 Dec (Mon), + 3 = 2 Jan 2025.
    assert add_working_days(date(2024, 12, 23), 1) == date(2024, 12, 27)
    assert add_working_days(date(2024, 12, 23), 2) == date(2024, 12, 30)
    assert add_working_days(date(2024, 12, 23), 3) == date(2025, 1, 2)
    assert add_working_days(date(2024, 12, 23), 0) == date(2024, 12, 23)
    assert working_days_after(date(2024, 12, 23), 3) == [
        date(2024, 12, 27),
        date(2024, 12, 30),
        date(2025, 1, 2),
    ]


def test_next_working_day():
    assert next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)  # Skærtorsdag 2027
    assert next_working_day(date(2027, 3, 30)) == date(2027, 3, 30)
    assert next_working_day(date(2023, 5, 5)) == date(2023, 5, 8)
    assert next_working_day(date(2024, 4, 26)) == date(2024, 4, 26)


def test_working_days_between_counts_both_ends():
    assert working_days_between(date(2027, 3, 22), date(2027, 3, 31)) == 5  # 22, 23, 24, 30, 31
    assert working_days_between(date(2027, 3, 25), date(2027, 3, 29)) == 0
    assert working_days_between(date(2027, 3, 31), date(2027, 3, 30)) == 0
