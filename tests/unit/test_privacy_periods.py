"""The privacy notice says each period in words worked out from the settings."""

from dataclasses import fields
from datetime import timedelta

import pytest

from portal.retention import RetentionPeriods
from portal.text import privacy


@pytest.mark.parametrize(
    ("days", "years"),
    [(365, 1), (366, 1), (730, 2), (731, 2), (1826, 5), (1827, 5), (3653, 10)],
)
def test_whole_years_with_or_without_their_leap_days(days, years):
    assert privacy.whole_years(days) == years


@pytest.mark.parametrize("days", [1, 90, 364, 367, 400, 732, 1000, 1828])
def test_days_that_are_not_whole_years(days):
    assert privacy.whole_years(days) is None


@pytest.mark.parametrize(
    ("days", "words"),
    [(1826, "5 år"), (365, "1 år"), (90, "90 dage"), (400, "400 dage"), (1, "1 dag")],
)
def test_days_in_words(days, words):
    assert privacy.days_in_words(days) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (30 * 60, "30 minutter"),
        (timedelta(minutes=15), "15 minutter"),
        (60, "1 minut"),
        (90, "2 minutter"),  # rounded up: never less than it is
        (5, "1 minut"),
        (3600, "1 time"),
        (8 * 3600.0, "8 timer"),
        (90 * 60, "90 minutter"),
    ],
)
def test_seconds_in_words(seconds, words):
    assert privacy.seconds_in_words(seconds) == words


def test_every_retention_setting_is_on_the_notice():
    periods = RetentionPeriods(audit_days=2000, notifications_days=400, preparation_days=730)
    kept = privacy.kept_for(periods)
    assert len(kept) == len(fields(RetentionPeriods))
    assert [k.period for k in kept] == ["2000 dage", "400 dage", "2 år"]
    assert all(k.what and k.counted_from for k in kept)
