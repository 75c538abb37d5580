"""The privacy notice's words for periods (/privatliv): how long each kind of data is kept, and
when a log-in ends, said in words worked out from the settings, never written by hand.

The periods come from `settings["RETENTION"]` (portal/retention.py), the same value the retention
command deletes by, so the notice cannot promise something the command does not do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.retention import RetentionPeriods


def whole_years(days: int) -> int | None:
    """N when `days` is N whole years, counted with or without the leap days they may hold
    (365·N to 365·N + ⌈N/4⌉: 365 and 366 are one year, 1826 is five); otherwise None."""
    years = days // 365
    if years < 1:
        return None
    return years if days - 365 * years <= math.ceil(years / 4) else None


def days_in_words(days: int) -> str:
    """'5 år' for 1826 days, '90 dage' for 90: years only when the days are whole years."""
    years = whole_years(days)
    if years is not None:
        return ngettext("%(num)d år", "%(num)d år", years)
    return ngettext("%(num)d dag", "%(num)d dage", days)


def seconds_in_words(seconds: float | timedelta) -> str:
    """'8 timer' for whole hours, otherwise minutes ('30 minutter'), rounded up so the notice
    never says a log-in lasts less than it does."""
    if isinstance(seconds, timedelta):
        seconds = seconds.total_seconds()
    if seconds >= 3600 and seconds % 3600 == 0:
        return ngettext("%(num)d time", "%(num)d timer", int(seconds // 3600))
    return ngettext("%(num)d minut", "%(num)d minutter", max(1, math.ceil(seconds / 60)))


@dataclass(frozen=True)
class Kept:
    what: str  # the kind of data, as the notice names it
    period: str  # how long, in words
    counted_from: str  # the moment the period starts


# What each retention period covers and what it is counted from (RetentionPeriods' fields).
_KEPT = {
    "audit_days": (
        _l("Loggen over, hvem der har set og ændret dine oplysninger"),
        _l("fra den dag, det skete"),
    ),
    "notifications_days": (
        _l("Beskeder, vi har sendt dig på e-mail og sms"),
        _l("fra beskeden blev lavet"),
    ),
    "preparation_days": (
        _l("Din forberedelse til rehabiliteringsmødet"),
        _l("efter mødet"),
    ),
}


def kept_for(periods: RetentionPeriods) -> list[Kept]:
    """One line per retention setting, in the order the notice lists them."""
    return [
        Kept(str(what), days_in_words(getattr(periods, field)), str(counted_from))
        for field, (what, counted_from) in _KEPT.items()
    ]
