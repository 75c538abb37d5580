"""Working days in Denmark: the one definition every deadline in the portal counts with.

A working day is Monday to Friday, and not a Danish public holiday, Grundlovsdag (5 June),
Christmas Eve (24 December) or New Year's Eve (31 December). 1 May is a working day.

The public holidays come from the `holidays` package's Danish calendar (`holidays.DK`), so there
is no hand-written list here: it knows, for example, that Store bededag stopped being a public
holiday from 2024. The package files 5 June, 24 and 31 December in its "optional" category,
together with other days that are not closing days; we take exactly those three from it.

Plain functions over dates; nothing here reads the database or the clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

# The days in the package's optional category that close the job centre, as (month, day).
_CLOSED_OPTIONAL = {(6, 5), (12, 24), (12, 31)}
_YEAR_MIN, _YEAR_MAX = 1900, 2199


@lru_cache(maxsize=64)
def _closed_days(year: int) -> dict[date, str]:
    """The year's weekday-independent closing days with their Danish names."""
    public = holidays.DK(years=year, language="da")
    optional = holidays.DK(years=year, language="da", categories=(holidays.OPTIONAL,))
    closed = dict(public.items())
    for day, name in optional.items():
        if (day.month, day.day) in _CLOSED_OPTIONAL:
            closed[day] = name
    return closed


def closed_day_name(day: date) -> str | None:
    """The Danish name of the holiday that closes `day`, or None (weekends have no name)."""
    if not _YEAR_MIN <= day.year <= _YEAR_MAX:
        return None
    return _closed_days(day.year).get(day)


def is_holiday(day: date) -> bool:
    """A public holiday, Grundlovsdag, Christmas Eve or New Year's Eve, whatever the weekday."""
    return closed_day_name(day) is not None


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """`count` working days after `day` (before it when `count` is negative); `day` not counted.

    With `count` 0 the day itself is returned, working day or not.
    """
    step = timedelta(days=1 if count >= 0 else -1)
    left = abs(count)
    while left > 0:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def working_days_before(day: date, count: int) -> date:
    """`count` working days before `day`."""
    return add_working_days(day, -count)


def working_days_after(day: date, count: int) -> list[date]:
    """The next `count` working days after `day`, in order (`day` itself excluded)."""
    days: list[date] = []
    while len(days) < count:
        day += timedelta(days=1)
        if is_working_day(day):
            days.append(day)
    return days


def working_days_between(first: date, last: date) -> int:
    """How many working days there are from `first` to `last`, both included (0 if none)."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count
