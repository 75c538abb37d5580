"""Dates read in full Danish form, in Copenhagen time, across summer-time changes."""

from datetime import UTC, date, datetime

from portal import clock
from portal.web.i18n import long_date, long_datetime, short_date, time_of_day


def test_long_danish_date():
    assert long_date(date(2025, 1, 6), "da") == "mandag 6. januar 2025"
    assert long_date(date(2025, 1, 17), "en") == "Friday 17 January 2025"


def test_short_date():
    assert short_date(date(2026, 3, 12), "da") == "12. marts 2026"


def test_times_are_shown_in_copenhagen_time_winter_and_summer():
    winter = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)  # CET = UTC+1
    summer = datetime(2026, 7, 15, 8, 0, tzinfo=UTC)  # CEST = UTC+2
    assert time_of_day(winter, "da") == "kl. 10.00"
    assert time_of_day(summer, "da") == "kl. 10.00"
    assert long_datetime(winter, "da") == "torsdag 15. januar 2026 kl. 10.00"
    assert time_of_day(winter, "en") == "10:00"


def test_date_of_a_late_evening_instant_is_the_danish_date():
    # 23:30 UTC on 31 March is already 1 April in Copenhagen (summer time).
    assert long_date(datetime(2026, 3, 31, 23, 30, tzinfo=UTC), "da") == "onsdag 1. april 2026"


def test_at_local_handles_the_dst_change():
    # The clocks go forward on 29 March 2026: 10.00 is 09:00 UTC the day before, 08:00 UTC after.
    assert clock.at_local(date(2026, 3, 28), 10) == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    assert clock.at_local(date(2026, 3, 30), 10) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_frozen_clock():
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with clock.frozen(moment):
        assert clock.now() == moment
        assert clock.today() == date(2027, 1, 1)
    assert clock.now() != moment


def test_the_filters_read_as_babel_writes_the_patterns_every_day_of_four_years():
    # The filters write the patterns out from the locale's names (faster than Babel's pattern
    # engine): each day of 2024-2027, leap day included, and times either side of noon and of
    # the summer-time changes, both languages, must read exactly as Babel formats them.
    from datetime import timedelta

    from babel.dates import format_date, format_time

    from portal.web.i18n import _LOCALES, DATE_PATTERNS, SHORT_DATE_PATTERNS, TIME_PATTERNS

    day, checked = date(2024, 1, 1), 0
    while day < date(2028, 1, 1):
        for lang, locale in _LOCALES.items():
            assert long_date(day, lang) == format_date(day, DATE_PATTERNS[lang], locale=locale)
            assert short_date(day, lang) == format_date(
                day, SHORT_DATE_PATTERNS[lang], locale=locale
            )
            for hour, minute in ((0, 5), (9, 0), (12, 30), (23, 59)):
                moment = clock.at_local(day, hour, minute)
                local = clock.local(moment)
                expected = format_time(local.time(), TIME_PATTERNS[lang], locale=locale)
                assert time_of_day(moment, lang) == expected
                assert long_datetime(moment, lang) == (
                    format_date(local.date(), DATE_PATTERNS[lang], locale=locale) + " " + expected
                )
        day += timedelta(days=1)
        checked += 1
    assert checked == 1461
