"""The appeal deadline: 4 weeks (28 days) from the day of receipt, across months and years."""

from datetime import date

import pytest

from portal.services.appeal import appeal_deadline


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
    assert appeal_deadline(date(2026, 3, 2), received=date(2026, 3, 5)) == date(2026, 4, 2)


def test_another_number_of_weeks():
    assert appeal_deadline(date(2026, 3, 2), weeks=6) == date(2026, 4, 13)


@pytest.mark.parametrize("weeks", [0, -1, 53])
def test_nonsense_periods_are_refused(weeks):
    with pytest.raises(ValueError):
        appeal_deadline(date(2026, 3, 2), weeks=weeks)


def test_receipt_before_the_decision_is_refused():
    with pytest.raises(ValueError):
        appeal_deadline(date(2026, 3, 2), received=date(2026, 3, 1))
