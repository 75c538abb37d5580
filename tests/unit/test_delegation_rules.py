"""Fuldmagt rules without a database: how far ahead a fuldmagt may end, and its status."""

from datetime import UTC, date, datetime

from portal.models import Fuldmagt
from portal.services import delegation

TODAY = date(2026, 2, 28)


def test_latest_end_is_twelve_months_ahead_even_on_short_months():
    assert delegation.latest_end(date(2026, 3, 15)) == date(2027, 3, 15)
    assert delegation.latest_end(date(2028, 2, 29)) == date(2029, 2, 28)


def test_status_follows_the_period_and_who_ended_it():
    def terms(**ended):
        return Fuldmagt(starts_on=TODAY, ends_on=date(2026, 3, 31), **ended)

    assert delegation.status(terms(), date(2026, 2, 27)) == "not_started"
    assert delegation.status(terms(), TODAY) == "active"
    assert delegation.status(terms(), date(2026, 3, 31)) == "active"
    assert delegation.status(terms(), date(2026, 4, 1)) == "expired"
    moment = datetime(2026, 3, 1, 9, tzinfo=UTC)
    assert delegation.status(terms(revoked_at=moment), TODAY) == "revoked"
    assert delegation.status(terms(given_up_at=moment), TODAY) == "given_up"
