"""Quiet hours: reminders and notices of other people's actions wait until morning; the receipt
of the person's own action goes at once. Hours are Danish wall-clock hours."""

from __future__ import annotations

from datetime import datetime, timedelta

from portal import clock
from portal.models import Urgency

DEFAULT_QUIET = (21, 9)  # from 21:00 until 09:00, Europe/Copenhagen


def parse(value: str | None) -> tuple[int, int]:
    """ "21-09" → (21, 9). An empty value is the default; a bad one is refused at start-up."""
    if not value:
        return DEFAULT_QUIET
    start, _, end = value.partition("-")
    hours = (int(start), int(end))
    if not all(0 <= hour <= 23 for hour in hours) or hours[0] == hours[1]:
        raise ValueError(f"quiet hours must be two different hours 0-23, like 21-09: {value!r}")
    return hours


def is_quiet(moment: datetime, quiet: tuple[int, int]) -> bool:
    hour = clock.local(moment).hour
    start, end = quiet
    if start < end:
        return start <= hour < end
    return hour >= start or hour < end


def release_at(moment: datetime, urgency: str, quiet: tuple[int, int]) -> datetime:
    """The first moment at or after `moment` that a message of this urgency may be sent."""
    if urgency == Urgency.RECEIPT or not is_quiet(moment, quiet):
        return moment
    local = clock.local(moment)
    day = local.date() if local.hour < quiet[1] else local.date() + timedelta(days=1)
    return clock.at_local(day, quiet[1])
