"""The appeal deadline: 4 weeks (28 days) from the day of receipt, across months and years."""

from datetime import date

import pytest

from portal.services.appeal import appeal_deadline, appeal_period


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 30)),  # 2 + 28 = 30, same month
        (date(2026, 1, 15), date(2026, 2, 12)),  # 15 + 28 = 43 - 31 days in January = 12
        (date(2026, 2, 10), date(2026, 3, 10)),  # February 2026 has 28 days
        (date(2028, 2, 10), date(2028, 3, 9)),  # leap year: February 2028 has 29 days
        (date(2026, 12, 14), date(2027, 1, 11)),  # 14 + 28 = 42 - 31 = 11, next year
        (date(2026, 12, 31), date(2027, 1, 28)),
    ],
)
def test_four_weeks_from_the_decision_date(decided, expected):
    assert appeal_deadline(decided) == expected
    assert appeal_deadline(decided).weekday() == decided.weekday()


def test_from_another_receipt_date_when_the_case_says_so():
    assert appeal_deadline(date(2026, 3, 2), received=date(2026, 3, 4)) == date(2026, 4, 1)


def test_another_number_of_weeks():
    assert appeal_deadline(date(2026, 3, 2), weeks=6) == date(2026, 4, 13)


@pytest.mark.parametrize("weeks", [0, -1, 53])
def test_nonsense_periods_are_refused(weeks):
    with pytest.raises(ValueError):
        appeal_deadline(date(2026, 3, 2), weeks=weeks)


def test_receipt_before_the_decision_is_refused():
    with pytest.raises(ValueError):
        appeal_deadline(date(2026, 3, 2), received=date(2026, 3, 1))


@pytest.mark.parametrize(
    ("received", "period_ends", "expected"),
    [
        (date(2026, 3, 7), date(2026, 4, 4), date(2026, 4, 7)),  # Saturday before Easter Monday
        (date(2026, 3, 5), date(2026, 4, 2), date(2026, 4, 7)),  # Skærtorsdag 2026
        (date(2026, 3, 8), date(2026, 4, 5), date(2026, 4, 7)),  # Easter Sunday
        (date(2023, 4, 7), date(2023, 5, 5), date(2023, 5, 8)),  # Store bededag 2023
        (date(2026, 5, 8), date(2026, 6, 5), date(2026, 6, 8)),  # Grundlovsdag (a Friday)
        (date(2026, 11, 26), date(2026, 12, 24), date(2026, 12, 28)),  # Christmas, weekend
        (date(2027, 12, 3), date(2027, 12, 31), date(2028, 1, 3)),  # New Year's Eve, weekend
    ],
)
def test_a_period_ending_on_a_closed_day_moves_to_the_next_working_day(
    received, period_ends, expected
):
    period = appeal_period(received)
    assert period.period_ends == period_ends
    assert period.last_day == expected
    assert period.moved
    assert appeal_deadline(received) == expected


def test_store_bededag_is_a_working_day_from_2024():
    period = appeal_period(date(2024, 3, 29))  # ends Friday 26 April 2024, once Store bededag
    assert period.period_ends == date(2024, 4, 26)
    assert period.last_day == date(2024, 4, 26)
    assert not period.moved
